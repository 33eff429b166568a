package io.slaflow.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.slaflow.calendar.EngineTime;
import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaAudit;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A rep goes out of office: routing skips them on those days, and their open SLA'd work is handed over now when the
 * absence has begun: reassigned at once, or kept with a flag. Either way the SLA record says so.
 */
@Service
public class OutOfOffice {

  /** What happens to the open work of someone who is away. */
  public enum Handover {
    @JsonProperty("reassign")
    REASSIGN("reassigned"),
    @JsonProperty("keep")
    KEEP("kept");

    private final String recorded;

    Handover(String recorded) {
      this.recorded = recorded;
    }

    /** How the SLA record notes it. */
    public String recorded() {
      return recorded;
    }
  }

  private record Absence(String personId, LocalDate from, LocalDate to, Handover handover) {}

  /** How much open work was handed over; skipped: open work not waiting in a stage that can hand it over. */
  public record Result(String personId, LocalDate from, LocalDate to, int reassigned, int kept, int skipped) {}

  private final Organisation organisation;
  private final SlaRecords records;
  private final RuntimeService runtimeService;
  private final JdbcTemplate jdbc;
  private final IdentityService identityService;

  public OutOfOffice(Organisation organisation, SlaRecords records, RuntimeService runtimeService,
      JdbcTemplate jdbc, IdentityService identityService) {
    this.identityService = identityService;
    this.organisation = organisation;
    this.records = records;
    this.runtimeService = runtimeService;
    this.jdbc = jdbc;
  }

  public boolean alreadyDeclared(String personId, LocalDate from) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM out_of_office WHERE user_id = ? AND first_day = ?",
        Integer.class, personId, from);
    return count != null && count > 0;
  }

  /** A visit recorded without a process instance (imported, or written by hand) has no stage to hand over. */
  private boolean waitsForHandover(String processInstanceId) {
    return processInstanceId != null
        && runtimeService.createEventSubscriptionQuery().processInstanceId(processInstanceId).eventType("message")
            .eventName(RoutingVariables.OWNER_AWAY_MESSAGE).count() > 0
        && !runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
            .isSuspended();
  }

  /** The person leaves: absent from today on for good, open work reassigned now, their login removed. */
  @Transactional
  public Result leave(Person person) {
    LocalDate today = EngineTime.now().atZone(organisation.requireTeam(person.teamId()).zone()).toLocalDate();
    jdbc.update("DELETE FROM out_of_office WHERE user_id = ? AND first_day = ?", person.id(), today);
    Result result = declare(person, today, Organisation.LEFT_UNTIL, Handover.REASSIGN);
    identityService.deleteUser(person.id());
    return result;
  }

  /** Records the absence; when it has begun, hands the open work over at once, else when it begins. */
  @Transactional
  public Result declare(Person person, LocalDate from, LocalDate to, Handover handover) {
    jdbc.update("INSERT INTO out_of_office (user_id, first_day, last_day, handover) VALUES (?, ?, ?, ?)",
        person.id(), from, to, handover.name());
    LocalDate today = EngineTime.now().atZone(organisation.requireTeam(person.teamId()).zone()).toLocalDate();
    if (today.isBefore(from) || today.isAfter(to)) {
      return new Result(person.id(), from, to, 0, 0, 0);
    }
    return handOver(person, from, to, handover);
  }

  /**
   * Absences declared ahead of time hand their work over when they begin. Each row is locked while it is handed
   * over, so that several nodes running this never hand over twice.
   */
  @Scheduled(fixedDelayString = "${slaflow.absences.check-interval:PT1M}",
      initialDelayString = "${slaflow.absences.check-interval:PT1M}")
  @Transactional
  public int handOverAbsencesThatBegan() {
    int handedOver = 0;
    // The latest calendar day any team can be on (UTC+14); each absence is then checked in its team's zone.
    LocalDate earliestToday = EngineTime.now().atZone(ZoneOffset.ofHours(14)).toLocalDate();
    List<Absence> due = jdbc.query("SELECT user_id, first_day, last_day, handover FROM out_of_office"
        + " WHERE handover IS NOT NULL AND handed_over_at IS NULL AND first_day <= ? FOR UPDATE",
        (rs, i) -> new Absence(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
            Handover.valueOf(rs.getString(4))),
        earliestToday);
    for (Absence absence : due) {
      Person person = organisation.person(absence.personId()).orElse(null);
      if (person == null) {
        continue;
      }
      LocalDate today = EngineTime.now().atZone(organisation.requireTeam(person.teamId()).zone()).toLocalDate();
      if (!today.isBefore(absence.from()) && !today.isAfter(absence.to())) {
        handOver(person, absence.from(), absence.to(), absence.handover());
        handedOver++;
      }
    }
    return handedOver;
  }

  /** Every change the hand-over makes to SLA records is audited as made through the absence. */
  private Result handOver(Person person, LocalDate from, LocalDate to, Handover handover) {
    return SlaAudit.through(SlaAudit.OUT_OF_OFFICE, () -> handOverNow(person, from, to, handover));
  }

  private Result handOverNow(Person person, LocalDate from, LocalDate to, Handover handover) {
    jdbc.update("UPDATE out_of_office SET handed_over_at = ? WHERE user_id = ? AND first_day = ?",
        EngineTime.now().atOffset(ZoneOffset.UTC), person.id(), from);
    int moved = 0;
    int kept = 0;
    int skipped = 0;
    for (SlaRecord open : records.openFor(person.id())) {
      if (handover == Handover.KEEP) {
        records.awayHandover(open.id(), handover.recorded);
        kept++;
      } else if (waitsForHandover(open.processInstanceId())) {
        records.awayHandover(open.id(), handover.recorded);
        runtimeService.createMessageCorrelation(RoutingVariables.OWNER_AWAY_MESSAGE)
            .processInstanceId(open.processInstanceId())
            .correlate();
        moved++;
      } else {
        skipped++; // suspended, or changed by hand in Cockpit: a manager moves it
      }
    }
    return new Result(person.id(), from, to, moved, kept, skipped);
  }
}
