package io.slaflow;

import io.slaflow.org.IdentitySync;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.stereotype.Component;

/**
 * Who may read and work a business record (an opportunity, a ticket) through our API: administrators and intake
 * systems every record, people the records routed to a team they belong to.
 */
@Component
public class RecordAccess {

  private final IdentityService identityService;

  public RecordAccess(IdentityService identityService) {
    this.identityService = identityService;
  }

  public boolean mayRead(String user, List<String> teamsOfRecord) {
    if (identityService.createGroupQuery().groupMember(user)
        .groupIdIn(Groups.CAMUNDA_ADMIN, IdentitySync.INTAKE).count() > 0) {
      return true;
    }
    return !teamsOfRecord.isEmpty() && identityService.createGroupQuery().groupMember(user)
        .groupIdIn(teamsOfRecord.toArray(String[]::new)).count() > 0;
  }
}
