package io.slaflow.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator watches besides the alerts themselves: open SLA clocks (and how many of them have breached),
 * incidents, and the job backlog. Read from the shared database at each scrape, so every node of a cluster reports
 * the same figures: query one node, or take the maximum, never the sum.
 */
@Component
public class SlaMetrics implements MeterBinder {

  private final JdbcTemplate jdbc;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;

  public SlaMetrics(JdbcTemplate jdbc, RuntimeService runtimeService, ManagementService managementService) {
    this.jdbc = jdbc;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("slaflow.sla.open", this, m -> m.count("SELECT COUNT(*) FROM sla_record WHERE outcome = 'open'"))
        .description("Stage visits whose SLA clock is running or paused").register(registry);
    Gauge.builder("slaflow.sla.open.breached", this, m -> m.count(
            "SELECT COUNT(*) FROM sla_record WHERE outcome = 'open' AND breached_at IS NOT NULL"))
        .description("Open stage visits past their due time").register(registry);
    Gauge.builder("slaflow.incidents", runtimeService, r -> r.createIncidentQuery().count())
        .description("Open incidents, such as alerts that failed every retry").register(registry);
    Gauge.builder("slaflow.jobs.backlog", managementService, m -> m.createJobQuery().executable().count())
        .description("Jobs due now and not yet done: ladder timers, alerts, retries").register(registry);
  }

  private double count(String sql) {
    Long count = jdbc.queryForObject(sql, Long.class);
    return count == null ? 0 : count;
  }
}
