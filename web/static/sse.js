// skillsim classroom: read a server-sent event stream from a GET with a
// bearer token (EventSource cannot send one), reconnecting when it ends.
'use strict';
window.roomStream = function roomStream(url, token, onEvent, onError) {
  let stopped = false;
  const controller = new AbortController();
  async function once() {
    const resp = await fetch(url, { headers: { Authorization: 'Bearer ' + token }, signal: controller.signal });
    if (!resp.ok) {
      let data;
      try { data = await resp.json(); } catch (e) { data = { error: resp.status + ' ' + resp.statusText }; }
      const err = new Error(data.error);
      err.status = resp.status;
      throw err;
    }
    const reader = resp.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) { return; }
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        let event = 'message', data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) { event = line.slice(7); } else if (line.startsWith('data: ')) { data += line.slice(6); }
        }
        if (data) { onEvent(event, JSON.parse(data)); }
      }
    }
  }
  (async () => {
    let wait = 500;
    while (!stopped) {
      try {
        await once();
        wait = 500;
      } catch (e) {
        if (stopped) { return; }
        if (e.status === 403 || e.status === 404) { onError(e.message, true); return; }
        onError(e.message, false);
        wait = Math.min(wait * 2, 8000);
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return () => { stopped = true; controller.abort(); };
};
