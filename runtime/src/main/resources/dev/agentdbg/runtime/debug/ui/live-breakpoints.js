'use strict';
// The breakpoints editor: the list with hit counts, a form that adds (or replaces, by name) one, a button per row
// that removes it, and the "pause next agent run" switch. The program parses targets and conditions itself, exactly
// as for the properties file, and a refusal is shown as its one line.

AgentDbg.BreakpointsPanel = class BreakpointsPanel {
  constructor(table, form, pauseNext, refresh) {
    this.table = table;
    this.form = form;
    this.pauseNext = pauseNext;
    this.refresh = refresh;
    this.known = null;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.add();
    });
    pauseNext.addEventListener('change', async () => {
      const on = pauseNext.checked;
      try {
        await AgentDbg.api.pauseNextRun(on);
        AgentDbg.say(null);
      } catch (err) {
        pauseNext.checked = !on;
        AgentDbg.say(err.message, true);
      }
      this.refresh();
    });
    this.set([], false);
  }

  /** The list as /api/state or a `breakpoints` event gives it. */
  set(list, pauseNextRun) {
    const el = AgentDbg.el;
    this.known = list || [];
    if (typeof pauseNextRun === 'boolean') {
      this.pauseNext.checked = pauseNextRun;
      this.pauseNext.dataset.program = String(pauseNextRun); // what the program holds, as last heard
    }
    const head = el('thead', null, el('tr', null, ['name', 'target', 'when', 'hit', 'at', '#calls', '']
      .map((h) => el('th' + (h.startsWith('#') ? '.num' : ''), null, h.replace('#', '')))));
    const rows = this.known.map((b) => el('tr.bp', {dataset: {name: b.name}},
      el('td.bp-name', null, b.name),
      el('td.bp-target', null, b.target),
      el('td.bp-when', null, b.when || ''),
      el('td.bp-hit', null, b.hit ? String(b.hit) : ''),
      el('td.bp-at', null, b.at || 'enter'),
      el('td.num.bp-calls', {title: 'calls that matched so far'}, b.calls == null ? '' : AgentDbg.fmt.int(b.calls)),
      el('td', null, el('button.bp-remove', {title: 'remove ' + b.name, onclick: () => this.remove(b.name)}, '×'))));
    this.table.replaceChildren(head, el('tbody', null, rows.length ? rows
      : el('tr', null, el('td.none', {colspan: '7'}, 'none: add one below, or set agentdbg.break.<name> before start'))));
  }

  async add() {
    const f = this.form.elements;
    const bp = {name: f.name.value.trim(), target: f.target.value.trim(), at: f.at.value};
    if (f.when.value.trim()) bp.when = f.when.value.trim();
    if (f.hit.value.trim()) bp.hit = Number(f.hit.value);
    const button = this.form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await AgentDbg.api.addBreakpoint(bp);
      AgentDbg.say(null);
      this.form.reset();
    } catch (err) {
      AgentDbg.say(err.message, true);
    } finally {
      button.disabled = false;
    }
    this.refresh();
  }

  async remove(name) {
    try {
      await AgentDbg.api.removeBreakpoint(name);
      AgentDbg.say(null);
    } catch (err) {
      AgentDbg.say(err.message, true);
    }
    this.refresh();
  }
};
