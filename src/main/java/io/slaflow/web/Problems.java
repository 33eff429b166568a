package io.slaflow.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns bad input into {@code application/problem+json} that names every offending field. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackages = "io.slaflow")
public class Problems {

  static final String MEDIA_TYPE = "application/problem+json";
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

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
    if (causedBy(e, ApiInput.BodyTooLarge.class)) {
      return ApiInput.tooLarge();
    }
    if (causedBy(e, ApiInput.NotUtf8.class)) {
      return malformed("The request body is not valid UTF-8.");
    }
    // Jackson names the field it was reading when the value was wrong, also for a number out of range or a value
    // beyond the read limits.
    String field = e.getCause() instanceof JsonMappingException mapping ? fieldOf(mapping) : "";
    if (!field.isEmpty()) {
      String message = e.getCause() instanceof ApiInput.NotText
          ? "must not contain a NUL or an unpaired surrogate character"
          : e.getCause() instanceof InvalidFormatException ? "has the wrong type"
          : causedBy(e, InputCoercionException.class) ? "is out of range"
          : causedBy(e, StreamConstraintsException.class) ? "is nested too deeply or is too long a number"
          : "cannot be read";
      return validation(List.of(new FieldProblem(field, message)));
    }
    // Strict duplicate detection (application.yaml) stops the parser at the key's second occurrence.
    if (e.getCause() instanceof JsonParseException parse && parse.getProcessor() != null
        && String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field")) {
      return validation(List.of(new FieldProblem(parse.getProcessor().getParsingContext().getCurrentName(),
          "is given twice")));
    }
    if (causedBy(e, StreamConstraintsException.class)) {
      return malformed("The request body is nested deeper than " + ApiInput.MAX_NESTING
          + " levels or has a number longer than " + ApiInput.MAX_NUMBER_DIGITS + " digits.");
    }
    return malformed("The request body is not valid JSON.");
  }

  /** A query parameter that does not convert, such as {@code from=31.12.2026}. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ProblemDetail wrongParameter(MethodArgumentTypeMismatchException e) {
    return validation(List.of(new FieldProblem(e.getName(),
        e.getRequiredType() == LocalDate.class ? "must be a date such as 2026-11-01" : "has the wrong type")));
  }

  /**
   * Two requests changed the same process instance at once (two activities on one opportunity, say). Every write of
   * our API is one transaction, so the one that lost changed nothing and may simply be sent again.
   */
  @ExceptionHandler(OptimisticLockingException.class)
  public ProblemDetail concurrentChange(OptimisticLockingException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        "Another request changed this record at the same moment; this one changed nothing. Send it again.");
    problem.setTitle("Concurrent change");
    return problem;
  }

  /**
   * The database rolled a transaction back for another one (a deadlock on H2, a deadlock or serialization failure on
   * PostgreSQL: SQLState class 40) or gave up waiting for a row another request held (H2's lock timeout, HYT00):
   * like a concurrent change above, nothing was changed and the request may be sent again, so 409, not a 500. Any
   * other persistence failure stays a server error.
   */
  @ExceptionHandler(ProcessEnginePersistenceException.class)
  public ProblemDetail rolledBack(ProcessEnginePersistenceException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("40") || sql.getSQLState().equals("HYT00"))) {
        return concurrentChange(null);
      }
    }
    throw e;
  }

  /**
   * The same, met by our own SQL rather than the engine's: Spring translates a deadlock into a
   * {@link ConcurrencyFailureException} and H2's lock wait that ran out into a {@link QueryTimeoutException}. Two
   * writes to one ticket (a priority change while the ticket is reopened) lock its row and the process's variables in
   * opposite orders, and the database rolls one back.
   */
  @ExceptionHandler({ConcurrencyFailureException.class, QueryTimeoutException.class})
  public ProblemDetail rolledBack(TransientDataAccessException e) {
    return concurrentChange(null);
  }

  private static ProblemDetail malformed(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle("Malformed request body");
    return problem;
  }

  /** The JSON path of the value Jackson failed on: {@code name}, {@code workingDays[2]}. */
  private static String fieldOf(JsonMappingException e) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference step : e.getPath()) {
      if (step.getFieldName() != null) {
        field.append(field.length() == 0 ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        field.append('[').append(step.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
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
    response.setContentType(MEDIA_TYPE);
    response.getOutputStream().write(document(status, title, detail).getBytes(StandardCharsets.US_ASCII));
  }

  /** A problem document with its status, title and detail, in ASCII: right whatever charset a writer assumes. */
  static String document(int status, String title, String detail) {
    try {
      return JSON.writeValueAsString(Map.of("status", status, "title", title, "detail", detail));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
