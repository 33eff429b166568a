// Slaflow on Tasklist's task cards: the record each task is for (customer, company, priority or amount, as the
// record's title says it now) and where its SLA stands, in words and colour, from /api/desk/cards with the Tasklist
// login. Reps read no process variables: the API gives them the card's words only. The list is sorted by due date,
// most urgent first, and Tasklist's sort menu says so; every filter shows how many tasks it holds. A Record tab beside
// the form answers the rep's questions about the task's record.

const SORT_BY_DUE = JSON.stringify([{sortBy: 'dueDate', sortOrder: 'asc'}]);

/** Cards asked for while Tasklist draws a page, by task id: one request for the page, not one for each card. */
let waiting = new Map();

function ask(taskId, node) {
  if (waiting.size === 0) {
    setTimeout(answer, 0);
  }
  waiting.set(taskId, [...(waiting.get(taskId) || []), node]);
}

async function answer() {
  const batch = waiting;
  waiting = new Map();
  const query = [...batch.keys()].map(id => `task=${encodeURIComponent(id)}`).join('&');
  try {
    const response = await fetch(`/api/desk/cards?${query}`, {credentials: 'same-origin',
      headers: {Accept: 'application/json'}});
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const cards = new Map((await response.json()).map(card => [card.taskId, card]));
    batch.forEach((nodes, taskId) => nodes.forEach(node => draw(node, cards.get(taskId))));
  } catch (failure) {
    batch.forEach(nodes => nodes.forEach(node => {
      node.textContent = `SLA not available (${failure.message})`;
    }));
  }
}

function draw(node, card) {
  node.replaceChildren();
  if (!card) {
    return;
  }
  const line = document.createElement('div');
  line.className = 'slaflow-card';
  if (card.standing) {
    const standing = document.createElement('span');
    standing.className = 'slaflow-standing';
    standing.dataset.standing = card.standing;
    standing.textContent = card.standing === 'paused' && card.pauseReason
      ? `${card.standingLabel}: ${card.pauseReason}` : card.standingLabel;
    line.append(standing);
  }
  if (card.record) {
    const record = document.createElement('span');
    record.className = 'slaflow-record';
    record.title = card.record;
    record.textContent = card.record;
    line.append(record);
  }
  node.append(line);
}

/** Tasklist sorts by creation unless the address says otherwise; our filters and people want the due date. */
function sortByDue() {
  const [path, query = ''] = window.location.hash.split('?');
  if (path !== '#/') {
    return;
  }
  const params = new URLSearchParams(query);
  if (!params.has('sorting')) {
    params.set('sorting', SORT_BY_DUE);
    window.location.replace(`${path}?${params}`);
  }
}

// Tasklist reads the sorting from the address as it loads (a link from an alert e-mail, "#/?task=…") and after
// the login.
window.addEventListener('hashchange', sortByDue);
sortByDue();

/** How often the filters' counts are read again, as Tasklist reloads the open filter's list. */
const COUNTS_MS = 10_000;

/**
 * Tasklist counts only the open filter's tasks; a rep should see "At risk (2)" without clicking it. The engine API of
 * the Tasklist login counts each filter's tasks that this user may see.
 */
async function countFilters() {
  const filters = document.querySelectorAll('.task-filter');
  if (filters.length === 0) {
    return;
  }
  const engine = document.querySelector('base')?.getAttribute('engine-api') ?? '/camunda/api/engine/';
  const response = await fetch(`${engine}engine/default/filter?resourceType=Task&itemCount=true`,
    {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!response.ok) {
    return;
  }
  const counts = new Map((await response.json()).map(filter => [filter.name, filter.itemCount]));
  filters.forEach(filter => {
    const link = filter.querySelector('h4.name a');
    const name = link?.firstChild?.textContent.trim();
    let count = filter.querySelector('.slaflow-count');
    // The open filter has Tasklist's own counter.
    if (!link || filter.classList.contains('active') || !counts.has(name)) {
      count?.remove();
      return;
    }
    if (!count) {
      count = document.createElement('span');
      count.className = 'counter slaflow-count';
      link.append(count);
    }
    count.textContent = String(counts.get(name));
  });
}

setInterval(() => countFilters().catch(() => {}), COUNTS_MS);
window.addEventListener('hashchange', () => setTimeout(() => countFilters().catch(() => {}), 500));

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  children.forEach(child => node.append(child));
  return node;
}

/** An instant on the reader's own clock, with the zone's name, as Tasklist shows due dates. */
function when(instant) {
  return instant ? new Date(instant).toLocaleString(undefined, {weekday: 'short', day: 'numeric', month: 'short',
    year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'}) : '–';
}

function duration(seconds) {
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function rows(headers, lines) {
  return element('table', {class: 'table table-condensed slaflow-table'}, [
    element('thead', {}, [element('tr', {}, headers.map(h => element('th', {}, [h])))]),
    element('tbody', {}, lines.map(cells => element('tr', {}, cells.map(cell => element('td', {}, [cell])))))]);
}

/** The session's token against cross-site requests, which Camunda's webapps give their pages in a cookie. */
function csrfToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

/**
 * Sends a change from the Record tab with the session's token against cross-site requests; redraws the tab when it
 * went through, or says next to the button what the server refused.
 */
function send(button, said, path, body, redraw) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    const response = await fetch(path, {method: 'POST', credentials: 'same-origin', headers: {
      'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken()}, body: body()});
    if (response.ok) {
      await redraw();
      return;
    }
    const problem = await response.json().catch(() => ({}));
    said.textContent = problem.errors ? problem.errors.map(e => `${e.field} ${e.message}`).join('; ')
      : problem.detail ?? `HTTP ${response.status}`;
    button.disabled = false;
  });
}

/** An action's input: a choice among its options, or a line of text. */
function input(spec) {
  if (Object.keys(spec.options).length > 0) {
    return element('select', {class: 'form-control input-sm', 'aria-label': spec.label},
      Object.entries(spec.options).map(([value, words]) => element('option', {value}, [words])));
  }
  return element('input', {class: 'form-control input-sm', type: 'text', maxlength: '500',
    placeholder: spec.hint ?? '', 'aria-label': spec.label});
}

/** The record's actions as buttons after the inputs each asks for; the tab redraws after each. */
function actions(node, taskId, list) {
  const box = element('div', {class: 'form-inline slaflow-actions', 'data-part': 'actions'});
  list.forEach(action => {
    const fields = action.inputs.map(spec => [spec.name, input(spec)]);
    const button = element('button', {type: 'button', class: 'btn btn-default btn-sm'}, [action.label]);
    const said = element('span', {class: 'slaflow-said'});
    send(button, said, action.path,
      () => JSON.stringify(Object.fromEntries(fields.map(([name, field]) => [name, field.value]))),
      () => drawRecord(node, taskId));
    box.append(...fields.flatMap(([, field]) => [field, ' ']), button, ' ', said);
  });
  return box;
}

/** What was done on a deal, oldest first: the deal's activity log. */
function activities(list) {
  return list.length === 0 ? '' : element('div', {'data-part': 'activities'}, [
    element('h5', {}, ['Activities']),
    rows(['When (your time)', 'Who', 'What', 'Note'], list.map(a => [when(a.at), a.by, a.kind, a.note ?? '']))]);
}

/** What people noted on the record, newest first, and a field to add a note in one's own name. */
function notes(node, taskId, list) {
  const text = element('textarea', {class: 'form-control', rows: '2', maxlength: '2000', 'aria-label': 'Note',
    placeholder: 'What happened, what was agreed'});
  const button = element('button', {type: 'button', class: 'btn btn-default btn-sm'}, ['Add note']);
  const said = element('span', {class: 'slaflow-said'});
  send(button, said, `/api/desk/tasks/${encodeURIComponent(taskId)}/notes`, () => JSON.stringify({text: text.value}),
    () => drawRecord(node, taskId));
  return element('div', {'data-part': 'notes'}, [
    element('h5', {}, ['Notes']),
    element('ul', {class: 'list-unstyled'}, list.map(note => element('li', {}, [
      element('small', {}, [`${when(note.at)}, ${note.author}: `]), note.text]))),
    text, button, ' ', said]);
}

/**
 * The Record tab: what the task is about and whom to reach, the SLA in words, the ladder's instants on the reader's
 * clock (and which have passed), the time the clock stood still, and every visit of the record's stages so far.
 */
async function drawRecord(node, taskId) {
  node.replaceChildren(element('p', {}, ['Loading the record…']));
  const response = await fetch(`/api/desk/tasks/${encodeURIComponent(taskId)}`, {credentials: 'same-origin',
    headers: {Accept: 'application/json'}});
  if (response.status === 404) {
    // An action can end the task (a lead sent to another team): the record goes on elsewhere.
    node.replaceChildren(element('p', {'data-slaflow-record': 'gone'},
      ['This task is no longer open: it was completed, or the record moved on to another team.']));
    return;
  }
  if (!response.ok) {
    node.replaceChildren(element('p', {}, [`The record could not be loaded (HTTP ${response.status}).`]));
    return;
  }
  const view = await response.json();
  const now = Date.now();
  const heading = element('h4', {}, [view.record ?? 'This task has no record']);
  if (view.standing) {
    heading.prepend(element('span', {class: 'slaflow-standing', 'data-standing': view.standing},
      [view.standingLabel]), ' ');
  }
  const contact = element('p', {'data-part': 'contact'}, [`Contact: ${view.contactName ?? '–'}`]);
  if (view.contactEmail) {
    contact.append(' · ', element('a', {href: `mailto:${view.contactEmail}`}, [view.contactEmail]));
  }
  if (view.contactPhone) {
    contact.append(' · ', element('a', {href: `tel:${view.contactPhone.replace(/[^+0-9]/g, '')}`},
      [view.contactPhone]));
  }
  const sla = element('div', {'data-part': 'sla'}, [
    element('p', {}, [`SLA: ${view.policy ?? '–'}`]),
    element('p', {}, [`Clock: ${view.clock ?? '–'}`])]);
  if (view.pausedAt) {
    sla.append(element('p', {}, [`Paused since ${when(view.pausedAt)}: ${view.pauseReason ?? ''}`]));
  }
  if (view.pausedSeconds > 0) {
    sla.append(element('p', {}, [`The clock stood still for ${duration(view.pausedSeconds)} of business time.`]));
  }
  node.replaceChildren(element('div', {class: 'slaflow-record-view', 'data-slaflow-record': 'ready'}, [
    heading, contact, sla, actions(node, taskId, view.actions),
    element('h5', {}, ['By when, and what happens if not']),
    rows(['Step', 'When (your time)', ''], view.ladder.map(rung => [rung.name, when(rung.at),
      new Date(rung.at).getTime() <= now ? 'passed' : ''])),
    element('h5', {}, ['What happened before']),
    rows(['Stage', 'Owner', 'Started', 'Due', 'Ended', 'Outcome'], view.history.map(visit => [visit.stage,
      visit.owner, when(visit.startedAt), when(visit.dueAt), when(visit.completedAt), visit.outcome])),
    activities(view.activities), notes(node, taskId, view.notes)]));
}

export default [
  {
    id: 'slaflow.card',
    pluginPoint: 'tasklist.card',
    priority: 100,
    render: (node, {taskId}) => ask(taskId, node)
  },
  {
    id: 'slaflow.record',
    pluginPoint: 'tasklist.task.detail',
    priority: 50,
    label: 'Record',
    properties: {label: 'Record'},
    render: (node, {taskId}) => {
      drawRecord(node, taskId).catch(failure => {
        node.textContent = `The record could not be loaded (${failure.message}).`;
      });
    }
  }
];
