const { test } = require('node:test');
const assert = require('node:assert/strict');
const { lint, fixture, edit, processModel, processNames } = require('./lint');

const unit = fixture('unit.bpmn');

// The fixture's warning timer leads to a notify step, as a ladder rung does.
const WARN = '<bpmn:boundaryEvent id="Timer_ReviewWarning"';
const withWarningStep = (asyncBefore, between = '') => edit(unit, WARN, `
      <bpmn:sequenceFlow id="Flow_ToWarn" sourceRef="Timer_ReviewWarning" targetRef="${between ? 'Task_Mark' : 'Task_Warn'}" />
      ${between ? `<bpmn:serviceTask id="Task_Mark" ${between} camunda:expression="\${slaClock.markAtRisk(execution)}" />
      <bpmn:sequenceFlow id="Flow_MarkToWarn" sourceRef="Task_Mark" targetRef="Task_Warn" />` : ''}
      <bpmn:serviceTask id="Task_Warn" name="Remind owner" ${asyncBefore ? 'camunda:asyncBefore="true"' : ''}
          camunda:expression="\${ladder.remindOwner(execution, 'warning')}" />
      <bpmn:sequenceFlow id="Flow_ToWarned" sourceRef="Task_Warn" targetRef="End_Warned" />
      <bpmn:endEvent id="End_Warned" />
      ${WARN}`);

test('an alert step a timer reaches runs in the timer\'s job: no asyncBefore passes', async () => {
  assert.deepEqual(await lint(withWarningStep(false), 'timer-job'), []);
});

test('asyncBefore on an alert step only timers reach is reported, also behind a record step', async () => {
  for (const xml of [ withWarningStep(true), withWarningStep(true, 'name="Mark at risk"') ]) {
    const reports = await lint(xml, 'timer-job');
    assert.deepEqual(reports.map(report => report.id), [ 'Task_Warn' ]);
    assert.match(reports[0].message, /"Remind owner" \(Task_Warn\) is only reached from timers/);
  }
});

test('a step behind another job boundary, or that a person\'s task also reaches, keeps its asyncBefore', async () => {
  assert.deepEqual(await lint(withWarningStep(true, 'camunda:asyncAfter="true"'), 'timer-job'), []);
  const alsoFromTheReview = edit(withWarningStep(true), '<bpmn:endEvent id="End_ManagerReviewed" />',
    '<bpmn:endEvent id="End_ManagerReviewed" />\n'
    + '<bpmn:sequenceFlow id="Flow_ReviewToWarn" sourceRef="Task_ManagerReview" targetRef="Task_Warn" />');
  assert.deepEqual(await lint(alsoFromTheReview, 'timer-job'), []);
});

test('every process in processes/ passes', async () => {
  for (const name of processNames()) {
    assert.deepEqual(await lint(processModel(name), 'timer-job'), [], name);
  }
});
