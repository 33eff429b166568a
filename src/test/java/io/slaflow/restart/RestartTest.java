package io.slaflow.restart;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.slaflow.SlaflowApplication;
import io.slaflow.intake.LeadIntake;
import io.slaflow.intake.LeadRequest;
import io.slaflow.sla.SlaPause;
import io.slaflow.sla.SlaRecords;
import io.slaflow.support.TicketIntake;
import io.slaflow.support.TicketRequest;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.unit.Creator;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart of the application on its file database loses no SLA timer: the ladder goes on where it was, and a paused
 * clock stays paused.
 */
class RestartTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @RegisterExtension static final GreenMailExtension mail = new GreenMailExtension(SlaflowTest.SMTP);

  @TempDir Path data;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(SlaflowApplication.class)
        .profiles("test")
        .properties(
            "spring.datasource.url=jdbc:h2:file:" + data.resolve("slaflow") + ";DB_CLOSE_ON_EXIT=FALSE",
            "server.port=0",
            // Its own engine name: Camunda keeps engines in a static registry that other test contexts share.
            "camunda.bpm.process-engine-name=restart")
        .run();
  }

  @Test
  void aLeadsTimersSurviveARestartAndFireAfterwards() {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 11, 27, 16, 30).atZone(BERLIN).toInstant()));
    String pid;
    String leadId;
    try (ConfigurableApplicationContext first = start()) {
      LeadIntake.Created lead = first.getBean(LeadIntake.class).create(new LeadRequest("Rita Restart",
          "rita@restart.example", null, null, "DE", "demo-request", null, null, null), Creator.process("test"));
      pid = lead.processInstanceId();
      leadId = lead.leadId();
    }

    try (ConfigurableApplicationContext second = start()) {
      ManagementService management = second.getBean(ManagementService.class);
      assertThat(management.createJobQuery().processInstanceId(pid).timers().count())
          .as("warning, final warning, breach, escalation and reassignment timers").isEqualTo(5);

      ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 11, 30, 11, 30).atZone(BERLIN).toInstant()));
      for (Job job = nextDue(management, pid); job != null; job = nextDue(management, pid)) {
        management.executeJob(job.getId());
      }
      assertThat(second.getBean(SlaRecords.class).forRecord("lead-routing", leadId).get(0).breachedAt())
          .isEqualTo(LocalDateTime.of(2026, 11, 30, 11, 30).atZone(BERLIN).toInstant());
      assertThat(second.getBean(TaskService.class).createTaskQuery().processInstanceId(pid).count()).isOne();
      assertThat(mail.getReceivedMessages()).as("two warnings and the breach reminder (owner and manager)")
          .hasSize(4);
    }
  }

  @Test
  void aPausedClockStaysPausedOverARestartAndResumesExactly() {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 12, 3, 9, 0).atZone(BERLIN).toInstant()));
    String pid;
    try (ConfigurableApplicationContext first = start()) {
      pid = first.getBean(TicketIntake.class).create(new TicketRequest("normal", "bug", "Restart AS", "Ole Hansen",
          "ole@restart.example", null, "DE", "Export fails", null), Creator.process("test")).processInstanceId();
      ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 12, 3, 11, 15).atZone(BERLIN).toInstant()));
      first.getBean(SlaPause.class).pause(pid, "Asked for the export file");
    }

    try (ConfigurableApplicationContext second = start()) {
      ManagementService management = second.getBean(ManagementService.class);
      ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 12, 6, 11, 15).atZone(BERLIN).toInstant()));
      assertThat(nextDue(management, pid)).as("the ladder waits while paused, past its old due time").isNull();
      second.getBean(SlaPause.class).resume(pid);
      assertThat(second.getBean(TaskService.class).createTaskQuery().processInstanceId(pid).singleResult()
          .getDueDate().toInstant()).isEqualTo(LocalDateTime.of(2026, 12, 7, 15, 45).atZone(BERLIN).toInstant());
    }
  }

  private static Job nextDue(ManagementService management, String pid) {
    return management.createJobQuery().processInstanceId(pid).executable().active().listPage(0, 1).stream()
        .findFirst().orElse(null);
  }
}
