'use strict';
// The timeline: one row per trace, thread lane and span; bars on a shared time axis that zooms and pans.
// Only the rows in view are in the DOM, so a page with tens of thousands of spans stays responsive.

AgentDbg.Timeline = class Timeline {
  constructor(section, model, handlers) {
    this.section = section;
    this.model = model;
    this.handlers = handlers; // {onSelect(span), onToggle(key)}
    this.scroller = section.querySelector('#scroller');
    this.rowsEl = section.querySelector('#rows');
    this.ticks = section.querySelector('#ticks');
    this.rangeLabel = section.querySelector('#range');
    this.rows = [];
    this.collapsed = new Set();
    this.selected = null;
    this.view = {start: 0, end: 1};
    this.ROW = 22;
    this.LABEL = 380;
    this.scroller.addEventListener('scroll', () => this.render());
    window.addEventListener('resize', () => this.render());
    this.listen();
  }

  get width() {
    return Math.max(100, this.scroller.clientWidth - this.LABEL - 12);
  }

  x(ns) {
    return ((ns - this.view.start) / (this.view.end - this.view.start)) * this.width;
  }

  nsAt(px) {
    return this.view.start + (px / this.width) * (this.view.end - this.view.start);
  }

  setRows(rows) {
    this.rows = rows;
    this.rowsEl.style.height = rows.length * this.ROW + 'px';
    this.render();
  }

  fit() {
    this.setView(0, Math.max(1000, this.model.runEnd));
  }

  /** Shows [start, end] (ns from the run's start), kept within the run and at least 1 µs wide. */
  setView(start, end) {
    const runEnd = Math.max(1000, this.model.runEnd);
    let span = Math.min(Math.max(1000, end - start), runEnd);
    start = Math.min(Math.max(0, start), runEnd - span);
    this.view = {start, end: start + span};
    this.render();
  }

  zoom(factor, centerNs) {
    const c = centerNs == null ? (this.view.start + this.view.end) / 2 : centerNs;
    const span = (this.view.end - this.view.start) * factor;
    const left = (c - this.view.start) / (this.view.end - this.view.start);
    this.setView(c - span * left, c - span * left + span);
  }

  pan(fraction) {
    const span = this.view.end - this.view.start;
    this.setView(this.view.start + span * fraction, this.view.end + span * fraction);
  }

  listen() {
    this.listenAxis();
    let drag = null;
    this.scroller.addEventListener('mousedown', (e) => {
      const track = e.target.closest('.track');
      if (!track || e.button !== 0) return;
      drag = {x: e.clientX, start: this.view.start, end: this.view.end, moved: false};
    });
    window.addEventListener('mousemove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) > 3) drag.moved = true;
      if (!drag.moved) return;
      const shift = (dx / this.width) * (drag.end - drag.start);
      this.setView(drag.start - shift, drag.end - shift);
    });
    window.addEventListener('mouseup', () => {
      if (drag && drag.moved) this.suppressClick = true;
      drag = null;
    });
    this.scroller.addEventListener('wheel', (e) => {
      const track = e.target.closest('.track');
      if (!track) return;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        const px = e.clientX - track.getBoundingClientRect().left;
        this.zoom(e.deltaY > 0 ? 1.25 : 0.8, this.nsAt(px));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        this.pan((e.deltaX || e.deltaY) / this.width);
      }
    }, {passive: false});
    this.section.addEventListener('keydown', (e) => {
      if (e.target.matches('input, select')) return;
      const keys = {w: () => this.zoom(0.8), s: () => this.zoom(1.25), a: () => this.pan(-0.2),
        d: () => this.pan(0.2), 0: () => this.fit()};
      if (keys[e.key]) {
        keys[e.key]();
        e.preventDefault();
      }
    });
    this.rowsEl.addEventListener('click', (e) => {
      if (this.suppressClick) {
        this.suppressClick = false;
        return;
      }
      const twisty = e.target.closest('.twisty');
      if (twisty) {
        this.handlers.onToggle(twisty.dataset.toggle);
        return;
      }
      const row = e.target.closest('.r-span');
      if (row) this.handlers.onSelect(this.model.spans.get(row.dataset.key));
    });
    this.rowsEl.addEventListener('dblclick', (e) => {
      const row = e.target.closest('.r-span');
      if (!row) return;
      const s = this.model.spans.get(row.dataset.key);
      const pad = Math.max(s.dur * 0.05, 500);
      this.setView(s.start - pad, s.end + pad);
    });
  }

  /** Dragging across the time axis zooms to the range dragged over; its handle at the names' edge resizes them. */
  listenAxis() {
    const axis = this.section.querySelector('#axis');
    const handle = AgentDbg.el('div.splitter', {title: 'drag to widen or narrow the names'});
    axis.append(handle);
    let resize = null;
    handle.addEventListener('mousedown', (e) => {
      resize = {x: e.clientX, label: this.LABEL};
      e.preventDefault();
      e.stopPropagation();
    });
    window.addEventListener('mousemove', (e) => {
      if (!resize) return;
      this.LABEL = Math.min(900, Math.max(180, resize.label + e.clientX - resize.x));
      this.section.style.setProperty('--label', this.LABEL + 'px');
      this.render();
    });
    window.addEventListener('mouseup', () => {
      resize = null;
    });
    let brush = null;
    const px = (e) => Math.min(this.width, Math.max(0, e.clientX - axis.getBoundingClientRect().left - this.LABEL));
    axis.addEventListener('mousedown', (e) => {
      if (e.button !== 0 || e.clientX - axis.getBoundingClientRect().left < this.LABEL) return;
      brush = {x: px(e), node: AgentDbg.el('div.brush')};
      axis.append(brush.node);
      e.preventDefault();
    });
    window.addEventListener('mousemove', (e) => {
      if (!brush) return;
      const a = Math.min(brush.x, px(e));
      const b = Math.max(brush.x, px(e));
      Object.assign(brush.node.style, {left: this.LABEL + a + 'px', width: b - a + 'px'});
    });
    window.addEventListener('mouseup', (e) => {
      if (!brush) return;
      const a = Math.min(brush.x, px(e));
      const b = Math.max(brush.x, px(e));
      brush.node.remove();
      brush = null;
      if (b - a > 3) this.setView(this.nsAt(a), this.nsAt(b));
    });
  }

  render() {
    this.renderAxis();
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / this.ROW) - 10);
    const last = Math.min(this.rows.length, first + Math.ceil(this.scroller.clientHeight / this.ROW) + 20);
    const frag = document.createDocumentFragment();
    for (let i = first; i < last; i++) {
      const node = this.row(this.rows[i]);
      node.style.top = i * this.ROW + 'px';
      frag.append(node);
    }
    this.rowsEl.replaceChildren(frag);
  }

  renderAxis() {
    const {start, end} = this.view;
    this.section.dataset.viewStart = String(Math.round(start));
    this.section.dataset.viewEnd = String(Math.round(end));
    const fmt = AgentDbg.fmt;
    this.rangeLabel.textContent = fmt.at(start) + ' – ' + fmt.at(end) + '  (' + fmt.dur(end - start) + ' shown)';
    const raw = (end - start) / 8;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
    const ticks = [];
    for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
      ticks.push(AgentDbg.el('div.tick', {style: {left: this.LABEL + this.x(t) + 'px'}}, fmt.at(t)));
    }
    this.ticks.replaceChildren(...ticks);
  }

  /** A bar from `s` to `e` (ns), clipped to the track so a deep zoom never makes a huge element. */
  bar(cls, s, e, title) {
    const w = this.width;
    const x0 = Math.max(-5, this.x(s));
    const x1 = Math.min(w + 5, this.x(e));
    if (x1 < -4 || x0 > w + 4) return null;
    return AgentDbg.el('div.bar.' + cls, {title, style: {left: x0 + 'px', width: Math.max(1, x1 - x0) + 'px'}});
  }

  twisty(key, open) {
    return AgentDbg.el('button.twisty', {dataset: {toggle: key}, title: open ? 'collapse' : 'expand'},
      open ? '▾' : '▸');
  }

  row(r) {
    const el = AgentDbg.el;
    const fmt = AgentDbg.fmt;
    if (r.type === 'trace') {
      const t = r.trace;
      const key = 't:' + t.id;
      return el('div.row.r-trace', {dataset: {trace: t.id}},
        el('div.label', {title: 'trace ' + t.id}, this.twisty(key, !this.collapsed.has(key)),
          el('span.name', null, 'trace ' + fmt.shortId(t.id) + ' · ' + t.name),
          el('span.meta', null, ' ' + fmt.int(t.spans) + ' spans'),
          t.errors ? el('span.badge.b-error', null, t.errors + ' failed') : null,
          t.running ? el('span.badge.b-running', null, t.running + ' running') : null,
          t.shownAs.map((why) => el('span.badge.b-why', {title: 'drawn as one of the ' + why + ' traces'}, why))),
        el('div.track', null, this.bar('tbar', t.start, t.end, fmt.dur(t.end - t.start))));
    }
    if (r.type === 'lane') {
      const l = r.lane;
      const key = 'l:' + r.trace.id + '|' + l.thread;
      return el('div.row.r-lane', {dataset: {thread: l.thread}},
        el('div.label', null, el('span.indent'), this.twisty(key, !this.collapsed.has(key)),
          el('span.name', null, 'thread ' + (l.thread || '?'))),
        el('div.track', null, this.bar('lbar', l.start, l.end, 'thread ' + l.thread)));
    }
    const s = r.span;
    const key = 's:' + s.key;
    const open = !this.collapsed.has(key);
    // The selected span's parent and children are tinted: across lanes, that is where work was handed over.
    const related = this.selected && (this.selected.parentSpan === s || s.parentSpan === this.selected);
    const cls = ['row', 'r-span', s.status === 'error' ? 'err' : '', s.status === 'running' ? 'running' : '',
      r.dim ? 'dim' : '', this.selected === s ? 'sel' : '', related ? 'rel' : ''].filter(Boolean).join('.');
    const handed = s.children.filter((c) => c.thread !== s.thread);
    const title = s.name + '\n' + s.kind + ' · ' + fmt.dur(s.dur) + (s.status === 'running' ? ' (still running)' : '')
      + ' · at ' + fmt.at(s.start) + ' · thread ' + s.thread;
    const barNode = this.bar(AgentDbg.kindClass(s.kind) + (s.status !== 'ok' ? '.' + s.status : ''), s.start, s.end,
      title);
    return el('div.' + cls, {dataset: {key: s.key, kind: s.kind, status: s.status, span: s.id}},
      el('div.label', {title, style: {paddingLeft: 34 + r.depth * 14 + 'px'}},
        s.children.length ? this.twisty(key, open) : el('span.twisty-space'),
        el('span.chip.' + AgentDbg.kindClass(s.kind), null, s.kind),
        s.handover ? el('span.badge.b-handover', {title: 'handed over from ' + s.parentSpan.name + ' on thread '
          + s.parentSpan.thread}, '↪ ' + s.parentSpan.thread) : null,
        el('span.name', null, s.name),
        s.status === 'error' ? el('span.badge.b-error', {title: s.error ? s.error.type + ': ' + s.error.message : ''},
          '⚠ ' + (s.error ? s.error.type.split('.').pop() : 'error')) : null,
        s.status === 'running' ? el('span.badge.b-running', null, s.paused ? 'paused' // the live debugger's states
          : this.model.doc.live ? 'running' : 'running at end') : null,
        s.replayed ? el('span.badge.b-why', {title: 'answered by the replay from the ' + s.replayed
          + ', not called'}, 'replayed') : null,
        s.orphan ? el('span.badge', {title: 'its parent span is not in the trace'}, 'orphan') : null,
        handed.length ? el('span.badge.b-handover', {title: 'handed ' + handed.length + ' call(s) to thread(s) '
          + [...new Set(handed.map((c) => c.thread))].join(', ')}, '⇉ ' + handed.length) : null,
        el('span.meta', null, ' ' + fmt.dur(s.dur))),
      el('div.track', null, barNode,
        s.handover ? this.handoverMark(s) : null));
  }

  /** A tick where the parent handed the work over: at the child's start, on the child's row. */
  handoverMark(s) {
    const x = this.x(s.start);
    if (x < -4 || x > this.width + 4) return null;
    return AgentDbg.el('div.handover', {style: {left: x - 6 + 'px'}, title: 'handed over from thread '
      + s.parentSpan.thread}, '↪');
  }
};
