/* Claude: a ProseMirror editor and a "Send message" button. */
'use strict';

globalThis.Vigie.registerAdapter({
  name: 'claude',
  hosts: ['claude.ai'],
  inputSelectors: ['div.ProseMirror[contenteditable="true"]', '[data-testid="chat-input"] [contenteditable="true"]'],
  sendSelectors: ['button[aria-label="Send message"]', 'button[aria-label="Envoyer le message"]', 'button[data-testid="send-button"]'],
  answerSelectors: ['.font-claude-message', '[data-testid="assistant-message"]', '[data-is-streaming]'],
});
