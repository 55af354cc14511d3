/**
 * Settings: built-in defaults, then the user's local choices, then the administrator's
 * managed policy (chrome.storage.managed) on top. A key present in the managed storage is
 * "locked": the options page shows it as imposed and never writes it.
 *
 * The daemon's policy (sites, unreachable behaviour, override rules) is cached in
 * chrome.storage.local so that a service worker woken while the daemon is down still knows
 * which sites to guard and how. The cache holds configuration only, never patient text.
 */

export const DEFAULT_PORT = 47321;

export const DEFAULT_SITES = Object.freeze([
  'chatgpt.com', 'chat.openai.com', 'claude.ai', 'gemini.google.com',
  'copilot.microsoft.com', 'chat.mistral.ai', 'www.perplexity.ai', 'chat.deepseek.com',
]);

export const DEFAULTS = Object.freeze({
  port: DEFAULT_PORT,
  token: '',
  unreachable: null, // null: follow the daemon's cached policy, else block
  extra_sites: [],
  show_underline: true,
  restore_answers: true,
  connect_timeout_ms: 1500,
});

/** Keys a user may change on the options page (when not locked by the administrator). */
export const USER_KEYS = Object.freeze(['port', 'token', 'show_underline', 'restore_answers']);

const VALIDATORS = {
  port: (v) => Number.isInteger(v) && v >= 1024 && v <= 65535,
  token: (v) => typeof v === 'string' && v.length <= 256,
  unreachable: (v) => v === 'block' || v === 'warn',
  extra_sites: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && /^(\*\.)?[a-z0-9.-]{1,253}$/i.test(s)),
  show_underline: (v) => typeof v === 'boolean',
  restore_answers: (v) => typeof v === 'boolean',
  connect_timeout_ms: (v) => Number.isInteger(v) && v >= 100 && v <= 10000,
};

/** Keep only known keys with valid values; report the rejected key names (never values). */
export function sanitize(raw) {
  const clean = {};
  const rejected = [];
  for (const [key, value] of Object.entries(raw || {})) {
    const ok = VALIDATORS[key];
    if (!ok) continue;
    if (ok(value)) clean[key] = key === 'extra_sites' ? value.map((s) => s.toLowerCase()) : value;
    else rejected.push(key);
  }
  return { clean, rejected };
}

async function readManaged() {
  try {
    return await chrome.storage.managed.get(null);
  } catch {
    return {}; // no managed storage on this platform/profile
  }
}

/**
 * The effective settings: {values, locked: [keys], rejected: [keys], policy}.
 * `policy` is the daemon's last policy (or null) as cached locally.
 */
export async function loadSettings() {
  const [managedRaw, local] = await Promise.all([
    readManaged(),
    chrome.storage.local.get(['settings', 'policy_cache']),
  ]);
  const managed = sanitize(managedRaw);
  const user = sanitize(local.settings);
  const values = { ...DEFAULTS, ...user.clean, ...managed.clean };
  return {
    values,
    locked: Object.keys(managed.clean),
    rejected: [...managed.rejected, ...user.rejected],
    policy: local.policy_cache || null,
  };
}

/** Only what the extension needs from the daemon's policy; no free text beyond labels. */
export function policySummary(policy) {
  return {
    version: String(policy.version ?? ''),
    sites: Array.isArray(policy.sites) ? policy.sites.map((s) => String(s).toLowerCase()) : [...DEFAULT_SITES],
    unreachable: policy.unreachable === 'warn' ? 'warn' : 'block',
    override_allowed: policy.override_allowed !== false,
    override_reasons: Array.isArray(policy.override_reasons)
      ? policy.override_reasons.map((r) => ({ code: r.code, fr: r.fr, en: r.en }))
      : [],
    locked: Array.isArray(policy.locked) ? policy.locked : [],
  };
}

export async function cachePolicy(policy) {
  await chrome.storage.local.set({ policy_cache: policySummary(policy) });
}

/** Host as the daemon compares it: lower case, no "*." or "www." prefix, no port. */
function normalizeHost(site) {
  let h = String(site).trim().toLowerCase().split(':')[0].replace(/\.$/, '');
  if (h.startsWith('*.')) h = h.slice(2);
  if (h.startsWith('www.')) h = h.slice(4);
  return h;
}

/** True when a listed entry covers `host`: the same host or a subdomain (daemon's rule). */
export function siteListed(sites, host) {
  const h = normalizeHost(host);
  if (!h) return false;
  return sites.some((entry) => {
    const p = normalizeHost(entry);
    return p && (h === p || h.endsWith(`.${p}`));
  });
}

/** Guard rules for one site, from settings + cached daemon policy. Strict when unknown. */
export function guardConfig(settings, site) {
  const policy = settings.policy;
  const sites = [...(policy ? policy.sites : DEFAULT_SITES), ...settings.values.extra_sites];
  const unreachable = settings.values.unreachable || (policy ? policy.unreachable : 'block');
  return {
    guarded: siteListed(sites, site),
    unreachable,
    override_allowed: policy ? policy.override_allowed : true,
    override_reasons: policy ? policy.override_reasons : [],
    show_underline: settings.values.show_underline,
    restore_answers: settings.values.restore_answers,
  };
}

export async function saveUserSettings(changes, locked) {
  const { clean } = sanitize(changes);
  const current = (await chrome.storage.local.get('settings')).settings || {};
  for (const key of Object.keys(clean)) {
    if (!USER_KEYS.includes(key) || locked.includes(key)) delete clean[key];
  }
  await chrome.storage.local.set({ settings: { ...current, ...clean } });
  return Object.keys(clean);
}
