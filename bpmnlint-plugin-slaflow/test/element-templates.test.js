// The element templates in .camunda/element-templates (where Camunda Modeler finds them for every diagram below the
// repository root) must load in Modeler and must write only what processes/ already use, so that an element made
// from a template behaves like the existing ones and a template cannot drift from the convention.
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { BpmnModdle } = require('bpmn-moddle');
const { is, listeners, inputParameterNames, allFlowElements } = require('../lib/model');
const { REPOSITORY, processNames, processModel } = require('./lint');

const TEMPLATES = path.join(REPOSITORY, '.camunda', 'element-templates');
const SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

// Camunda 7 binding types and the field types each accepts (@camunda/element-templates-json-schema).
const FIELD_TYPES = {
  'property': [ 'String', 'Text', 'Hidden', 'Dropdown', 'Boolean' ],
  'camunda:property': [ 'String', 'Hidden', 'Dropdown' ],
  'camunda:inputParameter': [ 'String', 'Text', 'Hidden', 'Dropdown' ],
  'camunda:outputParameter': [ 'String', 'Hidden', 'Dropdown' ],
  'camunda:in': [ 'String', 'Hidden', 'Dropdown' ],
  'camunda:in:businessKey': [ 'String', 'Hidden', 'Dropdown' ],
  'camunda:out': [ 'String', 'Hidden', 'Dropdown' ],
  'camunda:executionListener': [ 'Hidden' ],
  'camunda:field': [ 'String', 'Text', 'Hidden', 'Dropdown' ],
  'camunda:errorEventDefinition': [ 'String', 'Hidden', 'Dropdown' ]
};
const NAMED_BINDINGS = [ 'property', 'camunda:property', 'camunda:inputParameter', 'camunda:field' ];

function templateFiles() {
  return fs.readdirSync(TEMPLATES).filter(name => name.endsWith('.json')).sort();
}

function templates() {
  return templateFiles().flatMap(name => {
    const content = JSON.parse(fs.readFileSync(path.join(TEMPLATES, name), 'utf8'));
    return (Array.isArray(content) ? content : [ content ]).map(template => ({ file: name, template }));
  });
}

/** What is wrong with a template's structure for Camunda Modeler (Camunda 7 templates); [] when nothing. */
function structureProblems(template) {
  const problems = [];
  const problem = message => problems.push(`${template.id || '(no id)'}: ${message}`);
  if (template.$schema !== SCHEMA) {
    problem(`$schema must be ${SCHEMA}`);
  }
  [ 'id', 'name' ].filter(key => typeof template[key] !== 'string' || !template[key].trim())
    .forEach(key => problem(`needs a ${key}`));
  if (!Number.isInteger(template.version) || template.version < 1) {
    problem('needs a version (a whole number), so that Modeler can tell changed templates apart');
  }
  if (!Array.isArray(template.appliesTo) || !template.appliesTo.length
    || !template.appliesTo.every(type => /^bpmn:[A-Z]\w+$/.test(type))) {
    problem('appliesTo must list BPMN types such as bpmn:UserTask');
  }
  if (!Array.isArray(template.properties) || !template.properties.length) {
    problem('needs properties');
    return problems;
  }
  template.properties.forEach((property, index) => {
    const field = `property ${property.label || index}`;
    const binding = property.binding || {};
    const type = property.type || 'String';
    if (!FIELD_TYPES[binding.type]) {
      problem(`${field}: binding type ${binding.type} is no Camunda 7 binding`);
      return;
    }
    if (!FIELD_TYPES[binding.type].includes(type)) {
      problem(`${field}: a ${binding.type} binding cannot be of type ${type}`);
    }
    if (NAMED_BINDINGS.includes(binding.type) && !binding.name) {
      problem(`${field}: a ${binding.type} binding needs a name`);
    }
    if (binding.type === 'camunda:executionListener' && ![ 'start', 'end', 'take' ].includes(binding.event)) {
      problem(`${field}: an execution listener needs its event`);
    }
    if (type === 'Hidden' && property.value === undefined) {
      problem(`${field}: a hidden field needs its value`);
    }
    if (type === 'Dropdown') {
      const choices = property.choices || [];
      if (!choices.length || !choices.every(choice => typeof choice.name === 'string'
        && typeof choice.value === 'string')) {
        problem(`${field}: a dropdown needs choices with name and value`);
      } else if (property.value !== undefined && !choices.some(choice => choice.value === property.value)) {
        problem(`${field}: the default value is none of the choices`);
      }
    }
    const pattern = property.constraints && property.constraints.pattern;
    if (pattern && property.value !== undefined
      && !new RegExp(typeof pattern === 'string' ? pattern : pattern.value).test(property.value)) {
      problem(`${field}: the default value does not match the field's own pattern`);
    }
  });
  return problems;
}

/** Every flow element of every process in processes/. */
async function processElements() {
  const elements = [];
  for (const name of processNames()) {
    const { rootElement } = await new BpmnModdle().fromXML(processModel(name));
    rootElement.rootElements.filter(root => is(root, 'bpmn:Process'))
      .forEach(process => elements.push(...allFlowElements(process)));
  }
  return elements;
}

/** Where a template writes something processes/ do not use on elements of its type; [] when nowhere. */
function conventionProblems(template, elements) {
  const types = template.elementType ? [ template.elementType.value ] : template.appliesTo;
  const alike = elements.filter(element => types.some(type => is(element, type)));
  const problems = [];
  const problem = message => problems.push(`${template.id}: ${message} (on ${types.join(', ')} in processes/)`);
  template.properties.forEach(property => {
    const binding = property.binding;
    const type = property.type || 'String';
    if (binding.type === 'property') {
      const used = alike.map(element => element.get(binding.name)).filter(value => value !== undefined)
        .map(String);
      const written = type === 'Dropdown' ? property.choices.map(choice => choice.value)
        : type === 'Hidden' ? [ String(property.value) ] : [];
      if (!used.length) {
        problem(`${binding.name} is used nowhere`);
      }
      written.filter(value => !used.includes(value)).forEach(value => problem(`${binding.name}="${value}" is unused`));
      const pattern = property.constraints && property.constraints.pattern;
      if (pattern && used.length) {
        const expression = new RegExp(typeof pattern === 'string' ? pattern : pattern.value);
        if (!used.some(value => expression.test(value))) {
          problem(`${binding.name} pattern ${expression} matches no value in use`);
        }
      }
    } else if (binding.type === 'camunda:executionListener') {
      const used = alike.flatMap(element => listeners(element, 'executionListener'));
      if (!used.some(listener => listener.event === binding.event && listener.expression === property.value)) {
        problem(`execution listener on ${binding.event} ${property.value} is unused`);
      }
    } else if (binding.type === 'camunda:inputParameter') {
      if (!alike.some(element => inputParameterNames(element).includes(binding.name))) {
        problem(`input parameter ${binding.name} is unused`);
      }
    } else {
      problem(`binding ${binding.type} is used nowhere`);
    }
  });
  return problems;
}

let elements;

before(async () => {
  elements = await processElements();
});

test('the templates are where Camunda Modeler finds them: .camunda/element-templates at the repository root', () => {
  const ids = templates().map(({ template }) => template.id);
  [ 'io.slaflow.sla-stage-task', 'io.slaflow.start-sla-clock', 'io.slaflow.stop-sla-clock', 'io.slaflow.notify' ]
    .forEach(id => assert.ok(ids.includes(id), id));
});

test('every template is a Camunda 7 element template Modeler can load', () => {
  const all = templates();
  const problems = all.flatMap(({ file, template }) =>
    structureProblems(template).map(problem => `${file}: ${problem}`));
  assert.deepEqual(problems, []);
  const keys = all.map(({ template }) => `${template.id}@${template.version}`);
  assert.equal(new Set(keys).size, keys.length, 'each id and version once');
});

test('every value a template writes is one processes/ already use on the same kind of element', () => {
  assert.deepEqual(templates().flatMap(({ template }) => conventionProblems(template, elements)), []);
});

test('a template that drifts from processes/ or from the schema is caught', () => {
  const stage = templates().find(({ template }) => template.id === 'io.slaflow.sla-stage-task').template;
  const drifted = structuredClone(stage);
  drifted.properties.find(property => property.binding.name === 'camunda:dueDate').value = '${slaDue}';
  drifted.properties.push({ type: 'Hidden', value: 'x', binding: { type: 'camunda:inputParameter', name: 'stage' } });
  drifted.properties.push({ type: 'String', binding: { type: 'camunda:taskListener', name: 'owner' } });
  assert.deepEqual(conventionProblems(drifted, elements).map(problem => problem.split(' (on ')[0]), [
    'io.slaflow.sla-stage-task: camunda:dueDate="${slaDue}" is unused',
    'io.slaflow.sla-stage-task: input parameter stage is unused',
    'io.slaflow.sla-stage-task: binding camunda:taskListener is used nowhere'
  ]);
  assert.match(structureProblems(drifted).join('\n'), /camunda:taskListener is no Camunda 7 binding/);
  const withoutVersion = { ...stage, version: undefined };
  assert.match(structureProblems(withoutVersion).join('\n'), /needs a version/);
});
