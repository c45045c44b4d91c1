// skillsim classroom, the teacher's page (for the projector): opens a
// room, shows its join code, the students' choices as they come in, the
// region with the class and without it, and the debrief.
'use strict';
(() => {
  const $ = (s) => document.querySelector(s);
  const pct = (v) => Math.round(v * 100) + '%';
  let code = '', token = '', view = null, clockAt = 0, clockLeft = 0;

  // A region small enough for a class to matter: 4,000 people and about
  // 470 employers, 52 of them in the creative sector, 2015–2035, no
  // levers. A class of 20–40 playing the creative sector is most of it.
  const CLASS_REGION = `name: classroom
question: Can a class of employers who co-produce together tip their sector out of the trap?
start: 2015-01
end: 2035-01
population: {persons: 4000}
sectors:
  - {name: digital_tech, employers: {micro: 42, small_medium: 5, large: 1}}
  - {name: creative, employers: {micro: 48, small_medium: 4, large: 0}}
  - {name: social_care, employers: {micro: 18, small_medium: 10, large: 1}}
  - {name: rest, employers: {micro: 230, small_medium: 60, large: 4}}
colleges:
  - {name: newham, places: 60}
  - {name: hackney, places: 60}
`;

  function showMessage(text, kind) {
    const m = $('#message');
    m.textContent = text;
    m.className = kind === 'info' ? 'info' : '';
    m.hidden = !text;
  }

  async function post(path, body, auth) {
    const headers = { 'Content-Type': 'application/json' };
    if (auth) { headers.Authorization = 'Bearer ' + auth; }
    const resp = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    let data;
    try { data = await resp.json(); } catch (e) { data = { error: resp.status + ' ' + resp.statusText }; }
    return { ok: resp.ok, status: resp.status, data };
  }

  async function openRoom() {
    const body = { ...source(), levers: {}, sector: $('#sector').value,
      seed: Number($('#seed').value), rounds: Number($('#rounds').value), round_seconds: Number($('#secs').value) };
    const { ok, data } = await post('/api/rooms', body);
    if (!ok) {
      const detail = (data.errors || []).map((e) => (e.line ? `line ${e.line}: ` : '') + `${e.field}: ${e.message}`).join('; ');
      showMessage(data.error + (detail ? ' — ' + detail : ''));
      return;
    }
    code = data.code;
    token = data.teacher;
    sessionStorage.setItem('skillsim-room-' + code, token);
    history.replaceState(null, '', '/room?code=' + code);
    $('#join-url').textContent = data.join.replace(/\?code=.*$/, '');
    follow();
  }

  function follow() {
    showMessage('');
    $('#setup').hidden = true;
    $('#game').hidden = false;
    $('#code').textContent = code;
    if (!$('#join-url').textContent || $('#join-url').textContent === '—') { $('#join-url').textContent = location.origin + '/join'; }
    window.roomStream(`/api/rooms/${code}/stream`, token, (event, d) => {
      if (event === 'room') { show(d); }
    }, (msg, fatal) => showMessage((fatal ? '' : 'Reconnecting: ') + msg));
  }

  async function control(action) {
    const { ok, data } = await post(`/api/rooms/${code}/control`, { action }, token);
    if (!ok) { showMessage(data.error); } else { showMessage(''); }
  }

  function show(d) {
    view = d;
    document.body.dataset.state = d.state;
    $('#round').textContent = d.round;
    $('#rounds-out').textContent = d.rounds;
    $('#date').textContent = d.date;
    $('#answered').textContent = d.answered;
    $('#nstudents').textContent = d.students.length;
    clockLeft = d.remaining;
    clockAt = performance.now();
    tick();
    const last = d.history[d.history.length - 1];
    const regime = last ? last.region.regime : 'none';
    $('#regime').dataset.regime = regime;
    $('#regime strong').textContent = last ? regime : '—';
    $('#status').textContent = {
      lobby: `${d.students.length} joined. Press Start when the class is in.`,
      deciding: `Round ${d.round}: students are deciding.`,
      paused: 'Paused.',
      done: 'The game is over: the debrief is below.',
    }[d.state];
    $('#start').disabled = d.state !== 'lobby';
    $('#pause').disabled = d.state !== 'deciding';
    $('#resume').disabled = d.state !== 'paused';
    $('#advance').disabled = d.state !== 'deciding' && d.state !== 'paused';
    $('#replay').disabled = d.state === 'lobby';
    const bars = $('#bars');
    bars.replaceChildren();
    for (const [label, key] of [['co-produce', 'coproduce'], ['upgrade', 'upgrade'], ['train', 'train']]) {
      const n = d.now[key];
      const div = document.createElement('div');
      div.className = 'bar';
      div.dataset.key = key;
      div.dataset.count = n;
      const l = document.createElement('span'); l.textContent = label;
      const track = document.createElement('span'); track.className = 'track';
      const fill = document.createElement('span'); fill.className = 'fill';
      fill.style.display = 'block';
      fill.style.width = (d.answered ? 100 * n / d.answered : 0) + '%';
      track.append(fill);
      const c = document.createElement('span'); c.textContent = `${n} of ${d.answered}`;
      div.append(l, track, c);
      bars.append(div);
    }
    const ul = $('#students');
    ul.replaceChildren();
    for (const s of d.students) {
      const li = document.createElement('li');
      li.textContent = `${s.name} (${s.sector.replace(/_/g, ' ')})${s.answered ? ' ✓' : ''}`;
      li.className = s.answered ? 'done' : '';
      ul.append(li);
    }
    drawChart(d);
    debrief(d);
  }

  function tick() {
    if (!view) { return; }
    const left = view.state === 'deciding' ? Math.max(0, Math.ceil(clockLeft - (performance.now() - clockAt) / 1000)) : clockLeft;
    $('#timer').textContent = view.state === 'deciding' || view.state === 'paused' ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` : '—';
  }
  setInterval(tick, 250);

  function drawChart(d) {
    const c = $('#chart');
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth, h = c.clientHeight;
    c.width = w * dpr; c.height = h * dpr;
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, w, h);
    const fs = 18;
    ctx.font = `${fs}px system-ui, sans-serif`;
    const L = 60, R = 10, T = 10, B = 40, pw = w - L - R, ph = h - T - B;
    const n = Math.max(1, d.rounds);
    const x = (i) => L + pw * i / n, y = (v) => T + ph * (1 - v);
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle'; ctx.fillStyle = '#333';
    for (let k = 0; k <= 4; k++) {
      ctx.strokeStyle = '#e4e4e4';
      ctx.beginPath(); ctx.moveTo(L, y(k / 4)); ctx.lineTo(L + pw, y(k / 4)); ctx.stroke();
      ctx.fillText(k * 25 + '%', L - 6, y(k / 4));
    }
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    for (let i = 1; i <= n; i++) { ctx.fillText(String(i), x(i), T + ph + 4); }
    ctx.fillText('year of the game', L + pw / 2, T + ph + fs + 2);
    const series = [
      ['high-skill strategy', '#0072B2', (r) => r.region.high_skill, []],
      ['co-production', '#D55E00', (r) => r.region.coproduction, []],
      ['high-skill, model’s firms', '#0072B2', (r) => r.shadow.high_skill, [8, 5]],
      ['co-production, model’s firms', '#D55E00', (r) => r.shadow.coproduction, [8, 5]],
    ];
    for (const [, colour, get, dash] of series) {
      ctx.strokeStyle = colour; ctx.lineWidth = 3; ctx.setLineDash(dash);
      ctx.beginPath();
      d.history.forEach((r, i) => { const px = x(i + 1), py = y(get(r)); if (i) { ctx.lineTo(px, py); } else { ctx.moveTo(px, py); } });
      ctx.stroke();
    }
    ctx.setLineDash([]);
    // legend inside
    ctx.textAlign = 'left'; ctx.textBaseline = 'middle';
    series.forEach(([label, colour, , dash], i) => {
      const ly = T + 14 + i * (fs + 4);
      ctx.fillStyle = 'rgba(255,255,255,.85)'; ctx.fillRect(L + 4, ly - fs / 2 - 2, 330, fs + 4);
      ctx.strokeStyle = colour; ctx.lineWidth = 3; ctx.setLineDash(dash);
      ctx.beginPath(); ctx.moveTo(L + 10, ly); ctx.lineTo(L + 40, ly); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#111'; ctx.fillText(label, L + 46, ly);
    });
    c.dataset.points = d.history.length;
  }

  function debrief(d) {
    $('#debrief').hidden = d.state !== 'done' && !d.previous;
    const tb = $('#table tbody');
    tb.replaceChildren();
    for (const r of d.history) {
      const tr = document.createElement('tr');
      for (const v of [r.date, pct(r.class.coproduce), pct(r.model.coproduce), pct(r.class.upgrade), pct(r.model.upgrade),
        pct(r.class.train), pct(r.model.train), r.region.regime, r.shadow.regime]) {
        const td = document.createElement('td'); td.textContent = v; tr.append(td);
      }
      tb.append(tr);
    }
    if (d.state === 'done' && d.history.length) {
      const last = d.history[d.history.length - 1];
      $('#verdict').textContent = (d.escaped ? `The room escaped the trap: the region ends ${last.region.regime}` :
        `The room did not escape the trap: the region ends ${last.region.regime}`) +
        ` (high-skill strategy ${pct(last.region.high_skill)}, co-production ${pct(last.region.coproduction)} of ties);` +
        ` with the model’s employers in your firms it ends ${last.shadow.regime}. Your firms: ${pct(last.class.coproduce)} co-producing,` +
        ` ${pct(last.class.upgrade)} upgraded, ${pct(last.class.train)} training; the model’s: ${pct(last.model.coproduce)}, ${pct(last.model.upgrade)}, ${pct(last.model.train)}.`;
    }
  }

  // source is the scenario the room will play: pasted YAML, the class
  // region, or a shipped scenario.
  function source() {
    if ($('#yaml').value.trim()) { return { scenario: '', yaml: $('#yaml').value }; }
    if ($('#scenario').value === '(classroom)') { return { scenario: '', yaml: CLASS_REGION }; }
    return { scenario: $('#scenario').value, yaml: '' };
  }

  // sectors fills the sector list from the scenario.
  async function sectors() {
    const { ok, data } = await post('/api/validate', { ...source(), levers: {} });
    const sel = $('#sector');
    const keep = sel.value;
    sel.replaceChildren();
    const any = document.createElement('option');
    any.value = ''; any.textContent = 'any sector';
    sel.append(any);
    if (!ok) { return; }
    for (const s of data.sectors) {
      const o = document.createElement('option');
      o.value = s; o.textContent = s.replace(/_/g, ' ');
      sel.append(o);
    }
    sel.value = data.sectors.includes(keep) ? keep : (data.sectors.includes('creative') && data.name === 'classroom' ? 'creative' : '');
  }

  async function init() {
    const resp = await fetch('/api/scenarios');
    const data = await resp.json();
    for (const s of data.scenarios) {
      const o = document.createElement('option');
      o.value = s.name; o.textContent = s.name; o.title = s.question;
      $('#scenario').append(o);
    }
    const preset = document.createElement('option');
    preset.value = '(classroom)';
    preset.textContent = 'a small region for a class (470 employers)';
    $('#scenario').prepend(preset);
    $('#scenario').value = '(classroom)';
    $('#scenario').addEventListener('change', sectors);
    $('#yaml').addEventListener('change', sectors);
    await sectors();
    $('#open').addEventListener('click', openRoom);
    for (const a of ['start', 'pause', 'resume', 'advance', 'replay']) { $('#' + a).addEventListener('click', () => control(a)); }
    window.addEventListener('resize', () => { if (view) { drawChart(view); } });
    const p = new URLSearchParams(location.search);
    if (p.has('code') && sessionStorage.getItem('skillsim-room-' + p.get('code'))) {
      code = p.get('code');
      token = sessionStorage.getItem('skillsim-room-' + code);
      follow();
    }
    document.body.dataset.ready = 'true';
  }
  window.skillsimRoom = { view: () => view };
  init();
})();
