package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.intake.LeadIntake;
import io.slaflow.testsupport.SlaflowTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every seeded lead-routing SLA from processes/sla-policy.dmn, its whole ladder walked minute by rung. */
class SeededSlaPoliciesTest extends SlaflowTest {

  @BeforeEach
  void emptyDesks() {
    clearOpenWork();
  }


  /** A seeded SLA, a lead it applies to, and the ladder instants the team's calendar must give. */
  record Case(String policy, String country, String source, String intent, ZoneId zone, String manager,
      LocalDateTime created, String target, String clock, LocalDateTime warning, LocalDateTime finalWarning,
      LocalDateTime due, LocalDateTime escalation, LocalDateTime reassignment) {
    Instant at(LocalDateTime wallClock) {
      return wallClock.atZone(zone).toInstant();
    }

    @Override
    public String toString() {
      return policy;
    }
  }

  static Stream<Arguments> seededPolicies() {
    return Stream.of(
        // Friday 16:30 in Berlin (09:00-18:00): 1.5 h on Friday, 2.5 h from Monday's opening.
        new Case("Demo request: first response within 4 business hours", "DE", "demo-request", "medium",
            BERLIN, "anna.berg", t(2026, 11, 27, 16, 30), "PT4H", "business",
            t(2026, 11, 30, 10, 30), t(2026, 11, 30, 11, 0), t(2026, 11, 30, 11, 30),
            t(2026, 11, 30, 13, 30), t(2026, 11, 30, 15, 30)),
        // Tuesday 17:30 in Berlin: half an hour on Tuesday, 1.5 h on Wednesday.
        new Case("New lead: contacted within 2 business hours", "GB", "web-form", "low",
            BERLIN, "anna.berg", t(2026, 12, 1, 17, 30), "PT2H", "business",
            t(2026, 12, 2, 9, 30), t(2026, 12, 2, 10, 0), t(2026, 12, 2, 10, 30),
            t(2026, 12, 2, 12, 30), t(2026, 12, 2, 14, 30)),
        // A 24x7 clock runs through the weekend: Friday 10:00 New York is due Saturday 10:00. Escalation (4 h) and
        // reassignment (8 h) count New York business hours (09:00-17:00) from there: Monday 13:00 and 17:00.
        new Case("High-intent lead: rep touch within 24 hours", "US", "content-download", "high",
            NEW_YORK, "maria.lopez", t(2026, 11, 27, 10, 0), "PT24H", "24x7",
            t(2026, 11, 28, 9, 0), t(2026, 11, 28, 9, 30), t(2026, 11, 28, 10, 0),
            t(2026, 11, 30, 13, 0), t(2026, 11, 30, 17, 0)),
        // Due Tuesday 20:00, after closing: escalation after 8 business hours is Wednesday 17:00, reassignment after
        // 24 business hours is Friday 17:00.
        new Case("Every lead: touched within 24 hours", "CA", "event", "medium",
            NEW_YORK, "maria.lopez", t(2026, 11, 30, 20, 0), "PT24H", "24x7",
            t(2026, 12, 1, 19, 0), t(2026, 12, 1, 19, 30), t(2026, 12, 1, 20, 0),
            t(2026, 12, 2, 17, 0), t(2026, 12, 4, 17, 0)))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seededPolicies")
  void ladderRunsAtThePolicyInstants(Case c) {
    clockAt(c.created(), c.zone());
    String name = uniqueName("Lea");
    LeadIntake.Created lead = createLead(name, c.country(), c.source(), c.intent(), "crm-suite");
    String pid = lead.processInstanceId();
    String owner = lead.owner();

    SlaRecord record = records(lead.leadId()).get(0);
    assertThat(record.target()).isEqualTo(c.target());
    assertThat(record.clockKind()).isEqualTo(c.clock());
    assertThat(record.dueAt()).isEqualTo(c.at(c.due()));
    assertThat(runtimeService.getVariable(pid, SlaVariables.POLICY.name())).isEqualTo(c.policy());
    assertThat(stageTask(pid, "Task_MakeFirstContact").getDueDate().toInstant()).isEqualTo(c.at(c.due()));

    step(c, pid, c.warning(), name, 1);
    assertThat(mailsAbout(name).get(0).to()).containsExactly(owner + "@slaflow.example");
    step(c, pid, c.finalWarning(), name, 2);
    assertThat(records(lead.leadId()).get(0).warningsSent()).isEqualTo(2);

    step(c, pid, c.due(), name, 3);
    Mail breach = theMail(name, "SLA breached");
    assertThat(breach.to()).containsExactly(owner + "@slaflow.example");
    assertThat(breach.cc()).containsExactly(c.manager() + "@slaflow.example");
    assertThat(records(lead.leadId()).get(0).breachedAt()).isEqualTo(c.at(c.due()));

    step(c, pid, c.escalation(), name, 4);
    assertThat(theMail(name, "SLA escalated to you").to()).containsExactly(c.manager() + "@slaflow.example");
    assertThat(records(lead.leadId()).get(0).escalatedAt()).isEqualTo(c.at(c.escalation()));
    assertThat(stageTask(pid, "Task_ReviewEscalation").getAssignee()).isEqualTo(c.manager());

    // The escalation was left unhandled: the previous owner is told, and the head of sales alerted.
    step(c, pid, c.reassignment(), name, 6);
    Task reassigned = stageTask(pid, "Task_MakeFirstContact");
    assertThat(reassigned.getAssignee()).isNotNull().isNotEqualTo(owner);
    assertThat(records(lead.leadId())).extracting(SlaRecord::outcome).containsExactly("reassigned", "open");
    assertThat(theMail(name, "Reassigned to ").to()).containsExactly(owner + "@slaflow.example");
  }

  /** One minute before a rung nothing new happens; at the rung, the emails reach {@code mailsAfter}. */
  private void step(Case c, String pid, LocalDateTime rung, String name, int mailsAfter) {
    int before = mailsAbout(name).size();
    clockAt(c.at(rung).minus(Duration.ofMinutes(1)));
    runDueJobs(pid);
    assertThat(mailsAbout(name)).as("emails before " + rung).hasSize(before);
    clockAt(rung, c.zone());
    runDueJobs(pid);
    assertThat(mailsAbout(name)).as("emails at " + rung).hasSize(mailsAfter);
  }


  private static LocalDateTime t(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute);
  }
}
