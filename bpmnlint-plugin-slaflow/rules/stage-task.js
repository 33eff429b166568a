const { is, camunda, listeners, text, allFlowElements, flowGraph, describe } = require('../lib/model');

/**
 * stage-task: every stage's user task is wired to its SLA clock.
 *
 * Which user tasks are stages. A unit is a chain of stages, each on the clock, so every user task on the unit's
 * main flow is a stage: one reached along sequence flows from a start event of the process, entering each
 * sub-process (and event sub-process) through its own start event. A user task that can only be reached from a
 * boundary event is a step of a ladder or of a deal clock, not a stage ("Review escalated lead", reached from the
 * escalation timer; "Review stalled deal", reached from the stalled-deal timer), and is skipped.
 *
 * What a stage's user task needs:
 * - a form: camunda:formRef (or camunda:formKey);
 * - a stage key: a "Start SLA clock" step in the process that names the task,
 *   ${slaClock.start(execution, '<stage-key>', '<task id>')}; when the task's sub-process records stage history,
 *   its ${stageHistory.enter(execution, '<stage-key>')} names the same key;
 * - the clock's due date, camunda:dueDate="${slaDueAt}", and the owner listener
 *   (task listener on "assignment": ${routing.ownerChanged(task)}), which no element template can write;
 * - the ladder's four timers attached to the task, each non-interrupting, found the way the engine side finds them
 *   (LadderTimers.java) by their timeDate: ${slaWarningAt}, ${slaFinalWarningAt}, ${slaDueAt} (the breach) and
 *   ${slaEscalateAt}. Every stage has all four, also one whose policy row gives no warning (accept-mql: the
 *   warnings fall on the due time and send nothing), because the policy table, not the diagram, decides whether a
 *   rung acts. The reassignment timer (${slaReassignAt}) is not required: only the lead's first contact and the
 *   MQL acceptance reassign on the clock; the other units move work on their own clocks or not at all.
 */

const LADDER = [
  { instant: 'slaWarningAt', rung: 'SLA warning' },
  { instant: 'slaFinalWarningAt', rung: 'final SLA warning' },
  { instant: 'slaDueAt', rung: 'SLA breach' },
  { instant: 'slaEscalateAt', rung: 'escalation' }
];

const START_CLOCK = /^\$\{\s*slaClock\.start\(\s*execution\s*,\s*'([^']+)'\s*,\s*'([^']+)'\s*\)\s*\}$/;
const ENTER_STAGE = /^\$\{\s*stageHistory\.enter\(\s*execution\s*,\s*'([^']+)'\s*\)\s*\}$/;
const OWNER_LISTENER = '${routing.ownerChanged(task)}';

module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) {
      return;
    }
    const elements = allFlowElements(node);
    const stageKeys = startClockKeysByTask(elements);
    const onMainFlow = mainFlow(node);
    elements
      .filter(element => is(element, 'bpmn:UserTask') && onMainFlow.has(element))
      .forEach(task => checkStage(task, stageKeys.get(task.id) || [], elements, reporter));
  }

  return { check };
};

function checkStage(task, keys, elements, reporter) {
  const stage = describe(task);
  if (!camunda(task, 'formRef') && !camunda(task, 'formKey')) {
    reporter.report(task.id, `Stage ${stage} has no form: set camunda:formRef to its Camunda Form's id`);
  }
  if (!keys.length) {
    reporter.report(task.id, `Stage ${stage} has no stage key: no Start SLA clock names it, `
      + `add \${slaClock.start(execution, '<stage-key>', '${task.id}')} before it`);
  }
  const entered = enteredStage(task.$parent);
  if (entered && keys.length && !keys.includes(entered)) {
    reporter.report(task.id, `Stage ${stage} starts its clock as '${keys.join("', '")}' but its sub-process `
      + `records stage history as '${entered}': use one stage key`);
  }
  if (camunda(task, 'dueDate') !== '${slaDueAt}') {
    reporter.report(task.id, `Stage ${stage} must be due when its SLA is: set camunda:dueDate to \${slaDueAt}`);
  }
  const ownerListener = listeners(task, 'taskListener')
    .some(listener => listener.event === 'assignment' && listener.expression === OWNER_LISTENER);
  if (!ownerListener) {
    reporter.report(task.id, `Stage ${stage} lacks the owner listener: add a task listener on "assignment" `
      + `with expression ${OWNER_LISTENER}`);
  }
  checkLadder(task, stage, elements, reporter);
}

function checkLadder(task, stage, elements, reporter) {
  const timers = elements.filter(element => is(element, 'bpmn:BoundaryEvent') && element.attachedToRef === task)
    .map(boundary => ({ boundary, timeDate: timeDate(boundary) }))
    .filter(timer => timer.timeDate !== null);
  LADDER.forEach(({ instant, rung }) => {
    const matching = timers.filter(timer => timer.timeDate === '${' + instant + '}');
    if (!matching.length) {
      reporter.report(task.id, `Stage ${stage} lacks the ${rung} timer: attach a non-interrupting timer `
        + `boundary event with time date \${${instant}} (copy it from an existing stage)`);
    }
    matching.filter(timer => timer.boundary.cancelActivity !== false).forEach(({ boundary }) => {
      reporter.report(boundary.id, `The ${rung} timer ${describe(boundary)} of stage ${stage} would cancel the `
        + 'stage: make it non-interrupting');
    });
  });
}

/** The timeDate text of a timer boundary event, or null when the event is no timer. */
function timeDate(boundary) {
  const timer = (boundary.eventDefinitions || []).find(definition => is(definition, 'bpmn:TimerEventDefinition'));
  return timer ? text(timer.timeDate) : null;
}

/** Stage keys by the id of the task each Start SLA clock names. */
function startClockKeysByTask(elements) {
  const keys = new Map();
  elements.forEach(element => {
    const match = START_CLOCK.exec((camunda(element, 'expression') || '').trim());
    if (match) {
      keys.set(match[2], [ ...(keys.get(match[2]) || []), match[1] ]);
    }
  });
  return keys;
}

/** The stage key a sub-process records stage history under, if it does. */
function enteredStage(scope) {
  if (!is(scope, 'bpmn:SubProcess')) {
    return null;
  }
  const enter = listeners(scope, 'executionListener')
    .map(listener => listener.event === 'start' && ENTER_STAGE.exec(listener.expression))
    .find(Boolean);
  return enter ? enter[1] : null;
}

/**
 * The process's main flow: every node reached along sequence flows from a start event, entering sub-processes
 * through their start events. Boundary events have no incoming flow, so what only they lead to stays outside.
 */
function mainFlow(process) {
  const graph = flowGraph(process);
  const reached = new Set();

  function enterScope(scope) {
    const children = scope.flowElements || [];
    children.filter(child => is(child, 'bpmn:StartEvent')).forEach(visit);
    children.filter(child => is(child, 'bpmn:SubProcess') && child.triggeredByEvent).forEach(eventSubProcess => {
      reached.add(eventSubProcess);
      enterScope(eventSubProcess);
    });
  }

  function visit(node) {
    if (!node || reached.has(node)) {
      return;
    }
    reached.add(node);
    if (is(node, 'bpmn:SubProcess')) {
      enterScope(node);
    }
    graph.outgoing(node).forEach(flow => visit(flow.targetRef));
  }

  enterScope(process);
  return reached;
}
