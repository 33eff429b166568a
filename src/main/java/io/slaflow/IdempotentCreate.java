package io.slaflow;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;

/**
 * How every intake endpoint creates: a repeat (same {@code Idempotency-Key} header or same external id) answers 200
 * with the first result and creates nothing; a new request answers 201 with a Location. A concurrent request with
 * the same key that wins the insert is answered as a repeat.
 */
public final class IdempotentCreate {

  private static final int MAX_KEY_LENGTH = 200;

  private IdempotentCreate() {}

  /**
   * @param repeat finds the result of an earlier request with the same key or external id
   * @param create creates anew; a unique-key violation means a concurrent twin won
   */
  public static <T> ResponseEntity<T> answer(String idempotencyKey, Supplier<Optional<T>> repeat, Supplier<T> create,
      Function<T, String> location) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
      throw Problems.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    Optional<T> earlier = repeat.get();
    if (earlier.isPresent()) {
      return ResponseEntity.ok(earlier.get());
    }
    try {
      T created = create.get();
      return ResponseEntity.created(URI.create(location.apply(created))).body(created);
    } catch (DataIntegrityViolationException raced) {
      return repeat.get().map(ResponseEntity::ok).orElseThrow(() -> raced);
    }
  }
}
