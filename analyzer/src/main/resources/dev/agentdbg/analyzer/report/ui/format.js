'use strict';
// Shared helpers of the agentdbg UI: number and time formatting, and a tiny DOM builder.
// Times in the data are nanoseconds (offsets from the run's start); everything shown is in ms or s.
const AgentDbg = (window.AgentDbg = window.AgentDbg || {});

AgentDbg.fmt = {
  /** A duration: 0.123 ms, 12.3 ms, 1.23 s, 2 min 3 s. */
  dur(ns) {
    if (ns == null || isNaN(ns)) return '';
    const ms = ns / 1e6;
    if (ms < 1) return ms.toFixed(3) + ' ms';
    if (ms < 100) return ms.toFixed(1) + ' ms';
    if (ms < 1000) return ms.toFixed(0) + ' ms';
    const s = ms / 1000;
    if (s < 60) return s.toFixed(s < 10 ? 2 : 1) + ' s';
    return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s';
  },
  /** An offset from the run's start: +12.345 ms. */
  at(ns) {
    return '+' + AgentDbg.fmt.dur(ns);
  },
  int(n) {
    return n == null ? '' : Number(n).toLocaleString('en-US');
  },
  usd(x) {
    if (x == null) return '';
    return '$' + Number(x).toFixed(x < 0.01 ? 6 : 4);
  },
  shortId(id) {
    return id ? id.slice(0, 8) : '';
  },
};

/** el('div.a.b', {title: 'x', onclick: f}, child, 'text', ...): a DOM element; null children are skipped. */
AgentDbg.el = function el(spec, props, ...children) {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag || 'div');
  if (classes.length) node.className = classes.join(' ');
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k === 'style') Object.assign(node.style, v);
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
};

/** The colours of the span kinds, shared by bars, chips and tables (also in report.css). */
AgentDbg.KINDS = ['agent', 'llm', 'tool', 'retrieval', 'chain', 'custom'];
AgentDbg.kindClass = function (kind) {
  return 'k-' + (AgentDbg.KINDS.includes(kind) ? kind : 'other');
};
