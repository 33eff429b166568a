const { is, listeners, text, allFlowElements, flowGraph, describe } = require('../lib/model');

/**
 * exit-reason: a stage whose decision picks the way out records that decision and its reason.
 *
 * Exits in Slaflow's units (reject or recycle an MQL, disqualify, close lost, close a stalled deal lost, hold a
 * signal) are branches of an exclusive gateway that tests what the rep chose in the stage's form, e.g.
 * ${mqlDecision == 'accept'}. The stage records the choice and the reason in its stage history with an end
 * listener ${stageHistory.leave(execution, '<decision>', '<reason>')}, naming the form's fields; the form makes
 * the reason required where it applies (the stage gate enforces that on the server).
 *
 * The rule: for every exclusive gateway with conditions, take the element the gateway follows (looking back
 * through automatic steps: service, script, business rule and send tasks). When that element records stage
 * history (it has a stageHistory.leave end listener), the listener must
 * - record as its outcome one of the variables the gateway's conditions test, and
 * - name a reason variable (not null).
 * A gateway after something that records no stage history is not a stage's decision (the handover kind, the
 * manager's escalation decision, the deal's final outcome) and is not checked. Exits that no one chooses (a lead
 * that fails validation, a qualified lead returned to marketing by its timer) carry their reason in the event. A
 * decision that leaves by one flow (the renewal negotiation records renewed, contracted or churned and its reason)
 * is not checked either. The rule reads the BPMN only: that the form has the reason field is the form's part.
 */

const NAME_OR_NULL = "(null|'([^']*)')";
const STAGE_LEAVE = new RegExp(
  `^\\$\\{\\s*stageHistory\\.leave\\(\\s*execution\\s*,\\s*${NAME_OR_NULL}\\s*,\\s*${NAME_OR_NULL}\\s*\\)\\s*\\}$`);

const AUTOMATIC_STEPS = [ 'bpmn:ServiceTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask', 'bpmn:SendTask' ];

const NOT_VARIABLES = new Set([ 'and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'true', 'false', 'null',
  'empty', 'instanceof', 'div', 'mod', 'execution', 'task' ]);

module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) {
      return;
    }
    const graph = flowGraph(node);
    allFlowElements(node).filter(element => is(element, 'bpmn:ExclusiveGateway')).forEach(gateway => {
      const tested = new Set(graph.outgoing(gateway).flatMap(flow => testedVariables(text(flow.conditionExpression))));
      if (!tested.size) {
        return;
      }
      graph.incoming(gateway).forEach(flow => {
        const stage = decidingStage(flow.sourceRef, graph);
        if (stage) {
          checkLeave(stage, gateway, [ ...tested ], reporter);
        }
      });
    });
  }

  return { check };
};

function checkLeave({ element, outcome, reason }, gateway, tested, reporter) {
  const stage = describe(element);
  const decision = outcome && tested.includes(outcome) ? outcome : tested[0];
  if (!outcome || !tested.includes(outcome)) {
    reporter.report(element.id, `${stage} decides the path at ${describe(gateway)} (${tested.join(', ')}) but `
      + `its stage history records ${outcome ? `'${outcome}'` : 'no outcome'}: its end listener must be `
      + `\${stageHistory.leave(execution, '${decision}', '<reason field>')}`);
  }
  if (!reason) {
    reporter.report(element.id, `${stage} decides the path at ${describe(gateway)} but records no reason: name `
      + `the form's reason field in \${stageHistory.leave(execution, '${decision}', '<reason field>')}`);
  }
}

/** The stage history a gateway's predecessor leaves, looking back through automatic steps; null if none. */
function decidingStage(element, graph) {
  const seen = new Set();
  let current = element;
  while (current && !seen.has(current)) {
    seen.add(current);
    const leave = listeners(current, 'executionListener')
      .map(listener => listener.event === 'end' && STAGE_LEAVE.exec(listener.expression))
      .find(Boolean);
    if (leave) {
      return { element: current, outcome: leave[2] || null, reason: leave[4] || null };
    }
    const incoming = graph.incoming(current);
    if (!AUTOMATIC_STEPS.some(type => is(current, type)) || incoming.length !== 1) {
      return null;
    }
    current = incoming[0].sourceRef;
  }
  return null;
}

/**
 * The process variables a condition reads: names passed to getVariable('...') and bare identifiers, leaving out
 * bean and method names (followed by '.' or '('), properties (after '.'), string literals and EL keywords.
 */
function testedVariables(condition) {
  const names = new Set();
  const inner = condition.replace(/^[$#]\{/, '').replace(/\}$/, '');
  for (const match of inner.matchAll(/getVariable(?:Local)?\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    names.add(match[1]);
  }
  const code = inner.replace(/'[^']*'|"[^"]*"/g, '\'\'');
  for (const match of code.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const before = code.slice(0, match.index).trimEnd().slice(-1);
    const after = code.slice(match.index + match[0].length).trimStart().charAt(0);
    if (before !== '.' && after !== '.' && after !== '(' && !NOT_VARIABLES.has(match[0])) {
      names.add(match[0]);
    }
  }
  return [ ...names ];
}

module.exports.testedVariables = testedVariables;
