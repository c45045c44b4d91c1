// skillsim seminar dashboard. Plain JavaScript, no framework: the page
// talks to the server's /api (see web/doc.go), reads the run as
// server-sent events from a POST, and draws its charts on <canvas>.
'use strict';
(() => {
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  // The chart's lines. Okabe–Ito colours, and a dash pattern for each, so
  // that no line is told apart by colour alone.
  const SERIES = [
    { key: 'high_skill_strategy_share', label: 'High-skill strategy (share of employers)', color: '#0072B2', width: 3, dash: [] },
    { key: 'coproduction_share', label: 'Co-production (share of ties)', color: '#D55E00', width: 3, dash: [] },
    { key: 'intermediate_job_share', label: 'Intermediate jobs', color: '#009E73', width: 2, dash: [9, 4] },
    { key: 'low_skill_job_share', label: 'Low-skill jobs', color: '#E69F00', width: 2, dash: [2, 3] },
    { key: 'high_skill_job_share', label: 'High-skill jobs', color: '#56B4E9', width: 2, dash: [9, 3, 2, 3] },
    { key: 'level3_plus_share', label: 'Level 3+ qualified (people)', color: '#CC79A7', width: 2, dash: [14, 5] },
    { key: 'mean_trust', label: 'Mean trust in colleges', color: '#000000', width: 1.5, dash: [1, 3] },
  ];
  const TIE = { transactional: '#E69F00', 'co-production': '#0072B2' };
  const MEMBER = '#009E73';

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
      help: 'A convening body (from 2020) brokers college–employer partnerships, pools intelligence and recruits early members.' },
    { key: 'network_budget', type: 'range', requires: 'network', label: 'Network budget', min: 0, max: 3000000, step: 50000, fmt: money,
      help: 'The convener’s annual budget; brokering one co-production tie costs it about £2,500 a year.' },
    { key: 'network_years', type: 'range', requires: 'network', label: 'Network funded for', min: 0, max: 30, step: 1, fmt: years,
      help: 'Withdraw the network after this many years (0: it lasts to the end). Does co-production outlast it?' },
    { key: 'funding', type: 'range', label: 'College funding (austerity)', min: 0.5, max: 1.5, step: 0.01, fmt: times,
      help: 'Funding per learner and the adult budget relative to before the 2010 cuts (×1: no austerity).' },
    { key: 'migration', type: 'range', label: 'Low-skilled migration', min: 0, max: 2, step: 0.05, fmt: times,
      help: 'Employers’ access to low-skilled labour from abroad relative to before Brexit (×1: unchanged).' },
    { key: 'careers', type: 'range', label: 'Careers information', min: 0, max: 1, step: 0.05, fmt: plain(2),
      help: 'How much learners know about routes and job prospects, for the whole run (0 nothing, 1 everything).' },
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
  const SPEEDS = [{ ms: 400, label: 'very slow' }, { ms: 200, label: 'slow' }, { ms: 100, label: 'medium' },
    { ms: 40, label: 'fast' }, { ms: 10, label: 'very fast' }, { ms: 0, label: 'instant' }];

  const newConfig = () => ({ source: 'scenario', scenario: '', yaml: '', levers: {} });
  const state = {
    scenarios: [],
    compare: false,
    active: 'a',
    cfg: { a: newConfig(), b: null },
    info: { a: null, b: null }, // the last successful /api/validate answer per side
    problems: { a: [], b: [] },
    version: 0, // bumped whenever a configuration changes
    seedTouched: false,
    run: { status: 'idle', step: 0, total: 0, meta: null, version: -1, controller: null, seed: null },
    rows: { a: [], b: [] },
    ties: { a: null, b: null },
    hidden: {},
  };
  const sides = () => state.compare ? ['a', 'b'] : ['a'];
  const metricIndex = (name) => state.run.meta ? state.run.meta.metrics.indexOf(name) : -1;

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

  function changed() {
    state.version++;
    if (state.run.status === 'paused' || state.run.status === 'done') {
      setStatus(state.run.status, statusText() + ' The configuration has changed: Run starts again from the beginning.');
    }
  }

  let validateTimer = 0;
  function validateSoon(side) {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(() => validate(side), 250);
  }

  async function validate(side) {
    const body = setupOf(side);
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
    if (!state.seedTouched && side === 'a') { $('#seed').value = data.seed; }
    if (side === state.active) { showProblems(); showInfo(); }
    $(`#view-${side} .view-name`).textContent = data.name;
    if (!$('#message').hidden && !$('#message').classList.contains('info')) { clearMessage(); }
    if (state.run.status === 'idle') { drawAll(); }
    return true;
  }

  function showInfo() {
    const info = state.info[state.active];
    if (!info) { return; }
    $('#question').textContent = info.question || '';
    const months = info.step_months === 1 ? 'monthly' : `${info.step_months}-month`;
    $('#summary').textContent = `${info.name}: ${info.start} → ${info.end}, ${info.steps} ${months} steps · ` +
      `${info.persons.toLocaleString('en-GB')} people · ${info.employers.toLocaleString('en-GB')} employers · ` +
      `${info.colleges.length} colleges · sectors ${info.sectors.join(', ')}`;
    for (const def of ALL) { showLever(def); }
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
      li.dataset.line = p.line || 0;
      list.append(li);
    }
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
    const cfg = state.cfg[state.active];
    if (cfg.source !== 'yaml') { return; }
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
    for (const [box, defs] of [[$('#levers'), LEVERS], [$('#behaviour'), BEHAVIOUR]]) {
      for (const def of defs) {
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
          head.append(label, out);
          input.addEventListener('change', () => leverInput(def, input.checked));
          head.prepend(input);
        } else {
          input.type = 'range';
          input.min = def.min; input.max = def.max; input.step = def.step;
          input.addEventListener('input', () => leverInput(def, parseFloat(input.value)));
          head.append(label, out);
        }
        const help = document.createElement('p');
        help.textContent = def.help;
        div.append(head);
        if (def.type === 'range') { div.append(input); }
        div.append(help);
        box.append(div);
      }
    }
  }

  function leverValue(side, key) {
    const o = state.cfg[side].levers[key];
    if (o !== undefined) { return o; }
    const info = state.info[side];
    return info ? info.levers[key] : undefined;
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
    $('#lever-' + def.key).classList.toggle('changed', state.cfg[side].levers[def.key] !== undefined);
  }

  function leverInput(def, value) {
    state.cfg[state.active].levers[def.key] = value;
    for (const d of ALL) { showLever(d); }
    changed();
    validateSoon(state.active);
  }

  // ---- compare mode and tabs ------------------------------------------
  function copyConfig(c) { return JSON.parse(JSON.stringify(c)); }

  function setCompare(on) {
    stop('idle');
    state.compare = on;
    if (on && !state.cfg.b) { state.cfg.b = copyConfig(state.cfg.a); }
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
    $('#side-tag').textContent = side.toUpperCase();
    const c = state.cfg[side];
    $('#scenario').value = c.scenario;
    $(`#source-${c.source}`).checked = true;
    $('#yaml').value = c.yaml;
    showProblems();
    showInfo();
    if (!state.info[side]) { validate(side); }
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
        if (data) { onEvent(event, JSON.parse(data)); }
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
          const row = { step: d.step, date: s.date, regime: s.regime, values: s.values };
          if (rows.length && rows[rows.length - 1].step >= d.step) { rows[rows.length - 1] = row; } else { rows.push(row); }
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

  function showRegime(side, row) {
    const view = $(`#view-${side}`);
    const box = $('.regime', view);
    box.dataset.regime = row ? row.regime : 'none';
    $('strong', box).textContent = row ? row.regime : '—';
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
      drawChart(side);
      drawNetwork(side);
    }
  }

  // fit sizes a canvas's backing store to its displayed size and returns
  // its 2D context scaled to CSS pixels.
  function fit(canvas) {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(200, canvas.clientWidth);
    const h = Math.max(120, canvas.clientHeight);
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

  function span(side) {
    const m = state.run.meta && state.run.meta.sides[side];
    const info = m || state.info[side];
    if (!info) { return null; }
    return { start: monthOf(info.start), end: monthOf(info.end) };
  }

  function drawChart(side) {
    const canvas = $(`#view-${side} canvas.chart`);
    const { ctx, w, h } = fit(canvas);
    const rows = state.rows[side];
    canvas.dataset.points = rows.length;
    const sp = span(side);
    const L = 46, R = 12, T = 10, B = 26;
    const pw = w - L - R, ph = h - T - B;
    ctx.font = '12px system-ui, sans-serif';
    ctx.lineWidth = 1;
    // y grid
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let k = 0; k <= 5; k++) {
      const y = T + ph * (1 - k / 5);
      ctx.strokeStyle = k === 0 ? '#888' : '#e4e4e4';
      ctx.beginPath(); ctx.moveTo(L, y); ctx.lineTo(L + pw, y); ctx.stroke();
      ctx.fillStyle = '#555';
      ctx.fillText((k * 20) + '%', L - 6, y);
    }
    if (!sp) { return; }
    const x = (month) => L + pw * (month - sp.start) / Math.max(1, sp.end - sp.start);
    const y = (v) => T + ph * (1 - Math.max(0, Math.min(1, v)));
    // x axis: years
    const y0 = Math.floor(sp.start / 12), y1 = Math.floor(sp.end / 12);
    const every = Math.max(1, Math.ceil((y1 - y0) / Math.max(2, Math.floor(pw / 70))));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let yr = Math.ceil(y0 / every) * every; yr <= y1; yr += every) {
      const px = x(yr * 12);
      if (px < L - 1 || px > L + pw + 1) { continue; }
      ctx.strokeStyle = '#f0f0f0';
      ctx.beginPath(); ctx.moveTo(px, T); ctx.lineTo(px, T + ph); ctx.stroke();
      ctx.fillStyle = '#555';
      ctx.fillText(String(yr), px, T + ph + 6);
    }
    if (!rows.length || !state.run.meta) { return; }
    // the lines
    ctx.lineJoin = 'round';
    for (const s of SERIES) {
      if (state.hidden[s.key]) { continue; }
      const k = metricIndex(s.key);
      if (k < 0) { continue; }
      ctx.strokeStyle = s.color;
      ctx.lineWidth = s.width;
      ctx.setLineDash(s.dash);
      ctx.beginPath();
      let pen = false;
      for (const row of rows) {
        const v = row.values[k];
        if (v === null) { pen = false; continue; }
        const px = x(monthOf(row.date)), py = y(v);
        if (pen) { ctx.lineTo(px, py); } else { ctx.moveTo(px, py); pen = true; }
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    // now
    const last = rows[rows.length - 1];
    const nx = x(monthOf(last.date));
    ctx.strokeStyle = '#999';
    ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(nx, T); ctx.lineTo(nx, T + ph); ctx.stroke();
  }

  // hash gives a stable number in [0, 1) for an employer index.
  function hash(i, salt) {
    let h = (i + 1) * 2654435761 ^ salt;
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  }

  function drawNetwork(side) {
    const canvas = $(`#view-${side} canvas.network`);
    const { ctx, w, h } = fit(canvas);
    const t = state.ties[side];
    const caption = $(`#view-${side} .network-caption`);
    canvas.dataset.ties = t ? t.sample.length : 0;
    if (!t) {
      ctx.fillStyle = '#777';
      ctx.font = '14px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText('The partnership network appears here when the run starts.', w / 2, h / 2);
      caption.textContent = '';
      return;
    }
    const cx = w / 2, cy = h / 2 - 6;
    const n = t.colleges.length;
    const angle = (c) => 2 * Math.PI * c / n + Math.PI; // the first college on the left
    const college = (c) => ({ x: cx + 0.15 * w * Math.cos(angle(c)), y: cy + 0.2 * h * Math.sin(angle(c)) });
    const pos = t.sample.map((e) => {
      const a = angle(e.college) + (hash(e.i, 1) - 0.5) * (2 * Math.PI / n) * 0.85;
      const r = 0.5 + 0.5 * hash(e.i, 2);
      return { x: cx + 0.46 * w * r * Math.cos(a), y: cy + 0.44 * h * r * Math.sin(a) };
    });
    // ties first, transactional under co-production
    for (const kind of ['transactional', 'co-production']) {
      ctx.strokeStyle = TIE[kind];
      ctx.lineWidth = kind === 'co-production' ? 2 : 1;
      ctx.globalAlpha = kind === 'co-production' ? 0.85 : 0.6;
      ctx.setLineDash(kind === 'co-production' ? [] : [3, 2]);
      ctx.beginPath();
      t.sample.forEach((e, j) => {
        if (e.kind !== kind) { return; }
        const c = college(e.college);
        ctx.moveTo(pos[j].x, pos[j].y);
        ctx.lineTo(c.x, c.y);
      });
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
    // employers
    const radius = { micro: 2.5, small_medium: 3.5, large: 5.5 };
    t.sample.forEach((e, j) => {
      const p = pos[j];
      const r = radius[e.size] || 3;
      if (e.member) {
        ctx.strokeStyle = MEMBER;
        ctx.lineWidth = 2;
        ctx.beginPath(); ctx.arc(p.x, p.y, r + 2.5, 0, 2 * Math.PI); ctx.stroke();
      }
      ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
      ctx.fillStyle = e.high_spec ? '#1b1b1b' : '#ffffff';
      ctx.fill();
      ctx.strokeStyle = '#1b1b1b';
      ctx.lineWidth = 1;
      ctx.stroke();
    });
    // colleges
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    t.colleges.forEach((c, i) => {
      const p = college(i);
      ctx.fillStyle = c.merged ? '#bbbbbb' : '#444444';
      ctx.fillRect(p.x - 8, p.y - 8, 16, 16);
      ctx.strokeStyle = '#000';
      ctx.strokeRect(p.x - 8, p.y - 8, 16, 16);
      const label = c.name.replace(/_/g, ' ') + (c.merged ? ' (merged)' : '');
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#fff';
      ctx.strokeText(label, p.x, p.y + 10);
      ctx.fillStyle = '#000';
      ctx.fillText(label, p.x, p.y + 10);
    });
    const share = t.tied ? Math.round(100 * t.coproducing / t.tied) : 0;
    caption.textContent = `${t.date}: ${t.tied.toLocaleString('en-GB')} of ${t.employers.toLocaleString('en-GB')} employers ` +
      `tied to a college, ${share}% of ties in co-production; showing a fixed sample of ${t.sample.length}` +
      (t.network ? '; a skills network is in force.' : '.');
  }

  function buildLegends() {
    const legend = $('#legend');
    const title = (text) => { const li = document.createElement('li'); li.className = 'legend-title'; li.textContent = text; return li; };
    legend.append(title('Lines:'));
    for (const s of SERIES) {
      const li = document.createElement('li');
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', () => { state.hidden[s.key] = !box.checked; drawAll(); });
      const sw = document.createElement('canvas');
      sw.width = 34; sw.height = 14;
      const c = sw.getContext('2d');
      c.strokeStyle = s.color; c.lineWidth = s.width; c.setLineDash(s.dash);
      c.beginPath(); c.moveTo(1, 7); c.lineTo(33, 7); c.stroke();
      label.append(box, sw, s.label);
      li.append(label);
      legend.append(li);
    }
    const net = $('#network-legend');
    net.append(title('Network:'));
    const items = [
      ['Transactional tie', (c) => { c.strokeStyle = TIE.transactional; c.setLineDash([3, 2]); c.beginPath(); c.moveTo(1, 7); c.lineTo(33, 7); c.stroke(); }],
      ['Co-production tie', (c) => { c.strokeStyle = TIE['co-production']; c.lineWidth = 2; c.beginPath(); c.moveTo(1, 7); c.lineTo(33, 7); c.stroke(); }],
      ['High-skill employer', (c) => { c.fillStyle = '#1b1b1b'; c.beginPath(); c.arc(17, 7, 4, 0, 7); c.fill(); }],
      ['Low-skill employer', (c) => { c.strokeStyle = '#1b1b1b'; c.beginPath(); c.arc(17, 7, 4, 0, 7); c.stroke(); }],
      ['Network member', (c) => { c.strokeStyle = MEMBER; c.lineWidth = 2; c.beginPath(); c.arc(17, 7, 5.5, 0, 7); c.stroke(); }],
      ['College', (c) => { c.fillStyle = '#444'; c.fillRect(11, 1, 12, 12); }],
    ];
    for (const [text, draw] of items) {
      const li = document.createElement('li');
      const sw = document.createElement('canvas');
      sw.width = 34; sw.height = 14;
      draw(sw.getContext('2d'));
      li.append(sw, ' ' + text);
      net.append(li);
    }
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
    return `${names}-seed${meta ? meta.seed : ''}`;
  }

  function exportPNG() {
    drawAll();
    const views = sides().map((s) => $(`#view-${s}`));
    const dpr = window.devicePixelRatio || 1;
    const head = Math.round(56 * dpr);
    const cols = views.map((v) => [$('canvas.chart', v), $('canvas.network', v)]);
    const width = cols.reduce((a, [c]) => a + c.width, 0) + Math.round(10 * dpr) * (cols.length - 1);
    // Lay the legend out in rows that fit the width.
    const out = document.createElement('canvas');
    const ctx = out.getContext('2d');
    const font = `${Math.round(12 * dpr)}px system-ui, sans-serif`;
    ctx.font = font;
    const rowH = Math.round(22 * dpr);
    const items = [];
    let lx = 8 * dpr, row = 0;
    for (const s of SERIES) {
      if (state.hidden[s.key]) { continue; }
      const w = 28 * dpr + ctx.measureText(s.label).width + 14 * dpr;
      if (lx + w > width && lx > 8 * dpr) { row++; lx = 8 * dpr; }
      items.push({ s, x: lx, row });
      lx += w;
    }
    const legendH = rowH * (row + 1) + Math.round(6 * dpr);
    const height = head + Math.max(...cols.map(([c, n]) => c.height + n.height)) + legendH;
    out.width = width; out.height = height;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    let x = 0;
    views.forEach((v, i) => {
      const [chart, net] = cols[i];
      const side = v.dataset.side;
      const last = state.rows[side][state.rows[side].length - 1];
      ctx.fillStyle = '#000';
      ctx.font = `bold ${Math.round(16 * dpr)}px system-ui, sans-serif`;
      ctx.textBaseline = 'top';
      ctx.fillText(`${side.toUpperCase()}: ${$('.view-name', v).textContent}`, x + 8 * dpr, 6 * dpr);
      ctx.font = `${Math.round(14 * dpr)}px system-ui, sans-serif`;
      const seed = state.run.meta ? state.run.meta.seed : $('#seed').value;
      ctx.fillText(last ? `${last.date}, seed ${seed}: regime ${last.regime}` : `seed ${seed}`, x + 8 * dpr, 30 * dpr);
      ctx.drawImage(chart, x, head);
      ctx.drawImage(net, x, head + chart.height);
      x += chart.width + Math.round(10 * dpr);
    });
    const top = height - legendH + Math.round(3 * dpr);
    ctx.font = font;
    ctx.textBaseline = 'middle';
    for (const { s, x: ix, row: r } of items) {
      const ly = top + rowH * r + rowH / 2;
      ctx.strokeStyle = s.color; ctx.lineWidth = s.width * dpr; ctx.setLineDash(s.dash.map((d) => d * dpr));
      ctx.beginPath(); ctx.moveTo(ix, ly); ctx.lineTo(ix + 24 * dpr, ly); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#000';
      ctx.fillText(s.label, ix + 28 * dpr, ly);
    }
    out.toBlob((blob) => download(blob, `${fileStem()}.png`), 'image/png');
  }

  // ---- wiring ---------------------------------------------------------
  async function init() {
    buildLevers();
    buildLegends();
    setStatus('idle', 'Ready.');
    const { ok, data } = await api('/api/scenarios');
    if (!ok) { showMessage('Cannot list the scenarios: ' + data.error); return; }
    state.scenarios = data.scenarios;
    const sel = $('#scenario');
    for (const s of data.scenarios) {
      const o = document.createElement('option');
      o.value = s.name;
      o.textContent = s.name;
      o.title = s.question;
      sel.append(o);
    }
    state.cfg.a.scenario = data.default;
    sel.value = data.default;

    sel.addEventListener('change', () => {
      state.cfg[state.active].scenario = sel.value;
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
    $('#copy-ab').addEventListener('click', () => {
      state.cfg.b = copyConfig(state.cfg.a);
      changed();
      validate('b').then(() => { if (state.active === 'b') { selectTab('b'); } });
    });
    $('#seed').addEventListener('input', () => { state.seedTouched = true; });
    const speed = $('#speed');
    const showSpeed = () => { $('#speed-out').textContent = SPEEDS[parseInt(speed.value, 10)].label; };
    speed.addEventListener('input', showSpeed);
    showSpeed();
    $('#run').addEventListener('click', () => start(0));
    $('#step').addEventListener('click', () => start(parseInt($('#every').value, 10)));
    $('#pause').addEventListener('click', () => {
      if (state.run.status === 'running') { stop('paused'); }
    });
    $('#reset').addEventListener('click', () => { stop(); resetRun(); clearMessage(); });
    $('#export-yaml').addEventListener('click', exportYAML);
    $('#export-csv').addEventListener('click', exportCSV);
    $('#export-png').addEventListener('click', exportPNG);
    window.addEventListener('resize', () => drawAll());
    updateGutter();
    await validate('a');
    drawAll();
    document.body.dataset.ready = 'true';
  }

  // For tests and the curious: the CSV the Results CSV button downloads.
  window.skillsim = { csvText, state };
  init();
})();
