/**
 * Vigie's service worker: routes content-script and page requests to the daemon connection.
 *
 * Every listener is registered synchronously at top level so that a worker woken by a
 * message (after Chrome stopped it) receives that message. State worth keeping across a
 * restart lives in chrome.storage; the socket itself is re-opened on demand.
 */

import { DaemonConnection } from './connection.js';
import {
  cachePolicy, guardConfig, loadSettings, policySummary, saveUserSettings,
} from './settings.js';
import { EventOutbox } from './outbox.js';
import { extraStatus, originOf, syncExtraSites } from './extra_sites.js';

let settingsPromise = loadSettings();

function settings() {
  return settingsPromise;
}

function reloadSettings() {
  settingsPromise = loadSettings();
  settingsPromise.then(syncExtraSites).catch(() => {});
  return settingsPromise;
}

const connection = new DaemonConnection({
  target: async () => {
    const s = await settings();
    return { port: s.values.port, token: s.values.token };
  },
  onWelcome: (welcome) => {
    cachePolicy(welcome.policy).then(reloadSettings);
    outbox.flush();
  },
  onPolicy: (policy) => {
    cachePolicy(policy).then(reloadSettings);
  },
  onState: () => {},
});

const outbox = new EventOutbox(connection);

async function analyze(msg, sender) {
  const s = await settings();
  const site = siteOf(msg, sender);
  const guard = guardConfig(s, site);
  const ok = await connection.ready(s.values.connect_timeout_ms);
  if (!ok) return { ok: false, reason: 'unreachable', guard };
  try {
    const result = await connection.request({
      type: 'analyze', id: connection.nextId('a'), text: String(msg.text), site,
    });
    // The policy may have arrived with this connection's welcome: recompute.
    return { ok: true, result, guard: guardConfig(await settings(), site) };
  } catch (err) {
    return { ok: false, reason: err && err.code ? 'error' : 'unreachable', code: err && err.code, guard };
  }
}

function siteOf(msg, sender) {
  try {
    if (sender && sender.tab && sender.url) return new URL(sender.url).hostname;
  } catch { /* fall through */ }
  return String(msg.site || '');
}

async function status() {
  const s = await settings();
  const welcome = connection.welcome;
  const today = await outbox.todayCounts();
  return {
    state: connection.isReady ? 'connected' : connection.state === 'connecting' ? 'connecting' : 'disconnected',
    last_error: connection.lastError,
    daemon_version: welcome ? welcome.daemon_version : null,
    detector_mode: welcome ? welcome.detector_mode : null,
    settings: {
      port: s.values.port,
      token_set: Boolean(s.values.token),
      unreachable: s.values.unreachable || (s.policy ? s.policy.unreachable : 'block'),
      sites: [...new Set([...(s.policy ? s.policy.sites : []), ...s.values.extra_sites])],
      show_underline: s.values.show_underline,
      restore_answers: s.values.restore_answers,
    },
    extra_sites: await extraStatus(s),
    locked: s.locked,
    policy_locked: s.policy ? s.policy.locked : [],
    rejected: s.rejected,
    today: today.counts,
  };
}

async function handle(msg, sender) {
  switch (msg && msg.kind) {
    case 'config': {
      const s = await settings();
      const guard = guardConfig(s, siteOf(msg, sender));
      // Warm the connection up so the first analysis does not pay the handshake.
      connection.ready(s.values.connect_timeout_ms);
      return { guard, connected: connection.isReady };
    }
    case 'analyze':
      return analyze(msg, sender);
    case 'event':
      return outbox.push({ ...msg.event, type: 'event', site: siteOf(msg, sender) });
    case 'health':
      return outbox.push({ type: 'health', site: siteOf(msg, sender), problem: msg.problem });
    case 'status':
      connection.ready(300);
      return status();
    case 'save_settings': {
      // Only the extension's own options page may change settings, never a content script.
      if (!String(sender.url || '').startsWith(chrome.runtime.getURL('pages/'))) {
        return { ok: false, reason: 'forbidden' };
      }
      const s = await settings();
      const saved = await saveUserSettings(msg.settings || {}, s.locked);
      await reloadSettings();
      connection.restart();
      return { saved };
    }
    default:
      return { ok: false, reason: 'unknown_request' };
  }
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  handle(msg, sender).then(sendResponse, () => sendResponse({ ok: false, reason: 'internal' }));
  return true; // answer asynchronously
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed' || (area === 'local' && changes.settings)) {
    const before = settingsPromise;
    reloadSettings().then(async (s) => {
      const old = await before;
      if (old.values.port !== s.values.port || old.values.token !== s.values.token) connection.restart();
    });
  }
});

chrome.permissions.onAdded.addListener(() => {
  settings().then(syncExtraSites).catch(() => {});
});

chrome.runtime.onInstalled.addListener(() => {
  connection.ready(1000);
  settings().then(syncExtraSites).catch(() => {});
});

chrome.runtime.onStartup.addListener(() => {
  connection.ready(1000);
  settings().then(syncExtraSites).catch(() => {});
});

// Connect as soon as the worker starts: content scripts usually ask within milliseconds.
connection.ready(1000);

// Count worker starts in session memory (RAM only): how often Chrome stopped and woke us.
chrome.storage.session.get('worker_starts').then(({ worker_starts: n }) => {
  chrome.storage.session.set({ worker_starts: (n || 0) + 1 });
}, () => {});

// Exposed for tests and the benchmark (Playwright evaluates in the worker).
globalThis.vigie = { connection, settings, reloadSettings, policySummary, originOf };
