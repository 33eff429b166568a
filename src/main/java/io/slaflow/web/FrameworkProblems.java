package io.slaflow.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own errors (unknown path or method, unsupported or unacceptable media type...) as
 * {@code application/problem+json}, whatever the request's Accept header says: a 406 for {@code Accept: garbage}
 * would otherwise go out empty, as the problem cannot be negotiated against that header either. Takes the place of
 * Spring Boot's {@code spring.mvc.problemdetails} handler; {@link Problems} answers first for our own controllers.
 */
@RestControllerAdvice
public class FrameworkProblems extends ResponseEntityExceptionHandler {

  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    HttpHeaders problem = new HttpHeaders();
    problem.addAll(headers);
    problem.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(body, problem, status);
  }
}
