/* Gemini: a Quill editor inside <rich-textarea> and a send button. */
'use strict';

globalThis.Vigie.registerAdapter({
  name: 'gemini',
  hosts: ['gemini.google.com'],
  inputSelectors: ['rich-textarea .ql-editor[contenteditable="true"]', '.ql-editor[contenteditable="true"]'],
  sendSelectors: ['button.send-button', 'button[aria-label="Send message"]', 'button[aria-label="Envoyer un message"]'],
  answerSelectors: ['model-response', 'message-content'],
});
