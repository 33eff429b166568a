const { is, camunda, flowGraph, describe } = require('../lib/model');

/**
 * timer-job: an alert after a ladder timer runs in the timer's own job.
 *
 * A service task with camunda:asyncBefore="true" is reported when every path into it starts at a timer event (a
 * boundary or intermediate timer) and passes only steps that run in the same transaction: service, script, send
 * and business rule tasks and gateways without asyncBefore or asyncAfter, and a sub-process's start event (the path
 * goes on into the sub-process). asyncBefore there splits the timer's work into two jobs, each acquired, locked,
 * run and deleted with its history: in a Monday-morning burst of thousands of rungs due at once, twice the job
 * executor's work for the same alerts. Without it, a failed send fails the timer's job, which retries and then
 * becomes the incident. A task any other path reaches (a person's task, a message, an error, the process start)
 * keeps asyncBefore: its alert must not fail the request of the person whose action led to it.
 */

const SYNCHRONOUS = [ 'bpmn:ServiceTask', 'bpmn:ScriptTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask',
  'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway' ];

function flag(element, name) {
  return String(camunda(element, name)) === 'true';
}

function isTimer(event) {
  return (is(event, 'bpmn:BoundaryEvent') || is(event, 'bpmn:IntermediateCatchEvent'))
    && (event.eventDefinitions || []).some(definition => is(definition, 'bpmn:TimerEventDefinition'));
}

module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) {
      return;
    }
    const graph = flowGraph(node);

    /** Whether every path into the element starts at a timer through synchronous steps only. */
    function onlyFromTimers(element, seen) {
      const sources = graph.incoming(element).map(flow => flow.sourceRef);
      if (!sources.length) {
        return false;
      }
      return sources.every(source => {
        if (seen.has(source)) {
          return true;
        }
        seen.add(source);
        if (isTimer(source)) {
          return true;
        }
        if (is(source, 'bpmn:StartEvent') && is(source.$parent, 'bpmn:SubProcess')
            && !(source.eventDefinitions || []).length) {
          return !flag(source.$parent, 'asyncBefore') && onlyFromTimers(source.$parent, seen);
        }
        return SYNCHRONOUS.some(type => is(source, type)) && !flag(source, 'asyncBefore')
          && !flag(source, 'asyncAfter') && onlyFromTimers(source, seen);
      });
    }

    (function visit(scope) {
      (scope.flowElements || []).forEach(element => {
        if (is(element, 'bpmn:SubProcess')) {
          visit(element);
        }
        if (is(element, 'bpmn:ServiceTask') && flag(element, 'asyncBefore') && onlyFromTimers(element, new Set())) {
          reporter.report(element.id, `Service task ${describe(element)} is only reached from timers: drop `
            + 'camunda:asyncBefore, so that the timer\'s job runs it (one job per alert)');
        }
      });
    })(node);
  }

  return { check };
};
