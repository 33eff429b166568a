// Slaflow's Cockpit configuration: replaces the webapp's own (empty) one to load our plugins.
export default {
  // slaflow/dashboard.js: the managers' SLA dashboard, on Cockpit's dashboard and on its own page (#/sla).
  customScripts: ['slaflow/dashboard']
};
