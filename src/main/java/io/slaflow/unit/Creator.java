package io.slaflow.unit;

/**
 * Who creates a business record. An intake client (an intake system or an administrator calling our API) owns what
 * it creates: its idempotency keys and external ids repeat only among its own records, and an intake system reads
 * back only those. Our processes and the demo data create records no client owns.
 *
 * @param createdBy the user or process named in the record's {@code created_by}
 * @param intakeClient the record's {@code intake_client}: the API user, or null for our processes
 * @param idempotencyKey the request's {@code Idempotency-Key} header, if it had one
 */
public record Creator(String createdBy, String intakeClient, String idempotencyKey) {

  /** An API user's request. */
  public static Creator client(String user, String idempotencyKey) {
    return new Creator(user, user, idempotencyKey);
  }

  /** One of our processes, the demo data or a test, by name. */
  public static Creator process(String name) {
    return new Creator(name, null, null);
  }
}
