'use strict';
// The details pane of one span: what it was, its attributes, captured arguments and result, its exception.

AgentDbg.details = function details(pane, model, span, onClose) {
  const el = AgentDbg.el;
  const fmt = AgentDbg.fmt;
  if (!span) {
    pane.hidden = true;
    pane.replaceChildren();
    return;
  }
  const m = model.method(span.method);
  const a = span.attrs || {};
  const row = (k, v) => (v == null || v === '' ? null : el('tr', null, el('th', null, k), el('td', null, v)));
  const section = (title, ...body) => el('section', null, el('h3', null, title), ...body);

  const facts = el('table.facts', null,
    row('kind', el('span.chip.' + AgentDbg.kindClass(span.kind), null, span.kind)),
    row('status', span.status !== 'running' ? span.status : span.paused ? 'paused in the debugger'
      : model.doc.live ? 'running' : 'still running when the run ended'),
    row('duration', fmt.dur(span.dur) + (span.status === 'running' ? ' (so far)' : '')),
    row('replayed', span.replayed ? 'answered from the ' + span.replayed + ', not called' : null),
    row('start', fmt.at(span.start) + ' from the run\'s start'),
    row('method', m.class + '.' + m.method),
    row('component', m.component),
    row('source', m.source),
    row('thread', span.thread + (span.handover ? ' (handed over from ' + span.parentSpan.thread + ')' : '')),
    row('trace', span.trace),
    row('span', span.id),
    row('parent', span.parent ? span.parent + (span.parentSpan ? ' · ' + span.parentSpan.name : ' (not in the trace)')
      : 'none (root)'),
    row('children', span.children.length ? String(span.children.length) : null));

  const llm = [];
  const model_ = a['gen_ai.response.model'] || a['gen_ai.request.model'];
  if (span.kind === 'llm' || model_) {
    llm.push(row('model', model_),
      row('input tokens', fmt.int(a['gen_ai.usage.input_tokens'])),
      row('cached input tokens', fmt.int(a['gen_ai.usage.cache_read.input_tokens'])),
      row('output tokens', fmt.int(a['gen_ai.usage.output_tokens'])),
      row('reasoning tokens', fmt.int(a['gen_ai.usage.reasoning.output_tokens'])),
      row('cost', fmt.usd(a['agentdbg.cost.usd'])),
      row('finish', (a['gen_ai.response.finish_reasons'] || []).join(', ')));
  }

  const attrs = Object.keys(a).length
    ? el('table.attrs', null, Object.entries(a).map(([k, v]) =>
      el('tr', null, el('th', null, k), el('td', null, typeof v === 'string' ? v : JSON.stringify(v)))))
    : el('p.none', null, 'none');

  let error = null;
  if (span.error) {
    const e = span.error;
    error = section('Exception',
      el('div.exc', null, e.type + (e.message != null ? ': ' + e.message : '')),
      e.cause ? el('div.cause', null, 'caused by ' + e.cause.type + (e.cause.message ? ': ' + e.cause.message : ''))
        : null,
      el('pre.stack', null, (e.stack || []).map((f) => 'at ' + f).join('\n')
        + (e.framesOmitted ? '\n… ' + e.framesOmitted + ' more frames' : '')));
  }

  const args = span.args && span.args.length
    ? span.args.map((v, i) => el('div.arg', null, el('div.argname', null, 'argument ' + i), AgentDbg.jsonView(v)))
    : [el('p.none', null, 'not captured (capture it with a rule\'s capture=true)')];
  const result = 'result' in span ? AgentDbg.jsonView(span.result)
    : el('p.none', null, span.status === 'running' ? 'none yet: still running' : 'not captured, or void');

  pane.replaceChildren(...[
    el('div.dhead', null,
      el('h2', {title: span.name}, span.name),
      el('button.close', {title: 'close (Esc)', onclick: onClose}, '×')),
    facts,
    llm.length ? section('LLM call', el('table.facts.llm', null, llm)) : null,
    error,
    section('Attributes', attrs),
    section('Arguments', ...args),
    section('Result', result)].filter(Boolean));
  pane.hidden = false;
  pane.scrollTop = 0;
};
