package io.slaflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns bad input into {@code application/problem+json} that names every offending field. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackages = "io.slaflow")
public class Problems {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One bad field: its JSON name and what is wrong with it. */
  public record FieldProblem(String field, String message) {}

  @ExceptionHandler(MethodArgumentNotValidException.class)
  public ProblemDetail invalid(MethodArgumentNotValidException e) {
    List<FieldProblem> problems = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
    }
    problems.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
    return validation(problems);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ProblemDetail unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
      String message = mismatch instanceof InvalidFormatException ? "has the wrong type" : "cannot be read";
      return validation(List.of(new FieldProblem(field, message)));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The request body is not valid JSON.");
    problem.setTitle("Malformed request body");
    return problem;
  }

  public static ProblemDetail validation(List<FieldProblem> problems) {
    String fields = String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid fields: " + fields);
    problem.setTitle("Invalid request");
    problem.setType(URI.create("https://slaflow.io/problems/validation"));
    problem.setProperty("errors", problems);
    return problem;
  }

  /** An error answer with a status and a sentence, e.g. 404 "No lead with id 'x'". */
  public static ErrorResponseException status(HttpStatus status, String detail) {
    return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
  }

  /** A 400 answer naming one bad field. */
  public static ErrorResponseException invalid(String field, String message) {
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, validation(List.of(new FieldProblem(field, message))),
        null);
  }

  /** For filters, which run outside Spring MVC's exception handling. */
  public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    JSON.writeValue(response.getOutputStream(), Map.of("status", status, "title", title, "detail", detail));
  }
}
