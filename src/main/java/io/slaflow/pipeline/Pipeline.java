package io.slaflow.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.slaflow.calendar.EngineTime;
import io.slaflow.contract.ContractIntake;
import io.slaflow.contract.ContractRequest;
import io.slaflow.notify.Message;
import io.slaflow.notify.Notifier;
import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.routing.OwnerRouting;
import io.slaflow.routing.TeamAccess;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaClock;
import io.slaflow.sla.SlaLadder;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaVariables;
import io.slaflow.sla.StageHistory;
import io.slaflow.unit.Creator;
import io.slaflow.web.ContactPhone;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The sales pipeline's own steps, called from processes/sales-pipeline.bpmn as {@code ${pipeline.…}}: the deal's
 * clocks (idle, stalled, stale, follow-up) planned from the policy table, recycling to marketing, the idle
 * reassignment, the manager's pullback and reset, and the close.
 */
@Component("pipeline")
public class Pipeline {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Rows of processes/sla-policy.dmn that are deadlines on the opportunity rather than a stage's clock. */
  static final String IDLE_RULE = "idle-opportunity";
  static final String STALLED_RULE = "stalled-deal";
  static final String STALE_RULE = "stale-qualified-lead";
  static final String FOLLOW_UP_RULE = "prospect-follow-up";
  static final String STALLED_REVIEW_RULE = "stalled-deal-review";
  static final String SYSTEM_USER = "slaflow";

  private final SlaClock slaClock;
  private final SlaLadder ladder;
  private final SlaRecords records;
  private final StageHistory stageHistory;
  private final OwnerRouting routing;
  private final TeamAccess teamAccess;
  private final Organisation organisation;
  private final Opportunities opportunities;
  private final PipelineIntake intake;
  private final ContractIntake contracts;
  private final Notifier notifier;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final String marketingEmail;
  private final String baseUrl;

  public Pipeline(SlaClock slaClock, SlaLadder ladder, SlaRecords records, StageHistory stageHistory,
      OwnerRouting routing, TeamAccess teamAccess, Organisation organisation, Opportunities opportunities,
      PipelineIntake intake, ContractIntake contracts, Notifier notifier, @Lazy TaskService taskService,
      @Lazy RuntimeService runtimeService,
      @Value("${slaflow.marketing.email:marketing@slaflow.example}") String marketingEmail,
      @Value("${slaflow.base-url:http://localhost:8080}") String baseUrl) {
    this.slaClock = slaClock;
    this.ladder = ladder;
    this.records = records;
    this.stageHistory = stageHistory;
    this.routing = routing;
    this.teamAccess = teamAccess;
    this.organisation = organisation;
    this.opportunities = opportunities;
    this.intake = intake;
    this.contracts = contracts;
    this.notifier = notifier;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.marketingEmail = marketingEmail;
    this.baseUrl = baseUrl;
  }

  /**
   * The opportunity phase starts (after acceptance, a handoff, or a manager's reset): plans the 60-day stalled-deal
   * pullback, the idle reassignment and the stale-lead return from now, and chooses the stage to start at.
   */
  public void planDeal(DelegateExecution execution) {
    execution.setVariable(PipelineVariables.DEAL_STALLED_AT, at(slaClock.deadline(execution, STALLED_RULE)));
    execution.setVariable(PipelineVariables.IDLE_REASSIGN_AT, at(slaClock.deadline(execution, IDLE_RULE)));
    execution.setVariable(PipelineVariables.STALE_AT, at(slaClock.deadline(execution, STALE_RULE)));
    Object resume = execution.getVariable(PipelineVariables.STAGE);
    String first = Opportunity.HANDOFF.equals(execution.getVariable(PipelineVariables.KIND))
        ? "ae-follow-up" : "schedule-discovery";
    execution.setVariable(PipelineVariables.NEXT_STAGE, resume == null ? first : resume);
    // A reassignment before the deal (an MQL that lapsed) is told already; later stages are not "reassigned from".
    execution.removeVariable(RoutingVariables.PREVIOUS_OWNER);
    execution.removeVariable(RoutingVariables.PREVIOUS_SLA_RECORD_ID);
  }

  /** A stage starts: the deal moved, so its idle and stalled clocks start again. */
  public void stageMoved(DelegateExecution execution, String stage) {
    execution.setVariable(PipelineVariables.STAGE, stage);
    Instant stalled = slaClock.deadline(execution, STALLED_RULE);
    execution.setVariable(PipelineVariables.DEAL_STALLED_AT, at(stalled));
    slaClock.moveTimer(execution.getProcessInstanceId(), PipelineVariables.STALLED_TIMER, stalled);
    actedOn(execution);
  }

  /** The rep acted on the opportunity (a logged activity or a stage move): the idle clock starts again. */
  public void actedOn(DelegateExecution execution) {
    Instant idle = slaClock.deadline(execution, IDLE_RULE);
    execution.setVariable(PipelineVariables.IDLE_REASSIGN_AT, at(idle));
    slaClock.moveTimer(execution.getProcessInstanceId(), PipelineVariables.IDLE_TIMER, idle);
  }

  /** An activity was logged through the API: the idle clock starts again. */
  public void actedOn(String processInstanceId) {
    Map<String, Object> variables = runtimeService.getVariables(processInstanceId);
    Instant idle = slaClock.deadline(PipelineVariables.PROCESS_KEY, variables::get, IDLE_RULE, EngineTime.now());
    runtimeService.setVariable(processInstanceId, PipelineVariables.IDLE_REASSIGN_AT, at(idle));
    slaClock.moveTimer(processInstanceId, PipelineVariables.IDLE_TIMER, idle);
  }

  /**
   * Nobody acted on the opportunity within the idle period: it goes to another rep of the team (never back to one
   * who let it idle), with its open task, and the idle clock starts again for the new owner.
   */
  public void reassignIdle(DelegateExecution execution) {
    String previous = (String) execution.getVariable(RoutingVariables.OWNER);
    String teamId = (String) execution.getVariable(RoutingVariables.TEAM_ID);
    List<String> lapsed = new ArrayList<>(List.of(
        ((String) execution.getVariable(RoutingVariables.LAPSED_OWNERS) + "").split(",")));
    lapsed.removeIf(id -> id.isBlank() || "null".equals(id));
    if (previous != null && !lapsed.contains(previous)) {
      lapsed.add(previous);
    }
    execution.setVariable(RoutingVariables.LAPSED_OWNERS, String.join(",", lapsed));
    routing.assign(execution);
    String owner = (String) execution.getVariable(RoutingVariables.OWNER);
    TaskQuery open = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId());
    for (Task task : (previous == null ? open.taskUnassigned() : open.taskAssignee(previous)).list()) {
      teamAccess.revokeTask(task.getId(), previous, teamId);
      taskService.setAssignee(task.getId(), owner);
      if (owner == null) {
        taskService.addCandidateGroup(task.getId(), teamId);
      }
    }
    String recordId = (String) execution.getVariable(SlaVariables.RECORD_ID);
    if (recordId != null) {
      records.ownerChanged(recordId, owner);
      records.reassignedTo(recordId, owner);
    }
    stageHistory.ownerChanged(execution, owner);
    opportunities.logActivity(execution.getProcessBusinessKey(), "reassigned",
        "Not acted on within the idle period: " + previous + " -> " + (owner == null ? "team queue" : owner),
        SYSTEM_USER, EngineTime.now());
    execution.setVariable(RoutingVariables.PREVIOUS_OWNER, previous);
    execution.setVariable(RoutingVariables.PREVIOUS_SLA_RECORD_ID, recordId);
    execution.setVariable(PipelineVariables.IDLE_REASSIGN_AT, at(slaClock.deadline(execution, IDLE_RULE)));
  }

  /** Tells the rep who let the opportunity idle where it went; the handover facts are not kept for later stages. */
  public void tellIdleOwner(DelegateExecution execution) {
    ladder.tellPreviousOwner(execution);
    execution.removeVariable(RoutingVariables.PREVIOUS_OWNER);
    execution.removeVariable(RoutingVariables.PREVIOUS_SLA_RECORD_ID);
  }

  /** The discovery call's date and time from the form, read in the team's time zone unless it names an offset. */
  public void discoveryScheduled(DelegateExecution execution) {
    Object value = execution.getVariable("discoveryDate");
    ZoneId zone = organisation.calendar((String) execution.getVariable(RoutingVariables.TEAM_ID)).zone();
    Instant meeting = parseInstant(value, zone);
    execution.setVariable(PipelineVariables.DISCOVERY_AT, at(meeting));
    // Waiting for the booked call is not idling: the idle clock counts from the call.
    Instant idle = slaClock.deadline(PipelineVariables.PROCESS_KEY, execution::getVariable, IDLE_RULE,
        meeting.isAfter(EngineTime.now()) ? meeting : EngineTime.now());
    execution.setVariable(PipelineVariables.IDLE_REASSIGN_AT, at(idle));
    slaClock.moveTimer(execution.getProcessInstanceId(), PipelineVariables.IDLE_TIMER, idle);
  }

  static Instant parseInstant(Object value, ZoneId zone) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    String text = String.valueOf(value).trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException noOffset) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeParseException noTime) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
    }
  }

  /** The next reminder to follow up with the prospect, from the policy table (every 2 business days). */
  public void planFollowUp(DelegateExecution execution) {
    execution.setVariable(PipelineVariables.FOLLOW_UP_AT, at(slaClock.deadline(execution, FOLLOW_UP_RULE)));
  }

  /** Reminds the owner to follow up with the prospect, then plans the next reminder. */
  public void followUpReminder(DelegateExecution execution) {
    Date due = (Date) execution.getVariable(PipelineVariables.FOLLOW_UP_AT);
    Person owner = organisation.person((String) execution.getVariable(RoutingVariables.OWNER)).orElse(null);
    if (owner != null) {
      String key = execution.getProcessBusinessKey() + ":follow-up:" + due.toInstant();
      notifier.send(new Message(key, "follow-up", (String) execution.getVariable(SlaVariables.RECORD_ID),
          List.of(owner), List.of(), "[Slaflow] Follow up with the prospect: " + title(execution),
          "The proposal is out and the prospect has not answered yet.\n\n"
              + "Record: " + title(execution) + "\n\nFollow up today (call or email) and log it: "
              + baseUrl + "/api/opportunities/" + execution.getProcessBusinessKey() + "/activities\n"
              + "The reminders stop when the prospect answers or the deal moves on.\n").withDueAt(due.toInstant()));
    }
    planFollowUp(execution);
  }

  /** Sales rejected the MQL or found it not sales-ready: back to marketing nurture, with the reason. */
  public void recycle(DelegateExecution execution) {
    String reason = (String) execution.getVariable("rejectReason");
    close(execution, "recycled", reason);
  }

  /** The lead went stale before discovery: back to marketing, recorded as such. */
  public void returnStale(DelegateExecution execution) {
    stageHistory.interrupted(execution, "returned-to-marketing");
    close(execution, "recycled", "stale: no discovery within the policy's period");
  }

  /** Marketing hears that a lead came back to nurture, and why. */
  public void tellMarketing(DelegateExecution execution) {
    Opportunity o = opportunities.find(execution.getProcessBusinessKey()).orElseThrow();
    Person marketing = Person.mailbox("marketing", "Marketing", marketingEmail);
    notifier.send(new Message(o.id() + ":recycled", "recycled", (String) execution.getVariable(SlaVariables.RECORD_ID),
        List.of(marketing), List.of(), "[Slaflow] Back to nurture: " + o.company() + ", " + o.contactName(),
        "Sales returned this lead to marketing nurture.\n\n"
            + "Contact: " + o.contactName() + " <" + o.contactEmail() + ">\n"
            + "Company: " + o.company() + " (" + o.country() + ")\n"
            + "Source:  " + o.source() + "\n"
            + "Reason:  " + o.statusReason() + "\n"));
  }

  /** The deal has not moved within the stalled period: it is pulled back to the manager. */
  public void pullBack(DelegateExecution execution) {
    stageHistory.interrupted(execution, "pulled-back");
    String teamId = (String) execution.getVariable(RoutingVariables.TEAM_ID);
    // A JSON variable: Tasklist's form reads the manager's choice of new owner from it.
    ArrayNode reps = JSON.createArrayNode();
    organisation.reps(teamId).forEach(rep -> reps.addObject().put("value", rep.id()).put("label", rep.displayName()));
    execution.setVariable(PipelineVariables.TEAM_REPS, SpinValues.jsonValue(reps.toString()).create());
    execution.setVariable("stalledReviewDueAt", at(slaClock.deadline(execution, STALLED_REVIEW_RULE)));
    opportunities.logActivity(execution.getProcessBusinessKey(), "pulled-back",
        "Not moved within the stalled period; pulled back to the manager", SYSTEM_USER, EngineTime.now());
  }

  /** The manager resets the deal: a new owner and next step; the deal resumes at the stage it was in. */
  public void reset(DelegateExecution execution) {
    // The form's choice of owner is checked against the team's reps by the stage gate.
    String newOwner = (String) execution.getVariable("newOwner");
    execution.setVariable(RoutingVariables.OWNER, newOwner);
    teamAccess.openInstanceToTeam(execution.getProcessInstanceId(),
        (String) execution.getVariable(RoutingVariables.TEAM_ID));
    opportunities.logActivity(execution.getProcessBusinessKey(), "reset",
        "Reset by the manager to " + newOwner + ". Next step: " + execution.getVariable("nextStep"),
        SYSTEM_USER, EngineTime.now());
  }

  /** The deal leaves the pipeline: won, lost, disqualified or recycled, with the form's reason. */
  public void close(DelegateExecution execution, String status, String reason) {
    opportunities.closed(execution.getProcessBusinessKey(), status, reason, EngineTime.now());
    execution.setVariable(PipelineVariables.OUTCOME, status);
  }

  /** Lead routing: the rep marked a contacted lead sales-ready, so it is handed to sales as an MQL. */
  public void handOffLead(DelegateExecution execution) {
    String name = (String) execution.getVariable("leadName");
    String company = (String) execution.getVariable("leadCompany");
    OpportunityRequest request = new OpportunityRequest(name, (String) execution.getVariable("leadEmail"),
        (String) execution.getVariable(ContactPhone.VARIABLE), company == null || company.isBlank() ? name : company,
        (String) execution.getVariable("country"), (String) execution.getVariable("source"),
        (String) execution.getVariable("product"), null, null);
    intake.create(Opportunity.MQL, request, Creator.process(SYSTEM_USER), execution.getProcessBusinessKey());
  }

  /** A won deal becomes a contract, which starts the onboarding unit for the account. */
  public void startOnboarding(DelegateExecution execution) {
    Object amount = execution.getVariable("wonAmount");
    ContractRequest contract = new ContractRequest((String) execution.getVariable(PipelineVariables.COMPANY),
        (String) execution.getVariable(PipelineVariables.CONTACT_NAME),
        (String) execution.getVariable(PipelineVariables.CONTACT_EMAIL),
        (String) execution.getVariable(PipelineVariables.COUNTRY),
        (String) execution.getVariable(PipelineVariables.PRODUCT),
        amount instanceof Number number ? BigDecimal.valueOf(number.doubleValue()) : null, null, null);
    contracts.create(contract, Creator.process(SYSTEM_USER), execution.getProcessBusinessKey(),
        (String) execution.getVariable(RoutingVariables.OWNER));
  }

  private static String title(DelegateExecution execution) {
    return (String) execution.getVariable(SlaVariables.RECORD_TITLE);
  }

  private static Date at(Instant instant) {
    return Date.from(instant);
  }
}
