/* Perplexity: the #ask-input box (textarea or Lexical contenteditable) and a submit button. */
'use strict';

globalThis.Vigie.registerAdapter({
  name: 'perplexity',
  hosts: ['www.perplexity.ai', 'perplexity.ai'],
  inputSelectors: ['#ask-input', 'textarea[placeholder]', 'div[contenteditable="true"][role="textbox"]'],
  sendSelectors: ['button[data-testid="submit-button"]', 'button[aria-label="Submit"]', 'button[aria-label="Envoyer"]'],
  answerSelectors: ['.prose'],
});
