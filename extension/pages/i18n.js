/**
 * Fills every [data-i18n] element's text from _locales (textContent only, never HTML), and
 * renders the shared status view of the popup and options page: connection state, effective
 * settings with the administrator's locked ones marked, and today's counters. No patient text
 * ever reaches these pages: the worker only has counts.
 */

export const t = (key, subs) => chrome.i18n.getMessage(key, subs) || key;

export function localize(root = document) {
  document.documentElement.lang = chrome.i18n.getUILanguage().startsWith('fr') ? 'fr' : 'en';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}

export function status() {
  return chrome.runtime.sendMessage({ kind: 'status' });
}

function row(list, labelKey, value, locked) {
  const dt = document.createElement('dt');
  dt.textContent = t(labelKey);
  const dd = document.createElement('dd');
  dd.textContent = value;
  if (locked) {
    const mark = document.createElement('span');
    mark.className = 'locked';
    mark.textContent = ` 🔒 ${t('lockedMark')}`;
    dd.appendChild(mark);
  }
  list.append(dt, dd);
}

export function renderStatus(s, root = document) {
  const state = root.querySelector('#state');
  state.textContent = t(s.state === 'connected' ? 'stateConnected' : s.state === 'connecting' ? 'stateConnecting' : 'stateDisconnected');
  state.dataset.state = s.state;
  const mode = root.querySelector('#mode');
  if (mode) mode.textContent = s.detector_mode === 'rules-only' ? t('detectorRulesOnly') : '';
  const problem = root.querySelector('#problem');
  if (problem) {
    const key = { unauthorized: 'errorUnauthorized', protocol_version: 'errorProtocol' }[s.last_error];
    problem.textContent = s.state !== 'connected' && key ? t(key) : '';
  }
  const list = root.querySelector('#settings');
  list.replaceChildren();
  const locked = new Set(s.locked);
  const yes = (v) => t(v ? 'valueYes' : 'valueNo');
  row(list, 'settingPort', String(s.settings.port), locked.has('port'));
  row(list, 'settingToken', t(s.settings.token_set ? 'tokenSet' : 'tokenUnset'), locked.has('token'));
  row(list, 'settingUnreachable', t(s.settings.unreachable === 'warn' ? 'valueWarn' : 'valueBlock'),
    locked.has('unreachable') || s.policy_locked.includes('unreachable') || s.policy_locked.includes('*'));
  row(list, 'settingSites', s.settings.sites.join(', '), locked.has('extra_sites') || s.policy_locked.includes('sites') || s.policy_locked.includes('*'));
  row(list, 'settingUnderline', yes(s.settings.show_underline), locked.has('show_underline'));
  row(list, 'settingRestore', yes(s.settings.restore_answers), locked.has('restore_answers'));
  const today = root.querySelector('#today');
  today.replaceChildren();
  const entries = Object.entries(s.today || {}).filter(([, n]) => n > 0);
  if (!entries.length) {
    const li = document.createElement('li');
    li.textContent = t('todayNone');
    today.appendChild(li);
  }
  for (const [outcome, n] of entries) {
    const li = document.createElement('li');
    li.textContent = t('counterLine', [t(`outcome_${outcome}`), String(n)]);
    li.dataset.outcome = outcome;
    today.appendChild(li);
  }
}
