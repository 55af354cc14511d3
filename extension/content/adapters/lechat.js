/* Mistral Le Chat: a textarea or ProseMirror prompt inside a form with a submit button. */
'use strict';

globalThis.Vigie.registerAdapter({
  name: 'lechat',
  hosts: ['chat.mistral.ai'],
  inputSelectors: ['textarea[name="message.text"]', 'div.ProseMirror[contenteditable="true"]', 'form textarea'],
  sendSelectors: ['button[aria-label="Send question"]', 'button[aria-label="Envoyer la question"]', 'form button[type="submit"]'],
  answerSelectors: ['[data-message-author-role="assistant"]', '.prose'],
});
