package io.slaflow.intake;

import io.slaflow.sla.DecisionFacts;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The "Validate lead" step: a lead must exist and carry the facts routing decides on. Leads started by the API
 * always do; the check protects against instances started by hand in Cockpit or by the engine REST API.
 */
@Component("leadValidation")
public class LeadValidation {

  private final Leads leads;

  public LeadValidation(Leads leads) {
    this.leads = leads;
  }

  public void check(DelegateExecution execution) {
    if (leads.find(execution.getProcessBusinessKey()).isEmpty()) {
      throw new BpmnError(LeadVariables.INVALID_ERROR, "No lead with id '" + execution.getProcessBusinessKey() + "'");
    }
    for (String fact : new String[] {DecisionFacts.COUNTRY.name(), DecisionFacts.SOURCE.name()}) {
      if (execution.getVariable(fact) == null) {
        throw new BpmnError(LeadVariables.INVALID_ERROR, "The lead has no " + fact);
      }
    }
  }
}
