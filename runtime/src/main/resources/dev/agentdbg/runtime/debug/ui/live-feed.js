'use strict';
// The connection to the program: /api/events, Server-Sent Events. EventSource reconnects by itself after a network
// error and then sends Last-Event-ID, so the server replays what this page missed. The status line says whether the
// page is connected, reconnecting, or the program has ended.

AgentDbg.Feed = class Feed {
  constructor(url) {
    this.url = url;
    this.handlers = new Map();
    this.source = null;
    this.ended = false;
    this.lastBeat = 0;
  }

  /** handler(data, event) for one event type: record, paused, released, breakpoints, warning, edit, dropped... */
  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(handler);
    return this;
  }

  emit(type, data, event) {
    for (const h of this.handlers.get(type) || []) {
      try {
        h(data, event);
      } catch (e) {
        console.error('agentdbg: handling a ' + type + ' event failed', e);
      }
    }
  }

  start() {
    const source = new EventSource(this.url);
    this.source = source;
    source.addEventListener('open', () => {
      if (!this.ended) this.status('connected');
      this.emit('open');
    });
    source.addEventListener('error', () => {
      if (this.ended) {
        source.close();
        return;
      }
      this.status('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        // The server refused the stream (a restart, a wrong token): EventSource gives up; try again later.
        setTimeout(() => {
          if (this.source === source && !this.ended) this.start();
        }, 2000);
      }
    });
    // Records carry a trace line verbatim; the other events carry JSON.
    source.addEventListener('record', (e) => this.emit('record', e.data, e));
    for (const type of ['paused', 'released', 'breakpoints', 'warning', 'edit', 'dropped', 'heartbeat', 'ended']) {
      source.addEventListener(type, (e) => {
        let data = {};
        try {
          data = e.data ? JSON.parse(e.data) : {};
        } catch (err) {
          console.warn('agentdbg: unreadable ' + type + ' event', e.data);
          return;
        }
        if (type === 'heartbeat') this.lastBeat = Date.now();
        if (type === 'ended') {
          this.ended = true;
          this.status('ended');
          source.close();
        }
        this.emit(type, data, e);
      });
    }
  }

  status(state) {
    const el = document.getElementById('conn');
    el.dataset.state = state;
    el.textContent = {connected: 'connected', reconnecting: 'reconnecting…', ended: 'program ended',
      connecting: 'connecting…'}[state];
    this.emit('status', state);
  }
};
