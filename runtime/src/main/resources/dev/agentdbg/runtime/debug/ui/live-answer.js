'use strict';
// The model's answer inside a held response body, as text a person can edit. A chat completion's JSON body keeps
// it in choices[0].message.content (Anthropic: the text blocks of content); a streamed one spreads it over the
// `data:` events' choices[0].delta.content. Editing the answer rewrites only those places, so the body stays what
// the client expects (its other fields, the role, finish and usage events, [DONE]).

AgentDbg.answer = (function () {
  /** The stream's events: blocks separated by a blank line. */
  function events(text) {
    return text.replace(/\r\n/g, '\n').split(/\n\n+/).filter((e) => e.trim());
  }

  /** The JSON of an event of `data: {...}` lines, or null. */
  function data(event) {
    const lines = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''));
    if (!lines.length) return null;
    try {
      return JSON.parse(lines.join('\n'));
    } catch (e) {
      return null;
    }
  }

  const delta = (d) => d && Array.isArray(d.choices) && d.choices[0] && d.choices[0].delta
    && typeof d.choices[0].delta.content === 'string' ? d.choices[0].delta : null;

  function message(doc) {
    if (doc && Array.isArray(doc.choices) && doc.choices[0] && doc.choices[0].message
      && typeof doc.choices[0].message.content === 'string') return {kind: 'openai', doc};
    if (doc && Array.isArray(doc.content) && doc.content.some((b) => b && b.type === 'text')) return {kind: 'anthropic', doc};
    return null;
  }

  /** The answer in a body, or null when it holds none this page knows. */
  function text(format, body) {
    if (format === 'json') {
      let doc;
      try {
        doc = JSON.parse(body);
      } catch (e) {
        return null;
      }
      const m = message(doc);
      if (!m) return null;
      return m.kind === 'openai' ? doc.choices[0].message.content
        : doc.content.filter((b) => b && b.type === 'text').map((b) => b.text).join('');
    }
    const parts = events(body).map((e) => delta(data(e))).filter(Boolean).map((d) => d.content);
    return parts.length ? parts.join('') : null;
  }

  /** The body with its answer replaced by `answer`. */
  function body(format, old, answer) {
    if (format === 'json') {
      const doc = JSON.parse(old);
      if (message(doc).kind === 'openai') {
        doc.choices[0].message.content = answer;
      } else {
        let first = true;
        doc.content = doc.content.filter((b) => {
          if (!b || b.type !== 'text') return true;
          if (!first) return false;
          first = false;
          b.text = answer;
          return true;
        });
      }
      return JSON.stringify(doc);
    }
    // The first event with a piece of the answer carries all of it; the other pieces go.
    let placed = false;
    const out = [];
    for (const e of events(old)) {
      const d = data(e);
      const piece = delta(d);
      if (!piece) {
        out.push(e);
      } else if (!placed) {
        piece.content = answer;
        out.push('data: ' + JSON.stringify(d));
        placed = true;
      }
    }
    return out.join('\n\n') + '\n\n';
  }

  return {text, body};
})();
