package io.slaflow.pipeline;

import io.slaflow.calendar.EngineTime;
import io.slaflow.contract.ContractIntake;
import io.slaflow.contract.ContractRequest;
import io.slaflow.notify.Message;
import io.slaflow.notify.Notifier;
import io.slaflow.org.Person;
import io.slaflow.sla.DecisionFacts;
import io.slaflow.sla.RoutingVariables;
import io.slaflow.sla.SlaAudit;
import io.slaflow.sla.SlaVariables;
import io.slaflow.sla.StageHistory;
import io.slaflow.unit.ContactVariables;
import io.slaflow.unit.Creator;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How a deal leaves the pipeline, called from processes/sales-pipeline.bpmn as {@code ${dealClose.…}}: won (and
 * handed to onboarding as a contract), lost, disqualified, or recycled to marketing with the reason.
 */
@Component("dealClose")
public class DealClose {

  private final StageHistory stageHistory;
  private final Opportunities opportunities;
  private final ContractIntake contracts;
  private final Notifier notifier;
  private final String marketingEmail;

  public DealClose(StageHistory stageHistory, Opportunities opportunities, ContractIntake contracts,
      Notifier notifier, @Value("${slaflow.marketing.email:marketing@slaflow.example}") String marketingEmail) {
    this.stageHistory = stageHistory;
    this.opportunities = opportunities;
    this.contracts = contracts;
    this.notifier = notifier;
    this.marketingEmail = marketingEmail;
  }

  /** The deal leaves the pipeline: won, lost, disqualified or recycled, with the form's reason. */
  public void close(DelegateExecution execution, String status, String reason) {
    opportunities.closed(execution.getProcessBusinessKey(), status, reason, EngineTime.now());
    PipelineVariables.OUTCOME.set(execution, status);
  }

  /** Sales rejected the MQL or found it not sales-ready: back to marketing nurture, with the reason. */
  public void recycle(DelegateExecution execution) {
    close(execution, "recycled", PipelineVariables.REJECT_REASON.from(execution));
  }

  /** The lead went stale before discovery: back to marketing, recorded as such. */
  public void returnStale(DelegateExecution execution) {
    stageHistory.interrupted(execution, "returned-to-marketing");
    close(execution, "recycled", "stale: no discovery within the policy's period");
  }

  /** Marketing hears that a lead came back to nurture, and why. */
  public void tellMarketing(DelegateExecution execution) {
    Opportunity o = opportunities.find(execution.getProcessBusinessKey()).orElseThrow();
    Person marketing = Person.mailbox("marketing", "Marketing", marketingEmail);
    notifier.send(new Message(o.id() + ":recycled", "recycled", SlaVariables.RECORD_ID.from(execution),
        List.of(marketing), List.of(), "[Slaflow] Back to nurture: " + o.company() + ", " + o.contactName(),
        "Sales returned this lead to marketing nurture.\n\n"
            + "Contact: " + o.contactName() + " <" + o.contactEmail() + ">\n"
            + "Company: " + o.company() + " (" + o.country() + ")\n"
            + "Source:  " + o.source() + "\n"
            + "Reason:  " + o.statusReason() + "\n"));
  }

  /** A won deal becomes a contract, which starts the onboarding unit for the account. */
  public void startOnboarding(DelegateExecution execution) {
    ContractRequest contract = new ContractRequest(ContactVariables.COMPANY.from(execution),
        ContactVariables.NAME.from(execution), ContactVariables.EMAIL.from(execution),
        DecisionFacts.COUNTRY.from(execution), DecisionFacts.PRODUCT.from(execution),
        PipelineVariables.WON_AMOUNT.from(execution), PipelineVariables.CURRENCY.from(execution), null, null);
    contracts.create(contract, Creator.process(SlaAudit.SLAFLOW), execution.getProcessBusinessKey(),
        RoutingVariables.OWNER.from(execution));
  }
}
