// skillsim classroom, the student's page: join a room with its code and
// play one employer, deciding each simulated year. It sees its own firm
// only.
'use strict';
(() => {
  const $ = (s) => document.querySelector(s);
  const pct = (v) => Math.round(v * 100) + '%';
  let code = '', token = '', view = null, clockAt = 0, clockLeft = 0, round = -1;

  function showMessage(text, kind) {
    const m = $('#message');
    m.textContent = text;
    m.className = kind === 'info' ? 'info' : '';
    m.hidden = !text;
  }

  async function post(path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    const resp = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    let data;
    try { data = await resp.json(); } catch (e) { data = { error: resp.status + ' ' + resp.statusText }; }
    return { ok: resp.ok, status: resp.status, data };
  }

  async function join(e) {
    e.preventDefault();
    code = $('#code').value.trim().toUpperCase();
    const { ok, data } = await post(`/api/rooms/${encodeURIComponent(code)}/join`, { name: $('#name').value });
    if (!ok) { showMessage(data.error); return; }
    token = data.token;
    sessionStorage.setItem('skillsim-join-' + code, token);
    follow();
  }

  function follow() {
    showMessage('');
    $('#join-form').hidden = true;
    $('#play').hidden = false;
    window.roomStream(`/api/rooms/${code}/stream`, token, (event, d) => { if (event === 'room') { show(d); } },
      (msg, fatal) => showMessage((fatal ? '' : 'Reconnecting: ') + msg));
  }

  function show(d) {
    view = d;
    document.body.dataset.state = d.state;
    document.body.dataset.round = d.round;
    document.body.dataset.answered = d.answered;
    $('#round').textContent = d.round;
    $('#rounds').textContent = d.rounds;
    $('#date').textContent = d.date;
    clockLeft = d.remaining;
    clockAt = performance.now();
    $('#state').textContent = {
      lobby: 'Waiting for your teacher to start the game.',
      deciding: d.answered ? 'Your decision is in. Waiting for the others…' : 'Decide for your firm this year.',
      paused: 'Your teacher has paused the game.',
      done: 'The game is over: look at the projector for the debrief.',
    }[d.state];
    const f = d.firm;
    $('#firm-title').textContent = `${d.name}: your firm, ${f.size.replace('_', '/')} in ${d.sector.replace(/_/g, ' ')}`;
    const rows = [
      ['strategy', f.high_spec ? 'high specification' : 'low specification'],
      ['trains its staff', f.trains ? 'yes' : 'no'],
      ['tie with a college', f.tie === 'none' ? 'none' : `${f.tie} with ${d.college.replace(/_/g, ' ')}`],
      ['your trust in the college', f.trust.toFixed(2) + ' (0–1)'],
      ['jobs', f.jobs], ['vacancies', f.vacancies], ['apprentices', f.apprentices],
      ['mean wage', '£' + Math.round(f.mean_wage).toLocaleString('en-GB') + ' a month'],
      ['surplus (output less pay)', '£' + Math.round(f.surplus).toLocaleString('en-GB') + ' a month'],
      ['network member', f.member ? 'yes' : 'no'],
    ];
    const dl = $('#firm');
    dl.replaceChildren();
    for (const [k, v] of rows) {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = String(v);
      dl.append(dt, dd);
    }
    let peers = `In your sector: ${pct(d.peers.coproduce)} of ties co-produce, ${pct(d.peers.upgrade)} of firms run a high-skill strategy, ${pct(d.peers.train)} train. The region is ${d.regime}.`;
    if (d.class) { peers += ` Last year the class: ${pct(d.class.coproduce)} co-produced, ${pct(d.class.upgrade)} upgraded, ${pct(d.class.train)} trained.`; }
    $('#peers').textContent = peers;
    // A new round: show the current choice (last year's) as the default.
    if (d.round !== round) {
      round = d.round;
      for (const k of ['coproduce', 'upgrade', 'train']) {
        const v = d.choice[k] ? '1' : '0';
        document.querySelector(`input[name=${k}][value="${v}"]`).checked = true;
      }
    }
    $('#send').disabled = !(d.state === 'deciding' || d.state === 'paused');
    tick();
  }

  function tick() {
    if (!view) { return; }
    const left = view.state === 'deciding' ? Math.max(0, Math.ceil(clockLeft - (performance.now() - clockAt) / 1000)) : clockLeft;
    $('#timer').textContent = view.state === 'deciding' || view.state === 'paused' ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left` : '';
  }
  setInterval(tick, 250);

  async function decide(e) {
    e.preventDefault();
    const get = (k) => document.querySelector(`input[name=${k}]:checked`).value === '1';
    const { ok, data } = await post(`/api/rooms/${code}/choice`, { coproduce: get('coproduce'), upgrade: get('upgrade'), train: get('train') });
    if (!ok) { showMessage(data.error); return; }
    showMessage('');
  }

  const p = new URLSearchParams(location.search);
  if (p.has('code')) { $('#code').value = p.get('code'); }
  $('#join-form').addEventListener('submit', join);
  $('#decide').addEventListener('submit', decide);
  if (p.has('code') && sessionStorage.getItem('skillsim-join-' + p.get('code').toUpperCase())) {
    code = p.get('code').toUpperCase();
    token = sessionStorage.getItem('skillsim-join-' + code);
    follow();
  }
  document.body.dataset.ready = 'true';
})();
