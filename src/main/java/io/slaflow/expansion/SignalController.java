package io.slaflow.expansion;

import io.slaflow.Creator;
import io.slaflow.IdempotentCreate;
import io.slaflow.intake.ApiAuthenticationFilter;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/signals}: product analytics or customer success report a usage or outcome signal. */
@RestController
public class SignalController {

  private final Expansion expansion;

  public SignalController(Expansion expansion) {
    this.expansion = expansion;
  }

  @PostMapping(path = "/api/signals", consumes = "application/json", produces = "application/json")
  public ResponseEntity<Expansion.Created> create(@Valid @RequestBody SignalRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiAuthenticationFilter.USER_ATTRIBUTE) String user) {
    Creator creator = Creator.client(user, idempotencyKey);
    return IdempotentCreate.answer(creator, () -> expansion.repeatOf(creator, request.externalId()),
        () -> expansion.create(request, creator), created -> "/api/signals/" + created.signalId());
  }
}
