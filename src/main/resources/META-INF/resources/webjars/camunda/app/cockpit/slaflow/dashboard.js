// The managers' SLA dashboard in Cockpit: adherence by rep and stage, the weekly trend, the waterfall and the
// breach list, drawn from Slaflow's reports API (/api/reports/...) with the Cockpit login. Each user sees the
// figures the API gives them: managers their teams, reps their own, administrators everything.
const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
const PAGE = '/sla';

async function fetchReport(name, params) {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(`/api/reports/${name}?${query}`, {credentials: 'same-origin',
    headers: {Accept: 'application/json'}});
  if (!response.ok) {
    throw new Error(`${name}: HTTP ${response.status}`);
  }
  return response;
}

async function report(name, params) {
  return (await fetchReport(name, params)).json();
}

/** The adherence rows and the organisation's target: the share of decided visits that should meet their SLA. */
async function adherenceOf(params) {
  const response = await fetchReport('adherence', params);
  return {rows: await response.json(), target: Number(response.headers.get('X-Adherence-Target'))};
}

/** A page of the breach list and the length of the whole list. */
async function breachPage(params) {
  const response = await fetchReport('breaches', params);
  return {rows: await response.json(), total: Number(response.headers.get('X-Total-Count'))};
}

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  children.forEach(child => node.append(child));
  return node;
}

function percent(rate) {
  return rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(1)} %`;
}

function hours(value) {
  return value === null || value === undefined ? '–' : value.toFixed(1);
}

function chart(echarts, box, option) {
  const instance = echarts.init(box);
  instance.setOption(Object.assign({animation: false, tooltip: {trigger: 'axis'}, grid: {left: 48, right: 16,
    top: 32, bottom: 56}}, option));
  new ResizeObserver(() => instance.resize()).observe(box);
  return instance;
}

function table(id, headers, rows) {
  return element('table', {class: 'cam-table slaflow-table', 'data-table': id}, [
    element('thead', {}, [element('tr', {}, headers.map(h => element('th', {}, [h])))]),
    element('tbody', {}, rows.map(cells => element('tr', {}, cells.map(cell =>
      cell instanceof Node ? element('td', {}, [cell]) : element('td', {}, [String(cell)])))))
  ]);
}

/** How often the list of records needing someone now reloads by itself. */
const REFRESH_MS = 30_000;

function atRiskTable(rows) {
  return table('at-risk', ['SLA', 'Record', 'Stage', 'Owner', 'Due', ''], rows.map(r => [
    element('span', {class: 'slaflow-standing', 'data-standing': r.standing}, [r.standingLabel]),
    r.record ?? '–', r.stage, r.ownerName, new Date(r.dueAt).toLocaleString(),
    r.cockpitLink ? element('a', {href: r.cockpitLink.replace(/^https?:\/\/[^/]+/, '')}, ['Open']) : '']));
}

/**
 * The records breached or due within the hour right now, most urgent first; it reloads every 30 seconds while it is
 * on the page and says when it last did.
 */
function atRiskSection(rows) {
  const title = element('h4', {}, []);
  const box = element('div', {});
  const draw = current => {
    title.textContent = `Needs attention now (${current.length})`;
    box.replaceChildren(current.length ? atRiskTable(current)
      : element('p', {}, ['Nothing is breached or due within the hour.']),
    element('p', {class: 'slaflow-updated'}, [`Updated ${new Date().toLocaleTimeString()}`]));
  };
  draw(rows);
  const node = element('section', {class: 'slaflow-section slaflow-wide', 'data-section': 'at-risk'}, [title, box]);
  const timer = setInterval(async () => {
    if (!node.isConnected) {
      clearInterval(timer);
      return;
    }
    try {
      draw(await report('at-risk', {}));
    } catch (failure) {
      box.querySelector('.slaflow-updated').textContent = `Could not reload: ${failure.message}`;
    }
  }, REFRESH_MS);
  return node;
}

function section(title, ...content) {
  return element('section', {class: 'slaflow-section'}, [element('h4', {}, [title]), ...content]);
}

function chartBox(id) {
  return element('div', {class: 'slaflow-chart', 'data-chart': id});
}

function styles() {
  return element('style', {}, [`
    .slaflow-dashboard { display: grid; gap: 16px;
      grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); }
    .slaflow-section { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 12px; }
    .slaflow-section h4 { margin: 0 0 8px; }
    .slaflow-chart { height: 260px; }
    .slaflow-table { width: 100%; font-size: 12px; }
    .slaflow-table td, .slaflow-table th { padding: 2px 6px; text-align: right; }
    .slaflow-table td:first-child, .slaflow-table th:first-child { text-align: left; }
    .slaflow-wide { grid-column: 1 / -1; }
    .slaflow-page { padding: 16px; }
    .slaflow-page h3 { margin: 0 0 12px; }
    .slaflow-table[data-table=at-risk] td, .slaflow-table[data-table=at-risk] th,
    .slaflow-table[data-table=breaches] td, .slaflow-table[data-table=breaches] th { text-align: left; }
    .slaflow-controls select { width: auto; display: inline-block; margin-right: 8px; }
    .slaflow-updated { color: #666; font-size: 11px; margin: 4px 0 0; }
    .slaflow-standing { border-radius: 3px; padding: 0 5px; font-weight: 600; color: #fff; white-space: nowrap; }
    .slaflow-standing[data-standing="at-risk"] { background: #b26a00; }
    .slaflow-standing[data-standing="breached"] { background: #c62828; }
    .slaflow-standing[data-standing="escalated"] { background: #6a1b9a; }
    .slaflow-standing[data-standing="paused"] { background: #546e7a; }
  `]);
}

const UNITS = [['', 'All units'], ['lead-routing', 'Lead routing'], ['sales-pipeline', 'Sales pipeline'],
  ['customer-support', 'Customer support'], ['onboarding', 'Onboarding'], ['renewal', 'Renewal'],
  ['expansion', 'Expansion']];
const PERIODS = [[1, 'Last week'], [4, 'Last 4 weeks'], [12, 'Last 12 weeks']];

function select(name, options, value, onChange) {
  const box = element('select', {class: 'form-control input-sm', name, 'aria-label': name},
    options.map(([key, label]) => element('option', {value: String(key)}, [label])));
  box.value = String(value);
  box.addEventListener('change', () => onChange(box.value));
  return box;
}

function breachTable(rows) {
  return table('breaches', ['Breached', 'Record', 'Stage', 'Owner', 'Team', 'Reassigned', 'Escalation'],
    rows.map(b => [new Date(b.breachedAt).toLocaleString(),
      b.cockpitLink ? element('a', {href: b.cockpitLink.replace(/^https?:\/\/[^/]+/, '')}, [b.record]) : b.record,
      b.stage, b.ownerName, b.teamId, b.reassignments, b.escalationLevel]));
}

/**
 * The dashboard for a period, a unit and a team the reader chooses (four weeks of every unit and team at first);
 * clicking a rep's bar lists that rep's breaches.
 */
async function render(node, full, choice = {weeks: 4, unit: '', team: ''}) {
  node.innerHTML = '';
  const status = element('p', {'data-status': 'loading'}, ['Loading SLA figures…']);
  node.append(styles(), status);
  try {
    // Four weeks is the reports' own period, ending on the server's today; other periods start that many weeks back.
    const period = {...(choice.weeks === 4 ? {} : {from: weeksAgo(choice.weeks)}),
      ...(choice.unit ? {unit: choice.unit} : {}), ...(choice.team ? {team: choice.team} : {})};
    const [echarts, atRisk, repAdherence, byStage, byWeek, byTeam, waterfall, breaches] = await Promise.all([
      import(ECHARTS),
      report('at-risk', {}),
      adherenceOf({groupBy: 'rep', ...period}),
      report('adherence', {groupBy: 'stage', ...period}),
      report('adherence', {groupBy: 'week', ...period, from: weeksAgo(Math.max(12, choice.weeks))}),
      report('adherence', {groupBy: 'team', ...(period.from ? {from: period.from} : {})}),
      report('waterfall', {...period, unit: 'sales-pipeline'}),
      breachPage({limit: full ? 200 : 10, order: 'newest', ...period})
    ]);
    const byRep = repAdherence.rows;
    const allowed = +((1 - repAdherence.target) * 100).toFixed(1);
    const target = `target: ${(repAdherence.target * 100).toFixed(0)} % met, at most ${allowed} % breached`;
    const span = PERIODS.find(([weeks]) => weeks === choice.weeks)[1].toLowerCase();
    const again = change => render(node, full, {...choice, ...change});
    const controls = element('div', {class: 'form-inline slaflow-controls slaflow-wide', 'data-part': 'controls'}, [
      select('Period', PERIODS, choice.weeks, value => again({weeks: Number(value)})), ' ',
      select('Unit', UNITS, choice.unit, value => again({unit: value})), ' ',
      select('Team', [['', 'All my teams'], ...byTeam.filter(t => t.group).map(t => [t.group, t.label])],
        choice.team, value => again({team: value}))]);
    const grid = element('div', {class: 'slaflow-dashboard', 'data-slaflow-dashboard': 'ready'});
    const repChart = chartBox('rep');
    const stageChart = chartBox('stage');
    const weekChart = chartBox('week');
    const waterfallChart = chartBox('waterfall');
    const drill = element('div', {'data-part': 'drill-down'}, [element('p', {class: 'slaflow-updated'},
      ['Click a rep\'s bar or name to list their breaches.'])]);
    const drillDown = async rep => {
      const page = await breachPage({limit: 50, order: 'newest', ...period,
        ...(rep.group ? {rep: rep.group} : {})});
      drill.replaceChildren(element('h5', {}, [`${rep.label}: breaches, ${span} (${page.total})`]),
        breachTable(page.rows));
    };
    const repLink = rep => {
      const link = element('a', {href: '', 'data-rep': rep.group ?? ''}, [rep.label]);
      link.addEventListener('click', event => {
        event.preventDefault();
        drillDown(rep);
      });
      return link;
    };
    grid.append(
      controls,
      atRiskSection(atRisk),
      section(`Adherence by rep, ${span}`, element('p', {class: 'slaflow-updated', 'data-part': 'target'},
        [`The ${target}.`]), repChart, drill, table('rep',
        ['Rep', 'Visits', 'Met', 'Breached', 'Due within the hour', 'Violation rate'],
        byRep.map(r => [repLink(r), r.visits, r.met, r.breached, r.openAtRisk, percent(r.violationRate)]))),
      section(`Adherence by stage, ${span}`, stageChart, table('stage',
        ['Stage', 'Visits', 'Met', 'Breached', 'Due within the hour', 'Violation rate'],
        byStage.map(r => [r.label, r.visits, r.met, r.breached, r.openAtRisk, percent(r.violationRate)]))),
      section(`Violation rate by week (${target})`, weekChart),
      section(`Sales pipeline waterfall, ${span}`, waterfallChart, table('waterfall',
        ['Stage', 'Entered', 'Went on', 'Conversion', 'Median h', '90th pct h'],
        waterfall.map(r => [r.stage, r.entered, r.convertedOn, percent(r.conversionRatio), hours(r.medianHours),
          hours(r.p90Hours)]))));
    const breachSection = section(`Breaches, ${span}, newest first (${breaches.total.toLocaleString()})`,
      breachTable(breaches.rows));
    breachSection.classList.add('slaflow-wide');
    grid.append(breachSection);
    if (!full) {
      grid.append(element('p', {}, [element('a', {href: `#${PAGE}`}, ['Open the full SLA dashboard'])]));
    }
    status.remove();
    if (full) {
      node.classList.add('slaflow-page');
      node.append(element('h3', {}, ['SLA dashboard']),
        element('p', {}, ['Stage visits that started in the period, as the reports API gives them to you.']));
    }
    node.append(grid);

    const stacked = rows => ({
      legend: {top: 0},
      xAxis: {type: 'category', data: rows.map(r => r.label), axisLabel: {rotate: 30, width: 110,
        overflow: 'truncate'}},
      grid: {left: 48, right: 16, top: 32, bottom: 90},
      yAxis: {type: 'value', minInterval: 1},
      series: [
        {name: 'Met', type: 'bar', stack: 'visits', data: rows.map(r => r.met), color: '#2e7d32'},
        {name: 'Breached', type: 'bar', stack: 'visits', data: rows.map(r => r.breached), color: '#c62828'},
        {name: 'Due within the hour', type: 'bar', stack: 'visits', data: rows.map(r => r.openAtRisk),
          color: '#f9a825'}]
    });
    chart(echarts, repChart, stacked(byRep)).on('click', event => drillDown(byRep[event.dataIndex]));
    chart(echarts, stageChart, stacked(byStage));
    chart(echarts, weekChart, {
      xAxis: {type: 'category', data: byWeek.map(r => r.group)},
      yAxis: {type: 'value', min: 0, max: 100, axisLabel: {formatter: '{value} %'}},
      series: [{name: 'Violation rate', type: 'line',
        data: byWeek.map(r => r.violationRate === null ? null : +(r.violationRate * 100).toFixed(1)),
        markLine: {symbol: 'none', lineStyle: {color: '#c62828', type: 'dashed'},
          label: {position: 'insideEndTop', formatter: `target ${allowed} %`}, data: [{yAxis: allowed}]}}]
    });
    chart(echarts, waterfallChart, {
      legend: {top: 0},
      xAxis: {type: 'category', data: waterfall.map(r => r.stage), axisLabel: {rotate: 30}},
      yAxis: {type: 'value', minInterval: 1},
      series: [{name: 'Entered', type: 'bar', data: waterfall.map(r => r.entered), color: '#1565c0'},
        {name: 'Went on', type: 'bar', data: waterfall.map(r => r.convertedOn), color: '#2e7d32'}]
    });
  } catch (failure) {
    status.setAttribute('data-status', 'failed');
    status.textContent = `The SLA figures could not be loaded: ${failure.message}`;
  }
}

function weeksAgo(weeks) {
  const day = new Date(Date.now() - weeks * 7 * 24 * 3600 * 1000);
  return day.toISOString().substring(0, 10);
}

export default [
  {
    id: 'slaflow.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 20,
    render: node => render(node, false),
    properties: {label: 'SLA adherence'}
  },
  {
    id: 'slaflow.page',
    pluginPoint: 'cockpit.route',
    properties: {path: PAGE, label: 'SLA'},
    render: node => render(node, true)
  },
  {
    id: 'slaflow.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: {pagePath: `#${PAGE}`, label: 'SLA', checkActive: path => path.includes(`#${PAGE}`)},
    render: node => {
      node.innerHTML = `<a href="#${PAGE}">SLA</a>`;
    }
  }
];
