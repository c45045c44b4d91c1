// skillsim seminar dashboard. Plain JavaScript, no framework: the page
// talks to the server's /api (see web/doc.go), reads the run as
// server-sent events from a POST, and draws its charts on <canvas>. The
// whole configuration lives in the page's URL (see writeURL), so a link or
// a reload restores it exactly.
'use strict';
(() => {
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  // Okabe–Ito colours and dash patterns: no line is told apart by colour alone.
  const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#000000', '#F0E442'];
  const DASHES = [[], [], [9, 4], [2, 3], [9, 3, 2, 3], [14, 5], [1, 3], [6, 6]];
  const TIE = { transactional: '#E69F00', 'co-production': '#0072B2', none: '#bbbbbb' };
  const MEMBER = '#009E73';
  const REGIME_COLOUR = { 'low-skills': '#D55E00', transitional: '#F0E442', 'co-production': '#0072B2' };

  // Every indicator the charts can show: label and unit. A unit of
  // 'share' is drawn in per cent.
  const SHARE = 'share';
  const METRICS = {
    high_skill_strategy_share: ['High-skill strategy', 'share of employers'],
    low_skill_job_share: ['Low-skill jobs', 'share of filled jobs'],
    intermediate_job_share: ['Intermediate jobs', 'share of filled jobs'],
    high_skill_job_share: ['High-skill jobs', 'share of filled jobs'],
    employer_training_share: ['Employers training', 'share of employers'],
    training_spend_per_employee: ['Training spend', '£ per employee a year'],
    employer_college_use_share: ['Employers using a college', 'share of employers'],
    apprenticeship_offer_share: ['Employers with apprentices', 'share of employers'],
    coproduction_share: ['Co-production', 'share of ties'],
    mean_trust: ['Mean trust in colleges', 'index 0–1'],
    level3_plus_share: ['Level 3+ qualified', 'share of people'],
    youth_employment_rate: ['Youth employment', 'share of 16–24s'],
    vacancy_rate: ['Vacancy rate', 'share of jobs'],
    turnover_rate: ['Turnover', 'share of workers a year'],
    mean_wage: ['Mean wage', '£ a month'],
    productivity: ['Productivity', '£ a month per worker'],
    mean_currency: ['Curriculum currency', 'index 0–1'],
    self_employment_share: ['Self-employment', 'share of workers'],
    apprenticeship_starts: ['Apprenticeship starts', 'per 1,000 people a year'],
    starts_level2_share: ['Starts at level 2', 'share of starts'],
    starts_higher_share: ['Starts at level 4+', 'share of starts'],
    starts_under19_share: ['Starts under 19', 'share of starts'],
    starts_under25_share: ['Starts under 25', 'share of starts'],
    levy_paid: ['Levy paid', '£ per person a year'],
    levy_spent: ['Levy spent', '£ per person a year'],
    levy_expired: ['Levy expired', '£ per person a year'],
    network_member_share: ['Network members', 'share of employers'],
    network_broker_open: ['Network convener open', '1 open, 0 closed'],
    network_reserve: ["Network convener's reserve", '£'],
    network_grant: ['Network public grant', '£ a year'],
    network_fees: ['Network member fees', '£ a year'],
    network_costs: ['Network running costs', '£ a year'],
    network_brokered_ties: ['Ties brokered by the network', 'SME equivalents a year'],
    hard_to_fill_vacancy_share: ['Hard-to-fill vacancies', 'share of vacancies'],
    skill_shortage_vacancy_density: ['Skill-shortage vacancies', 'share of vacancies'],
    skill_shortage_vacancy_incidence: ['Employers with a skill-shortage vacancy', 'share of employers'],
    skills_gap_share: ['Employers with a skills gap', 'share of employers'],
    skills_gap_staff_share: ['Staff not fully proficient', 'share of staff'],
    overqualified_share: ['Over-qualified workers', 'share of workers'],
    graduate_overqualified_share: ['Over-qualified graduates', 'share of graduates'],
    high_skill_employment_share: ['High-skill strategy', 'share of jobs'],
    employer_entries: ['Employer entries', 'share of employers a year'],
    employer_exits: ['Employer exits', 'share of employers a year'],
    training_subsidy_paid: ['Training subsidy paid', '£ per person a year'],
    incentive_paid: ['Incentive payments', '£ per person a year'],
    // sector-only
    employer_college_use: ['Employers using a college', 'share of employers'],
    qualified_staffing: ['Qualified staffing', 'share of intermediate posts'],
  };
  // The employer groups' indicators (model/groups.go), surveyed each June.
  const GROUPS = {
    trains: 'employers that train', no_training: 'employers that do not train', high_spec: 'high-skill strategy',
    low_spec: 'low-skill strategy', micro: 'micro employers', small_medium: 'small and medium employers',
    large: 'large employers', coproducing: 'co-producing', transactional: 'transactional tie', untied: 'no tie',
  };
  const GROUP_METRICS = {
    employers: ['Employers', 'employers'], jobs: ['Filled jobs', 'jobs'],
    turnover_rate: ['Turnover', 'share of workers a year'], vacancy_rate: ['Vacancy rate', 'share of jobs'],
    hard_to_fill_vacancy_share: ['Hard-to-fill vacancies', 'share of vacancies'],
    skill_shortage_vacancy_density: ['Skill-shortage vacancies', 'share of vacancies'],
    skills_gap_share: ['Employers with a skills gap', 'share of employers'],
    skills_gap_staff_share: ['Staff not fully proficient', 'share of staff'],
    overqualified_share: ['Over-qualified employees', 'share of employees'], mean_wage: ['Mean wage', '£ a month'],
    training_share: ['Employers training', 'share of employers'], trainee_share: ['Trainees', 'share of employees'],
    qualified_staffing: ['Qualified staffing', 'share of intermediate posts'],
  };
  const isShare = (unit) => unit.startsWith('share') || unit === 'index 0–1';
  const DEFAULT_CHARTS = [['high_skill_strategy_share', 'coproduction_share', 'intermediate_job_share']];
  const MAX_CHARTS = 4;

  const pct = (d) => (v) => (v * 100).toFixed(d) + '%';
  const times = (v) => '×' + v.toFixed(2);
  const money = (v) => v === 0 ? '£0' : '£' + (v / 1e6).toFixed(2) + 'm a year';
  const years = (v) => v === 0 ? 'to the end' : v + (v === 1 ? ' year' : ' years');
  const plain = (d) => (v) => v.toFixed(d);

  // The levers and behavioural parameters the page sets, with the key the
  // server reads (web.Levers) and a one-line explanation.
  const LEVERS = [
    { key: 'levy', type: 'switch', label: 'Apprenticeship levy',
      help: 'Large employers pay a share of their pay bill into accounts that fund apprenticeships (real rules, from April 2017).' },
    { key: 'levy_rate', type: 'range', requires: 'levy', label: 'Levy rate', min: 0, max: 0.02, step: 0.001, fmt: pct(1),
      help: 'Share of the pay bill paid in (England: 0.5%).' },
    { key: 'devolution', type: 'switch', label: 'Devolution',
      help: 'The adult education budget is allocated locally and follows local demand (London, from August 2019).' },
    { key: 'coordination', type: 'range', requires: 'devolution', label: 'Coordination', min: 0, max: 0.5, step: 0.01, fmt: plain(2),
      help: 'How far the devolved authority pulls employers’ expectations of skill supply towards its announced aim.' },
    { key: 'network', type: 'switch', label: 'Skills network (HPSN)',
      help: 'A convening body brokers college–employer partnerships, pools intelligence and recruits early members (from 2020, or from now during a run).' },
    { key: 'network_budget', type: 'range', requires: 'network', label: 'Network budget', min: 0, max: 3000000, step: 50000, fmt: money,
      help: 'The convener’s annual budget; brokering one co-production tie costs it about £2,500 a year.' },
    { key: 'network_years', type: 'range', requires: 'network', label: 'Network funded for', min: 0, max: 30, step: 1, fmt: years,
      help: 'Withdraw the network after this many years (0: it lasts to the end). Does co-production outlast it?' },
    { key: 'funding', type: 'range', label: 'College funding (austerity)', min: 0.5, max: 1.5, step: 0.01, fmt: times,
      help: 'Funding per learner and the adult budget relative to before the 2010 cuts (×1: no austerity).' },
    { key: 'migration', type: 'range', label: 'Low-skilled migration', min: 0, max: 2, step: 0.05, fmt: times,
      help: 'Employers’ access to low-skilled labour from abroad relative to before Brexit (×1: unchanged).' },
    { key: 'careers', type: 'range', label: 'Careers information', min: 0, max: 1, step: 0.05, fmt: plain(2),
      help: 'How much learners know about routes and job prospects (0 nothing, 1 everything).' },
  ];
  const BEHAVIOUR = [
    { key: 'noise', type: 'range', label: 'Noise', min: 0, max: 0.2, step: 0.005, fmt: pct(1),
      help: 'The chance that any decision is taken at random: mistakes and experiments.' },
    { key: 'trust_loss', type: 'range', label: 'Trust loss', min: 0, max: 1, step: 0.01, fmt: plain(2),
      help: 'Share of its trust an employer loses when its college lets it down (negativity bias).' },
    { key: 'coproduction_gain', type: 'range', label: 'Co-production gain', min: 0, max: 1, step: 0.01, fmt: plain(2),
      help: 'Monthly gain from co-producing with a college that reciprocates, as a share of one worker’s output.' },
    { key: 'college_threshold', type: 'range', label: 'College threshold', min: 0, max: 0.5, step: 0.01, fmt: pct(0),
      help: 'Share of a sector’s local employers that must co-produce before a college commits staff time to it.' },
  ];
  const ALL = LEVERS.concat(BEHAVIOUR);
  const DEF = Object.fromEntries(ALL.map((d) => [d.key, d]));
  const DEFAULT_PINNED = ['levy', 'devolution', 'coordination', 'network', 'network_budget', 'network_years', 'funding'];
  const SPEEDS = [{ ms: 400, label: 'very slow' }, { ms: 200, label: 'slow' }, { ms: 100, label: 'medium' },
    { ms: 40, label: 'fast' }, { ms: 10, label: 'very fast' }, { ms: 0, label: 'instant' }];

  const newConfig = () => ({ source: 'scenario', scenario: '', yaml: '', levers: {} });
  const state = {
    scenarios: [],
    metrics: [], // the regional indicators, in the order of a step event's values
    sectorMetrics: [], // the sector indicators
    groups: [], // the employer groups
    groupMetrics: [], // their indicators
    defaultScenario: 'baseline',
    compare: false,
    active: 'a',
    cfg: { a: newConfig(), b: null },
    info: { a: null, b: null }, // the last successful /api/validate answer per side
    problems: { a: [], b: [] },
    version: 0, // bumped whenever a configuration changes
    changes: [], // levers moved during the run: {side, step, levers}
    pinned: DEFAULT_PINNED.slice(),
    charts: DEFAULT_CHARTS.map((c) => c.slice()),
    projector: false,
    view: 'charts',
    run: { status: 'idle', step: 0, total: 0, meta: null, version: -1, controller: null, seed: null },
    rows: { a: [], b: [] },
    ties: { a: null, b: null },
    hover: null, // {side, chart, x} while the pointer is over a chart
    selected: { a: null, b: null }, // the employer index inspected in the agents view
    loading: true,
  };
  const sides = () => state.compare ? ['a', 'b'] : ['a'];

  // ---- messages -------------------------------------------------------
  function showMessage(text, kind) {
    const m = $('#message');
    m.textContent = text;
    m.className = kind === 'info' ? 'info' : '';
    m.hidden = !text;
  }
  const clearMessage = () => showMessage('');

  async function api(path, body) {
    const opts = body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    };
    const resp = await fetch(path, opts);
    let data;
    try { data = await resp.json(); } catch (e) { data = { error: resp.status + ' ' + resp.statusText }; }
    return { ok: resp.ok, status: resp.status, data };
  }

  // ---- configuration --------------------------------------------------
  function setupOf(side) {
    const c = state.cfg[side];
    return { scenario: c.scenario, yaml: c.source === 'yaml' ? c.yaml : '', levers: c.levers };
  }
  const changesOf = (side) => state.changes.filter((c) => c.side === side);

  // changed marks a change of configuration: the run on screen no longer
  // belongs to it, and the levers moved during it are dropped.
  function changed() {
    state.version++;
    if (!state.loading && state.changes.length) {
      state.changes = [];
      showChanges();
    }
    if (state.run.status === 'paused' || state.run.status === 'done') {
      setStatus(state.run.status, statusText() + ' The configuration has changed: Run starts again from the beginning.');
    }
    writeURL();
  }

  let validateTimer = 0;
  function validateSoon(side) {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(() => validate(side), 250);
  }

  async function validate(side) {
    const body = setupOf(side);
    body.changes = changesOf(side).map((c) => ({ step: c.step, levers: c.levers }));
    const seed = seedValue();
    if (seed !== null) { body.seed = seed; }
    const { ok, data } = await api('/api/validate', body);
    if (!ok) {
      state.info[side] = null;
      state.problems[side] = data.errors || [];
      if (side === state.active) {
        showProblems();
        $('#summary').textContent = 'This configuration cannot run until its problems (below) are fixed.';
      }
      showMessage(`Configuration ${side.toUpperCase()}: ${data.error}`);
      return false;
    }
    state.info[side] = data;
    state.problems[side] = [];
    if (side === state.active) { showProblems(); showInfo(); }
    $(`#view-${side} .view-name`).textContent = data.name;
    if (!$('#message').hidden && !$('#message').classList.contains('info')) { clearMessage(); }
    drawAll();
    return true;
  }

  function showInfo() {
    const info = state.info[state.active];
    if (!info) { return; }
    $('#question').textContent = info.question || '';
    $('#info-question').textContent = info.question || '(this scenario states no question)';
    const months = info.step_months === 1 ? 'monthly' : `${info.step_months}-month`;
    $('#summary').textContent = `${info.name}: ${info.start} → ${info.end}, ${info.steps} ${months} steps · ` +
      `${info.persons.toLocaleString('en-GB')} people · ${info.employers.toLocaleString('en-GB')} employers · ` +
      `${info.colleges.length} colleges · sectors ${info.sectors.join(', ')}`;
    for (const def of ALL) { showLever(def); }
    buildChartEditors();
  }

  function showProblems() {
    const list = $('#errors');
    list.replaceChildren();
    for (const p of state.problems[state.active]) {
      const li = document.createElement('li');
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = (p.line ? `line ${p.line}:${p.column}` : 'levers') + (p.field ? ` ${p.field}` : '');
      li.append(where, ': ' + p.message);
      if (p.line) {
        li.tabIndex = 0;
        li.title = 'Show this line in the editor';
        li.addEventListener('click', () => jumpTo(p.line));
        li.addEventListener('keydown', (e) => { if (e.key === 'Enter') { jumpTo(p.line); } });
      }
      list.append(li);
    }
    if (state.problems[state.active].length) { selectPanel('scenario'); }
    updateGutter();
  }

  // ---- the YAML editor ------------------------------------------------
  function updateGutter() {
    const ta = $('#yaml');
    const n = ta.value.split('\n').length;
    const bad = new Set(state.problems[state.active].map((p) => p.line));
    const g = $('#gutter');
    g.replaceChildren();
    for (let i = 1; i <= n; i++) {
      if (bad.has(i)) {
        const s = document.createElement('span');
        s.className = 'bad';
        s.textContent = String(i);
        g.append(s);
      } else {
        g.append(String(i) + '\n');
      }
    }
    g.scrollTop = ta.scrollTop;
  }

  function jumpTo(line) {
    if (state.cfg[state.active].source !== 'yaml') { return; }
    $('#editor-box').open = true;
    const ta = $('#yaml');
    const lines = ta.value.split('\n');
    let start = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) { start += lines[i].length + 1; }
    const end = start + (lines[line - 1] || '').length;
    ta.focus();
    ta.setSelectionRange(start, end);
    const lh = parseFloat(getComputedStyle(ta).lineHeight) || 18;
    ta.scrollTop = Math.max(0, (line - 4) * lh);
    updateGutter();
  }

  function setSource(src) {
    state.cfg[state.active].source = src;
    $(`#source-${src}`).checked = true;
    changed();
    validateSoon(state.active);
  }

  // ---- lever controls -------------------------------------------------
  function buildLevers() {
    for (const box of [$('#levers-pinned'), $('#levers'), $('#behaviour')]) { box.replaceChildren(); }
    const info = $('#info-levers');
    info.replaceChildren();
    for (const def of ALL) {
      const div = document.createElement('div');
      div.className = 'lever';
      div.id = 'lever-' + def.key;
      const head = document.createElement('div');
      head.className = 'head';
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.id = 'in-' + def.key;
      input.dataset.key = def.key;
      label.htmlFor = input.id;
      label.textContent = def.label;
      const out = document.createElement('output');
      out.htmlFor = input.id;
      if (def.type === 'switch') {
        input.type = 'checkbox';
        head.append(input, label, out);
        input.addEventListener('change', () => leverInput(def, input.checked, true));
      } else {
        input.type = 'range';
        input.min = def.min; input.max = def.max; input.step = def.step;
        input.addEventListener('input', () => leverInput(def, parseFloat(input.value), false));
        input.addEventListener('change', () => leverInput(def, parseFloat(input.value), true));
        head.append(label, out);
      }
      const help = document.createElement('p');
      help.textContent = def.help;
      div.title = def.help;
      div.append(head);
      if (def.type === 'range') { div.append(input); }
      div.append(help);
      const box = state.pinned.includes(def.key) ? $('#levers-pinned') : BEHAVIOUR.includes(def) ? $('#behaviour') : $('#levers');
      box.append(div);
      const dt = document.createElement('dt');
      dt.textContent = def.label;
      const dd = document.createElement('dd');
      dd.textContent = def.help;
      info.append(dt, dd);
    }
    $('#more-levers').hidden = $('#levers').children.length === 0;
  }

  // leverValue is the value of a lever on a side now: the scenario's, the
  // page's override, then the levers moved during the run so far.
  function leverValue(side, key) {
    let v = state.cfg[side].levers[key];
    if (v === undefined) {
      const info = state.info[side];
      v = info ? info.levers[key] : undefined;
    }
    for (const c of changesOf(side)) {
      if (c.levers[key] !== undefined && c.step <= state.run.step) { v = c.levers[key]; }
    }
    return v;
  }

  function showLever(def) {
    const side = state.active;
    const input = $('#in-' + def.key);
    const out = $(`#lever-${def.key} output`);
    const v = leverValue(side, def.key);
    if (v === undefined) { return; }
    if (def.type === 'switch') {
      input.checked = !!v;
      out.textContent = v ? 'on' : 'off';
    } else {
      input.value = v;
      out.textContent = def.fmt(v);
    }
    if (def.requires) { input.disabled = !leverValue(side, def.requires); }
    const el = $('#lever-' + def.key);
    el.classList.toggle('changed', state.cfg[side].levers[def.key] !== undefined);
    el.classList.toggle('live', changesOf(side).some((c) => c.levers[def.key] !== undefined));
  }

  // live reports whether a moved lever acts on the run on screen (from
  // its next step) rather than on the configuration.
  function live() {
    const r = state.run;
    return r.meta !== null && r.version === state.version && r.step < r.total &&
      (r.status === 'running' || r.status === 'paused');
  }

  function leverInput(def, value, final) {
    if (live()) {
      if (!final) {
        $(`#lever-${def.key} output`).textContent = def.type === 'switch' ? (value ? 'on' : 'off') : def.fmt(value);
        return;
      }
      recordChange(state.active, def.key, value);
      return;
    }
    if (!final && def.type === 'switch') { return; }
    state.cfg[state.active].levers[def.key] = value;
    for (const d of ALL) { showLever(d); }
    changed();
    validateSoon(state.active);
  }

  // recordChange moves a lever in the running region from its next step:
  // the change joins the run's list (merged with one made at the same
  // step), and a running stream restarts from the step on screen, the
  // server replaying the run with the list.
  function recordChange(side, key, value) {
    const r = state.run;
    const step = r.step;
    const last = state.changes[state.changes.length - 1];
    if (last && last.side === side && last.step === step) {
      last.levers[key] = value;
    } else {
      state.changes.push({ side, step, levers: { [key]: value } });
    }
    for (const d of ALL) { showLever(d); }
    showChanges();
    writeURL();
    validate(side);
    if (r.status === 'running') {
      stop('paused');
      start(0);
    } else {
      setStatus(r.status, statusText() + ` ${DEF[key].label} changes from the next step; press Run or Step.`);
    }
  }

  function describeChange(c) {
    return Object.entries(c.levers).map(([k, v]) => {
      const d = DEF[k];
      return d.label + ' ' + (d.type === 'switch' ? (v ? 'on' : 'off') : d.fmt(v));
    }).join(', ');
  }

  function changeDate(c) {
    const m = state.run.meta && state.run.meta.sides[c.side];
    const info = m || state.info[c.side];
    if (!info) { return `step ${c.step + 1}`; }
    return monthName(monthOf(info.start) + (c.step + 1) * info.step_months);
  }

  function showChanges() {
    const ul = $('#changes');
    ul.replaceChildren();
    for (const c of state.changes) {
      const li = document.createElement('li');
      li.textContent = `${state.compare ? c.side.toUpperCase() + ', ' : ''}from ${changeDate(c)}: ${describeChange(c)}`;
      ul.append(li);
    }
    $('#lever-hint').textContent = live()
      ? 'The region is running: a lever you move acts from its next step and is marked on the charts.'
      : 'Moved levers override the scenario and are marked changed; during a run they act from the next step.';
  }

  // ---- compare mode and tabs ------------------------------------------
  function copyConfig(c) { return JSON.parse(JSON.stringify(c)); }

  function setCompare(on, copy = true) {
    stop('idle');
    state.compare = on;
    if (on && (copy || !state.cfg.b)) { state.cfg.b = copyConfig(state.cfg.a); }
    $('#compare').checked = on;
    $('#tabs').hidden = !on;
    $('#view-b').hidden = !on;
    $('#views').classList.toggle('compare', on);
    if (!on) { selectTab('a'); }
    changed();
    resetRun();
    if (on) { validate('b'); }
  }

  function selectTab(side) {
    state.active = side;
    for (const t of $$('#tabs [role=tab]')) { t.setAttribute('aria-selected', String(t.dataset.side === side)); }
    for (const t of $$('.side-now')) { t.textContent = side.toUpperCase(); }
    const c = state.cfg[side];
    $('#scenario').value = c.scenario;
    $(`#source-${c.source}`).checked = true;
    $('#yaml').value = c.yaml;
    showProblems();
    showInfo();
    if (!state.info[side]) { validate(side); }
  }

  function selectPanel(name) {
    for (const t of $$('.side-tabs [role=tab]')) { t.setAttribute('aria-selected', String(t.dataset.panel === name)); }
    for (const p of $$('#side .panel')) { p.hidden = p.id !== 'panel-' + name; }
  }

  function selectView(name) {
    state.view = name;
    for (const t of $$('.stage-tabs [role=tab]')) { t.setAttribute('aria-selected', String(t.dataset.view === name)); }
    for (const v of $$('.view')) {
      $('.charts', v).hidden = name !== 'charts';
      $('.agents', v).hidden = name !== 'agents';
    }
    drawAll();
  }

  function setProjector(on) {
    state.projector = on;
    $('#projector').checked = on;
    document.body.classList.toggle('projector', on);
    writeURL();
    requestAnimationFrame(drawAll);
  }

  // ---- the page's URL -------------------------------------------------
  // The URL holds the whole configuration: scenario (or YAML), lever
  // overrides, seed, compare mode and B, the levers moved during the run,
  // the charts, the exercise's levers, the speed and projector mode.
  const encodeLevers = (l) => Object.entries(l).map(([k, v]) => `${k}:${v === true ? 1 : v === false ? 0 : v}`).join(',');
  function decodeLevers(s) {
    const out = {};
    for (const part of (s || '').split(',')) {
      const [k, v] = part.split(':');
      const d = DEF[k];
      if (!d || v === undefined) { continue; }
      out[k] = d.type === 'switch' ? v === '1' : Number(v);
    }
    return out;
  }
  const b64 = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const unb64 = (s) => new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

  function urlParams() {
    const p = new URLSearchParams();
    const put = (prefix, c) => {
      if (c.source === 'yaml' && c.yaml) { p.set(prefix + 'yaml', b64(c.yaml)); } else { p.set(prefix + 'scenario', c.scenario); }
      if (Object.keys(c.levers).length) { p.set(prefix + 'levers', encodeLevers(c.levers)); }
    };
    put('', state.cfg.a);
    const seed = seedValue();
    if (seed !== null) { p.set('seed', seed); }
    if (state.compare && state.cfg.b) { p.set('compare', '1'); put('b.', state.cfg.b); }
    if (state.changes.length) {
      p.set('changes', state.changes.map((c) => `${c.side}@${c.step}/${encodeLevers(c.levers)}`).join('~'));
    }
    if (JSON.stringify(state.charts) !== JSON.stringify(DEFAULT_CHARTS)) { p.set('charts', state.charts.map((c) => c.join(',')).join('/')); }
    if (state.pinned.join(',') !== DEFAULT_PINNED.join(',')) { p.set('show', state.pinned.join(',')); }
    if ($('#every').value !== '1') { p.set('every', $('#every').value); }
    if ($('#reps').value !== '1') { p.set('reps', $('#reps').value); }
    if ($('#speed').value !== '3') { p.set('speed', $('#speed').value); }
    if (state.projector) { p.set('projector', '1'); }
    return p;
  }

  function writeURL() {
    if (state.loading) { return; }
    history.replaceState(null, '', location.pathname + '?' + urlParams().toString());
  }

  function readURL() {
    const p = new URLSearchParams(location.search);
    const get = (prefix) => {
      const c = newConfig();
      c.scenario = p.get(prefix + 'scenario') || state.defaultScenario;
      if (p.has(prefix + 'yaml')) {
        try { c.yaml = unb64(p.get(prefix + 'yaml')); c.source = 'yaml'; } catch (e) { showMessage('The link’s scenario YAML cannot be read.'); }
      }
      c.levers = decodeLevers(p.get(prefix + 'levers'));
      return c;
    };
    state.cfg.a = get('');
    if (p.has('seed')) { $('#seed').value = p.get('seed'); }
    if (p.get('compare') === '1') { state.compare = true; state.cfg.b = get('b.'); }
    state.changes = [];
    for (const part of (p.get('changes') || '').split('~')) {
      const m = /^([ab])@(\d+)\/(.*)$/.exec(part);
      if (m) { state.changes.push({ side: m[1], step: Number(m[2]), levers: decodeLevers(m[3]) }); }
    }
    if (p.has('charts')) {
      state.charts = p.get('charts').split('/').slice(0, MAX_CHARTS).map((c) => c.split(',').filter((k) => k));
    }
    if (p.has('show')) { state.pinned = p.get('show').split(',').filter((k) => DEF[k]); }
    if (p.has('every')) { $('#every').value = p.get('every'); }
    if (p.has('reps')) { $('#reps').value = p.get('reps'); }
    if (p.has('speed')) { $('#speed').value = p.get('speed'); }
    if (p.get('projector') === '1') { setProjector(true); }
  }

  // ---- the charts panel -----------------------------------------------
  // A series key is a regional indicator's name, or "s<i>.<name>" for
  // sector i's indicator.
  function seriesInfo(key, side) {
    const g = /^g\.([a-z_]+)\.(.+)$/.exec(key);
    if (g) {
      const [label, unit] = GROUP_METRICS[g[2]] || [g[2], ''];
      return { label: `${label} (${GROUPS[g[1]] || g[1]}, June survey)`, unit, name: g[2], group: g[1] };
    }
    const m = /^s(\d+)\.(.+)$/.exec(key);
    const name = m ? m[2] : key;
    const [label, unit] = METRICS[name] || [name, ''];
    if (!m) { return { label, unit, name }; }
    const info = state.info[side] || state.info.a;
    const sector = info && info.sectors[Number(m[1])] ? info.sectors[Number(m[1])].replace(/_/g, ' ') : 'sector ' + m[1];
    return { label: `${label} (${sector})`, unit, name, sector: Number(m[1]) };
  }

  function buildChartEditors() {
    const box = $('#chart-editors');
    box.replaceChildren();
    const info = state.info.a;
    state.charts.forEach((keys, ci) => {
      const div = document.createElement('div');
      div.className = 'chart-editor';
      const h = document.createElement('h2');
      h.textContent = `Chart ${ci + 1}`;
      if (state.charts.length > 1) {
        const rm = document.createElement('button');
        rm.type = 'button';
        rm.textContent = 'Remove chart';
        rm.addEventListener('click', () => { state.charts.splice(ci, 1); chartsChanged(); });
        h.append(' ', rm);
      }
      const ul = document.createElement('ul');
      keys.forEach((k, j) => {
        const li = document.createElement('li');
        li.append(seriesInfo(k, 'a').label);
        const x = document.createElement('button');
        x.type = 'button';
        x.textContent = '×';
        x.title = 'Take this indicator off the chart';
        x.addEventListener('click', () => { keys.splice(j, 1); chartsChanged(); });
        li.append(x);
        ul.append(li);
      });
      const sel = document.createElement('select');
      sel.className = 'add-series';
      sel.setAttribute('aria-label', `Add an indicator to chart ${ci + 1}`);
      const first = document.createElement('option');
      first.value = '';
      first.textContent = 'Add an indicator…';
      sel.append(first);
      const group = (label, entries) => {
        const g = document.createElement('optgroup');
        g.label = label;
        for (const [value, text] of entries) {
          const o = document.createElement('option');
          o.value = value; o.textContent = text;
          g.append(o);
        }
        sel.append(g);
      };
      group('Region', state.metrics.map((k) => [k, `${(METRICS[k] || [k])[0]} (${(METRICS[k] || [k, '?'])[1]})`]));
      const sm = state.sectorMetrics;
      if (info) {
        info.sectors.forEach((s, i) => group('Sector: ' + s.replace(/_/g, ' '), sm.map((k) => [`s${i}.${k}`, (METRICS[k] || [k])[0]])));
      }
      for (const g of state.groups) {
        group('Employer group: ' + (GROUPS[g] || g), state.groupMetrics.map((k) => [`g.${g}.${k}`, (GROUP_METRICS[k] || [k])[0]]));
      }
      sel.addEventListener('change', () => {
        const k = sel.value;
        if (!k || keys.includes(k)) { return; }
        const unit = seriesInfo(k, 'a').unit;
        if (keys.length && !sameAxis(seriesInfo(keys[0], 'a').unit, unit)) {
          showMessage(`Chart ${ci + 1} is in ${seriesInfo(keys[0], 'a').unit}; put ${seriesInfo(k, 'a').label} (${unit}) on another chart.`, 'info');
          sel.value = '';
          return;
        }
        keys.push(k);
        chartsChanged();
      });
      div.append(h, ul, sel);
      box.append(div);
    });
    $('#add-chart').disabled = state.charts.length >= MAX_CHARTS;
  }
  const sameAxis = (u, v) => u === v || (isShare(u) && isShare(v));

  function chartsChanged() {
    buildChartEditors();
    buildChartCanvases();
    writeURL();
    drawAll();
  }

  function buildChartCanvases() {
    for (const view of $$('.view')) {
      const box = $('.charts', view);
      box.replaceChildren();
      box.className = 'charts n' + state.charts.length;
      state.charts.forEach((_, ci) => {
        const c = document.createElement('canvas');
        c.className = 'chart';
        c.dataset.chart = ci;
        c.setAttribute('aria-label', `Chart ${ci + 1}`);
        c.addEventListener('mousemove', (e) => {
          const r = c.getBoundingClientRect();
          state.hover = { side: view.dataset.side, chart: ci, x: e.clientX - r.left };
          scheduleDraw();
        });
        c.addEventListener('mouseleave', () => { state.hover = null; scheduleDraw(); });
        box.append(c);
      });
    }
  }

  // ---- running --------------------------------------------------------
  function setStatus(status, text) {
    const s = $('#status');
    state.run.status = status;
    s.dataset.status = status;
    s.textContent = text === undefined ? statusText() : text;
    $('#run').disabled = status === 'running';
    $('#step').disabled = status === 'running';
    $('#pause').disabled = status !== 'running';
    showChanges();
  }

  function statusText() {
    const r = state.run;
    const row = state.rows.a[state.rows.a.length - 1] || state.rows.b[state.rows.b.length - 1];
    const at = row ? `${row.date} (step ${r.step} of ${r.total})` : '';
    switch (r.status) {
      case 'running': return `Running… ${at}`;
      case 'paused': return `Paused at ${at}.`;
      case 'done': return `Finished at ${at}.`;
      default: return 'Ready.';
    }
  }

  function resetRun() {
    state.rows = { a: [], b: [] };
    state.ties = { a: null, b: null };
    state.run.step = 0;
    state.run.total = 0;
    state.run.meta = null;
    for (const side of ['a', 'b']) { showRegime(side, null); }
    setStatus('idle', 'Ready.');
    drawAll();
  }

  function stop(status) {
    const c = state.run.controller;
    state.run.controller = null;
    if (c) { c.abort(); }
    if (status) { setStatus(status); }
  }

  function seedValue() {
    const v = $('#seed').value.trim();
    if (!/^\d+$/.test(v) || Number(v) > Number.MAX_SAFE_INTEGER) { return null; }
    return Number(v);
  }

  // start streams steps more steps (0: to the end), continuing the run on
  // screen when nothing has changed since it began.
  async function start(steps) {
    if (state.run.status === 'running') { return; }
    const seed = seedValue();
    if (seed === null) { showMessage('The seed must be a whole number from 0 to 9007199254740991.'); return; }
    const fresh = state.run.version !== state.version || state.run.seed !== seed ||
      state.run.status === 'idle' || state.run.status === 'error' ||
      (state.run.status === 'done' && state.run.step >= state.run.total);
    if (fresh) { resetRun(); }
    clearMessage();
    const body = {
      a: setupOf('a'), seed, from: fresh ? 0 : state.run.step,
      steps, every: parseInt($('#every').value, 10), ties_every: 12,
      delay_ms: SPEEDS[parseInt($('#speed').value, 10)].ms,
      changes: state.changes.filter((c) => state.compare || c.side === 'a'),
      reps: parseInt($('#reps').value, 10),
    };
    if (state.compare) { body.b = setupOf('b'); }
    state.run.version = state.version;
    state.run.seed = seed;
    const controller = new AbortController();
    state.run.controller = controller;
    setStatus('running', 'Starting…');
    let resp;
    try {
      resp = await fetch('/api/run', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: controller.signal,
      });
    } catch (e) {
      if (controller.signal.aborted) { return; }
      failed('The server cannot be reached: ' + e.message);
      return;
    }
    if (!resp.ok) {
      let data;
      try { data = await resp.json(); } catch (e) { data = { error: resp.status + ' ' + resp.statusText }; }
      if (data.side && data.errors) {
        state.problems[data.side] = data.errors;
        if (data.side === state.active) { showProblems(); }
      }
      const who = data.side && state.compare ? `Configuration ${data.side.toUpperCase()}: ` : '';
      failed((resp.status === 429 ? 'Too many simulations: ' : '') + who + data.error);
      return;
    }
    try {
      await readEvents(resp.body, controller);
    } catch (e) {
      if (!controller.signal.aborted) { failed('The stream broke off: ' + e.message); }
      return;
    }
    if (state.run.controller === controller) {
      state.run.controller = null;
      if (state.run.status === 'running') { setStatus('paused'); }
    }
  }

  function failed(msg) {
    state.run.controller = null;
    showMessage(msg);
    if (state.rows.a.length) { setStatus('paused'); } else { setStatus('error', 'Not running: see the message above.'); }
  }

  async function readEvents(stream, controller) {
    const reader = stream.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) { break; }
      if (state.run.controller !== controller) { reader.cancel(); return; }
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        let event = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) { event = line.slice(7); } else if (line.startsWith('data: ')) { data += line.slice(6); }
        }
        if (data && state.run.controller === controller) { onEvent(event, JSON.parse(data)); }
      }
    }
  }

  function onEvent(event, d) {
    const r = state.run;
    switch (event) {
      case 'meta':
        r.meta = d;
        r.total = d.steps;
        for (const side of Object.keys(d.sides)) { $(`#view-${side} .view-name`).textContent = d.sides[side].name; }
        break;
      case 'step':
        for (const side of sides()) {
          const s = d[side];
          if (!s) { continue; }
          const rows = state.rows[side];
          const row = { step: d.step, date: s.date, regime: s.regime, year_regime: s.year_regime, year: s.year, values: s.values, sectors: s.sectors, lo: s.lo, hi: s.hi, groups: s.groups, groups_date: s.groups_date };
          while (rows.length && rows[rows.length - 1].step >= d.step) { rows.pop(); }
          rows.push(row);
          showRegime(side, row);
        }
        r.step = d.step;
        $('#status').textContent = statusText();
        scheduleDraw();
        break;
      case 'ties':
        state.ties[d.side] = d;
        scheduleDraw();
        break;
      case 'done':
        r.step = d.step;
        r.controller = null;
        setStatus(d.reason === 'end' ? 'done' : 'paused');
        drawAll();
        break;
      case 'error':
        r.controller = null;
        showMessage(d.error);
        setStatus('paused');
        break;
    }
  }

  // why explains the regime by its rule, in words, from the last year's
  // average of the indicators the rule reads and the rule's bars, which
  // the server sends in the meta event (model.DefaultRegimeRule).
  function why(regime, y) {
    const g = state.run && state.run.meta && state.run.meta.regime_rule;
    if (!y || !g) { return ''; }
    const pc = (v) => Math.round(v * 100);
    const [h, c] = [pc(y[0]), pc(y[1])];
    const hiH = pc(g.coproduction_min_high_skill), hiC = pc(g.coproduction_min_ties);
    const loH = pc(g.low_skills_max_high_skill), loC = pc(g.low_skills_max_ties);
    switch (regime) {
      case 'co-production':
        return `High-skill strategy ${h}% ≥ ${hiH}% and co-production ${c}% of ties ≥ ${hiC}% (last year’s average).`;
      case 'low-skills':
        return `High-skill strategy ${h}% < ${loH}% and co-production ${c}% of ties < ${loC}% (last year’s average).`;
      default: {
        const miss = [];
        if (h < hiH) { miss.push(`high-skill strategy ${h}% < ${hiH}%`); }
        if (c < hiC) { miss.push(`co-production ${c}% of ties < ${hiC}%`); }
        return `Not low-skills (high-skill strategy ${h}%, co-production ${c}%), not co-production: ${miss.join(', ')} (last year’s average).`;
      }
    }
  }

  function showRegime(side, row) {
    const view = $(`#view-${side}`);
    const box = $('.regime', view);
    const regime = row ? (row.year_regime || row.regime) : null;
    box.dataset.regime = regime || 'none';
    $('strong', box).textContent = regime || '—';
    $('.why', view).textContent = row ? why(regime, row.year) : '';
    $('.date', view).textContent = row ? row.date : '—';
    $('.progress', view).textContent = row && state.run.total ? `step ${row.step} of ${state.run.total}` : '';
  }

  // ---- drawing --------------------------------------------------------
  let drawPending = false;
  function scheduleDraw() {
    if (drawPending) { return; }
    drawPending = true;
    requestAnimationFrame(() => { drawPending = false; drawAll(); });
  }

  function drawAll() {
    for (const side of sides()) {
      if (state.view === 'charts') {
        $$(`#view-${side} canvas.chart`).forEach((c, i) => drawChart(side, c, i));
      } else {
        drawAgents(side);
      }
    }
  }

  // fit sizes a canvas's backing store to its displayed size and returns
  // its 2D context scaled to CSS pixels.
  function fit(canvas) {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(200, canvas.clientWidth);
    const h = Math.max(100, canvas.clientHeight);
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    return { ctx, w, h };
  }

  const monthOf = (s) => { const [y, m] = s.split('-').map(Number); return y * 12 + m - 1; };
  const monthName = (m) => `${Math.floor(m / 12)}-${String(m % 12 + 1).padStart(2, '0')}`;

  function span(side) {
    const m = state.run.meta && state.run.meta.sides[side];
    const info = m || state.info[side];
    if (!info) { return null; }
    return { start: monthOf(info.start), end: monthOf(info.end), stepMonths: info.step_months };
  }

  function valueOf(row, key) {
    const m = /^s(\d+)\.(.+)$/.exec(key);
    const meta = state.run.meta;
    if (!meta || !row) { return null; }
    const g = /^g\.([a-z_]+)\.(.+)$/.exec(key);
    if (g) {
      const gi = meta.groups.indexOf(g[1]), k = meta.group_metrics.indexOf(g[2]);
      return row.groups && gi >= 0 && k >= 0 ? row.groups[gi][k] : null;
    }
    if (!m) { return row.values[meta.metrics.indexOf(key)]; }
    const k = meta.sector_metrics.indexOf(m[2]);
    const s = row.sectors && row.sectors[Number(m[1])];
    return s && k >= 0 ? s[k] : null;
  }

  function fmtValue(v, unit) {
    if (v === null || v === undefined) { return '—'; }
    if (isShare(unit)) { return unit === 'index 0–1' ? v.toFixed(2) : (v * 100).toFixed(1) + '%'; }
    if (unit.startsWith('£')) { return '£' + Math.round(v).toLocaleString('en-GB'); }
    return v.toFixed(1);
  }

  // points returns a series' points as {m: month, v: value}: one per row,
  // or for an employer group's indicator one per yearly survey.
  function points(rows, key) {
    const out = [];
    const group = key.startsWith('g.');
    for (const row of rows) {
      const v = valueOf(row, key);
      if (v === null || v === undefined) { if (!group) { out.push(null); } continue; }
      const m = monthOf(group ? row.groups_date : row.date);
      if (group && out.length && out[out.length - 1].m === m) { continue; }
      out.push({ m, v, row });
    }
    return out;
  }

  function niceTop(v) {
    if (!(v > 0)) { return 1; }
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const f of [1, 2, 2.5, 5, 10]) { if (f * p >= v) { return f * p; } }
    return 10 * p;
  }

  function drawChart(side, canvas, ci) {
    const { ctx, w, h } = fit(canvas);
    const rows = state.rows[side];
    const keys = state.charts[ci] || [];
    canvas.dataset.points = rows.length;
    const fs = state.projector ? 20 : 13;
    canvas.dataset.fontPx = fs;
    const font = `${fs}px system-ui, sans-serif`;
    const sp = span(side);
    const units = keys.map((k) => seriesInfo(k, side).unit);
    const unit = units[0] || SHARE;
    const share = isShare(unit);
    // y range
    let top = 1;
    if (!share || unit !== 'index 0–1') {
      // One scale for A and B, so that side-by-side charts compare.
      let mx = 0;
      for (const sd of sides()) {
        for (const row of state.rows[sd]) { for (const k of keys) { const v = valueOf(row, k); if (v !== null && v > mx) { mx = v; } } }
      }
      top = share ? (mx > 0.4 || !rows.length ? 1 : niceTop(mx * 1.1)) : niceTop(mx * 1.1);
    }
    ctx.font = font;
    const yLabel = (v) => share ? (unit === 'index 0–1' ? v.toFixed(1) : Math.round(v * 100) + '%') : (unit.startsWith('£') ? '£' : '') + Math.round(v).toLocaleString('en-GB');
    const L = Math.max(ctx.measureText(yLabel(top)).width, ctx.measureText(yLabel(top / 2)).width) + fs * 2.2;
    const R = fs * 1.3, T = 8, B = fs * 2.8;
    const pw = w - L - R, ph = h - T - B;
    ctx.lineWidth = 1;
    // y grid and axis title
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    // four gridlines if a quarter of the top is a round number, else five
    const quarter = top / 4, p10 = Math.pow(10, Math.floor(Math.log10(quarter)));
    const nDiv = [1, 2, 2.5, 5, 10].some((f) => Math.abs(quarter / p10 - f) < 1e-9) ? 4 : 5;
    for (let k = 0; k <= nDiv; k++) {
      const y = T + ph * (1 - k / nDiv);
      ctx.strokeStyle = k === 0 ? '#888' : '#e4e4e4';
      ctx.beginPath(); ctx.moveTo(L, y); ctx.lineTo(L + pw, y); ctx.stroke();
      ctx.fillStyle = '#333';
      ctx.fillText(yLabel(top * k / nDiv), L - 5, y);
    }
    ctx.save();
    ctx.translate(fs * 0.8, T + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillStyle = '#333';
    const title = units.every((u) => u === unit) ? unit : 'share';
    ctx.fillText(share && title !== 'index 0–1' ? title + ' (%)' : title, 0, 0);
    ctx.restore();
    if (!sp) { return; }
    const x = (month) => L + pw * (month - sp.start) / Math.max(1, sp.end - sp.start);
    const y = (v) => T + ph * (1 - Math.max(0, Math.min(1, v / top)));
    // shaded policy periods
    const info = state.info[side];
    const shades = { levy: 'rgba(230,159,0,0.12)', devolution: 'rgba(204,121,167,0.12)', network: 'rgba(0,158,115,0.14)' };
    const names = { levy: 'levy', devolution: 'devolution', network: 'network' };
    ctx.font = `${Math.round(fs * 0.8)}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    const periods = (info && info.periods) || [];
    periods.forEach((p, j) => {
      const a = Math.max(L, x(monthOf(p.start))), b = Math.min(L + pw, p.end ? x(monthOf(p.end)) : L + pw);
      if (b <= a) { return; }
      ctx.fillStyle = shades[p.lever] || 'rgba(0,0,0,0.06)';
      const band = ph / periods.length;
      ctx.fillRect(a, T, b - a, ph);
      ctx.fillStyle = '#444';
      ctx.fillText(names[p.lever] || p.lever, a + 3, T + band * (j + 1) - 2);
    });
    // x axis: years and its title
    ctx.font = font;
    const y0 = Math.floor(sp.start / 12), y1 = Math.floor(sp.end / 12);
    const every = Math.max(1, Math.ceil((y1 - y0) / Math.max(2, Math.floor(pw / (fs * 4.5)))));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let yr = Math.ceil(y0 / every) * every; yr <= y1; yr += every) {
      const px = x(yr * 12);
      if (px < L - 1 || px > L + pw + 1) { continue; }
      ctx.strokeStyle = '#f0f0f0';
      ctx.beginPath(); ctx.moveTo(px, T); ctx.lineTo(px, T + ph); ctx.stroke();
      ctx.fillStyle = '#333';
      ctx.fillText(String(yr), px, T + ph + 3);
    }
    ctx.fillText('year', L + pw / 2, T + ph + fs * 1.35);
    // lever changes made during the run
    ctx.setLineDash([5, 4]);
    ctx.strokeStyle = '#D55E00';
    ctx.lineWidth = 2;
    ctx.font = `bold ${Math.round(fs * 0.8)}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    changesOf(side).forEach((c, j) => {
      const px = x(sp.start + (c.step + 1) * sp.stepMonths);
      ctx.beginPath(); ctx.moveTo(px, T); ctx.lineTo(px, T + ph); ctx.stroke();
      ctx.fillStyle = '#D55E00';
      ctx.fillText('▸ ' + describeChange(c), px + 3, T + ph * 0.55 + j * fs);
    });
    ctx.setLineDash([]);
    canvas.dataset.markers = changesOf(side).length;
    // the regime month by month, a strip along the bottom of the first chart
    if (ci === 0) {
      for (let j = 0; j < rows.length; j++) {
        const a = x(monthOf(rows[j].date)), b = j + 1 < rows.length ? x(monthOf(rows[j + 1].date)) : a + 2;
        ctx.fillStyle = REGIME_COLOUR[rows[j].regime] || '#ccc';
        ctx.fillRect(a, T + ph - 5, Math.max(1, b - a), 5);
      }
    }
    // the band of several replications: lowest to highest
    keys.forEach((k, j) => {
      if (/^s\d+\./.test(k) || !rows.length || !rows[0].lo) { return; }
      const m = state.run.meta.metrics.indexOf(k);
      ctx.fillStyle = COLOURS[j % COLOURS.length];
      ctx.globalAlpha = 0.15;
      ctx.beginPath();
      rows.forEach((row, i) => { const px = x(monthOf(row.date)), py = y(row.hi[m]); if (i) { ctx.lineTo(px, py); } else { ctx.moveTo(px, py); } });
      for (let i = rows.length - 1; i >= 0; i--) { ctx.lineTo(x(monthOf(rows[i].date)), y(rows[i].lo[m])); }
      ctx.closePath();
      ctx.fill();
      ctx.globalAlpha = 1;
    });
    canvas.dataset.band = rows.length && rows[0].lo ? 'true' : 'false';
    // the lines
    ctx.lineJoin = 'round';
    keys.forEach((k, j) => {
      ctx.strokeStyle = COLOURS[j % COLOURS.length];
      ctx.lineWidth = j < 2 ? 3.5 : 2.5;
      ctx.setLineDash(DASHES[j % DASHES.length]);
      ctx.beginPath();
      let pen = false;
      const pts = points(rows, k);
      for (const p of pts) {
        if (p === null) { pen = false; continue; }
        const px = x(p.m), py = y(p.v);
        if (pen) { ctx.lineTo(px, py); } else { ctx.moveTo(px, py); pen = true; }
      }
      ctx.stroke();
      if (k.startsWith('g.')) { // survey points, marked
        ctx.setLineDash([]);
        ctx.fillStyle = COLOURS[j % COLOURS.length];
        for (const p of pts) { if (p) { ctx.beginPath(); ctx.arc(x(p.m), y(p.v), 3.5, 0, 7); ctx.fill(); } }
        ctx.setLineDash(DASHES[j % DASHES.length]);
      }
    });
    ctx.setLineDash([]);
    // hover: the row under the pointer
    let at = rows[rows.length - 1];
    const hv = state.hover;
    if (hv && hv.side === side && hv.chart === ci && rows.length) {
      const month = sp.start + (hv.x - L) / pw * (sp.end - sp.start);
      let best = rows[0];
      for (const row of rows) { if (Math.abs(monthOf(row.date) - month) < Math.abs(monthOf(best.date) - month)) { best = row; } }
      at = best;
      const px = x(monthOf(at.date));
      ctx.strokeStyle = '#333';
      ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(px, T); ctx.lineTo(px, T + ph); ctx.stroke();
      keys.forEach((k, j) => {
        const v = valueOf(at, k);
        if (v === null || v === undefined) { return; }
        ctx.fillStyle = COLOURS[j % COLOURS.length];
        ctx.beginPath(); ctx.arc(px, y(v), 4, 0, 7); ctx.fill();
      });
    }
    // the legend, inside the chart, with the values now or under the pointer
    ctx.font = font;
    const lineH = fs * 1.3;
    const labels = keys.map((k) => seriesInfo(k, side).label);
    const vals = keys.map((k, j) => at ? fmtValue(valueOf(at, k), units[j]) : '');
    const reps = at && at.lo ? ` · mean of ${parseInt($('#reps').value, 10)} replications, band lowest–highest` : '';
    const head = at ? at.date + reps : '';
    const lw = Math.max(ctx.measureText(head).width, ...labels.map((l, j) => ctx.measureText(l + '  ' + vals[j]).width)) + 40;
    const lh = lineH * (keys.length + (head ? 1 : 0)) + 6;
    const lx = L + 6, ly = T + 4;
    ctx.fillStyle = 'rgba(255,255,255,0.88)';
    ctx.fillRect(lx, ly, Math.min(lw, pw - 12), lh);
    ctx.strokeStyle = '#bbb';
    ctx.lineWidth = 1;
    ctx.strokeRect(lx, ly, Math.min(lw, pw - 12), lh);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    let ty = ly + 3 + lineH / 2;
    if (head) { ctx.fillStyle = '#333'; ctx.fillText(head, lx + 6, ty); ty += lineH; }
    keys.forEach((k, j) => {
      ctx.strokeStyle = COLOURS[j % COLOURS.length];
      ctx.lineWidth = 3;
      ctx.setLineDash(DASHES[j % DASHES.length]);
      ctx.beginPath(); ctx.moveTo(lx + 6, ty); ctx.lineTo(lx + 30, ty); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#111';
      ctx.fillText(labels[j] + '  ' + vals[j], lx + 34, ty);
      ty += lineH;
    });
    canvas.dataset.legend = labels.join('|');
  }

  // ---- agents ---------------------------------------------------------
  // hash gives a stable number in [0, 1) for an employer index.
  function hash(i, salt) {
    let h = (i + 1) * 2654435761 ^ salt;
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  }

  // agentLayout places the sampled employers in one column per sector,
  // colleges along the top.
  function agentLayout(t, w, h) {
    const nS = Math.max(1, (state.info.a && state.info.a.sectors.length) || 1, ...t.sample.map((e) => e.sector + 1));
    // Each sector's column is as wide as its share of the sample (the
    // square root, so that a small sector stays readable).
    const weight = Array.from({ length: nS }, (_, s) => Math.sqrt(1 + t.sample.filter((e) => e.sector === s).length));
    const total = weight.reduce((a, b) => a + b, 0);
    const cols = [];
    let x0 = 0;
    for (const wt of weight) { cols.push({ x: x0, w: w * wt / total }); x0 += w * wt / total; }
    const top = 56;
    const pos = t.sample.map((e) => ({
      x: cols[e.sector].x + 8 + hash(e.i, 1) * (cols[e.sector].w - 16),
      y: top + 24 + hash(e.i, 2) * (h - top - 44),
    }));
    const colleges = t.colleges.map((c, i) => ({ x: w * (i + 0.5) / t.colleges.length, y: 22 }));
    return { pos, colleges, cols, nS, top };
  }

  function drawAgents(side) {
    const canvas = $(`#view-${side} canvas.network`);
    const { ctx, w, h } = fit(canvas);
    const t = state.ties[side];
    const caption = $(`#view-${side} .network-caption`);
    canvas.dataset.agents = t ? t.sample.length : 0;
    const fs = state.projector ? 18 : 12;
    ctx.font = `${fs}px system-ui, sans-serif`;
    if (!t) {
      ctx.fillStyle = '#777';
      ctx.textAlign = 'center';
      ctx.fillText('The employers and colleges appear here when the run starts.', w / 2, h / 2);
      caption.textContent = '';
      return;
    }
    const lay = agentLayout(t, w, h);
    const info = state.info[side] || state.info.a;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    lay.cols.forEach((col, s) => {
      ctx.fillStyle = s % 2 ? '#fafafa' : '#f2f2f2';
      ctx.fillRect(col.x, lay.top, col.w, h - lay.top);
      ctx.fillStyle = '#333';
      ctx.fillText(info && info.sectors[s] ? info.sectors[s].replace(/_/g, ' ') : 'sector ' + s, col.x + col.w / 2, lay.top + 3);
    });
    // ties to the colleges, faint
    ctx.globalAlpha = 0.25;
    t.sample.forEach((e, j) => {
      if (e.college < 0 || e.tie === 'none') { return; }
      ctx.strokeStyle = TIE[e.tie];
      ctx.lineWidth = e.tie === 'co-production' ? 1.5 : 1;
      const c = lay.colleges[e.college];
      ctx.beginPath(); ctx.moveTo(lay.pos[j].x, lay.pos[j].y); ctx.lineTo(c.x, c.y + 8); ctx.stroke();
    });
    ctx.globalAlpha = 1;
    const radius = { micro: 3, small_medium: 4.5, large: 7 };
    t.sample.forEach((e, j) => {
      const p = lay.pos[j];
      const r = radius[e.size] || 3;
      if (e.member) {
        ctx.strokeStyle = MEMBER; ctx.lineWidth = 2;
        ctx.beginPath(); ctx.arc(p.x, p.y, r + 4, 0, 7); ctx.stroke();
      }
      ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, 7);
      ctx.fillStyle = e.high_spec ? '#1b1b1b' : '#ffffff';
      ctx.fill();
      ctx.strokeStyle = TIE[e.tie] === TIE.none ? '#555' : TIE[e.tie];
      ctx.lineWidth = e.tie === 'none' ? 1 : 2.5;
      ctx.stroke();
      if (state.selected[side] === e.i) {
        ctx.strokeStyle = '#D55E00'; ctx.lineWidth = 2;
        ctx.strokeRect(p.x - r - 5, p.y - r - 5, 2 * r + 10, 2 * r + 10);
      }
    });
    t.colleges.forEach((c, i) => {
      const p = lay.colleges[i];
      ctx.fillStyle = c.merged ? '#bbbbbb' : '#444444';
      ctx.fillRect(p.x - 8, p.y - 8, 16, 16);
      ctx.fillStyle = '#000';
      ctx.textBaseline = 'top';
      ctx.fillText(c.name.replace(/_/g, ' ') + (c.merged ? ' (merged)' : ''), p.x, p.y + 10);
    });
    const share = t.tied ? Math.round(100 * t.coproducing / t.tied) : 0;
    caption.textContent = `${t.date}: ${t.tied.toLocaleString('en-GB')} of ${t.employers.toLocaleString('en-GB')} employers tied to a college, ` +
      `${share}% of ties in co-production; a fixed sample of ${t.sample.length} employers by sector. Filled: high-skill strategy; ` +
      `blue ring: co-production tie, orange: transactional, grey: none; green outer ring: network member. Click one to inspect it.`;
    showInspect(side);
  }

  function showInspect(side) {
    const box = $(`#view-${side} .inspect`);
    const t = state.ties[side];
    const sel = state.selected[side];
    if (t && typeof sel === 'string' && sel.startsWith('c')) {
      const c = t.colleges[Number(sel.slice(1))];
      box.hidden = !c;
      if (!c) { return; }
      const info = state.info[side] || state.info.a;
      const rows = [['college', c.name.replace(/_/g, ' ') + (c.merged ? ' (merged)' : '')],
        ['16–19 learners', `${c.enrolled} of ${c.places} places`], ['adult learners', `${c.adult_enrolled} of ${c.adult_places} places`],
        ['reputation', c.reputation.toFixed(2)]];
      (c.currency || []).forEach((v, s) => {
        rows.push([info ? info.sectors[s].replace(/_/g, ' ') : 'sector ' + s,
          `currency ${v.toFixed(2)}, effort ${c.effort[s].toFixed(2)}, reciprocates ${Math.round(100 * c.reciprocation[s])}%`]);
      });
      fillInspect(box, t.date, rows);
      return;
    }
    const e = t && t.sample.find((x) => x.i === sel);
    box.hidden = !e;
    if (!e) { return; }
    const info = state.info[side] || state.info.a;
    const college = e.college >= 0 && t.colleges[e.college] ? t.colleges[e.college].name : '—';
    const rows = [
      ['employer', '#' + e.i], ['sector', info ? info.sectors[e.sector] : e.sector], ['size', e.size.replace('_', '/')],
      ['strategy', e.high_spec ? 'high-skill' : 'low-skill'], ['trains', e.trains ? 'yes' : 'no'],
      ['tie', e.tie], ['college', college], ['trust', e.trust.toFixed(2)], ['network member', e.member ? 'yes' : 'no'],
      ['jobs', e.jobs], ['vacancies', e.vacancies], ['apprentices', e.apprentices],
      ['mean wage', '£' + Math.round(e.mean_wage).toLocaleString('en-GB') + ' a month'],
      ['surplus', '£' + Math.round(e.surplus).toLocaleString('en-GB') + ' a month'],
    ];
    fillInspect(box, t.date, rows);
  }

  function fillInspect(box, date, rows) {
    const dl = document.createElement('dl');
    for (const [k, v] of rows) {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = String(v);
      dl.append(dt, dd);
    }
    const head = document.createElement('strong');
    head.textContent = date;
    box.replaceChildren(head, dl);
  }

  function clickAgents(side, ev) {
    const canvas = $(`#view-${side} canvas.network`);
    const t = state.ties[side];
    if (!t) { return; }
    const r = canvas.getBoundingClientRect();
    const lay = agentLayout(t, canvas.clientWidth, canvas.clientHeight);
    const mx = ev.clientX - r.left, my = ev.clientY - r.top;
    let best = -1, bd = 15 * 15;
    lay.pos.forEach((p, j) => {
      const d = (p.x - mx) ** 2 + (p.y - my) ** 2;
      if (d < bd) { bd = d; best = j; }
    });
    state.selected[side] = best >= 0 ? t.sample[best].i : null;
    lay.colleges.forEach((p, c) => {
      if (Math.abs(p.x - mx) <= 14 && Math.abs(p.y - my) <= 14) { state.selected[side] = 'c' + c; }
    });
    drawAgents(side);
  }

  // ---- export ---------------------------------------------------------
  function download(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
  }

  async function exportYAML() {
    const side = state.active;
    if (!(await validate(side))) { return; }
    const info = state.info[side];
    download(new Blob([info.yaml], { type: 'text/yaml' }), `${info.name}.yaml`);
  }

  function csvText() {
    const meta = state.run.meta;
    if (!meta) { return ''; }
    const lines = [['config', 'scenario', 'seed', 'step', 'date', 'regime'].concat(meta.metrics).join(',')];
    for (const side of sides()) {
      const name = meta.sides[side] ? meta.sides[side].name : '';
      for (const row of state.rows[side]) {
        lines.push([side.toUpperCase(), name, meta.seed, row.step, row.date, row.regime]
          .concat(row.values.map((v) => v === null ? '' : String(v))).join(','));
      }
    }
    return lines.join('\n') + '\n';
  }

  function exportCSV() {
    const text = csvText();
    if (!text) { showMessage('There are no results yet: press Run first.', 'info'); return; }
    download(new Blob([text], { type: 'text/csv' }), `${fileStem()}.csv`);
  }

  function fileStem() {
    const meta = state.run.meta;
    const names = meta ? sides().map((s) => meta.sides[s] ? meta.sides[s].name : s).join('-vs-') : 'skillsim';
    const reps = parseInt($('#reps').value, 10) > 1 ? `-mean${$('#reps').value}` : '';
    return `${names}-seed${meta ? meta.seed : ''}${reps}`;
  }

  function exportPNG() {
    if (state.view !== 'charts') { selectView('charts'); }
    drawAll();
    const dpr = window.devicePixelRatio || 1;
    const cols = sides().map((s) => $$(`#view-${s} canvas.chart`));
    const head = Math.round(34 * dpr);
    const colW = Math.max(...cols.map((cs) => Math.max(...cs.map((c) => c.width))));
    const colH = Math.max(...cols.map((cs) => cs.reduce((a, c) => a + c.height, 0)));
    const out = document.createElement('canvas');
    out.width = colW * cols.length + Math.round(10 * dpr) * (cols.length - 1);
    out.height = head + colH;
    const ctx = out.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    cols.forEach((cs, i) => {
      const side = sides()[i];
      const x = i * (colW + Math.round(10 * dpr));
      const last = state.rows[side][state.rows[side].length - 1];
      ctx.fillStyle = '#000';
      ctx.font = `bold ${Math.round(16 * dpr)}px system-ui, sans-serif`;
      ctx.textBaseline = 'top';
      const seed = state.run.meta ? state.run.meta.seed : $('#seed').value;
      ctx.fillText(`${side.toUpperCase()}: ${$(`#view-${side} .view-name`).textContent}, seed ${seed}` +
        (last ? `, ${last.date}: ${last.year_regime || last.regime}` : ''), x + 8 * dpr, 8 * dpr);
      let y = head;
      for (const c of cs) { ctx.drawImage(c, x, y); y += c.height; }
    });
    out.toBlob((blob) => download(blob, `${fileStem()}.png`), 'image/png');
  }

  async function copyLink() {
    writeURL();
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      showMessage('Link copied: it restores this page exactly, with the levers moved during the run.', 'info');
    } catch (e) {
      showMessage('Copy this link: ' + url, 'info');
    }
  }

  // ---- wiring ---------------------------------------------------------
  async function init() {
    const { ok, data } = await api('/api/scenarios');
    if (!ok) { showMessage('Cannot list the scenarios: ' + data.error); return; }
    state.scenarios = data.scenarios;
    state.defaultScenario = data.default;
    state.metrics = data.metrics;
    state.sectorMetrics = data.sector_metrics;
    state.groups = data.groups || [];
    state.groupMetrics = data.group_metrics || [];
    const sel = $('#scenario');
    for (const s of data.scenarios) {
      const o = document.createElement('option');
      o.value = s.name;
      o.textContent = s.name;
      o.title = s.question;
      sel.append(o);
    }
    readURL();
    buildLevers();
    buildChartCanvases();
    setStatus('idle', 'Ready.');

    sel.addEventListener('change', () => {
      const c = state.cfg[state.active];
      c.scenario = sel.value;
      if (!$('#keep-levers').checked && Object.keys(c.levers).length) {
        c.levers = {};
        showMessage('The levers are back to the new scenario’s (tick “keep my lever changes” to carry them over).', 'info');
      }
      setSource('scenario');
    });
    for (const r of $$('input[name=source]')) { r.addEventListener('change', () => setSource(r.value)); }
    const ta = $('#yaml');
    ta.addEventListener('input', () => {
      state.cfg[state.active].yaml = ta.value;
      if (state.cfg[state.active].source !== 'yaml') { setSource('yaml'); } else { changed(); validateSoon(state.active); }
      updateGutter();
    });
    ta.addEventListener('scroll', () => { $('#gutter').scrollTop = ta.scrollTop; });
    $('#load-yaml').addEventListener('click', async () => {
      const name = state.cfg[state.active].scenario;
      const { ok, data } = await api('/api/scenarios/' + encodeURIComponent(name));
      if (!ok) { showMessage(data.error); return; }
      ta.value = data.yaml;
      state.cfg[state.active].yaml = data.yaml;
      $('#editor-box').open = true;
      setSource('yaml');
      updateGutter();
    });
    $('#upload').addEventListener('change', async (e) => {
      const f = e.target.files[0];
      if (!f) { return; }
      if (f.size > 200 * 1024) { showMessage(`${f.name} is ${Math.round(f.size / 1024)} KiB; a scenario file is far smaller (the server takes at most 256 KiB).`); return; }
      ta.value = await f.text();
      state.cfg[state.active].yaml = ta.value;
      $('#editor-box').open = true;
      setSource('yaml');
      updateGutter();
      e.target.value = '';
    });
    $('#validate').addEventListener('click', async () => {
      if (await validate(state.active)) { showMessage(`Configuration ${state.active.toUpperCase()} is valid.`, 'info'); }
    });
    $('#reset-levers').addEventListener('click', () => {
      state.cfg[state.active].levers = {};
      changed();
      validate(state.active);
    });
    $('#compare').addEventListener('change', (e) => setCompare(e.target.checked));
    for (const t of $$('#tabs [role=tab]')) { t.addEventListener('click', () => selectTab(t.dataset.side)); }
    for (const t of $$('.side-tabs [role=tab]')) { t.addEventListener('click', () => selectPanel(t.dataset.panel)); }
    for (const t of $$('.stage-tabs [role=tab]')) { t.addEventListener('click', () => selectView(t.dataset.view)); }
    $('#copy-ab').addEventListener('click', () => {
      state.cfg.b = copyConfig(state.cfg.a);
      changed();
      validate('b').then(() => { if (state.active === 'b') { selectTab('b'); } });
    });
    $('#add-chart').addEventListener('click', () => {
      if (state.charts.length < MAX_CHARTS) { state.charts.push(['apprenticeship_starts']); chartsChanged(); }
    });
    $('#seed').addEventListener('input', () => { changed(); });
    $('#every').addEventListener('change', writeURL);
    $('#reps').addEventListener('change', () => { changed(); });
    const speed = $('#speed');
    const showSpeed = () => { $('#speed-out').textContent = SPEEDS[parseInt(speed.value, 10)].label; };
    speed.addEventListener('input', () => { showSpeed(); writeURL(); });
    showSpeed();
    $('#projector').addEventListener('change', (e) => setProjector(e.target.checked));
    $('#copy-link').addEventListener('click', copyLink);
    $('#run').addEventListener('click', () => start(0));
    $('#step').addEventListener('click', () => start(parseInt($('#every').value, 10)));
    $('#pause').addEventListener('click', () => {
      if (state.run.status === 'running') { stop('paused'); }
    });
    $('#reset').addEventListener('click', () => {
      stop();
      state.changes = [];
      resetRun();
      clearMessage();
      showChanges();
      for (const d of ALL) { showLever(d); }
      writeURL();
      for (const s of sides()) { validate(s); }
    });
    $('#export-yaml').addEventListener('click', exportYAML);
    $('#export-csv').addEventListener('click', exportCSV);
    $('#export-png').addEventListener('click', exportPNG);
    for (const side of ['a', 'b']) {
      $(`#view-${side} canvas.network`).addEventListener('click', (e) => clickAgents(side, e));
    }
    window.addEventListener('resize', () => drawAll());
    // Restore compare mode and the tabs from the link.
    if (state.compare) {
      $('#compare').checked = true;
      $('#tabs').hidden = false;
      $('#view-b').hidden = false;
      $('#views').classList.add('compare');
    }
    selectTab('a');
    updateGutter();
    await Promise.all(sides().map((s) => validate(s)));
    state.loading = false;
    showChanges();
    writeURL();
    drawAll();
    document.body.dataset.ready = 'true';
  }

  // For tests and the curious: the CSV the Results CSV button downloads.
  window.skillsim = { csvText, state, urlParams: () => urlParams().toString(),
    agentAt: (c, t, j) => agentLayout(t, c.clientWidth, c.clientHeight).pos[j],
    collegeAt: (c, t, j) => agentLayout(t, c.clientWidth, c.clientHeight).colleges[j] };
  init();
})();
