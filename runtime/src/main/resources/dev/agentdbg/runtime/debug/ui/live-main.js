'use strict';
// The live debugger page: the report's UI (its markup from /ui/report/report.html, its scripts as they are) fed by
// the program's events, and the debugger panel around it. /api/state is read on every (re)connection, after every
// command and every few seconds, so the panel is right even when an event was missed.

(async function main() {
  // The report's markup, from its own file: only its #app element (up to the data and the scripts the report
  // inlines), parsed inert in a template, so nothing of the report's head is applied under this page's policy.
  const html = await (await fetch('/ui/report/report.html', {credentials: 'same-origin'})).text();
  const from = html.indexOf('<div id="app">');
  const template = document.createElement('template');
  template.innerHTML = html.slice(from, html.indexOf('<script', from));
  const app = template.content.getElementById('app');
  document.getElementById('report-host').append(app);

  const run = new AgentDbg.LiveRun();
  let ui = null;
  let shownEnd = 0;
  // While the whole run is in view, the view grows with it; once the user zooms, it stays where they put it.
  const follow = {
    subscribe(onEvent) {
      return run.source().subscribe((event) => {
        const tl = ui && ui.timeline;
        const following = !tl || (tl.view.start <= 0 && tl.view.end >= shownEnd - 1);
        onEvent(event);
        if (tl && following) tl.fit();
        if (ui) shownEnd = Math.max(1000, ui.model.runEnd);
      });
    },
  };
  ui = AgentDbg.mount(app, follow);
  window.agentdbgApp = ui;

  const methodOf = (p) => {
    const m = p.method;
    if (m && typeof m === 'object') return {class: m.class, name: m.name || m.method, kind: m.kind, component: m.component};
    const known = run.doc.methods[m];
    return known ? {class: known.class, name: known.method, kind: known.kind, component: known.component}
      : {class: '?', name: 'method #' + m, kind: 'unknown'};
  };
  const pauses = new AgentDbg.Pauses(document.getElementById('paused'), {
    methodOf,
    select(p) {
      const s = ui.model.spans.get(AgentDbg.RunModel.key(p.trace, p.span));
      if (s) ui.select(s);
      else AgentDbg.say('This call is not drawn yet (its trace records have not arrived).');
    },
    changed(list) {
      run.setPaused(list.filter((p) => p.trace && p.span).map((p) => AgentDbg.RunModel.key(p.trace, p.span)));
    },
  });
  const breakpoints = new AgentDbg.BreakpointsPanel(document.getElementById('breakpoints'),
    document.getElementById('bp-add'), document.getElementById('pause-next'), () => refresh());

  let lastEvent = 0;
  let ended = false;
  async function refresh() {
    if (ended) return;
    const asked = Date.now();
    try {
      const state = await AgentDbg.api.state();
      // A pause event newer than this answer wins over it: only add from it then.
      pauses.set(state.paused || [], lastEvent >= asked);
      breakpoints.set(state.breakpoints || [], state.pauseNextRun);
      if (state.program === 'ended') programEnded();
    } catch (err) {
      // The feed's status line says the connection is gone; a failed read is not worth a second message.
      console.warn(err.message);
    }
  }

  function programEnded() {
    ended = true;
    run.end();
    pauses.close();
    document.getElementById('continue-all').disabled = true;
    document.querySelectorAll('#bp-add button, #pause-next').forEach((b) => (b.disabled = true));
  }

  document.getElementById('continue-all').addEventListener('click', async () => {
    try {
      const r = await AgentDbg.api.continueAll();
      AgentDbg.say(r.released === 1 ? '1 thread released' : (r.released || 0) + ' threads released');
    } catch (err) {
      AgentDbg.say(err.message, true);
    }
    refresh();
  });

  const feed = new AgentDbg.Feed('/api/events');
  feed.on('record', (line) => run.record(line));
  feed.on('heartbeat', (d) => run.heartbeat(d.time));
  feed.on('paused', (p) => {
    lastEvent = Date.now();
    pauses.add(p);
  });
  feed.on('released', (r) => {
    lastEvent = Date.now();
    pauses.remove(r.id);
  });
  feed.on('breakpoints', (d) => breakpoints.set(d.breakpoints || [], d.pauseNextRun));
  const warn = (text) => {
    run.doc.summary.warnings.push(text);
    run.schedule();
  };
  feed.on('warning', (d) => warn(d.text));
  feed.on('dropped', (d) => warn('this page missed ' + d.missed + ' events while it was away: some calls are not drawn'));
  feed.on('edit', (d) => AgentDbg.say('edited ' + (d.target || 'a value') + (d.span ? ' of span ' + d.span : '')));
  feed.on('open', () => refresh());
  feed.on('ended', () => programEnded());
  feed.start();

  refresh();
  setInterval(refresh, 2000);
  setInterval(() => {
    pauses.tick();
    run.tick();
  }, 1000);
  document.body.dataset.ready = 'true';
})().catch((err) => {
  console.error(err);
  AgentDbg.say('The page could not start: ' + err.message, true);
});
