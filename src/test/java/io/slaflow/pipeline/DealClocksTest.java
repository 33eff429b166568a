package io.slaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.slaflow.sla.StageHistory;
import io.slaflow.testsupport.Http;
import io.slaflow.validation.InvalidChoice;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deal's own clocks beside its stages (seeds 000 and 003): reassigned when not acted on in 4 business days,
 * returned to marketing when it goes stale, pulled back to the manager when it has not moved in 60 days, and the
 * follow-up reminder every 2 business days while the prospect has not answered.
 */
class DealClocksTest extends PipelineTestSupport {


  private String owner(String pid) {
    return (String) runtimeService.getVariable(pid, "owner");
  }

  @Test
  void anOpportunityNotActedOnInFourBusinessDaysIsReassignedNeverBackToTheSameRep() {
    clockAt(MONDAY_10, BERLIN);
    String company = "Idle " + uniqueName("Co");
    PipelineIntake.Created handoff = handedOver(company, "referral");
    String pid = handoff.processInstanceId();
    assertThat(handoff.stage()).isEqualTo("ae-follow-up");
    List<String> owners = new ArrayList<>(List.of(handoff.owner()));

    // Four business days (36 working hours) from Monday 10:00 is Friday 10:00.
    assertThat(timerJob(pid, "Timer_OpportunityIdle").getDuedate().toInstant()).isEqualTo(berlin(12, 4, 10, 0));
    clockAt(berlin(12, 4, 9, 59));
    runDueJobs(pid);
    assertThat(task(pid, "Task_AeFollowUp").getAssignee()).isEqualTo(handoff.owner());

    clockAt(berlin(12, 4, 10, 0));
    runDueJobs(pid);
    String second = task(pid, "Task_AeFollowUp").getAssignee();
    assertThat(second).isIn(BERLIN_REPS).isNotIn(owners);
    assertThat(owner(pid)).isEqualTo(second);
    owners.add(second);
    assertThat(theMail(company, "Reassigned to").to()).containsExactly(handoff.owner() + "@slaflow.example");

    // The next idle period belongs to the new owner; it passes too, and the third rep gets it.
    assertThat(timerJob(pid, "Timer_OpportunityIdle").getDuedate().toInstant()).isEqualTo(berlin(12, 10, 10, 0));
    fireTimer(pid, "Timer_OpportunityIdle");
    String third = task(pid, "Task_AeFollowUp").getAssignee();
    assertThat(third).isIn(BERLIN_REPS).isNotIn(owners);
    owners.add(third);
    assertThat(owners).containsExactlyInAnyOrderElementsOf(BERLIN_REPS);

    List<Opportunities.Activity> log = opportunities.activities(handoff.opportunityId());
    assertThat(log).extracting(Opportunities.Activity::kind).containsExactly("reassigned", "reassigned");
    assertThat(log.get(0).note()).contains(handoff.owner() + " -> " + second);
  }

  @Test
  void aLoggedActivityOrAStageMoveStartsTheIdleClockAgain() {
    clockAt(MONDAY_10, BERLIN);
    PipelineIntake.Created handoff = handedOver("Active " + uniqueName("Co"), "demo-request");
    String pid = handoff.processInstanceId();
    Http http = new Http(port);

    // A call logged on Wednesday 12:00 moves the reassignment to the next Tuesday 12:00.
    clockAt(berlin(12, 2, 12, 0));
    HttpResponse<String> logged = http.postJson("/api/opportunities/" + handoff.opportunityId() + "/activities",
        "{\"kind\": \"call\", \"note\": \"Left a voicemail\"}", handoff.owner(), DEMO_PASSWORD);
    assertThat(logged.statusCode()).isEqualTo(201);
    assertThat(timerJob(pid, "Timer_OpportunityIdle").getDuedate().toInstant()).isEqualTo(berlin(12, 8, 12, 0));
    clockAt(berlin(12, 4, 10, 0));
    runDueJobs(pid);
    assertThat(task(pid, "Task_AeFollowUp").getAssignee()).isEqualTo(handoff.owner());

    // Moving the stage on Thursday 15:00 counts too.
    clockAt(berlin(12, 3, 15, 0));
    complete(pid, "Task_AeFollowUp", Map.of("channel", "email", "contactOutcome", "meeting-confirmed",
        "nextStep", "Discovery call next week"));
    assertThat(timerJob(pid, "Timer_OpportunityIdle").getDuedate().toInstant()).isEqualTo(berlin(12, 9, 15, 0));

    // Waiting for a booked call is not idling: the clock counts from the call.
    scheduleDiscovery(pid, "2026-12-14T10:00");
    assertThat(timerJob(pid, "Timer_OpportunityIdle").getDuedate().toInstant()).isEqualTo(berlin(12, 18, 10, 0));
  }

  @Test
  void aQualifiedLeadWithoutADiscoveryCallInTenBusinessDaysGoesBackToMarketing() {
    String company = "Stale " + uniqueName("Co");
    PipelineIntake.Created mql = acceptedMql(company);
    String pid = mql.processInstanceId();

    // Ten business days from Monday 30 November 10:00 is Monday 14 December 10:00.
    assertThat(timerJob(pid, "Timer_LeadStale").getDuedate().toInstant()).isEqualTo(berlin(12, 14, 10, 0));
    fireTimer(pid, "Timer_LeadStale");

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
    Opportunity stale = opportunity(mql.opportunityId());
    assertThat(stale.status()).isEqualTo("recycled");
    assertThat(stale.statusReason()).startsWith("stale");
    assertThat(theMail(company, "Back to nurture").body()).contains("Reason:  stale");
    List<StageHistory.Entry> history = stages(mql.opportunityId());
    assertThat(history.get(history.size() - 1).stage()).isEqualTo("schedule-discovery");
    assertThat(history.get(history.size() - 1).outcome()).isEqualTo("returned-to-marketing");
    assertThat(pipelineRecords(mql.opportunityId()).get(1).outcome()).isEqualTo("breached");
  }

  @Test
  void followUpRemindersComeEveryTwoBusinessDaysAndStopWhenTheProspectAnswers() {
    String company = "FollowUp " + uniqueName("Co");
    PipelineIntake.Created mql = acceptedMql(company);
    String pid = mql.processInstanceId();
    toClosing(pid, "2026-11-30T14:00");

    // Proposal sent Monday 14:00, after the discovery call: reminders Wednesday 14:00 and Friday 14:00.
    assertThat(timerJob(pid, "Timer_FollowUp").getDuedate().toInstant()).isEqualTo(berlin(12, 2, 14, 0));
    fireTimer(pid, "Timer_FollowUp");
    assertThat(theMail(company, "Follow up with the prospect").to()).containsExactly(mql.owner() + "@slaflow.example");
    assertThat(timerJob(pid, "Timer_FollowUp").getDuedate().toInstant()).isEqualTo(berlin(12, 4, 14, 0));
    fireTimer(pid, "Timer_FollowUp");
    assertThat(mailsAbout("Follow up with the prospect: MQL EUR 48,000: " + company)).hasSize(2);

    Http http = new Http(port);
    HttpResponse<String> replied = http.postJson("/api/opportunities/" + mql.opportunityId() + "/activities",
        "{\"kind\": \"prospect-replied\", \"note\": \"Wants a call with legal\"}", mql.owner(), DEMO_PASSWORD);
    assertThat(replied.statusCode()).isEqualTo(201);
    assertThat(managementService.createJobQuery().processInstanceId(pid).activityId("Timer_FollowUp").count())
        .isZero();
    assertThat(task(pid, "Task_CloseDeal")).isNotNull();
  }

  @Test
  void aDealNotMovedInSixtyDaysIsPulledBackAndTheManagerResetsItWithANewOwner() {
    PipelineIntake.Created mql = acceptedMql("Stalled " + uniqueName("Co"));
    String pid = mql.processInstanceId();
    toClosing(pid, "2026-11-30T14:00");
    assertThat(timerJob(pid, "Timer_DealStalled").getDuedate().toInstant())
        .isEqualTo(berlin(11, 30, 14, 0).plus(Duration.ofDays(60)));

    fireTimer(pid, "Timer_DealStalled");

    assertThat(taskService.createTaskQuery().processInstanceId(pid).taskDefinitionKey("Task_CloseDeal").count())
        .isZero();
    String reviewId = task(pid, "Task_ReviewStalledDeal").getId();
    assertThat(task(pid, "Task_ReviewStalledDeal").getAssignee()).isEqualTo(BERLIN_MANAGER);
    assertThatThrownBy(() -> taskService.complete(reviewId, Map.of("stalledDecision", "reset",
        "newOwner", "maria.lopez", "nextStep", "Call the CFO")))
        .isInstanceOf(InvalidChoice.class).hasMessageContaining("ben.keller, clara.vogel, david.wolf");

    complete(pid, "Task_ReviewStalledDeal", Map.of("stalledDecision", "reset", "newOwner", "clara.vogel",
        "nextStep", "Call the CFO"));

    assertThat(task(pid, "Task_CloseDeal").getAssignee()).isEqualTo("clara.vogel");
    List<StageHistory.Entry> history = stages(mql.opportunityId());
    assertThat(history.subList(history.size() - 3, history.size()))
        .extracting(StageHistory.Entry::stage, StageHistory.Entry::outcome, StageHistory.Entry::ownerId)
        .containsExactly(tuple("closing", "pulled-back", history.get(history.size() - 3).ownerId()),
            tuple("stalled-deal-review", "reset", history.get(history.size() - 2).ownerId()),
            tuple("closing", null, "clara.vogel"));
    assertThat(opportunities.activities(mql.opportunityId())).extracting(Opportunities.Activity::kind)
        .contains("pulled-back", "reset");
    // The reset deal gets another 60 days.
    assertThat(timerJob(pid, "Timer_DealStalled").getDuedate().toInstant())
        .isEqualTo(now().plus(Duration.ofDays(60)));
  }

  @Test
  void theManagerClosesAStalledDealLostWithAReason() {
    PipelineIntake.Created mql = acceptedMql("Dead " + uniqueName("Co"));
    String pid = mql.processInstanceId();
    toClosing(pid, "2026-11-30T14:00");
    fireTimer(pid, "Timer_DealStalled");
    String reviewId = task(pid, "Task_ReviewStalledDeal").getId();

    assertThatThrownBy(() -> taskService.complete(reviewId, Map.of("stalledDecision", "close-lost")))
        .hasMessageEndingWith("lostReason");
    complete(pid, "Task_ReviewStalledDeal", Map.of("stalledDecision", "close-lost", "lostReason", "no-decision"));

    assertThat(opportunity(mql.opportunityId()).status()).isEqualTo("lost");
    assertThat(opportunity(mql.opportunityId()).statusReason()).isEqualTo("no-decision");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
  }
}
