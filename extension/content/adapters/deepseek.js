/* DeepSeek: a plain textarea (#chat-input); the send control is a div role=button next to it. */
'use strict';

globalThis.Vigie.registerAdapter({
  name: 'deepseek',
  hosts: ['chat.deepseek.com'],
  inputSelectors: ['textarea#chat-input', 'textarea'],
  sendSelectors: ['#chat-send-button', 'div[role="button"][aria-disabled]'],
  answerSelectors: ['.ds-markdown'],
});
