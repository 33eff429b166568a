// Slaflow on Tasklist's task cards: the record each task is for (customer, company, priority or amount, as the
// record's title says it now) and where its SLA stands, in words and colour, from /api/desk/cards with the Tasklist
// login. Reps read no process variables: the API gives them the card's words only. The list is sorted by due date,
// most urgent first, and Tasklist's sort menu says so; every filter shows how many tasks it holds.

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

export default [
  {
    id: 'slaflow.card',
    pluginPoint: 'tasklist.card',
    priority: 100,
    render: (node, {taskId}) => ask(taskId, node)
  }
];
