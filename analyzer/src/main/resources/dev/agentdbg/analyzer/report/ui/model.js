'use strict';
// Where the UI's data comes from, and the run model built from it.
//
// A data source has one method, subscribe(onEvent), and calls onEvent with:
//   {type: 'snapshot', doc}   the whole document (the HTML report's embedded JSON, see docs/analyzer.md);
//   {type: 'spans', spans}    more spans, or new states of known spans (a live feed; same shape as doc.spans);
//   {type: 'summary', summary, llm}   new tables.
// The HTML report uses the embedded source; the live debugger will pass a source fed by its connection.

AgentDbg.sources = {
  /** The JSON document in a <script type="application/json"> element of the page. */
  embedded(elementId) {
    return {
      subscribe(onEvent) {
        const node = document.getElementById(elementId);
        onEvent({type: 'snapshot', doc: JSON.parse(node.textContent)});
        return () => {};
      },
    };
  },
};

/** The run as the UI sees it: spans by key, their trees, and the traces and threads they form. */
AgentDbg.RunModel = class RunModel {
  constructor() {
    this.doc = null;
    this.spans = new Map(); // key "trace/id" -> span
    this.version = 0;
    this.tree = null;
  }

  static key(trace, id) {
    return trace + '/' + id;
  }

  /** Applies one event of a data source. */
  apply(event) {
    if (event.type === 'snapshot') {
      this.doc = event.doc;
      this.spans.clear();
      this.addSpans(event.doc.spans || []);
    } else if (event.type === 'spans') {
      this.addSpans(event.spans);
    } else if (event.type === 'summary') {
      this.doc.summary = event.summary;
      this.doc.llm = event.llm;
    }
    this.version++;
    this.tree = null;
  }

  addSpans(list) {
    for (const s of list) {
      s.key = RunModel.key(s.trace, s.id);
      s.end = s.start + s.dur;
      this.spans.set(s.key, s);
    }
  }

  get view() {
    return this.doc.view;
  }

  /** The end of the run, in ns from its start: where unfinished calls stop. */
  get runEnd() {
    let end = this.doc.view.endOffsetNanos || 0;
    for (const s of this.spans.values()) end = Math.max(end, s.end);
    return end;
  }

  method(id) {
    return (this.doc.methods && this.doc.methods[id]) || {class: '?', method: 'method#' + id, kind: 'unknown'};
  }

  /**
   * Traces in start order; each has its thread lanes in start order, and each lane the spans that ran on that
   * thread, depth first. A span whose parent ran on another thread starts a subtree of its own lane: a hand-over.
   */
  build() {
    if (this.tree) return this.tree;
    const children = new Map();
    const traces = new Map();
    for (const s of this.spans.values()) {
      s.parentSpan = s.parent ? this.spans.get(RunModel.key(s.trace, s.parent)) || null : null;
      s.orphan = !!s.parent && !s.parentSpan;
      s.handover = !!s.parentSpan && s.parentSpan.thread !== s.thread;
      s.children = [];
      let t = traces.get(s.trace);
      if (!t) {
        t = {id: s.trace, start: Infinity, end: -Infinity, spans: 0, errors: 0, running: 0, lanes: new Map(),
          shownAs: (this.doc.traces && this.doc.traces[s.trace]) || [], root: null};
        traces.set(s.trace, t);
      }
      t.start = Math.min(t.start, s.start);
      t.end = Math.max(t.end, s.end);
      t.spans++;
      if (s.status === 'error') t.errors++;
      if (s.status === 'running') t.running++;
    }
    const byStart = (a, b) => a.start - b.start || b.dur - a.dur || (a.id < b.id ? -1 : 1);
    for (const s of this.spans.values()) {
      if (s.parentSpan) s.parentSpan.children.push(s);
    }
    for (const s of this.spans.values()) s.children.sort(byStart);
    const sorted = [...this.spans.values()].sort(byStart);
    for (const s of sorted) {
      const t = traces.get(s.trace);
      if (!s.parentSpan && !t.root) t.root = s;
      const laneRoot = !s.parentSpan || s.handover;
      if (!laneRoot) continue;
      let lane = t.lanes.get(s.thread);
      if (!lane) {
        lane = {thread: s.thread, trace: t.id, start: s.start, end: s.end, roots: []};
        t.lanes.set(s.thread, lane);
      }
      lane.roots.push(s);
    }
    for (const t of traces.values()) {
      for (const lane of t.lanes.values()) {
        const stack = [...lane.roots];
        while (stack.length) {
          const s = stack.pop();
          lane.end = Math.max(lane.end, s.end);
          for (const c of s.children) if (c.thread === s.thread) stack.push(c);
        }
      }
      t.laneList = [...t.lanes.values()].sort((a, b) => a.start - b.start);
      t.name = t.root ? t.root.name : (t.laneList[0] && t.laneList[0].roots[0].name) || t.id;
    }
    this.tree = [...traces.values()].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
    return this.tree;
  }

  /**
   * The rows to draw: trace and lane headers and spans, skipping what is collapsed. `visible(span)` says whether a
   * span passes the filters; a span that does not is still drawn (dimmed) when a descendant does, for context.
   */
  rows(collapsed, visible) {
    const tree = this.build();
    const keep = new Map(); // span -> 'match' | 'context'
    if (visible) {
      for (const s of this.spans.values()) {
        if (!visible(s)) continue;
        keep.set(s, 'match');
        for (let p = s.parentSpan; p && !keep.has(p); p = p.parentSpan) keep.set(p, 'context');
      }
    }
    const shows = (s) => !visible || keep.has(s);
    const hiddenByAncestor = (s) => {
      // Bounded: corrupt ids could make the parents a cycle.
      let n = 0;
      for (let p = s.parentSpan; p && n < 10000; p = p.parentSpan, n++) if (collapsed.has('s:' + p.key)) return true;
      return false;
    };
    const rows = [];
    for (const t of tree) {
      const laneRows = [];
      for (const lane of t.laneList) {
        const spanRows = [];
        // Depth first without recursion: a deeply recursive agent must not overflow the stack.
        const stack = lane.roots.filter((r) => !hiddenByAncestor(r)).reverse().map((r) => [r, 0]);
        while (stack.length) {
          const [s, depth] = stack.pop();
          if (!shows(s)) continue;
          spanRows.push({type: 'span', span: s, depth, dim: !!visible && keep.get(s) === 'context'});
          if (collapsed.has('s:' + s.key)) continue;
          for (let i = s.children.length - 1; i >= 0; i--) {
            const c = s.children[i];
            if (c.thread === s.thread) stack.push([c, depth + 1]);
          }
        }
        if (!spanRows.length) continue;
        laneRows.push({type: 'lane', lane, trace: t});
        if (!collapsed.has('l:' + t.id + '|' + lane.thread)) laneRows.push(...spanRows);
      }
      if (!laneRows.length) continue;
      rows.push({type: 'trace', trace: t});
      if (!collapsed.has('t:' + t.id)) rows.push(...laneRows);
    }
    return rows;
  }
};
