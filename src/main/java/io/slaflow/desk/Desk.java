package io.slaflow.desk;

import io.slaflow.intake.LeadVariables;
import io.slaflow.org.Organisation;
import io.slaflow.pipeline.ActivityRequest;
import io.slaflow.pipeline.Opportunities;
import io.slaflow.pipeline.PipelineVariables;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import io.slaflow.sla.SlaStanding;
import io.slaflow.sla.SlaVariables;
import io.slaflow.support.SupportVariables;
import io.slaflow.unit.ContactVariables;
import io.slaflow.unit.RecordAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The rep's desk in Tasklist: what a task's card says about the record behind it (its current title, the visit's
 * standing), the record view beside the task's form (contact, SLA in words, ladder, earlier visits, actions, notes),
 * and the notes people leave. Only for tasks the engine lets that person read; the variables behind them stay
 * unreadable to reps, who get these words, not the process data.
 */
@Component
public class Desk {

  private final TaskService taskService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final SlaRecords records;
  private final Organisation organisation;
  private final Opportunities opportunities;
  private final RecordAccess access;

  public Desk(TaskService taskService, HistoryService historyService, IdentityService identityService,
      SlaRecords records, Organisation organisation, Opportunities opportunities, RecordAccess access) {
    this.taskService = taskService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.records = records;
    this.organisation = organisation;
    this.opportunities = opportunities;
    this.access = access;
  }

  /**
   * One task card's words: the record it is for, the SLA standing (key and label), the due time, and while the clock
   * stands still since when and why. A task outside an SLA stage has no standing.
   */
  public record Card(String taskId, String record, String standing, String standingLabel, Instant dueAt,
      Instant pausedAt, String pauseReason) {}

  /** A rung of the visit's ladder and when it falls due. */
  public record Rung(String name, Instant at) {}

  /** An earlier or the current visit of a stage of the record: who had it, when, and how it ended. */
  public record Visit(String stage, String owner, Instant startedAt, Instant dueAt, Instant completedAt,
      String outcome) {}

  /**
   * The record behind a task as the rep reads it: what it is and whom to contact, the SLA in words with its clock and
   * every rung of the ladder, the time the clock stood still, and every visit of the record's stages so far.
   */
  public record RecordView(String taskId, String record, String contactName, String contactEmail,
      String contactPhone, String policy,
      String clock, String standing, String standingLabel, List<Rung> ladder, long pausedSeconds, Instant pausedAt,
      String pauseReason, List<Visit> history, List<Activity> activities, List<Action> actions, List<Note> notes) {}

  /** What was done on a deal (a call, a meeting) or what the prospect did, by whom and when, oldest first. */
  public record Activity(String kind, String note, String by, Instant at) {}

  /** A note someone left on the record, newest first in the record view. */
  public record Note(String author, Instant at, String text) {}

  /** The longest note: a few paragraphs, not a document. */
  public static final int NOTE_LENGTH = 2000;

  /** Something the rep can do about the record from the task: a POST to {@code path} of the inputs' values. */
  public record Action(String label, String path, List<Input> inputs) {}

  /**
   * A value an action sends as {@code name}: chosen among {@code options} (value to words) when there are any,
   * otherwise typed, with {@code hint} as an example.
   */
  public record Input(String name, String label, String hint, Map<String, String> options) {}

  private static final Map<String, String> RUNGS = new LinkedHashMap<>();
  private static final String FIRST_CONTACT = "first-contact";
  private static final Input PAUSE_REASON = new Input("reason", "Reason", "Why it waits, e.g. asked for the logs",
      Map.of());
  private static final List<Input> ACTIVITY = List.of(
      new Input("kind", "Kind", null, ActivityRequest.KINDS_IN_WORDS),
      new Input("note", "What happened", "e.g. called, agreed a demo on Tuesday", Map.of()));

  static {
    RUNGS.put(SlaVariables.WARNING_AT.name(), "First warning to the owner");
    RUNGS.put(SlaVariables.FINAL_WARNING_AT.name(), "Final warning to the owner");
    RUNGS.put(SlaVariables.DUE_AT.name(), "Due: the SLA is breached after this");
    RUNGS.put(SlaVariables.ESCALATE_AT.name(), "Escalated to the manager");
    RUNGS.put(SlaVariables.REASSIGN_AT.name(), "Reassigned to another rep");
  }

  /** The record view of a task {@code user} may read; empty for any other task. */
  public Optional<RecordView> record(String user, String taskId) {
    List<Task> readable = readableBy(user, List.of(taskId));
    if (readable.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>(List.of(SlaVariables.RECORD_TITLE.name(), SlaVariables.RECORD_ID.name(),
        SlaVariables.STATE.name(), SlaVariables.POLICY.name(), ContactVariables.NAME.name(),
        ContactVariables.EMAIL.name(), ContactVariables.PHONE.name()));
    names.addAll(RUNGS.keySet());
    Map<String, Object> variables = taskService.getVariables(taskId, names);
    Optional<SlaRecord> visit = Optional.ofNullable(SlaVariables.RECORD_ID.from(variables))
        .flatMap(records::find);
    List<Rung> ladder = new ArrayList<>();
    Object due = variables.get(SlaVariables.DUE_AT.name());
    RUNGS.forEach((variable, name) -> {
      // A policy without a warning puts it at the due time: the breach is then the first alert.
      if (variables.get(variable) instanceof Date at
          && (variable.equals(SlaVariables.DUE_AT.name()) || !at.equals(due))) {
        ladder.add(new Rung(name, at.toInstant()));
      }
    });
    SlaStanding standing = visit.filter(v -> v.completedAt() == null)
        .map(v -> SlaStanding.of(v, variables.get(SlaVariables.STATE.name()))).orElse(null);
    List<SlaRecord> visits = visit.map(v -> records.forRecord(v.unit(), v.recordId())).orElse(List.of());
    List<Opportunities.Activity> logged = visit.filter(v -> PipelineVariables.PROCESS_KEY.equals(v.unit()))
        .map(v -> opportunities.activities(v.recordId())).orElse(List.of());
    Function<String, String> owners = organisation.namesOf(Stream.concat(visits.stream().map(SlaRecord::ownerId),
        logged.stream().map(Opportunities.Activity::loggedBy)).toList());
    List<Visit> history = visits.stream().map(earlier -> new Visit(earlier.stage(), owners.apply(earlier.ownerId()),
        earlier.startedAt(), earlier.dueAt(), earlier.completedAt(), earlier.outcome())).toList();
    return Optional.of(new RecordView(taskId, SlaVariables.RECORD_TITLE.from(variables),
        ContactVariables.NAME.from(variables), ContactVariables.EMAIL.from(variables),
        ContactVariables.PHONE.from(variables),
        SlaVariables.POLICY.from(variables), visit.map(this::clockOf).orElse(null),
        standing == null ? null : standing.key(), standing == null ? null : standing.label(), ladder,
        visit.map(SlaRecord::pausedSeconds).orElse(0L), visit.map(SlaRecord::pausedAt).orElse(null),
        visit.map(SlaRecord::pauseReason).orElse(null), history,
        logged.stream().map(a -> new Activity(ActivityRequest.KINDS_IN_WORDS.getOrDefault(a.kind(), a.kind()),
            a.note(), owners.apply(a.loggedBy()), a.loggedAt())).toList(),
        visit.filter(v -> v.completedAt() == null).map(v -> actionsOn(v, user)).orElse(List.of()),
        notesOn(readable.get(0).getProcessInstanceId())));
  }

  /**
   * Leaves a note on the record of a task {@code user} may read, in their name; empty for any other task. Kept as the
   * engine's comments on the process instance, so every task of the record shows it.
   */
  public Optional<Note> addNote(String user, String taskId, String text) {
    List<Task> tasks = readableBy(user, List.of(taskId));
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    identityService.setAuthenticatedUserId(user);
    try {
      Comment comment = taskService.createComment(taskId, tasks.get(0).getProcessInstanceId(), text);
      return Optional.of(new Note(organisation.nameOf(user), comment.getTime().toInstant(), comment.getFullMessage()));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private List<Note> notesOn(String processInstanceId) {
    if (processInstanceId == null) {
      return List.of();
    }
    List<Comment> comments = taskService.getProcessInstanceComments(processInstanceId);
    Function<String, String> authors = organisation.namesOf(comments.stream().map(Comment::getUserId).toList());
    return comments.stream().map(c -> new Note(authors.apply(c.getUserId()), c.getTime().toInstant(),
        c.getFullMessage())).sorted(Comparator.comparing(Note::at).reversed()).toList();
  }

  /**
   * A lead's first contact is sent to another team by that team's manager (the head of sales, from the unrouted
   * queue) or an administrator. A support ticket's open stage waits on the customer, or the customer replied: the
   * clock stops and runs again. A deal's rep logs what they did, or that the prospect replied (which ends the closing
   * stage's reminders).
   */
  private List<Action> actionsOn(SlaRecord visit, String user) {
    if (LeadVariables.PROCESS_KEY.equals(visit.unit()) && FIRST_CONTACT.equals(visit.stage())
        && access.mayRoute(user, visit.teamId())) {
      Map<String, String> teams = new LinkedHashMap<>();
      organisation.teams().stream().filter(team -> !team.id().equals(visit.teamId()))
          .forEach(team -> teams.put(team.id(), team.name()));
      return List.of(new Action("Send to team", "/api/leads/" + visit.recordId() + "/team", List.of(
          new Input("teamId", "Team", null, teams),
          new Input("reason", "Why", "Why there, e.g. the customer's German subsidiary", Map.of()))));
    }
    if (PipelineVariables.PROCESS_KEY.equals(visit.unit())) {
      return List.of(new Action("Log activity", "/api/opportunities/" + visit.recordId() + "/activities", ACTIVITY));
    }
    if (!SupportVariables.PROCESS_KEY.equals(visit.unit())) {
      return List.of();
    }
    String ticket = "/api/tickets/" + visit.recordId();
    return visit.pausedAt() != null ? List.of(new Action("Customer replied", ticket + "/customer-replied", List.of()))
        : List.of(new Action("Waiting on customer", ticket + "/waiting-on-customer", List.of(PAUSE_REASON)));
  }

  private String clockOf(SlaRecord visit) {
    if ("24x7".equals(visit.clockKind())) {
      return "Around the clock, nights and weekends included";
    }
    return organisation.team(visit.teamId()).map(team -> "Business hours of " + team.name() + ", "
        + team.opens() + " to " + team.closes() + " " + team.zone() + ", its holidays off")
        .orElse("Business hours of the team");
  }

  /** The cards of those of {@code taskIds} that {@code user} may read, in the order asked; others are left out. */
  public List<Card> cards(String user, List<String> taskIds) {
    List<Card> cards = new ArrayList<>();
    for (Task task : readableBy(user, taskIds)) {
      Map<String, Object> variables = taskService.getVariables(task.getId(),
          List.of(SlaVariables.RECORD_TITLE.name(), SlaVariables.RECORD_ID.name(), SlaVariables.STATE.name()));
      Optional<SlaRecord> visit = Optional.ofNullable(SlaVariables.RECORD_ID.from(variables))
          .flatMap(records::find).filter(record -> record.completedAt() == null);
      SlaStanding standing = visit.map(v -> SlaStanding.of(v, variables.get(SlaVariables.STATE.name()))).orElse(null);
      cards.add(new Card(task.getId(), SlaVariables.RECORD_TITLE.from(variables),
          standing == null ? null : standing.key(), standing == null ? null : standing.label(),
          visit.map(SlaRecord::dueAt).orElse(null), visit.map(SlaRecord::pausedAt).orElse(null),
          visit.map(SlaRecord::pauseReason).orElse(null)));
    }
    cards.sort((a, b) -> Integer.compare(taskIds.indexOf(a.taskId()), taskIds.indexOf(b.taskId())));
    return cards;
  }

  /**
   * The record titles of process instances, by instance id: how alerts, cards and the manager's room name
   * them.
   */
  public Map<String, String> titlesOf(Collection<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    // The history holds running and ended instances alike: a breach list reaches back past today's work.
    Map<String, String> titles = new HashMap<>();
    historyService.createHistoricVariableInstanceQuery().variableName(SlaVariables.RECORD_TITLE.name())
        .processInstanceIdIn(processInstanceIds.toArray(String[]::new)).list()
        .stream().filter(variable -> variable.getValue() != null)
        .forEach(variable -> titles.putIfAbsent(variable.getProcessInstanceId(), (String) variable.getValue()));
    return titles;
  }

  /** The tasks among {@code taskIds} the engine's authorization lets {@code user} read, as Tasklist would list them. */
  private List<Task> readableBy(String user, List<String> taskIds) {
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
        .toList();
    identityService.setAuthentication(user, groups);
    try {
      return taskService.createTaskQuery().taskIdIn(taskIds.toArray(String[]::new)).list();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
