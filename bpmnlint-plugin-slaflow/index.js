// Slaflow's conventions for the process owner's BPMN, enabled in the repository's .bpmnlintrc as
// plugin:slaflow/recommended. Each rule file says exactly what it checks and why.
module.exports = {
  configs: {
    recommended: {
      rules: {
        'stage-task': 'error',
        'exit-reason': 'error',
        'history-ttl': 'error',
        'timer-job': 'error'
      }
    }
  },
  rules: {
    'stage-task': './rules/stage-task',
    'exit-reason': './rules/exit-reason',
    'history-ttl': './rules/history-ttl',
    'timer-job': './rules/timer-job'
  }
};
