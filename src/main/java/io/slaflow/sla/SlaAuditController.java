package io.slaflow.sla;

import io.slaflow.org.IdentitySync;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/sla/records/{id}/audit}: everything that happened to one SLA record, oldest first, for
 * administrators and the managers of the record's team. Anyone else is told the record is not there.
 */
@RestController
public class SlaAuditController {

  private final SlaRecords records;
  private final SlaAudit audit;
  private final IdentityService identityService;

  public SlaAuditController(SlaRecords records, SlaAudit audit, IdentityService identityService) {
    this.records = records;
    this.audit = audit;
    this.identityService = identityService;
  }

  @GetMapping(path = "/api/sla/records/{id}/audit", produces = "application/json")
  public List<SlaAudit.Entry> audit(@PathVariable String id,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    SlaRecord record = records.find(id).filter(r -> mayRead(user, r.teamId()))
        .orElseThrow(() -> Problems.status(HttpStatus.NOT_FOUND, "No SLA record '" + id + "' you may read"));
    return audit.of(record.id());
  }

  private boolean mayRead(String user, String teamId) {
    return identityService.createGroupQuery().groupMember(user)
        .groupIdIn(Groups.CAMUNDA_ADMIN, IdentitySync.managersGroup(teamId)).count() > 0;
  }
}
