/**
 * Sites the administrator guards beyond the chatbots built into the manifest (managed
 * `extra_sites`, or `sites` in the daemon's policy).
 *
 * Content scripts can only run where the extension has host access, so such a site needs
 * (1) the user's or administrator's grant of that origin (optional_host_permissions, asked
 * from the options page) and (2) a dynamic content-script registration with the same files,
 * in the same order, as the manifest's. Without the grant the options page says so.
 */

import { DEFAULT_SITES } from './settings.js';

const SCRIPT_ID = 'vigie-extra-sites';

/** Hostnames guarded by settings/policy but not covered by the manifest. */
export function extraHosts(settings) {
  const fromPolicy = settings.policy ? settings.policy.sites : [];
  const all = new Set([...fromPolicy, ...settings.values.extra_sites]);
  return [...all].filter((h) => !DEFAULT_SITES.includes(h) && /^(\*\.)?[a-z0-9.-]+$/.test(h));
}

export const originOf = (host) => `https://${host}/*`;

/** {granted: [host], missing: [host]} for the extra hosts. */
export async function extraStatus(settings) {
  const granted = [];
  const missing = [];
  for (const host of extraHosts(settings)) {
    // eslint-disable-next-line no-await-in-loop
    const ok = await chrome.permissions.contains({ origins: [originOf(host)] }).catch(() => false);
    (ok ? granted : missing).push(host);
  }
  return { granted, missing };
}

/** Register (or drop) the content scripts for the granted extra hosts. */
export async function syncExtraSites(settings) {
  if (!chrome.scripting) return { granted: [], missing: extraHosts(settings) };
  const status = await extraStatus(settings);
  const js = chrome.runtime.getManifest().content_scripts[0].js;
  const wanted = status.granted.map(originOf).sort();
  const [current] = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (current && JSON.stringify([...current.matches].sort()) === JSON.stringify(wanted)) return status;
  if (!current && wanted.length === 0) return status;
  try {
    await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  } catch { /* not registered yet */ }
  if (status.granted.length) {
    await chrome.scripting.registerContentScripts([{
      id: SCRIPT_ID,
      matches: wanted,
      js,
      runAt: 'document_start',
      allFrames: false,
      persistAcrossSessions: true,
    }]);
  }
  return status;
}
