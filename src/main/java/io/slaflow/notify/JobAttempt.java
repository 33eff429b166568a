package io.slaflow.notify;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Which run of its job the current delivery is, for the log: the number of the attempt (earlier failures, from the
 * job log, plus one) and how many retries are left after this one fails (none: the job becomes an incident).
 *
 * @param number 1 for the first run
 * @param retriesLeft after this run fails; -1 when the delivery runs outside a job and is not retried
 */
record JobAttempt(long number, int retriesLeft) {

  static JobAttempt current() {
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    if (job == null) {
      return new JobAttempt(1, -1);
    }
    long failedBefore = command.getProcessEngineConfiguration().getHistoryService().createHistoricJobLogQuery()
        .jobId(job.getId()).failureLog().count();
    return new JobAttempt(failedBefore + 1, Math.max(job.getRetries() - 1, 0));
  }

  boolean lastRetry() {
    return retriesLeft == 0;
  }

  String retriesLeftText() {
    return retriesLeft < 0 ? "not in a job: not retried" : "retried later, " + retriesLeft
        + (retriesLeft == 1 ? " retry left" : " retries left");
  }
}
