'use strict';
// The Tables page: run facts, time by kind, component and method, LLM use per model, tools, errors, and (for a
// large run) the traces not drawn. The figures are the analyzer's own (the summary and llm documents).

AgentDbg.tables = function tables(page, model, onSelectSpan) {
  const el = AgentDbg.el;
  const fmt = AgentDbg.fmt;
  const doc = model.doc;
  const s = doc.summary || {};
  const llm = doc.llm || {};
  const ms = (ns) => (ns == null ? '' : (ns / 1e6).toFixed(3));

  /** A table with a header; `num` columns are right-aligned. cells(row) -> array of cell values. */
  function table(id, headers, rows, cells, onRow) {
    if (!rows || !rows.length) return el('p.none', null, 'none');
    return el('table.grid', {id},
      el('thead', null, el('tr', null, headers.map((h) => el('th' + (h.startsWith('#') ? '.num' : ''), null,
        h.replace(/^#/, ''))))),
      el('tbody', null, rows.map((r) => {
        // A row links only where there is something to open (an error of a trace not drawn has no span here).
        const tr = el('tr', onRow && onRow(r, true) ? {class: 'link', onclick: () => onRow(r)} : null,
          cells(r).map((c, i) => el('td' + (headers[i].startsWith('#') ? '.num' : ''), null, c)));
        return tr;
      })));
  }
  const section = (title, note, ...body) => el('section.card', null, el('h2', null, title),
    note ? el('p.note', null, note) : null, ...body);
  const kindChip = (k) => el('span.chip.' + AgentDbg.kindClass(k), null, k);
  const timeCols = ['#count', '#errors', '#total ms', '#self ms', '#p50 ms', '#p95 ms'];
  const timeCells = (r) => [fmt.int(r.count), fmt.int(r.errors), ms(r.totalNanos), ms(r.selfNanos), ms(r.p50Nanos),
    ms(r.p95Nanos)];
  const b = s.breakdown || {};
  const run = s.run || {};
  const wall = s.wall || {};
  const spanCounts = s.spans || {};

  const runFacts = el('table.facts', null, [
    ['run id', run.runId], ['command', run.command], ['process', run.pid != null ? 'pid ' + run.pid + ' on '
      + run.host : null], ['JVM', run.jvm ? run.jvm.version + ' (' + run.jvm.vendor + ')' : null],
    ['mode', run.mode], ['started', run.start], ['wall duration', fmt.dur(wall.durationNanos)],
    ['spans', fmt.int(spanCounts.total) + ' (' + fmt.int(spanCounts.errors) + ' failed, ' + fmt.int(spanCounts.unfinished)
      + ' unfinished)'],
    ['drawn', fmt.int(doc.spans.length) + ' of ' + fmt.int(doc.view.runSpans) + (doc.view.large
      ? ' (a large run: over ' + fmt.int(doc.view.maxSpans) + ' spans)' : '')],
  ].filter(([, v]) => v != null).map(([k, v]) => el('tr', null, el('th', null, k), el('td', null, v))));

  const models = (llm.models || []).concat(llm.models && llm.models.length > 1 ? [Object.assign({model: 'total'},
    llm.total)] : []);
  const llmTable = table('t-llm', ['model', '#calls', '#errors', '#input tok', '#cached', '#output tok',
    '#reasoning', '#cost', '#p50 ms', '#p95 ms'], models, (r) => [r.model || '(unknown)', fmt.int(r.calls),
    fmt.int(r.errors), fmt.int(r.inputTokens), fmt.int(r.cachedInputTokens), fmt.int(r.outputTokens),
    fmt.int(r.reasoningTokens), r.callsWithCost ? fmt.usd(r.costUsd) : '', ms(r.latency && r.latency.p50Nanos),
    ms(r.latency && r.latency.p95Nanos)]);

  const tools = table('t-tools', ['tool', '#calls', '#failures', '#p50 ms', '#p95 ms', '#max ms'],
    llm.tools, (r) => [r.name, fmt.int(r.calls), fmt.int(r.failures), ms(r.latency.p50Nanos), ms(r.latency.p95Nanos),
      ms(r.latency.maxNanos)]);

  const errors = s.errors || {};
  const find = (r) => model.spans.get(AgentDbg.RunModel.key(r.trace, r.span));
  const errorGroups = table('t-error-groups', ['span', 'kind', 'exception', '#count', 'first message'],
    errors.groups, (r) => [r.name, kindChip(r.kind), r.type, fmt.int(r.count), r.firstMessage || '']);
  const errorList = table('t-errors', ['at', 'span', 'kind', 'exception', 'message', 'trace'], errors.listed,
    (r) => [fmt.at(r.offsetNanos), r.name, kindChip(r.kind), r.error ? r.error.type : '',
      r.error ? r.error.message || '' : '', fmt.shortId(r.trace) + (find(r) ? '' : ' (not drawn)')],
    (r, test) => (test ? !!find(r) : onSelectSpan(find(r))));

  const slowest = table('t-slowest', ['#duration ms', '#self ms', 'span', 'kind', 'at', 'trace'], s.slowest,
    (r) => [ms(r.durationNanos), ms(r.selfNanos), r.name, kindChip(r.kind), fmt.at(r.offsetNanos),
      fmt.shortId(r.trace) + (find(r) ? '' : ' (not drawn)')],
    (r, test) => (test ? !!find(r) : onSelectSpan(find(r))));

  const other = doc.otherTraces || {total: 0, listed: []};
  const otherTable = doc.view.large ? section('Traces not drawn', fmt.int(other.total) + ' trace(s) were not drawn; '
      + (other.listed.length < other.total ? 'the first ' + fmt.int(other.listed.length) + ' by end are listed by '
      + 'their root call.' : 'each is listed by its root call.') + ' Draw one with --run and a smaller file, or '
      + 'raise --max-spans.',
  table('t-other', ['at', 'root call', 'kind', '#duration ms', 'status', 'trace'], other.listed,
    (r) => [fmt.at(r.start), r.name, kindChip(r.kind), ms(r.dur), r.status, r.trace])) : null;

  page.replaceChildren(
    section('Run', null, runFacts),
    section('LLM use by model', 'Tokens and cost as the calls reported them (cost from the price table).', llmTable),
    section('Tools', null, tools),
    section('Errors', fmt.int(errors.total || 0) + ' failed span(s), grouped by method and exception; the listed '
      + 'ones open in the timeline on click.', errorGroups, errorList),
    section('Slowest spans', 'the ' + ((s.slowest || []).length) + ' longest finished spans; a click opens one in the '
      + 'timeline', slowest),
    section('Time by kind', 'total includes nested spans; self = own duration minus direct children',
      table('t-kind', ['kind'].concat(timeCols), b.byKind, (r) => [kindChip(r.name)].concat(timeCells(r)))),
    section('Time by component', null, table('t-component', ['component', 'kinds'].concat(timeCols), b.byComponent,
      (r) => [r.name, r.kind].concat(timeCells(r)))),
    section('Time by method', null, table('t-method', ['method', 'kind', 'component'].concat(timeCols), b.byMethod,
      (r) => [r.name, kindChip(r.kind), r.component].concat(timeCells(r)))),
    ...(otherTable ? [otherTable] : []));
};
