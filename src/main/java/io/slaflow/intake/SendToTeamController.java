package io.slaflow.intake;

import io.slaflow.org.Organisation;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.unit.RecordAccess;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/leads/{id}/team}: the manager of the team a lead waits in, or an administrator, sends it to another
 * team while its first contact is open. It is the way out of the unrouted queue, where leads from countries no row of
 * the assignment table names wait for the head of sales: the stage there ends (its visit closed as reassigned) and
 * the lead is routed in the new team, on a new first-contact clock.
 */
@RestController
public class SendToTeamController {

  /** The team to send the lead to, and why (kept on the lead's process for whoever looks later). */
  public record SendRequest(@NotBlank @Size(max = 64) String teamId, @NotBlank @Size(max = 500) String reason) {}

  /** Where the lead went: its team, owner (none while it waits in the team's queue) and new first-contact visit. */
  public record Sent(String leadId, String teamId, String owner, SlaRecord firstContact) {}

  private final RuntimeService runtimeService;
  private final RecordAccess access;
  private final Organisation organisation;
  private final SlaRecords slaRecords;

  public SendToTeamController(RuntimeService runtimeService, RecordAccess access, Organisation organisation,
      SlaRecords slaRecords) {
    this.runtimeService = runtimeService;
    this.access = access;
    this.organisation = organisation;
    this.slaRecords = slaRecords;
  }

  @PostMapping(path = "/api/leads/{id}/team", consumes = "application/json", produces = "application/json")
  @Transactional
  public Sent send(@PathVariable String id, @Valid @RequestBody SendRequest request,
      @RequestAttribute(ApiUser.ATTRIBUTE) String user) {
    ProcessInstance lead = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id)
        .processDefinitionKey(LeadVariables.PROCESS_KEY).singleResult();
    String team = lead == null ? null
        : RoutingVariables.TEAM_ID.read(name -> runtimeService.getVariable(lead.getId(), name));
    if (team == null || !access.mayRoute(user, team)) {
      // Whoever may not send it learns nothing of it, as of a lead that does not exist.
      throw Problems.status(HttpStatus.NOT_FOUND, "No open lead '" + id + "' you may send to another team");
    }
    if (organisation.team(request.teamId()).isEmpty() || request.teamId().equals(team)) {
      throw Problems.invalid("teamId", request.teamId().equals(team) ? "is the team the lead is in already"
          : "no team with this id");
    }
    boolean waiting = runtimeService.createEventSubscriptionQuery().processInstanceId(lead.getId())
        .eventName(RoutingVariables.SENT_TO_TEAM_MESSAGE).count() > 0;
    if (!waiting) {
      throw Problems.status(HttpStatus.CONFLICT, "Lead '" + id + "' is past its first contact: it stays with its team");
    }
    runtimeService.createMessageCorrelation(RoutingVariables.SENT_TO_TEAM_MESSAGE).processInstanceId(lead.getId())
        .setVariable(RoutingVariables.TEAM_ID.name(), request.teamId())
        .setVariable(LeadVariables.SENT_TO_TEAM_BY.name(), user)
        .setVariable(LeadVariables.SENT_TO_TEAM_REASON.name(), request.reason().strip()).correlate();
    SlaRecord visit = slaRecords.forRecord(LeadVariables.PROCESS_KEY, id).stream()
        .filter(record -> record.completedAt() == null).findFirst().orElseThrow();
    return new Sent(id, visit.teamId(), visit.ownerId(), visit);
  }
}
