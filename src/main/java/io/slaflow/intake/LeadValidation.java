package io.slaflow.intake;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The "Validate lead" step: a lead must exist and carry the facts routing decides on. Leads started by the API
 * always do; the check protects against instances started by hand in Cockpit or by the engine REST API.
 */
@Component("leadValidation")
public class LeadValidation {

  public static final String ERROR_CODE = "LeadInvalid";

  private final Leads leads;

  public LeadValidation(Leads leads) {
    this.leads = leads;
  }

  public void check(DelegateExecution execution) {
    if (leads.find(execution.getProcessBusinessKey()).isEmpty()) {
      throw new BpmnError(ERROR_CODE, "No lead with id '" + execution.getProcessBusinessKey() + "'");
    }
    for (String fact : new String[] {LeadVariables.COUNTRY.name(), LeadVariables.SOURCE.name()}) {
      if (execution.getVariable(fact) == null) {
        throw new BpmnError(ERROR_CODE, "The lead has no " + fact);
      }
    }
  }
}
