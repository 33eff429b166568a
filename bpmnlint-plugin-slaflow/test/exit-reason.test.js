const { test } = require('node:test');
const assert = require('node:assert/strict');
const { lint, fixture, processModel, edit } = require('./lint');
const { testedVariables } = require('../rules/exit-reason');

const unit = fixture('unit.bpmn');

async function exitReasonReports(xml) {
  return lint(xml, 'exit-reason');
}

test('a stage that records its decision and reason before the gateway passes', async () => {
  assert.deepEqual(await exitReasonReports(unit), []);
});

test('a deciding stage that records no reason is reported on the stage', async () => {
  const reports = await exitReasonReports(edit(unit, "'reviewDecision', 'rejectReason'", "'reviewDecision', null"));
  assert.deepEqual(reports.map(report => report.id), [ 'SubProcess_Review' ]);
  assert.match(reports[0].message, /decides the path at "Approved\?" \(Gateway_Approved\) but records no reason/);
});

test('a deciding stage with the listener of a stage that decides nothing is reported twice', async () => {
  const reports = await exitReasonReports(edit(unit, "'reviewDecision', 'rejectReason'", 'null, null'));
  assert.equal(reports.length, 2);
  assert.match(reports[0].message, /\(reviewDecision\) but its stage history records no outcome/);
  assert.match(reports[1].message, /records no reason/);
});

test('a stage that records another outcome than the gateway tests is reported', async () => {
  const reports = await exitReasonReports(edit(unit, "'reviewDecision', 'rejectReason'",
    "'reviewOutcome', 'rejectReason'"));
  assert.equal(reports.length, 1);
  assert.match(reports[0].message, /records 'reviewOutcome': .*leave\(execution, 'reviewDecision', '<reason field>'\)/);
});

test('automatic steps between the stage and its gateway do not hide the decision', async () => {
  const withStep = edit(unit,
    '<bpmn:sequenceFlow id="Flow_ToApproved" sourceRef="SubProcess_Review" targetRef="Gateway_Approved" />',
    '<bpmn:sequenceFlow id="Flow_ToRecord" sourceRef="SubProcess_Review" targetRef="Task_Record" />'
      + '<bpmn:serviceTask id="Task_Record" camunda:expression="${requests.record(execution)}" />'
      + '<bpmn:sequenceFlow id="Flow_ToApproved" sourceRef="Task_Record" targetRef="Gateway_Approved" />');
  assert.deepEqual(await exitReasonReports(withStep), []);
  const reports = await exitReasonReports(edit(withStep, "'reviewDecision', 'rejectReason'", "'reviewDecision', null"));
  assert.deepEqual(reports.map(report => report.id), [ 'SubProcess_Review' ]);
});

test('a gateway after something that records no stage history is no stage decision and is not checked',
  async () => {
    const xml = edit(unit, "<camunda:executionListener expression=\"${stageHistory.leave(execution, 'reviewDecision', "
      + "'rejectReason')}\"\n            event=\"end\" />", '');
    assert.deepEqual(await exitReasonReports(xml), []);
  });

test('the variables a condition tests', () => {
  assert.deepEqual(testedVariables("${mqlDecision == 'accept'}"), [ 'mqlDecision' ]);
  assert.deepEqual(testedVariables("${execution.getVariable('salesReady') == true}"), [ 'salesReady' ]);
  assert.deepEqual(testedVariables('${slaClock.escalationUnhandled(execution)}'), []);
  assert.deepEqual(testedVariables("${signalOutcome != 'hold' && not empty holdReason}"),
    [ 'signalOutcome', 'holdReason' ]);
  assert.deepEqual(testedVariables('${deal.amount > 1000 or dealOutcome eq "won"}'), [ 'dealOutcome' ]);
  assert.deepEqual(testedVariables(''), []);
});

test('the decisions in processes/ are checked: without their reasons the deciding stages are reported', async () => {
  const withoutReasons = name => processModel(name)
    .replace(/(stageHistory\.leave\(execution, '\w+', )'\w+'\)/g, '$1null)');
  const pipeline = await exitReasonReports(withoutReasons('sales-pipeline.bpmn'));
  assert.deepEqual(pipeline.map(report => report.id).sort(),
    [ 'SubProcess_AcceptMql', 'SubProcess_Closing', 'SubProcess_Discovery', 'Task_ReviewStalledDeal' ]);
  const expansion = await exitReasonReports(withoutReasons('expansion.bpmn'));
  assert.deepEqual(expansion.map(report => report.id), [ 'SubProcess_QualifySignal' ]);
});
