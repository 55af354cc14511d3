import { localize, renderStatus, status, t } from './i18n.js';

localize();
const form = document.getElementById('form');

async function refresh() {
  const s = await status();
  renderStatus(s);
  const locked = new Set(s.locked);
  form.port.value = s.settings.port;
  form.port.disabled = locked.has('port');
  form.token.disabled = locked.has('token');
  form.token.placeholder = s.settings.token_set ? t('tokenSet') : t('tokenUnset');
  form.show_underline.checked = s.settings.show_underline;
  form.show_underline.disabled = locked.has('show_underline');
  form.restore_answers.checked = s.settings.restore_answers;
  form.restore_answers.disabled = locked.has('restore_answers');
  const missing = (s.extra_sites && s.extra_sites.missing) || [];
  const extra = document.getElementById('extra');
  extra.hidden = missing.length === 0;
  const list = document.getElementById('extra-list');
  list.replaceChildren(...missing.map((host) => {
    const li = document.createElement('li');
    li.textContent = host;
    return li;
  }));
  document.getElementById('grant').onclick = async () => {
    // Needs this click (a user gesture): the browser shows its own permission prompt.
    await chrome.permissions.request({ origins: missing.map((h) => `https://${h}/*`) });
    setTimeout(refresh, 300);
  };
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const settings = {
    port: Number(form.port.value),
    show_underline: form.show_underline.checked,
    restore_answers: form.restore_answers.checked,
  };
  if (form.token.value) settings.token = form.token.value;
  await chrome.runtime.sendMessage({ kind: 'save_settings', settings });
  form.token.value = '';
  document.getElementById('saved').textContent = t('optionsSaved');
  setTimeout(refresh, 500);
});

refresh();
