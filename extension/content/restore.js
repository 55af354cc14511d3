/*
 * Shows the chatbot's answers with the real values in place of this conversation's
 * placeholders, on this screen only.
 *
 * Each placeholder in an answer is wrapped in a <span> whose light DOM keeps the placeholder
 * text (what the page's scripts read, copy back or re-send) and whose *closed* shadow root
 * displays the value, visibly marked as restored. The page cannot read a closed shadow
 * root, so nothing restored can be sent back by the chatbot's own code.
 */
'use strict';

(() => {
  const V = globalThis.Vigie;
  const ATTR = 'data-vigie-restored';
  const CSS = `
    .v { background: #e0f2fe; color: #0c4a6e; border-bottom: 1px dashed #0369a1;
      border-radius: 3px; padding: 0 2px; }
    .v::after { content: "↺"; font-size: .75em; margin-left: 2px; color: #0369a1; }
  `;

  let enabled = true;
  let timer = 0;
  let observer = null;

  function answerRoots(adapter) {
    if (!adapter.answerSelectors.length) return [document.body].filter(Boolean);
    const roots = [];
    for (const sel of adapter.answerSelectors) {
      try {
        roots.push(...document.querySelectorAll(sel));
      } catch { /* bad selector */ }
    }
    return roots;
  }

  function wrap(textNode, conversation) {
    const data = textNode.data;
    V.PLACEHOLDER_RE.lastIndex = 0;
    let match;
    let at = 0;
    const frag = document.createDocumentFragment();
    let changed = false;
    while ((match = V.PLACEHOLDER_RE.exec(data))) {
      const placeholder = match[0];
      const value = conversation.valueOf(placeholder);
      if (value === undefined) continue;
      changed = true;
      frag.append(data.slice(at, match.index));
      const span = document.createElement('span');
      span.setAttribute(ATTR, '');
      span.textContent = placeholder;
      const root = span.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = CSS;
      const shown = document.createElement('span');
      shown.className = 'v';
      shown.textContent = value;
      shown.title = V.labels.msg('restoredTitle', [placeholder]);
      root.append(style, shown);
      frag.append(span);
      at = match.index + placeholder.length;
    }
    if (!changed) return 0;
    frag.append(data.slice(at));
    textNode.replaceWith(frag);
    return 1;
  }

  function scan(adapter, conversation) {
    if (!enabled || conversation.size === 0) return;
    let wrapped = 0;
    for (const root of answerRoots(adapter)) {
      if (root.isContentEditable) continue;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode(node) {
          const parent = node.parentElement;
          if (!parent || parent.isContentEditable || parent.closest(`[${ATTR}]`)) return NodeFilter.FILTER_REJECT;
          if (parent.closest('textarea, script, style, [contenteditable="true"]')) return NodeFilter.FILTER_REJECT;
          return node.data.includes('[') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        },
      });
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      for (const node of nodes) wrapped += wrap(node, conversation);
    }
    if (wrapped) V.overlay.setAttr('restored-count', (Number(V.overlay.host.getAttribute('data-vigie-restored-count')) || 0) + wrapped);
  }

  /** Watch the page for answers (they stream in); restore shortly after they settle. */
  function start(adapter, conversation) {
    if (observer) return;
    observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => scan(adapter, conversation), 120);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    scan(adapter, conversation);
  }

  V.restore = {
    start,
    scan,
    setEnabled(value) {
      enabled = value;
    },
  };
})();
