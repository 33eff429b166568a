const { test } = require('node:test');
const assert = require('node:assert/strict');
const { lint, fixture, edit } = require('./lint');

const unit = fixture('unit.bpmn');

async function historyTtlReports(xml) {
  return lint(xml, 'history-ttl');
}

test('a process with a history time to live in days passes, as ISO period or as a number', async () => {
  assert.deepEqual(await historyTtlReports(unit), []);
  assert.deepEqual(await historyTtlReports(edit(unit, '"P180D"', '"180"')), []);
});

test('a process without a history time to live is reported', async () => {
  const reports = await historyTtlReports(edit(unit, 'camunda:historyTimeToLive="P180D"', ''));
  assert.deepEqual(reports.map(report => report.id), [ 'unit' ]);
  assert.match(reports[0].message, /has no history time to live/);
});

test('a history time to live the engine cannot read is reported', async () => {
  for (const ttl of [ 'P6M', '180 days', 'PT24H', ' ' ]) {
    const reports = await historyTtlReports(edit(unit, '"P180D"', `"${ttl}"`));
    assert.equal(reports.length, 1, ttl);
  }
});

test('a process that is not executable is never deployed and is skipped', async () => {
  const xml = edit(edit(unit, 'isExecutable="true"', 'isExecutable="false"'), 'camunda:historyTimeToLive="P180D"', '');
  assert.deepEqual(await historyTtlReports(xml), []);
});

test('the recommended configuration turns every slaflow rule on as an error', () => {
  const plugin = require('bpmnlint-plugin-slaflow');
  assert.deepEqual(plugin.configs.recommended.rules,
    { 'stage-task': 'error', 'exit-reason': 'error', 'history-ttl': 'error', 'timer-job': 'error' });
  assert.deepEqual(Object.keys(plugin.rules).sort(), Object.keys(plugin.configs.recommended.rules).sort());
});
