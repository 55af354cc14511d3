/* Microsoft Copilot: a React-controlled textarea and a submit button. */
'use strict';

globalThis.Vigie.registerAdapter({
  name: 'copilot',
  hosts: ['copilot.microsoft.com'],
  inputSelectors: ['textarea#userInput', 'textarea[data-testid="composer-input"]'],
  sendSelectors: ['button[data-testid="submit-button"]', 'button[aria-label="Submit message"]', 'button[aria-label="Envoyer le message"]'],
  answerSelectors: ['[data-content="ai-message"]'],
});
