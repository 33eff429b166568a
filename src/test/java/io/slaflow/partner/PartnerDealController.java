package io.slaflow.partner;

import io.slaflow.unit.Creator;
import io.slaflow.unit.IdempotentCreate;
import io.slaflow.unit.RecordAccess;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/partner-deals}: a partner portal registers a deal; the portal and the channel team read it back. */
@RestController
public class PartnerDealController {

  private final PartnerDeals deals;
  private final RecordAccess access;

  public PartnerDealController(PartnerDeals deals, RecordAccess access) {
    this.deals = deals;
    this.access = access;
  }

  @PostMapping(path = "/api/partner-deals", consumes = "application/json", produces = "application/json")
  public ResponseEntity<PartnerDeals.Created> create(@Valid @RequestBody PartnerDealRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    Creator creator = Creator.client(user, idempotencyKey);
    return IdempotentCreate.answer(creator, () -> deals.repeatOf(creator, request.externalId()),
        () -> deals.create(request, creator), created -> "/api/partner-deals/" + created.dealId());
  }

  /** Administrators, the portal that sent it and the team it went to; 404 for anyone else. */
  @GetMapping(path = "/api/partner-deals/{id}", produces = "application/json")
  public PartnerDeals.View get(@PathVariable String id, @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    if (!access.mayRead(user, PartnerRegistrationUnit.UNIT, id)) {
      throw Problems.status(HttpStatus.NOT_FOUND, "No partner deal with id '" + id + "'");
    }
    return deals.find(id);
  }
}
