package io.slaflow.contract;

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

/** {@code POST /api/contracts}: billing or the CRM reports a signed contract; onboarding starts for the account. */
@RestController
public class ContractController {

  private final ContractIntake intake;

  public ContractController(ContractIntake intake) {
    this.intake = intake;
  }

  @PostMapping(path = "/api/contracts", consumes = "application/json", produces = "application/json")
  public ResponseEntity<ContractIntake.Created> create(@Valid @RequestBody ContractRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiAuthenticationFilter.USER_ATTRIBUTE) String user) {
    Creator creator = Creator.client(user, idempotencyKey);
    return IdempotentCreate.answer(creator, () -> intake.repeatOf(creator, request.externalId()),
        () -> intake.create(request, creator, null, null),
        created -> "/api/contracts/" + created.contractId());
  }
}
