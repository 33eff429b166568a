// Slaflow's Tasklist configuration: replaces the webapp's own to load our card plugin; the shortcuts are Tasklist's.
export default {
  // slaflow/desk.js: each card names its record and says where its SLA stands; the list sorts by due date.
  customScripts: ['slaflow/desk'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
