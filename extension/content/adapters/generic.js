/* Generic adapter: any textarea or contenteditable, for sites the administrator adds. */
'use strict';

globalThis.Vigie.registerAdapter({
  name: 'generic',
  hosts: [],
  inputSelectors: ['textarea', '[contenteditable="true"]', '[contenteditable=""]', '[role="textbox"]'],
  sendSelectors: [
    'button[type="submit"]', 'button[aria-label*="send" i]', 'button[aria-label*="envoyer" i]',
    '[data-testid*="send" i]',
  ],
  answerSelectors: [],
  findInput(doc) {
    const active = globalThis.Vigie.editableRoot(doc.activeElement);
    if (active) return active;
    return globalThis.Vigie.firstVisible(this.inputSelectors, doc);
  },
});
