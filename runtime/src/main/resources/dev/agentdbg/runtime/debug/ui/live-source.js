'use strict';
// The live data source of the report UI (see report/model.js): the trace's record lines, as /api/events sends them
// (docs/trace-format.md), become the spans the report draws. A `start` record draws a call as running, growing with
// the clock until its `span` record ends it; `method` records name the calls; `run` anchors the times.

AgentDbg.LiveRun = class LiveRun {
  constructor(maxSpans) {
    const self = this;
    this.maxSpans = maxSpans || 20000;
    this.t0 = null;
    this.all = new Map(); // key -> span, as last sent to the UI
    this.running = new Map(); // key -> span still running
    this.pending = new Map(); // key -> span not yet sent
    this.pausedKeys = new Set();
    this.latestNanos = 0; // the newest time a record or heartbeat told of (epoch ns)
    this.skewMs = 0; // the program's clock minus this browser's, from heartbeats
    this.counts = {errors: 0, notDrawn: 0};
    this.listener = null;
    this.timer = null;
    this.doc = {
      format: 'agentdbg-live', live: true,
      summary: {run: {}, wall: {durationNanos: 0}, spans: {total: 0, errors: 0, unfinished: 0}, warnings: []},
      llm: {total: {calls: 0, inputTokens: 0, outputTokens: 0, callsWithCost: 0, costUsd: 0}},
      view: {t0Nanos: 0, endOffsetNanos: 0, large: false, maxSpans: this.maxSpans, runSpans: 0, notDrawn: 0},
      methods: {}, traces: {}, otherTraces: {total: 0, listed: []},
      get spans() {
        return [...self.all.values()];
      },
    };
  }

  /** The data source for AgentDbg.mount. */
  source() {
    const self = this;
    return {
      subscribe(onEvent) {
        self.listener = onEvent;
        onEvent({type: 'snapshot', doc: self.doc});
        return () => {
          self.listener = null;
        };
      },
    };
  }

  /** The program has ended: the clock stops at its last record. */
  end() {
    this.ended = true;
    this.schedule();
  }

  /** Now, on the program's clock, in ns from the run's start. */
  nowOffset() {
    const now = this.ended ? this.latestNanos : Math.max(this.latestNanos, (Date.now() + this.skewMs) * 1e6);
    return this.t0 == null ? 0 : now - this.t0;
  }

  heartbeat(timeMs) {
    if (typeof timeMs === 'number') this.skewMs = timeMs - Date.now();
  }

  /** One trace record line. */
  record(line) {
    let r;
    try {
      r = JSON.parse(line);
    } catch (e) {
      return;
    }
    if (r.type === 'run') {
      const run = this.doc.summary.run;
      for (const k of ['runId', 'command', 'pid', 'host', 'jvm', 'mode', 'start']) if (r[k] != null) run[k] = r[k];
      if (Array.isArray(r.warnings)) this.doc.summary.warnings = r.warnings.slice();
    } else if (r.type === 'method') {
      this.doc.methods[r.id] = {class: r.class, method: r.method, kind: r.kind, component: r.component,
        rule: r.rule, source: r.file ? r.file + (r.line ? ':' + r.line : '') : null};
    } else if (r.type === 'start') {
      const key = AgentDbg.RunModel.key(r.trace, r.span);
      if (!this.all.has(key) || this.all.get(key).status === 'running') this.put(this.span(r, 'running'));
    } else if (r.type === 'span') {
      this.put(this.span(r, r.status === 'error' ? 'error' : 'ok'));
    } else {
      return; // stats, class, debug, exchange...: not drawn
    }
    this.schedule();
  }

  /** A record as the report's span (the shape HtmlReport writes). */
  span(r, status) {
    // The timeline's zero is the run's first call (not the agent's start, which the JVM's start-up precedes). Spans
    // end children first, so an earlier start may arrive later: then everything drawn moves right.
    if (this.t0 == null) {
      this.t0 = r.start;
      this.doc.view.t0Nanos = r.start;
    }
    if (r.start < this.t0) this.rebase(r.start);
    this.latestNanos = Math.max(this.latestNanos, r.start + (r.dur || 0));
    const m = this.doc.methods[r.method] || {class: '?', method: 'method#' + r.method, kind: 'unknown'};
    const attrs = r.attrs && Object.keys(r.attrs).length ? r.attrs : null;
    const s = {trace: r.trace, id: r.span, parent: r.parent || null, method: r.method, name: LiveRun.label(m, attrs),
      kind: m.kind, thread: r.thread, start: r.start - this.t0, dur: r.dur || 0, status};
    if (r.async) s.async = true;
    if (attrs) s.attrs = attrs;
    if (r.args && r.args.length) s.args = r.args;
    if ('result' in r && r.result != null) s.result = r.result;
    if (r.error) s.error = r.error;
    return s;
  }

  rebase(t0) {
    const shift = this.t0 - t0;
    this.t0 = t0;
    this.doc.view.t0Nanos = t0;
    for (const [key, s] of this.all) {
      const moved = Object.assign({}, s, {start: s.start + shift});
      this.all.set(key, moved);
      if (this.running.has(key)) this.running.set(key, moved);
      this.pending.set(key, moved);
    }
  }

  /** `Planner  (PlannerAgent.run)`: the agent or tool name first, as the analyzer's CallNames does. */
  static label(m, attrs) {
    const simple = (m.class || '?').slice((m.class || '').lastIndexOf('.') + 1);
    const method = simple + '.' + m.method;
    const name = attrs && (attrs['gen_ai.agent.name'] || attrs['gen_ai.tool.name']);
    return name ? name + '  (' + method + ')' : method;
  }

  put(s) {
    const key = AgentDbg.RunModel.key(s.trace, s.id);
    const known = this.all.get(key);
    if (!known && this.all.size >= this.maxSpans) {
      // Memory follows what the page can draw: later calls are counted, not kept.
      this.counts.notDrawn++;
      return;
    }
    if (known && known.status === 'error') this.counts.errors--;
    if (s.status === 'error') this.counts.errors++;
    if (s.status === 'running') {
      s.dur = Math.max(0, this.nowOffset() - s.start);
      this.running.set(key, s);
    } else {
      this.running.delete(key);
      if (s.kind === 'llm' && (!known || known.status === 'running')) this.countLlm(s);
    }
    s.paused = this.pausedKeys.has(key);
    this.all.set(key, s);
    this.pending.set(key, s);
  }

  countLlm(s) {
    const a = s.attrs || {};
    const t = this.doc.llm.total;
    t.calls++;
    t.inputTokens += Number(a['gen_ai.usage.input_tokens']) || 0;
    t.outputTokens += Number(a['gen_ai.usage.output_tokens']) || 0;
    if (a['agentdbg.cost.usd'] != null) {
      t.callsWithCost++;
      t.costUsd += Number(a['agentdbg.cost.usd']) || 0;
    }
  }

  /** The spans of paused calls are drawn as paused; `keys` are "trace/span". */
  setPaused(keys) {
    const before = this.pausedKeys;
    this.pausedKeys = new Set(keys);
    for (const key of new Set([...before, ...this.pausedKeys])) {
      const s = this.all.get(key);
      if (s && s.paused !== this.pausedKeys.has(key)) {
        const copy = Object.assign({}, s, {paused: this.pausedKeys.has(key)});
        this.all.set(key, copy);
        if (this.running.has(key)) this.running.set(key, copy);
        this.pending.set(key, copy);
      }
    }
    this.schedule();
  }

  /** Running calls grow with the clock: redrawn every second while there are any. */
  tick() {
    if (this.running.size && this.t0 != null) this.schedule();
  }

  /** Every update draws the running calls up to now, so they never end before a call that started after them. */
  grow() {
    if (!this.running.size || this.t0 == null) return;
    const now = this.nowOffset();
    for (const [key, s] of this.running) {
      const copy = Object.assign({}, s, {dur: Math.max(0, now - s.start)});
      this.running.set(key, copy);
      this.all.set(key, copy);
      this.pending.set(key, copy);
    }
  }

  /** Many records arrive at once (the backlog, a busy program): the UI is updated a few times a second at most. */
  schedule() {
    if (this.timer == null) this.timer = setTimeout(() => this.flush(), 150);
  }

  flush() {
    this.timer = null;
    if (!this.listener) return;
    this.grow();
    const spans = [...this.pending.values()];
    this.pending.clear();
    const sum = this.doc.summary;
    sum.spans.total = this.all.size + this.counts.notDrawn;
    sum.spans.errors = this.counts.errors;
    sum.wall.durationNanos = this.t0 == null ? 0 : this.nowOffset();
    this.doc.view.endOffsetNanos = sum.wall.durationNanos;
    this.doc.view.runSpans = sum.spans.total;
    this.doc.view.notDrawn = this.counts.notDrawn;
    // The summary is this document's own object, changed in place: one `spans` event redraws everything.
    this.listener({type: 'spans', spans});
  }
};
