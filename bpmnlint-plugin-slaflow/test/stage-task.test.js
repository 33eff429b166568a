const { test } = require('node:test');
const assert = require('node:assert/strict');
const { lint, fixture, processModel, processNames, edit } = require('./lint');

const unit = fixture('unit.bpmn');

async function stageTaskReports(xml) {
  return lint(xml, 'stage-task');
}

test('a stage wired like the existing ones passes, and the manager review off the escalation timer is no stage',
  async () => {
    assert.deepEqual(await stageTaskReports(unit), []);
  });

test('a stage without a form is reported', async () => {
  const reports = await stageTaskReports(edit(unit, 'camunda:formRef="review"', ''));
  assert.deepEqual(reports.map(report => report.id), [ 'Task_Review' ]);
  assert.match(reports[0].message, /has no form/);
});

test('a form key counts as a form', async () => {
  assert.deepEqual(await stageTaskReports(edit(unit, 'camunda:formRef="review"', 'camunda:formKey="embedded:x"')),
    []);
});

test('a stage whose Start SLA clock names another task has no stage key', async () => {
  const reports = await stageTaskReports(edit(unit, "'review', 'Task_Review'", "'review', 'Task_Reveiw'"));
  assert.deepEqual(reports.map(report => report.id), [ 'Task_Review' ]);
  assert.match(reports[0].message, /has no stage key/);
});

test('a stage key that differs from the one its sub-process records stage history under is reported', async () => {
  const reports = await stageTaskReports(edit(unit, "slaClock.start(execution, 'review'",
    "slaClock.start(execution, 'approval'"));
  assert.equal(reports.length, 1);
  assert.match(reports[0].message,
    /starts its clock as 'approval' but its sub-process records stage history as 'review'/);
});

test('a stage without the clock\'s due date or the owner listener is reported', async () => {
  const withoutDueDate = await stageTaskReports(edit(unit, 'camunda:dueDate="${slaDueAt}"', ''));
  assert.match(withoutDueDate.map(report => report.message).join('\n'), /must be due when its SLA is/);
  const withoutListener = await stageTaskReports(edit(unit, 'event="assignment"', 'event="complete"'));
  assert.match(withoutListener.map(report => report.message).join('\n'), /lacks the owner listener/);
});

test('each missing rung of the ladder is named', async () => {
  const mistyped = edit(unit, '${slaFinalWarningAt}', '${slaFinalWarning}');
  const moved = edit(mistyped, 'id="Timer_ReviewBreach" cancelActivity="false" attachedToRef="Task_Review"',
    'id="Timer_ReviewBreach" cancelActivity="false" attachedToRef="SubProcess_Review"');
  const reports = await stageTaskReports(moved);
  assert.deepEqual(reports.map(report => report.id), [ 'Task_Review', 'Task_Review' ]);
  assert.match(reports[0].message, /lacks the final SLA warning timer: .*\$\{slaFinalWarningAt\}/);
  assert.match(reports[1].message, /lacks the SLA breach timer: .*\$\{slaDueAt\}/);
});

test('an interrupting ladder timer is reported on the timer', async () => {
  const reports = await stageTaskReports(edit(unit,
    'id="Timer_ReviewWarning" cancelActivity="false"', 'id="Timer_ReviewWarning"'));
  assert.deepEqual(reports.map(report => report.id), [ 'Timer_ReviewWarning' ]);
  assert.match(reports[0].message, /would cancel the stage: make it non-interrupting/);
});

test('a user task put on the main flow without any SLA wiring is a stage and says everything it lacks',
  async () => {
    const reports = await stageTaskReports(edit(unit,
      'sourceRef="Timer_ReviewEscalation" targetRef="Task_ManagerReview"',
      'sourceRef="Task_ReviewStopClock" targetRef="Task_ManagerReview"'));
    assert.ok(reports.every(report => report.id === 'Task_ManagerReview'));
    const messages = reports.map(report => report.message).join('\n');
    [ /no form/, /no stage key/, /due when its SLA is/, /owner listener/, /SLA warning timer/, /final SLA warning/,
      /SLA breach timer/, /escalation timer/ ].forEach(expected => assert.match(messages, expected));
  });

test('every stage of every process in processes/ is checked: a mistyped escalation timer shows on each',
  async () => {
    for (const name of processNames()) {
      const xml = processModel(name);
      const stages = xml.match(/\$\{slaClock\.start\(/g).length;
      const reports = await stageTaskReports(edit(xml, '${slaEscalateAt}</bpmn:timeDate>',
        '${slaEscalationAt}</bpmn:timeDate>'));
      assert.equal(reports.length, stages, `${name}: one report per Start SLA clock`);
      reports.forEach(report => assert.match(report.message, /lacks the escalation timer/, name));
    }
  });
