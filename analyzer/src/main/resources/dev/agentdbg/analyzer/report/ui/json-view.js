'use strict';
// Captured values as pretty JSON: capture markers (keys starting with "@", "…(truncated" endings) are kept and
// highlighted, long strings are folded to their head with a button that shows the rest.

AgentDbg.jsonView = (function () {
  const el = AgentDbg.el;
  /** Characters of a string shown before it is folded. */
  const FOLD_AT = 240;

  function str(value) {
    const text = JSON.stringify(value);
    const cls = 'j-str' + (/…\(truncated/.test(value) ? ' j-marker' : '');
    if (value.length <= FOLD_AT) return el('span.' + cls.replace(' ', '.'), null, text);
    const head = JSON.stringify(value.slice(0, FOLD_AT)).slice(0, -1);
    const node = el('span.' + cls.replace(' ', '.'), null, head);
    const more = el('button.j-fold', {title: 'show the whole string'}, '… ' + AgentDbg.fmt.int(value.length - FOLD_AT)
      + ' more characters');
    more.addEventListener('click', (e) => {
      e.stopPropagation();
      node.textContent = text;
      node.classList.add('j-unfolded');
    });
    node.append(more, '"');
    return node;
  }

  function render(value, indent, out) {
    if (value === null) return out.push(el('span.j-null', null, 'null'));
    if (typeof value === 'string') return out.push(str(value));
    if (typeof value === 'number') return out.push(el('span.j-num', null, String(value)));
    if (typeof value === 'boolean') return out.push(el('span.j-bool', null, String(value)));
    const pad = '  '.repeat(indent + 1);
    if (Array.isArray(value)) {
      if (!value.length) return out.push('[]');
      out.push('[\n');
      value.forEach((v, i) => {
        out.push(pad);
        render(v, indent + 1, out);
        out.push(i < value.length - 1 ? ',\n' : '\n');
      });
      return out.push('  '.repeat(indent) + ']');
    }
    const keys = Object.keys(value);
    if (!keys.length) return out.push('{}');
    out.push('{\n');
    keys.forEach((k, i) => {
      out.push(pad, el(k.startsWith('@') ? 'span.j-key.j-marker' : 'span.j-key', null, JSON.stringify(k)), ': ');
      render(value[k], indent + 1, out);
      out.push(i < keys.length - 1 ? ',\n' : '\n');
    });
    return out.push('  '.repeat(indent) + '}');
  }

  /** A <pre> showing `value`. */
  return function jsonView(value) {
    const parts = [];
    render(value, 0, parts);
    return el('pre.json', null, parts);
  };
})();
