// Reading the parts of a parsed BPMN model (bpmn-moddle) that Slaflow's conventions live in. bpmnlint parses
// without the Camunda moddle extension, so camunda:* attributes and extension elements arrive as generic
// elements; the helpers below read both that shape and the one Camunda's extension produces.

/** Whether a model element is of the given BPMN type or a subtype of it. */
function is(element, type) {
  if (!element) {
    return false;
  }
  return typeof element.$instanceOf === 'function' ? element.$instanceOf(type) : element.$type === type;
}

/** The value of a camunda:* attribute, e.g. camunda(task, 'formRef'). */
function camunda(element, name) {
  return typeof element.get === 'function' ? element.get('camunda:' + name) : undefined;
}

function extensionElements(element, type) {
  const values = (element.extensionElements && element.extensionElements.values) || [];
  return values.filter(value => (value.$type || '').toLowerCase() === type.toLowerCase());
}

/** The element's listeners of one kind ('executionListener' or 'taskListener') as { event, expression }. */
function listeners(element, kind) {
  return extensionElements(element, 'camunda:' + kind)
    .map(listener => ({ event: listener.event, expression: (listener.expression || '').trim() }));
}

/** The names of the element's camunda:inputParameter mappings. */
function inputParameterNames(element) {
  return extensionElements(element, 'camunda:inputOutput').flatMap(io => {
    const parameters = io.inputParameters || (io.$children || [])
      .filter(child => (child.$type || '').toLowerCase() === 'camunda:inputparameter');
    return parameters.map(parameter => parameter.name);
  });
}

/** The text of an expression element (a condition, a timer's timeDate), trimmed; '' when absent. */
function text(expression) {
  return expression && typeof expression.body === 'string' ? expression.body.trim() : '';
}

/** Every flow element of a process or sub-process, nested sub-processes included. */
function allFlowElements(scope) {
  return (scope.flowElements || []).flatMap(element =>
    is(element, 'bpmn:SubProcess') ? [ element, ...allFlowElements(element) ] : [ element ]);
}

/**
 * The sequence flows of a process as lookups, built from the flows' own source and target (a model need not list
 * each node's incoming and outgoing flows).
 */
function flowGraph(process) {
  const outgoing = new Map();
  const incoming = new Map();
  const add = (map, key, flow) => map.set(key, [ ...(map.get(key) || []), flow ]);
  allFlowElements(process).filter(element => is(element, 'bpmn:SequenceFlow')).forEach(flow => {
    add(outgoing, flow.sourceRef, flow);
    add(incoming, flow.targetRef, flow);
  });
  return {
    outgoing: node => outgoing.get(node) || [],
    incoming: node => incoming.get(node) || []
  };
}

/** How a report names an element: its name and id, or its id alone. */
function describe(element) {
  return element.name ? `"${element.name.replace(/\s+/g, ' ')}" (${element.id})` : element.id;
}

module.exports = {
  is,
  camunda,
  listeners,
  inputParameterNames,
  text,
  allFlowElements,
  flowGraph,
  describe
};
