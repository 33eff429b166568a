package io.slaflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.notify.NotificationLog;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.validation.RequiredDataMissing;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Seed 001: renewal stages open 120, 90 and 60 days before the renewal date; a risk opens a recovery plan. */
class RenewalTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @Autowired JdbcTemplate jdbc;
  @Autowired NotificationLog notificationLog;

  private static Instant nineAm(LocalDate day) {
    return day.atTime(9, 0).atZone(BERLIN).toInstant();
  }

  /** A contract signed through the API, as billing sends it; its id. */
  private String contractRenewingOn2027December1st(String account) throws Exception {
    return JSON.readTree(new Http(port).postJson("/api/contracts", """
        {"account": "%s", "contactName": "Lena Berg", "contactEmail": "lena@renew.example", "country": "DE",
         "renewsOn": "2027-12-01"}""".formatted(account), "admin", ADMIN_PASSWORD).body()).get("contractId").asText();
  }

  private String renewalOf(String contractId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("renewal")
        .processInstanceBusinessKey(contractId).singleResult().getId();
  }

  @Test
  void stagesOpenRelativeToTheRenewalDateWhichCanMoveAndARiskOpensARecoveryPlan() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 1, 10, 0), BERLIN);
    Http http = new Http(port);
    String id = contractRenewingOn2027December1st("Renew AG " + UUID.randomUUID());
    String pid = renewalOf(id);
    LocalDate renewsOn = LocalDate.of(2027, 12, 1);
    assertThat(timerJob(pid, "Timer_AccountReview").getDuedate().toInstant())
        .isEqualTo(nineAm(renewsOn.minusDays(120)));

    // The renewal date moves a month later: the first stage opening moves with it.
    HttpResponse<String> moved = http.putJson("/api/contracts/" + id + "/renewal-date",
        "{\"renewsOn\": \"2028-01-03\"}", "admin", ADMIN_PASSWORD);
    assertThat(moved.statusCode()).isEqualTo(200);
    LocalDate newDate = LocalDate.of(2028, 1, 3);
    assertThat(timerJob(pid, "Timer_AccountReview").getDuedate().toInstant())
        .isEqualTo(nineAm(newDate.minusDays(120)));

    // 120 days before: the account review, on its own clock.
    fireTimer(pid, "Timer_AccountReview");
    // 5 September 2027 is a Sunday: the review's 10 business days run from Monday and end Friday 17 September.
    assertThat(stageTask(pid, "Task_AccountReview").getDueDate().toInstant())
        .isEqualTo(LocalDateTime.of(2027, 9, 17, 18, 0).atZone(BERLIN).toInstant());
    taskService.complete(stageTask(pid, "Task_AccountReview").getId(), Map.of("accountHealth", "watch",
        "usageTrend", "Flat since summer"));
    assertThat(timerJob(pid, "Timer_RenewalProposal").getDuedate().toInstant())
        .isEqualTo(nineAm(newDate.minusDays(90)));

    // A risk flagged meanwhile opens a recovery plan within 5 business days, beside the renewal stages.
    HttpResponse<String> risk = http.postJson("/api/contracts/" + id + "/risk",
        "{\"reason\": \"Champion left the company\"}", "anna.berg", DEMO_PASSWORD);
    assertThat(risk.statusCode()).isEqualTo(200);
    assertThat(stageTask(pid, "Task_RecoveryPlan").getDueDate().toInstant()).as("5 business days")
        .isEqualTo(LocalDateTime.of(2027, 9, 10, 18, 0).atZone(BERLIN).toInstant());
    assertThat(runtimeService.getVariable(pid, "riskReason")).isEqualTo("Champion left the company");
    assertThat(managementService.createJobQuery().processInstanceId(pid).activityId("Timer_RenewalProposal")
        .count()).as("the renewal stages go on").isOne();

    fireTimer(pid, "Timer_RenewalProposal");
    taskService.complete(stageTask(pid, "Task_RenewalProposal").getId(), Map.of("proposedAmount", 20000,
        "proposedTerms", "Two years"));
    fireTimer(pid, "Timer_Negotiation");
    String negotiation = stageTask(pid, "Task_Negotiation").getId();
    assertThatThrownBy(() -> taskService.complete(negotiation, Map.of("renewalOutcome", "churned")))
        .isInstanceOf(RequiredDataMissing.class).hasMessageEndingWith("renewalReason");
    taskService.complete(stageTask(pid, "Task_Negotiation").getId(), Map.of("renewalOutcome", "contracted",
        "renewalReason", "Fewer seats after the reorganisation", "renewalAmount", 18000));

    assertThat(jdbc.queryForMap("SELECT renewal_outcome, renewal_reason FROM contract WHERE id = ?", id))
        .containsEntry("RENEWAL_OUTCOME", "contracted")
        .containsEntry("RENEWAL_REASON", "Fewer seats after the reorganisation");
  }

  /**
   * The recovery plan runs beside a renewal stage, each on its own clock: the stage's rungs are its own alerts (they
   * once went out under the recovery plan's keys, were found sent already, and were lost), and completing the stage
   * closes its own visit, not the recovery plan's (found by RealClockTest).
   */
  @Test
  void aRecoveryPlanBesideTheAccountReviewLeavesTheReviewsLadderAndRecordAlone() throws Exception {
    clockAt(LocalDateTime.of(2026, 12, 1, 10, 0), BERLIN);
    Http http = new Http(port);
    String id = contractRenewingOn2027December1st("Beside AG " + UUID.randomUUID());
    String pid = renewalOf(id);
    fireTimer(pid, "Timer_AccountReview");
    assertThat(http.postJson("/api/contracts/" + id + "/risk", "{\"reason\": \"Champion left\"}", "anna.berg",
        DEMO_PASSWORD).statusCode()).isEqualTo(200);
    SlaRecord review = visit(id, "account-review");
    SlaRecord recovery = visit(id, "recovery-plan");

    // The recovery plan (5 business days) runs its whole ladder before the review's (10) first warning.
    fireTimer(pid, "Timer_AccountReviewWarning");
    assertThat(notificationLog.forSlaRecord(recovery.id())).extracting(NotificationLog.Entry::ladderStep)
        .containsExactlyInAnyOrder("warning", "final-warning", "breach", "escalation");
    assertThat(notificationLog.forSlaRecord(review.id())).extracting(NotificationLog.Entry::ladderStep)
        .as("the review's own warning, under its own key").containsExactly("warning");

    // A recompute says why it leaves the recovery plan alone (it used to say the instance had left the stage).
    JsonNode preview = JSON.readTree(http.postJson("/api/sla/recompute", "{\"unit\": \"renewal\", \"stage\":"
        + " \"recovery-plan\", \"reason\": \"check\", \"dryRun\": true}", "admin", ADMIN_PASSWORD).body());
    assertThat(preview.get("skipped").findValuesAsText("reason")).contains("a stage beside the main flow (an event"
        + " subprocess, such as the renewal's recovery plan) is not recomputed yet: it keeps its due time");

    taskService.complete(stageTask(pid, "Task_AccountReview").getId(), Map.of("accountHealth", "watch",
        "usageTrend", "Flat since summer"));
    assertThat(visit(id, "account-review").completedAt()).isNotNull();
    assertThat(visit(id, "recovery-plan").completedAt()).as("the recovery plan is still open").isNull();
    assertThat(visit(id, "recovery-plan").breachedAt()).isNotNull();
    assertThat(visit(id, "account-review").breachedAt()).as("the review met its due time").isNull();
  }

  private SlaRecord visit(String contractId, String stage) {
    return slaRecords.forRecord("renewal", contractId).stream().filter(r -> r.stage().equals(stage)).findFirst()
        .orElseThrow();
  }
}
