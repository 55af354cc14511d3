/*
 * Vigie content scripts share one isolated world; content scripts cannot be ES modules, so
 * the manifest loads plain scripts in order and each adds itself to `globalThis.Vigie`.
 * This file comes first: it creates the namespace and the site-adapter registry.
 *
 * An adapter is data plus optional hooks, so a chatbot redesign is a one-file fix:
 *   { name, hosts: [...], inputSelectors: [...], sendSelectors: [...], answerSelectors: [...],
 *     findInput?(doc), findSendButton?(input, doc) }
 */
'use strict';

(() => {
  if (globalThis.Vigie) return;

  const adapters = [];

  function visible(el) {
    if (!el || !el.isConnected) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }

  function firstVisible(selectors, root = document) {
    for (const sel of selectors) {
      let nodes;
      try {
        nodes = root.querySelectorAll(sel);
      } catch {
        continue; // a bad selector in one adapter must not break the others
      }
      for (const el of nodes) if (visible(el)) return el;
    }
    return null;
  }

  /** The editable root for an event target: a textarea or the contenteditable host. */
  function editableRoot(node) {
    let el = node && node.nodeType === 1 ? node : node && node.parentElement;
    if (!el) return null;
    if (el.tagName === 'TEXTAREA') return el;
    if (!el.isContentEditable) return null;
    while (el.parentElement && el.parentElement.isContentEditable) el = el.parentElement;
    return el;
  }

  const api = {
    adapters,
    registerAdapter(adapter) {
      adapters.push(Object.freeze({
        hosts: [], inputSelectors: [], sendSelectors: [], answerSelectors: [], ...adapter,
      }));
    },
    /** The adapter claiming this host, else the generic one. */
    adapterFor(hostname) {
      const host = String(hostname).toLowerCase();
      return adapters.find((a) => a.hosts.includes(host))
        || adapters.find((a) => a.name === 'generic');
    },
    findInput(adapter, doc = document) {
      if (adapter.findInput) return adapter.findInput(doc);
      const el = firstVisible(adapter.inputSelectors, doc);
      return el ? editableRoot(el) || el : null;
    },
    /** The send button: an adapter selector, nearest to the input; else a button next to it. */
    findSendButton(adapter, input, doc = document) {
      if (adapter.findSendButton) return adapter.findSendButton(input, doc);
      const byName = firstVisible(adapter.sendSelectors, doc);
      if (byName) return byName;
      return api.nearbyButton(input);
    },
    nearbyButton(input) {
      let box = input;
      for (let depth = 0; box && depth < 6; depth += 1) {
        box = box.parentElement;
        if (!box) break;
        const buttons = [...box.querySelectorAll('button, [role="button"]')].filter(visible);
        const after = buttons.filter((b) => !b.contains(input)
          && (input.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
        if (after.length) return after[after.length - 1];
      }
      return null;
    },
    editableRoot,
    visible,
    firstVisible,
  };

  globalThis.Vigie = api;
})();
