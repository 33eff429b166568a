// Runs slaflow rules on a BPMN text the way `bpmnlint` does (bpmn-moddle without extensions, the plugin resolved
// as the package the repository's .bpmnlintrc names) and returns the reports as plain objects.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { BpmnModdle } = require('bpmn-moddle');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const REPOSITORY = path.resolve(__dirname, '../..');

/** The reports of the given rules (names without the plugin prefix) as { rule, id, message }. */
async function lint(xml, ...rules) {
  const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
  assert.deepEqual(warnings.map(warning => warning.message), [], 'the fixture parses cleanly');
  const linter = new Linter({ resolver: new NodeResolver({ require }) });
  const config = { rules: Object.fromEntries(rules.map(rule => [ 'slaflow/' + rule, 'error' ])) };
  const results = await linter.lint(rootElement, config);
  return Object.entries(results).flatMap(([ rule, reports ]) =>
    reports.map(({ id, message }) => ({ rule: rule.replace('slaflow/', ''), id, message })));
}

function fixture(name) {
  return fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
}

/** A process file of the repository, e.g. processModel('sales-pipeline.bpmn'). */
function processModel(name) {
  return fs.readFileSync(path.join(REPOSITORY, 'processes', name), 'utf8');
}

function processNames() {
  return fs.readdirSync(path.join(REPOSITORY, 'processes')).filter(name => name.endsWith('.bpmn')).sort();
}

/** Replaces text the test means to change, failing when the text is not there (so no test passes vacuously). */
function edit(xml, search, replacement) {
  assert.ok(xml.includes(search), `the model contains ${search}`);
  return xml.split(search).join(replacement);
}

module.exports = { lint, fixture, processModel, processNames, edit, REPOSITORY };
