/*
 * The French decision dialog, inside Vigie's shadow root. It shows counts by type only,
 * never the values. Buttons react to trusted (user) clicks only, so a page script cannot
 * press "Envoyer quand même" for the user.
 */
'use strict';

(() => {
  const V = globalThis.Vigie;
  const msg = (k, s) => V.labels.msg(k, s);

  const CSS = `
    .backdrop { position: fixed; inset: 0; background: rgba(15, 23, 42, .45); z-index: 2147483647;
      display: flex; align-items: center; justify-content: center; pointer-events: auto; }
    .dialog { background: #fff; color: #1e293b; max-width: 460px; width: calc(100vw - 40px);
      border-radius: 10px; padding: 20px 22px; box-shadow: 0 10px 40px rgba(0,0,0,.35);
      font: 14px/1.45 system-ui, sans-serif; }
    h2 { font-size: 17px; margin: 0 0 10px; color: #0c4a6e; }
    p { margin: 0 0 10px; }
    .found { font-weight: 600; }
    label { display: block; margin: 10px 0 4px; font-weight: 600; }
    select { width: 100%; padding: 5px; font: inherit; }
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 16px; }
    button { font: inherit; padding: 7px 13px; border-radius: 6px; border: 1px solid #94a3b8;
      background: #f8fafc; color: #1e293b; cursor: pointer; }
    button.primary { background: #0c4a6e; color: #fff; border-color: #0c4a6e; }
    button.danger { color: #b91c1c; border-color: #fca5a5; }
    button:disabled { opacity: .45; cursor: not-allowed; }
  `;

  let open = null;

  /**
   * @param {object} spec {kind, title, lines: [str], found?: str, buttons: [{action, label,
   *   primary?, danger?, needsReason?}], reasons?: [{code, fr, en}]}
   * @returns {Promise<{action: string, reason: string|null}>}
   */
  function show(spec) {
    if (open) open.finish({ action: 'edit', reason: null });
    V.overlay.ensure();
    const slot = V.overlay.dialogSlot;
    return new Promise((resolve) => {
      const backdrop = document.createElement('div');
      backdrop.className = 'backdrop';
      backdrop.setAttribute('data-vigie-dialog', spec.kind);
      const style = document.createElement('style');
      style.textContent = CSS;
      const box = document.createElement('div');
      box.className = 'dialog';
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-modal', 'true');
      const title = document.createElement('h2');
      title.textContent = spec.title;
      box.setAttribute('aria-label', spec.title);
      box.appendChild(title);
      if (spec.found) {
        const p = document.createElement('p');
        p.className = 'found';
        p.setAttribute('data-vigie-found', '');
        p.textContent = spec.found;
        box.appendChild(p);
      }
      for (const line of spec.lines || []) {
        const p = document.createElement('p');
        p.textContent = line;
        box.appendChild(p);
      }
      let select = null;
      const needsReason = (spec.buttons || []).some((b) => b.needsReason);
      if (needsReason && spec.reasons && spec.reasons.length) {
        const label = document.createElement('label');
        label.textContent = msg('reasonLabel');
        select = document.createElement('select');
        select.setAttribute('data-vigie-reason', '');
        const empty = document.createElement('option');
        empty.value = '';
        empty.textContent = msg('reasonPlaceholder');
        select.appendChild(empty);
        const lang = (chrome.i18n.getUILanguage() || 'fr').startsWith('fr') ? 'fr' : 'en';
        for (const r of spec.reasons) {
          const o = document.createElement('option');
          o.value = r.code;
          o.textContent = r[lang] || r.fr || r.code;
          select.appendChild(o);
        }
        label.appendChild(select);
        box.appendChild(label);
      }
      const row = document.createElement('div');
      row.className = 'buttons';
      const reasonButtons = [];
      let first = null;
      for (const b of spec.buttons) {
        if (b.needsReason && !select) continue; // no pick-list: no override
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = b.label;
        button.setAttribute('data-vigie-action', b.action);
        if (b.primary) button.className = 'primary';
        if (b.danger) button.className = 'danger';
        if (b.needsReason) {
          button.disabled = true;
          reasonButtons.push(button);
        }
        button.addEventListener('click', (e) => {
          e.stopPropagation();
          if (!e.isTrusted || button.disabled) return;
          finish({ action: b.action, reason: b.needsReason ? select.value : null });
        });
        row.appendChild(button);
        if (!first || b.primary) first = button;
      }
      if (select) {
        select.addEventListener('change', () => {
          for (const b of reasonButtons) b.disabled = !select.value;
        });
      }
      box.appendChild(row);
      backdrop.appendChild(box);
      // Keys typed while the dialog is open must not reach the page's editor.
      backdrop.addEventListener('keydown', (e) => {
        e.stopPropagation();
        if (e.key === 'Escape') finish({ action: 'edit', reason: null });
      });
      slot.replaceChildren(style, backdrop);
      V.overlay.setAttr('open-dialog', spec.kind);
      V.overlay.setAttr('t-dialog', performance.now().toFixed(3));

      function finish(result) {
        if (!open || open.backdrop !== backdrop) return;
        open = null;
        slot.replaceChildren();
        V.overlay.setAttr('open-dialog', '');
        resolve(result);
      }
      open = { backdrop, finish };
      if (first) first.focus();
    });
  }

  V.dialog = {
    show,
    get isOpen() {
      return Boolean(open);
    },
  };
})();
