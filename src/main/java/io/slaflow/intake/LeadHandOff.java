package io.slaflow.intake;

import io.slaflow.pipeline.Opportunity;
import io.slaflow.pipeline.OpportunityRequest;
import io.slaflow.pipeline.PipelineIntake;
import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.SlaAudit;
import io.slaflow.unit.ContactVariables;
import io.slaflow.unit.Creator;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Lead routing's hand-off to sales, called from processes/lead-routing.bpmn as {@code ${leadHandOff.toSales(…)}}:
 * the rep marked a contacted lead sales-ready, so it goes to the sales pipeline as an MQL through that unit's intake.
 */
@Component("leadHandOff")
public class LeadHandOff {

  private final PipelineIntake pipeline;

  public LeadHandOff(PipelineIntake pipeline) {
    this.pipeline = pipeline;
  }

  public void toSales(DelegateExecution execution) {
    String name = LeadVariables.NAME.from(execution);
    String company = LeadVariables.COMPANY.from(execution);
    OpportunityRequest request = new OpportunityRequest(name, LeadVariables.EMAIL.from(execution),
        ContactVariables.PHONE.from(execution), company == null || company.isBlank() ? name : company,
        DecisionFacts.COUNTRY.from(execution), DecisionFacts.SOURCE.from(execution),
        DecisionFacts.PRODUCT.from(execution), null, null, null);
    pipeline.create(Opportunity.MQL, request, Creator.process(SlaAudit.SLAFLOW), execution.getProcessBusinessKey());
  }
}
