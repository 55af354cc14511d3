import { localize, renderStatus, status } from './i18n.js';

localize();
status().then((s) => renderStatus(s));
// The connection may come up a moment after the popup opens.
setTimeout(() => status().then((s) => renderStatus(s)), 600);
