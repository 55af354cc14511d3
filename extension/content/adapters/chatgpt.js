/* ChatGPT: a ProseMirror editor (#prompt-textarea) and a send button with a test id. */
'use strict';

globalThis.Vigie.registerAdapter({
  name: 'chatgpt',
  hosts: ['chatgpt.com', 'chat.openai.com'],
  inputSelectors: ['#prompt-textarea[contenteditable="true"]', 'div.ProseMirror[contenteditable="true"]', 'textarea#prompt-textarea'],
  sendSelectors: ['button[data-testid="send-button"]', '#composer-submit-button', 'button[aria-label="Send prompt"]', 'button[aria-label="Envoyer le prompt"]'],
  answerSelectors: ['[data-message-author-role="assistant"]'],
});
