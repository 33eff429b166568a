package io.slaflow.ops;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Camunda's history keeps every value each process variable ever had (one row per change, besides the variable's
 * latest value) at history level full. A lead writes some 26 variables as it is created, so that log was a fifth of
 * the rows its intake writes. Nothing in Slaflow, Cockpit or Tasklist of the community edition reads it: Cockpit
 * shows a variable's latest value (kept), the SLA record's own changes are in the SLA audit trail
 * ({@code GET /api/sla/records/{id}/audit}), and who did what in the user operation log (kept). So by default the
 * latest value is kept and the change log is not; the rest of full history (activities, tasks, decisions,
 * incidents, job log, operations) is written as before. {@code slaflow.history.variable-changes=true} writes the
 * change log again, for an installation that reads {@code GET /engine-rest/history/detail}.
 */
@Component
public class VariableHistory extends AbstractProcessEnginePlugin {

  private final boolean changes;

  public VariableHistory(@Value("${slaflow.history.variable-changes:false}") boolean changes) {
    this.changes = changes;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (changes) {
      return;
    }
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    List<HistoryEventHandler> handlers = new ArrayList<>();
    handlers.add(new LatestValuesOnly());
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** The engine's own history writer, but for the per-change rows of variables. */
  static final class LatestValuesOnly extends DbHistoryEventHandler {
    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return false;
    }
  }
}
