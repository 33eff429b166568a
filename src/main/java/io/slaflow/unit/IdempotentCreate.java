package io.slaflow.unit;

import io.slaflow.web.Problems;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How every intake endpoint creates: a repeat (same {@code Idempotency-Key} header or same external id from the same
 * intake client) answers 200 with the first result and creates nothing; a new request answers 201 with a Location. A
 * concurrent request with the same key that wins the insert is answered as a repeat. Keys are per client: two
 * clients may use the same key or external id for different records, and neither learns of the other's.
 */
public final class IdempotentCreate {

  private static final int MAX_KEY_LENGTH = 200;

  private IdempotentCreate() {}

  /**
   * @param repeat finds the result of the creator's earlier request with the same key or external id
   * @param create creates anew; a unique-key violation means a concurrent twin won
   */
  public static <T> ResponseEntity<T> answer(Creator creator, Supplier<Optional<T>> repeat, Supplier<T> create,
      Function<T, String> location) {
    String idempotencyKey = creator.idempotencyKey();
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

  /**
   * The id of the record in {@code table} (a table with {@code intake_client}, {@code created_by},
   * {@code idempotency_key} and {@code external_id}) that the same creator made with the same idempotency key or,
   * failing that, the same external id. A record without a client belongs to the process that made it.
   */
  public static Optional<String> earlier(JdbcTemplate jdbc, String table, Creator creator, String externalId) {
    String owner = creator.intakeClient() != null ? "intake_client = ?" : "intake_client IS NULL AND created_by = ?";
    String ownerValue = creator.intakeClient() != null ? creator.intakeClient() : creator.createdBy();
    String select = "SELECT id FROM " + table + " WHERE " + owner + " AND ";
    if (creator.idempotencyKey() != null) {
      Optional<String> byKey = jdbc.queryForList(select + "idempotency_key = ?", String.class, ownerValue,
          creator.idempotencyKey()).stream().findFirst();
      if (byKey.isPresent()) {
        return byKey;
      }
    }
    return externalId == null ? Optional.empty()
        : jdbc.queryForList(select + "external_id = ?", String.class, ownerValue, externalId).stream().findFirst();
  }
}
