'use strict';
// The paused threads: one card per pause (oldest first) with what the call was given or returned, the prompt of an
// llm call, the commands that let it go on, and an edit box for each value the program may be given instead.
// A card is built once and kept while its pause lasts, so text typed into an edit box survives every update.

AgentDbg.Pauses = class Pauses {
  /** ctx: {methodOf(pause) -> {class, name, kind, component}, select(pause), changed(pauses)} */
  constructor(container, ctx) {
    this.container = container;
    this.ctx = ctx;
    this.cards = new Map(); // pause id -> {pause, node}
    // Pause ids are never reused: one that ended is never shown again, even by a /api/state answer sent before it did.
    this.gone = new Set();
    this.closed = false;
  }

  /** The whole list, as /api/state gives it; `onlyAdd` keeps pauses it lacks (the answer may be older). */
  set(list, onlyAdd) {
    const ids = new Set(list.map((p) => String(p.id)));
    if (!onlyAdd) for (const id of [...this.cards.keys()]) if (!ids.has(id)) this.remove(id, true);
    for (const p of list) this.add(p, true);
    this.changed();
  }

  add(p, quiet) {
    const id = String(p.id);
    if (this.closed || this.gone.has(id)) return;
    p.receivedAt = Date.now();
    const known = this.cards.get(id);
    if (known) {
      known.pause.pausedMillis = p.pausedMillis;
      known.pause.receivedAt = p.receivedAt;
    } else {
      this.cards.set(id, {pause: p, node: this.card(p)});
      this.render();
    }
    this.tick();
    if (!quiet) this.changed();
  }

  remove(id, quiet) {
    id = String(id);
    this.gone.add(id);
    if (!this.cards.delete(id)) return;
    this.render();
    if (!quiet) this.changed();
  }

  /** The program ended: no thread waits any more. */
  close() {
    this.closed = true;
    this.cards.clear();
    this.render();
    this.changed();
  }

  pauses() {
    return [...this.cards.values()].map((c) => c.pause);
  }

  changed() {
    this.ctx.changed(this.pauses());
  }

  render() {
    const cards = [...this.cards.values()].sort((a, b) => Number(a.pause.id) - Number(b.pause.id));
    document.getElementById('paused-count').textContent = cards.length ? String(cards.length) : '';
    this.container.replaceChildren(...(cards.length ? cards.map((c) => c.node)
      : [AgentDbg.el('p.none', null, this.closed ? 'The program has ended.' : 'No thread is paused.')]));
  }

  /** How long each thread has waited, from the server's figure and this page's clock since. */
  tick() {
    for (const {pause, node} of this.cards.values()) {
      const ms = (pause.pausedMillis || 0) + Date.now() - pause.receivedAt;
      node.querySelector('.p-time').textContent = AgentDbg.fmt.dur(ms * 1e6);
    }
  }

  card(p) {
    const el = AgentDbg.el;
    const m = this.ctx.methodOf(p);
    const simple = (m.class || '?').slice((m.class || '').lastIndexOf('.') + 1);
    const msg = el('div.p-msg');
    const buttons = [['continue', 'Continue'], ['step_into', 'Step into'], ['step_over', 'Step over'],
      ['step_out', 'Step out']].map(([command, label]) => el('button.cmd', {dataset: {command},
      title: Pauses.HELP[command], onclick: () => this.resume(p, command, node, msg)}, label));
    const at = p.at === 'exit' ? 'exit' : 'enter';
    const node = el('div.pause', {dataset: {pause: String(p.id), thread: p.thread, at, kind: m.kind || ''}},
      el('div.p-head', null,
        el('span.chip.' + AgentDbg.kindClass(m.kind), null, m.kind || '?'),
        el('button.p-method.link', {title: (m.class || '') + '.' + m.name + ' — show it in the timeline',
          onclick: () => this.ctx.select(p)}, simple + '.' + m.name),
        m.component && m.component !== simple ? el('span.meta', null, m.component) : null),
      el('div.p-facts', null, 'thread ', el('b.p-thread', null, p.thread), ' · at ', el('b.p-at', null, at),
        ' · waiting ', el('span.p-time'), p.depth ? ' · depth ' + p.depth : null,
        p.breakpoint ? el('span.p-cause', null, ' · ' + Pauses.cause(p.breakpoint)) : null),
      el('div.p-buttons', null, buttons),
      msg,
      this.values(p, m),
      this.editables(p));
    return node;
  }

  /** The prompt of an llm call, the arguments, the result or the exception. */
  values(p, m) {
    const el = AgentDbg.el;
    const out = [];
    const messages = m.kind === 'llm' ? Pauses.messages(p.args) : [];
    if (messages.length) {
      out.push(el('h3', null, 'Prompt'), el('div.prompt', null, messages.map((x) => el('div.msg',
        {dataset: {role: String(x.role)}}, el('div.role', null, String(x.role)),
        el('pre.content', null, typeof x.content === 'string' ? x.content : JSON.stringify(x.content, null, 2))))));
    }
    if (p.error) {
      out.push(el('h3', null, 'Exception'), el('div.exc', null, p.error.type
        + (p.error.message != null ? ': ' + p.error.message : '')));
    } else if ('result' in p) {
      out.push(el('h3', null, 'Result'), el('div.p-result', null, AgentDbg.jsonView(p.result)));
    } else if (p.at === 'exit' && (p.editable || []).some((e) => e.target === 'body' && e.editable !== false)) {
      out.push(el('h3', null, 'Result'), el('p.none', null, 'not read yet: the model\'s answer is below, as the response '
        + 'body the program is about to read'));
    } else if (p.at === 'exit') {
      out.push(el('h3', null, 'Result'), el('p.none', null, 'not captured, or void'));
    }
    if (p.args && p.args.length) {
      const args = p.args.map((v, i) => el('div.arg', null, el('div.argname', null, 'argument ' + i),
        AgentDbg.jsonView(v)));
      // On entry the arguments are the point; on exit they are context.
      out.push(p.at === 'exit' || messages.length
        ? el('details.p-args', null, el('summary', null, 'Arguments'), args)
        : el('div.p-args', null, el('h3', null, 'Arguments'), args));
    } else if (p.at !== 'exit') {
      out.push(el('h3', null, 'Arguments'), el('p.none', null, 'not captured (capture them with a rule\'s capture=true)'));
    }
    return el('div.p-values', null, out);
  }

  editables(p) {
    const el = AgentDbg.el;
    const list = p.editable || [];
    if (!list.length) return null;
    return el('div.p-edits', null, list.map((e) => {
      if (e.editable === false) {
        return el('p.none.not-editable', {dataset: {target: e.target}}, e.target + ' cannot be edited: ' + (e.why || ''));
      }
      // Long lines (a streamed answer is one chunk per line) scroll rather than wrap, so each chunk stays one line.
      const box = el('textarea.edit-text', {rows: Math.min(14, Math.max(3, String(e.text || '').split('\n').length + 1)),
        spellcheck: 'false', wrap: 'off', 'aria-label': 'new ' + e.target});
      box.value = e.text == null ? '' : e.text;
      const note = el('span.edit-msg');
      const apply = this.applyButton('button.apply', p, e, note, () => box.value);
      return el('div.edit', {dataset: {target: e.target, format: e.format || 'text'}},
        e.target === 'body' ? this.answerBox(p, e, box, note) : null,
        el('h3', null, (e.target === 'body' ? 'Edit the response body' : 'Edit ' + e.target) + ' ('
          + (e.format || 'text') + ')'), box, el('div.edit-bar', null, apply, note));
    }));
  }

  /** The model's answer alone, when the body holds one this page can read: applying it rewrites the body. */
  answerBox(p, e, box, note) {
    const el = AgentDbg.el;
    const answer = AgentDbg.answer.text(e.format, e.text || '');
    if (answer == null) return null;
    const text = el('textarea.answer-text', {rows: Math.min(10, Math.max(3, Math.ceil(answer.length / 50) + 1)),
      'aria-label': 'the model\'s answer'});
    text.value = answer;
    const apply = this.applyButton('button.apply.apply-answer', p, e, note,
      () => AgentDbg.answer.body(e.format, box.value, text.value), (body) => { box.value = body; });
    return el('div.answer', null, el('h3', null, 'Edit the answer'), text, el('div.edit-bar', null, apply));
  }

  /**
   * An Apply button for edit target e of pause p: posts what textOf() gives (it may throw: a message, nothing
   * sent), then applied(text); says how it went in note.
   */
  applyButton(selector, p, e, note, textOf, applied) {
    const apply = AgentDbg.el(selector, {onclick: async () => {
      apply.disabled = true;
      note.className = 'edit-msg';
      note.textContent = 'applying…';
      try {
        const text = textOf();
        await AgentDbg.api.edit(p.id, e.target, text);
        if (applied) applied(text);
        note.textContent = 'applied: the program gets it when this thread goes on';
        note.classList.add('ok');
      } catch (err) {
        note.textContent = err.message;
        note.classList.add('error');
        AgentDbg.say(err.message, true);
      } finally {
        apply.disabled = false;
      }
    }}, 'Apply');
    return apply;
  }

  async resume(p, command, node, msg) {
    const buttons = node.querySelectorAll('button.cmd');
    buttons.forEach((b) => (b.disabled = true));
    msg.className = 'p-msg';
    msg.textContent = '';
    try {
      await AgentDbg.api.resume(p.id, command);
      AgentDbg.say(null);
      this.remove(p.id);
    } catch (err) {
      msg.textContent = err.message;
      msg.className = 'p-msg error';
      AgentDbg.say(err.message, true);
      buttons.forEach((b) => (b.disabled = false));
      if (/\(HTTP 409\)/.test(err.message)) this.remove(p.id); // it went on meanwhile (released or timed out)
    }
  }

  /** What stopped here, as /api/state names it: a breakpoint's name, a step, or "pause next run". */
  static cause(c) {
    if (c === 'pause_next_run') return 'the next run was to pause';
    if (/^step_/.test(c)) return c.replace('_', ' ');
    return 'breakpoint ' + c;
  }

  /** The chat messages in an llm call's arguments: the first array of {role, content} objects, a few levels deep. */
  static messages(args) {
    let found = null;
    const visit = (v, depth) => {
      if (found || !v || typeof v !== 'object' || depth > 4) return;
      if (Array.isArray(v)) {
        if (v.length && v.every((x) => x && typeof x === 'object' && 'role' in x && 'content' in x)) found = v;
        else v.forEach((x) => visit(x, depth + 1));
        return;
      }
      for (const k of Object.keys(v)) visit(v[k], depth + 1);
    };
    visit(args, 0);
    if (!found && args && typeof args[0] === 'string') found = [{role: 'prompt', content: args[0]}];
    return found || [];
  }
};

AgentDbg.Pauses.HELP = {
  continue: 'Go on until the next breakpoint',
  step_into: 'Stop at the next instrumented call of this thread, inside this one if it makes any',
  step_over: 'Stop at the next call at this depth (or the return to the caller)',
  step_out: 'Stop when this call returns',
};
