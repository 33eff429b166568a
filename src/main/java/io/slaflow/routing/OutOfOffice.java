package io.slaflow.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.slaflow.org.Organisation;
import io.slaflow.org.Person;
import io.slaflow.sla.SlaClock;
import io.slaflow.sla.SlaRecord;
import io.slaflow.sla.SlaRecords;
import java.time.LocalDate;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
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
  }

  /** How much open work was handed over; skipped: open work not waiting in a stage that can hand it over. */
  public record Result(String personId, LocalDate from, LocalDate to, int reassigned, int kept, int skipped) {}

  private final Organisation organisation;
  private final SlaRecords records;
  private final RuntimeService runtimeService;
  private final JdbcTemplate jdbc;

  public OutOfOffice(Organisation organisation, SlaRecords records, RuntimeService runtimeService,
      JdbcTemplate jdbc) {
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

  private boolean waitsForHandover(String processInstanceId) {
    return runtimeService.createEventSubscriptionQuery().processInstanceId(processInstanceId)
        .eventType("message").eventName(RoutingVariables.OWNER_AWAY_MESSAGE).count() > 0
        && !runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
            .isSuspended();
  }

  @Transactional
  public Result declare(Person person, LocalDate from, LocalDate to, Handover handover) {
    jdbc.update("INSERT INTO out_of_office (user_id, first_day, last_day) VALUES (?, ?, ?)", person.id(), from, to);
    LocalDate today = SlaClock.now().atZone(organisation.requireTeam(person.teamId()).zone()).toLocalDate();
    if (today.isBefore(from) || today.isAfter(to)) {
      return new Result(person.id(), from, to, 0, 0, 0);
    }
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
