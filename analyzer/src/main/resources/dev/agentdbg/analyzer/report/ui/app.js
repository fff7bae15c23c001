'use strict';
// Wires the page: a data source feeds the model; filters, the timeline, the details pane and the tables show it.

AgentDbg.mount = function mount(root, source) {
  const el = AgentDbg.el;
  const fmt = AgentDbg.fmt;
  const $ = (sel) => root.querySelector(sel);
  const model = new AgentDbg.RunModel();
  const filters = {text: '', kinds: new Set(), status: '', minMs: 0};
  let selected = null;

  const timeline = new AgentDbg.Timeline($('#timeline'), model, {
    onSelect: select,
    onToggle(key) {
      if (timeline.collapsed.has(key)) timeline.collapsed.delete(key);
      else timeline.collapsed.add(key);
      refresh();
    },
  });

  function select(span) {
    selected = span || null;
    try {
      history.replaceState(null, '', selected ? '#span=' + selected.key : location.pathname + location.search);
    } catch (e) {
      // Some browsers refuse history changes on file: pages; the link is a convenience only.
    }
    timeline.selected = selected;
    AgentDbg.details($('#details'), model, selected, () => select(null));
    if (selected) {
      showTab('timeline');
      // Open the way to it: its trace, lane and ancestors, then scroll it into view.
      timeline.collapsed.delete('t:' + span.trace);
      for (let p = span; p; p = p.parentSpan) {
        timeline.collapsed.delete('l:' + p.trace + '|' + p.thread);
        if (p !== span) timeline.collapsed.delete('s:' + p.key);
      }
      refresh();
      const i = timeline.rows.findIndex((r) => r.span === span);
      const sc = timeline.scroller;
      if (i >= 0 && (i * timeline.ROW < sc.scrollTop || (i + 1) * timeline.ROW > sc.scrollTop + sc.clientHeight)) {
        sc.scrollTop = Math.max(0, i * timeline.ROW - sc.clientHeight / 3);
      }
    }
    timeline.render();
  }

  function filtering() {
    return filters.text || filters.kinds.size || filters.status || filters.minMs > 0;
  }

  function matches(s) {
    if (filters.kinds.size && !filters.kinds.has(s.kind)) return false;
    if (filters.status && s.status !== filters.status) return false;
    if (filters.minMs > 0 && s.dur < filters.minMs * 1e6) return false;
    if (filters.text) {
      const m = model.method(s.method);
      const hay = (s.name + ' ' + m.class + '.' + m.method + ' ' + (m.component || '') + ' ' + s.thread + ' ' + s.id
        + ' ' + (s.attrs ? Object.values(s.attrs).join(' ') : '') + ' ' + (s.error ? s.error.type + ' '
        + s.error.message : '')).toLowerCase();
      if (!hay.includes(filters.text)) return false;
    }
    return true;
  }

  function refresh() {
    const rows = model.rows(timeline.collapsed, filtering() ? matches : null);
    timeline.setRows(rows);
    const total = model.spans.size;
    const shown = filtering() ? [...model.spans.values()].filter(matches).length : total;
    const count = $('#f-count');
    count.textContent = filtering() ? fmt.int(shown) + ' of ' + fmt.int(total) + ' spans match'
      : fmt.int(total) + ' spans';
    count.dataset.shown = String(shown);
    count.dataset.total = String(total);
  }

  function showTab(name) {
    root.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.dataset.tab === name));
    $('#page-timeline').hidden = name !== 'timeline';
    $('#page-tables').hidden = name !== 'tables';
    if (name === 'timeline') timeline.render();
  }

  function header() {
    const doc = model.doc;
    const s = doc.summary || {};
    const run = s.run || {};
    const llmTotal = (doc.llm && doc.llm.total) || {};
    document.title = 'agentdbg · ' + (run.runId || 'report');
    $('#run-title').textContent = 'run ' + (run.runId || '?') + (run.mode && run.mode !== 'trace' ? ' (' + run.mode
      + ')' : '');
    const stat = (label, value, cls) => el('span.stat' + (cls ? '.' + cls : ''), null, el('b', null, value), ' ' + label);
    $('#run-stats').replaceChildren(...[
      stat('wall', fmt.dur(s.wall && s.wall.durationNanos)),
      stat('spans', fmt.int(s.spans && s.spans.total)),
      s.spans && s.spans.errors ? stat('failed', fmt.int(s.spans.errors), 'bad') : null,
      s.spans && s.spans.unfinished ? stat('running at end', fmt.int(s.spans.unfinished), 'bad') : null,
      llmTotal.calls ? stat('LLM calls', fmt.int(llmTotal.calls)) : null,
      llmTotal.calls ? stat('tokens in / out', fmt.int(llmTotal.inputTokens) + ' / ' + fmt.int(llmTotal.outputTokens))
        : null,
      llmTotal.callsWithCost ? stat('est. cost', fmt.usd(llmTotal.costUsd)) : null].filter(Boolean));
    const warnings = s.warnings || [];
    const w = $('#warnings');
    w.hidden = !warnings.length;
    // The summary's warnings name its text sections; the page shows unfinished calls in the timeline.
    w.replaceChildren(...warnings.map((t) => el('div', null, '⚠ ' + t.replace(/see Unfinished calls$/,
      'drawn striped to the end of the run in the timeline'))));
    const v = doc.view;
    const note = $('#large-note');
    note.hidden = !v.large && !v.notDrawn;
    if (v.large) {
      note.textContent = 'A large run: ' + fmt.int(v.runSpans) + ' spans, more than the ' + fmt.int(v.maxSpans)
        + ' a page draws. Drawn whole: the first, the slowest and the failing traces (' + fmt.int(doc.spans.length)
        + ' spans' + (v.notDrawn ? '; ' + fmt.int(v.notDrawn) + ' more of theirs left out' : '') + '). The other '
        + fmt.int(doc.otherTraces.total) + ' traces are listed under Tables.';
    } else if (v.notDrawn) {
      note.textContent = fmt.int(v.notDrawn) + ' spans left out (over ' + fmt.int(v.maxSpans) + ').';
    }
  }

  function kindFilter() {
    // Known kinds in their usual order (agent first), then any other alphabetically.
    const rank = (k) => (AgentDbg.KINDS.includes(k) ? AgentDbg.KINDS.indexOf(k) : AgentDbg.KINDS.length);
    const kinds = [...new Set([...model.spans.values()].map((s) => s.kind))]
      .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    $('#f-kinds').replaceChildren(...kinds.map((k) => el('label.kind', null,
      // Drawn anew when spans arrive: keep what the user ticked.
      el('input', {type: 'checkbox', value: k, checked: filters.kinds.has(k), onchange(e) {
        if (e.target.checked) filters.kinds.add(k);
        else filters.kinds.delete(k);
        refresh();
      }}), el('span.chip.' + AgentDbg.kindClass(k), null, k))));
  }

  // Typing in a page of many spans must not filter them all on every key: wait for a pause.
  let typing = null;
  $('#f-search').addEventListener('input', (e) => {
    const apply = () => {
      filters.text = e.target.value.trim().toLowerCase();
      refresh();
    };
    clearTimeout(typing);
    if (model.spans.size > 5000) typing = setTimeout(apply, 250);
    else apply();
  });
  $('#f-status').addEventListener('change', (e) => {
    filters.status = e.target.value;
    refresh();
  });
  $('#f-min').addEventListener('input', (e) => {
    filters.minMs = Number(e.target.value) || 0;
    refresh();
  });
  $('#z-in').addEventListener('click', () => timeline.zoom(0.5));
  $('#z-out').addEventListener('click', () => timeline.zoom(2));
  $('#z-fit').addEventListener('click', () => timeline.fit());
  $('#c-expand').addEventListener('click', () => {
    timeline.collapsed.clear();
    refresh();
  });
  $('#c-collapse').addEventListener('click', () => {
    model.build().forEach((t) => timeline.collapsed.add('t:' + t.id));
    refresh();
  });
  root.querySelectorAll('.tab').forEach((t) => t.addEventListener('click', () => {
    showTab(t.dataset.tab);
    history.replaceState(null, '', '#' + t.dataset.tab);
  }));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') select(null);
  });

  /** One event of the data source (see model.js); the live debugger's feed calls it for every update. */
  function onEvent(event) {
    model.apply(event);
    header();
    kindFilter();
    if (event.type === 'snapshot') timeline.fit();
    if (selected) selected = model.spans.get(selected.key) || null;
    refresh();
    AgentDbg.tables($('#page-tables'), model, select);
    // Links into the page: #tables, or #span=<trace>/<span id> to open one span's details.
    if (event.type === 'snapshot' && location.hash === '#tables') showTab('tables');
    if (event.type === 'snapshot' && location.hash.startsWith('#span=')) {
      select(model.spans.get(decodeURIComponent(location.hash.slice(6))));
    }
    root.dataset.ready = 'true';
  }
  source.subscribe(onEvent);
  return {model, timeline, select, onEvent};
};

// The HTML report embeds its data; the live debugger's page (served by the agent) mounts the UI itself, on its feed.
if (document.getElementById('agentdbg-data')) {
  window.agentdbgApp = AgentDbg.mount(document.getElementById('app'), AgentDbg.sources.embedded('agentdbg-data'));
}
