'use strict';
// The debugger's JSON API (docs/debugger.md), as the page calls it: same origin, the token travels in its HttpOnly
// cookie. A failed request becomes an Error whose message is one line a person can act on.

AgentDbg.api = (function () {
  async function call(what, method, path, body) {
    let response;
    try {
      response = await fetch(path, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: body === undefined ? {} : {'Content-Type': 'application/json'},
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new Error(what + ' failed: the program does not answer (has it ended?)');
    }
    const text = await response.text();
    if (!response.ok) {
      // The server's errors are one line of text/plain: show it as it is.
      const reason = text.trim().split('\n')[0] || response.statusText;
      const hint = response.status === 401 || response.status === 403
        ? ' (open the page with the address the agent printed, with its token)' : '';
      throw new Error(what + ' failed: ' + reason + ' (HTTP ' + response.status + ')' + hint);
    }
    try {
      return text ? JSON.parse(text) : {};
    } catch (e) {
      return {};
    }
  }

  return {
    state: () => call('Reading the state', 'GET', '/api/state'),
    resume: (id, command) => call(command.replace('_', ' ') + ' of pause ' + id, 'POST', '/api/resume?id='
      + encodeURIComponent(id) + '&command=' + encodeURIComponent(command)),
    continueAll: () => call('Continue all', 'POST', '/api/continue-all'),
    edit: (id, target, text) => call('Editing ' + target, 'POST', '/api/edit', {id, target, text}),
    addBreakpoint: (bp) => call('Adding breakpoint ' + bp.name, 'POST', '/api/breakpoints', bp),
    removeBreakpoint: (name) => call('Removing breakpoint ' + name, 'DELETE', '/api/breakpoints?name='
      + encodeURIComponent(name)),
    pauseNextRun: (on) => call((on ? 'Asking' : 'No longer asking') + ' to pause the next run', 'POST',
      '/api/pause-next-run', {on}),
  };
})();

/** The page's message line: a failed request says so until the next one succeeds or the user closes it. */
AgentDbg.say = function say(text, isError) {
  const box = document.getElementById('message');
  if (!text) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.className = 'message' + (isError ? ' error' : '');
  box.replaceChildren(AgentDbg.el('span.text', null, text),
    AgentDbg.el('button.close', {title: 'dismiss', onclick: () => AgentDbg.say(null)}, '×'));
  box.hidden = false;
};
