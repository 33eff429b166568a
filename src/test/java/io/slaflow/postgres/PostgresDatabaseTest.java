package io.slaflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.sla.SlaRecord;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.TestPostgres;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production database: the application on a real PostgreSQL (127.0.0.1:5432, user postgres), in a database
 * created fresh for this run. Flyway's migrations and Camunda's schema both run on it.
 */
class PostgresDatabaseTest extends SlaflowTest {

  private static final String DATABASE = TestPostgres.PREFIX + "_test";

  @DynamicPropertySource
  static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
    String url = TestPostgres.fresh(DATABASE);
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    // Camunda keeps engines in a static registry by name, and the engine REST API and webapps look the engine up
    // there: a second "default" engine in this JVM would take over the H2 application's REST API.
    registry.add("camunda.bpm.process-engine-name", () -> "postgres");
  }

  @Autowired JdbcTemplate jdbc;

  @Test
  void runsOnPostgresql() {
    assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE success", Integer.class))
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void theJobExecutorFindsDueJobsThroughIndexesOnPostgresql() {
    assertThat(jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'slaflow_job_%'",
        String.class)).hasSize(2).anySatisfy(index -> assertThat(index).contains("act_ru_job USING btree (duedate_)"))
        .anySatisfy(index -> assertThat(index).contains("act_ru_job USING btree (lock_exp_time_)"));
  }

  @Test
  void aLeadFromTheApiRunsItsLadderAndIsRecordedOnPostgresql() throws Exception {
    clockAt(LocalDateTime.of(2026, 11, 27, 16, 30), BERLIN);
    HttpResponse<String> created = new Http(port).postJson("/api/leads", """
        {"name": "Pia Postgres", "email": "pia@pg.example", "country": "DE", "source": "demo-request"}""",
        "admin", ADMIN_PASSWORD);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = new ObjectMapper().readTree(created.body());
    String pid = body.get("processInstanceId").asText();
    String leadId = body.get("leadId").asText();

    clockAt(LocalDateTime.of(2026, 11, 30, 11, 30), BERLIN);
    runDueJobs(pid);
    assertThat(mailsAbout("Pia Postgres")).hasSize(3);

    taskService.complete(stageTask(pid, "Task_MakeFirstContact").getId(), Map.of("channel", "phone",
        "outcome", "connected", "nextStep", "Demo", "nextStepDate", "2026-12-01"));
    SlaRecord record = records(leadId).get(0);
    assertThat(record.dueAt()).isEqualTo(LocalDateTime.of(2026, 11, 30, 11, 30).atZone(BERLIN).toInstant());
    assertThat(record.breachedAt()).isEqualTo(record.dueAt());
    assertThat(record.warningsSent()).isEqualTo(2);
    assertThat(record.outcome()).isEqualTo("breached");
  }

  @Test
  void anMqlMovesThroughItsStagesAndTheWaterfallCountsItOnPostgresql() throws Exception {
    clockAt(LocalDateTime.of(2026, 11, 30, 10, 0), BERLIN);
    Http http = new Http(port);
    JsonNode mql = new ObjectMapper().readTree(http.postJson("/api/mqls", """
        {"contactName": "Pia Postgres", "contactEmail": "pia@pg.example", "company": "PG GmbH", "country": "DE",
         "source": "web-form"}""", "admin", ADMIN_PASSWORD).body());
    String pid = mql.get("processInstanceId").asText();

    clockAt(LocalDateTime.of(2026, 11, 30, 12, 0), BERLIN);
    taskService.complete(stageTask(pid, "Task_AcceptMql").getId(), Map.of("mqlDecision", "accept"));
    assertThat(stageTask(pid, "Task_ScheduleDiscovery").getAssignee()).isEqualTo(mql.get("owner").asText());

    JsonNode waterfall = new ObjectMapper().readTree(http.get(
        "/api/reports/waterfall?unit=sales-pipeline&from=2026-11-30&to=2026-12-01", "admin", ADMIN_PASSWORD).body());
    JsonNode accept = waterfall.get(0);
    assertThat(accept.get("stage").asText()).isEqualTo("accept-mql");
    assertThat(accept.get("entered").asInt()).isEqualTo(1);
    assertThat(accept.get("convertedOn").asInt()).isEqualTo(1);
    assertThat(accept.get("medianHours").asDouble()).isEqualTo(2.0);
  }
}
