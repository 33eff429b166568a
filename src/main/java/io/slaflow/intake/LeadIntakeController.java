package io.slaflow.intake;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/leads}: web forms and marketing automation create leads here. */
@RestController
public class LeadIntakeController {

  private final LeadIntake intake;

  public LeadIntakeController(LeadIntake intake) {
    this.intake = intake;
  }

  /** 201 with the new lead; a repeat (same Idempotency-Key or external id) returns the first result with 200. */
  @PostMapping(path = "/api/leads", consumes = "application/json", produces = "application/json")
  public ResponseEntity<LeadIntake.Created> create(
      @Valid @RequestBody LeadRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiAuthenticationFilter.USER_ATTRIBUTE) String user) {
    Optional<LeadIntake.Created> repeat = intake.repeatOf(idempotencyKey, request.externalId());
    if (repeat.isPresent()) {
      return ResponseEntity.ok(repeat.get());
    }
    try {
      LeadIntake.Created created = intake.create(request, idempotencyKey, user);
      return ResponseEntity.created(URI.create("/api/leads/" + created.leadId())).body(created);
    } catch (DataIntegrityViolationException raced) {
      // A concurrent request with the same key won the insert; answer with its result.
      return intake.repeatOf(idempotencyKey, request.externalId()).map(ResponseEntity::ok).orElseThrow(() -> raced);
    }
  }
}
