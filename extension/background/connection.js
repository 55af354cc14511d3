/**
 * The one WebSocket to the local Vigie daemon (ws://127.0.0.1:<port>/).
 *
 * It lives in the service worker because Chromium blocks a content script's socket to
 * loopback on public sites (Local Network Access). The worker may be stopped at any time,
 * so everything here is rebuilt lazily: `ready()` connects on demand, and a closed socket
 * reconnects with exponential backoff. An application message every 20 s keeps the worker
 * (and so the socket) alive; WebSocket protocol pings would not.
 */

const PROTOCOL = 1;
const KEEPALIVE_MS = 20_000;
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;

export class DaemonConnection {
  /**
   * @param {object} hooks
   * @param {() => Promise<{port:number, token:string}>} hooks.target where and how to connect
   * @param {(welcome: object) => void} hooks.onWelcome
   * @param {(policy: object) => void} hooks.onPolicy
   * @param {(state: string) => void} hooks.onState
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.ws = null;
    this.state = 'idle'; // idle | connecting | ready | closed
    this.welcome = null;
    this.lastError = '';
    this.pending = new Map(); // id -> {resolve, reject, timer}
    this.waiters = []; // resolvers waiting for "ready"
    this.attempt = 0;
    this.retryTimer = null;
    this.keepaliveTimer = null;
    this.seq = 0;
    this.lastSent = 0;
  }

  get isReady() {
    return this.state === 'ready' && this.ws && this.ws.readyState === WebSocket.OPEN;
  }

  /** Resolve true once connected and welcomed, false after `timeoutMs`. Never rejects. */
  ready(timeoutMs) {
    if (this.isReady) return Promise.resolve(true);
    if (this.state !== 'connecting') {
      clearTimeout(this.retryTimer);
      this.connect();
    }
    return new Promise((resolve) => {
      const waiter = { resolve, timer: null };
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async connect() {
    this.setState('connecting');
    let target;
    try {
      target = await this.hooks.target();
    } catch {
      target = { port: 47321, token: '' };
    }
    let ws;
    try {
      ws = new WebSocket(`ws://127.0.0.1:${target.port}/`);
    } catch {
      this.lastError = 'bad_url';
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.send({
        type: 'hello',
        protocol: PROTOCOL,
        extension_version: chrome.runtime.getManifest().version,
        token: target.token || null,
      });
    };
    ws.onmessage = (ev) => this.onMessage(ev.data);
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (ev.code !== 1000 && ev.code !== 1001 && ev.reason) this.lastError = `close_${ev.code}`;
      this.failPending('disconnected');
      clearInterval(this.keepaliveTimer);
      this.scheduleRetry();
    };
    ws.onerror = () => {
      this.lastError = 'unreachable';
    };
  }

  scheduleRetry() {
    this.setState('closed');
    this.resolveWaiters(false);
    clearTimeout(this.retryTimer);
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 10);
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /** Drop the socket (settings changed): the next attempt uses the new port/token. */
  restart() {
    this.attempt = 0;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      try { ws.close(1000); } catch { /* already closed */ }
    }
    this.failPending('disconnected');
    clearInterval(this.keepaliveTimer);
    clearTimeout(this.retryTimer);
    this.connect();
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    try { this.hooks.onState(state); } catch { /* display only */ }
  }

  resolveWaiters(value) {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.resolve(value);
    }
  }

  failPending(reason) {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(reason));
      this.pending.delete(id);
    }
  }

  send(message) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    this.lastSent = Date.now();
    return true;
  }

  nextId(prefix) {
    this.seq = (this.seq + 1) % 1e9;
    return `${prefix}-${Date.now().toString(36)}-${this.seq}`;
  }

  /** Send a message carrying `id` and resolve with the daemon's reply to that id. */
  request(message, timeoutMs = REQUEST_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      if (!this.send(message)) {
        reject(new Error('disconnected'));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(message.id);
        reject(new Error('timeout'));
      }, timeoutMs);
      this.pending.set(message.id, { resolve, reject, timer });
    });
  }

  onMessage(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    switch (msg.type) {
      case 'welcome':
        this.welcome = msg;
        this.attempt = 0;
        this.lastError = '';
        this.setState('ready');
        clearInterval(this.keepaliveTimer);
        this.keepaliveTimer = setInterval(() => {
          if (Date.now() - this.lastSent >= KEEPALIVE_MS) this.send({ type: 'keepalive' });
        }, KEEPALIVE_MS / 4);
        try { this.hooks.onWelcome(msg); } catch { /* keep the socket */ }
        this.resolveWaiters(true);
        return;
      case 'keepalive':
        // Answer with an application message: it is what keeps an MV3 worker alive.
        this.send({ type: 'keepalive' });
        return;
      case 'policy':
        if (this.welcome) this.welcome = { ...this.welcome, policy: msg.policy };
        try { this.hooks.onPolicy(msg.policy); } catch { /* keep the socket */ }
        return;
      case 'error':
        if (msg.id && this.pending.has(msg.id)) {
          const p = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          clearTimeout(p.timer);
          p.reject(Object.assign(new Error(msg.code || 'error'), { code: msg.code }));
        } else if (msg.code === 'unauthorized' || msg.code === 'protocol_version') {
          // Refused hello: drop this socket and retry later (settings may change meanwhile).
          this.lastError = msg.code;
          if (this.state !== 'ready' && this.ws) {
            try { this.ws.close(1000); } catch { /* already closing */ }
          }
        }
        return;
      default:
        if (msg.id && this.pending.has(msg.id)) {
          const p = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          clearTimeout(p.timer);
          p.resolve(msg);
        }
    }
  }
}
