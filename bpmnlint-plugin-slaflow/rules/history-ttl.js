const { is, camunda, describe } = require('../lib/model');

/**
 * history-ttl: every executable process says how long the engine keeps its history.
 *
 * camunda:historyTimeToLive must be set on each bpmn:Process with isExecutable="true", as a number of days ("180")
 * or an ISO-8601 period of days ("P180D"), the two forms Camunda 7 accepts. Without it the engine refuses the
 * deployment (history time to live is enforced) and history cleanup never removes the unit's instances; a
 * malformed value fails only when the application deploys it. Non-executable processes are never deployed and are
 * skipped.
 */

const DAYS = /^(\d+|P\d+D)$/;

module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process') || !node.isExecutable) {
      return;
    }
    const ttl = (camunda(node, 'historyTimeToLive') || '').toString().trim();
    if (!ttl) {
      reporter.report(node.id, `Process ${describe(node)} has no history time to live: `
        + 'set camunda:historyTimeToLive, e.g. "P180D"');
    } else if (!DAYS.test(ttl)) {
      reporter.report(node.id, `Process ${describe(node)} has history time to live "${ttl}": `
        + 'give days, e.g. "P180D" or "180"');
    }
  }

  return { check };
};
