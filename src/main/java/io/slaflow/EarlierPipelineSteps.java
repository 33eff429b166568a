package io.slaflow;

import io.slaflow.intake.LeadHandOff;
import io.slaflow.pipeline.DealClocks;
import io.slaflow.pipeline.DealClose;
import io.slaflow.pipeline.DealOwners;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The expressions {@code ${pipeline.…}} of process versions deployed before the pipeline's steps were split into
 * {@link DealClocks}, {@link DealOwners}, {@link DealClose} and {@link LeadHandOff}. Deals and leads started on those
 * versions keep running on them, so their next step still finds its method here. Nothing else calls it; it can go
 * once Cockpit shows no running instance of sales-pipeline or lead-routing from before that change.
 */
@Component("pipeline")
public class EarlierPipelineSteps {

  private final DealClocks clocks;
  private final DealOwners owners;
  private final DealClose close;
  private final LeadHandOff leadHandOff;

  public EarlierPipelineSteps(DealClocks clocks, DealOwners owners, DealClose close, LeadHandOff leadHandOff) {
    this.clocks = clocks;
    this.owners = owners;
    this.close = close;
    this.leadHandOff = leadHandOff;
  }

  public void planDeal(DelegateExecution execution) {
    clocks.planDeal(execution);
  }

  public void stageMoved(DelegateExecution execution, String stage) {
    clocks.stageMoved(execution, stage);
  }

  public void actedOn(DelegateExecution execution) {
    clocks.actedOn(execution);
  }

  public void discoveryScheduled(DelegateExecution execution) {
    clocks.discoveryScheduled(execution);
  }

  public void planFollowUp(DelegateExecution execution) {
    clocks.planFollowUp(execution);
  }

  public void followUpReminder(DelegateExecution execution) {
    clocks.followUpReminder(execution);
  }

  public void reassignIdle(DelegateExecution execution) {
    owners.reassignIdle(execution);
  }

  public void tellIdleOwner(DelegateExecution execution) {
    owners.tellIdleOwner(execution);
  }

  public void pullBack(DelegateExecution execution) {
    owners.pullBack(execution);
  }

  public void reset(DelegateExecution execution) {
    owners.reset(execution);
  }

  public void recycle(DelegateExecution execution) {
    close.recycle(execution);
  }

  public void returnStale(DelegateExecution execution) {
    close.returnStale(execution);
  }

  public void tellMarketing(DelegateExecution execution) {
    close.tellMarketing(execution);
  }

  public void close(DelegateExecution execution, String status, String reason) {
    close.close(execution, status, reason);
  }

  public void startOnboarding(DelegateExecution execution) {
    close.startOnboarding(execution);
  }

  public void handOffLead(DelegateExecution execution) {
    leadHandOff.toSales(execution);
  }
}
