/*
 * Display names and placeholder categories for the daemon's labels (eds-pseudo scheme).
 * Names come from _locales (label_<LABEL>_one / _other) so the dialog follows the browser
 * language, French first.
 */
'use strict';

(() => {
  const V = globalThis.Vigie;
  const ORDER = ['NOM', 'PRENOM', 'DATE_NAISSANCE', 'SECU', 'DATE', 'ADRESSE', 'ZIP', 'VILLE', 'TEL',
    'MAIL', 'IPP', 'NDA', 'HOPITAL', 'IBAN', 'CARTE', 'RPPS'];

  // Placeholder stem per label: names share PATIENT so "Mme Le Gall Rose" reads [PATIENT_1].
  const PLACEHOLDER = {
    NOM: 'PATIENT', PRENOM: 'PATIENT', DATE_NAISSANCE: 'DATE_NAISSANCE', DATE: 'DATE',
    ADRESSE: 'ADRESSE', ZIP: 'CODE_POSTAL', VILLE: 'VILLE', TEL: 'TEL', MAIL: 'EMAIL', SECU: 'NIR',
    IPP: 'IPP', NDA: 'NDA', HOPITAL: 'ETABLISSEMENT', IBAN: 'IBAN', CARTE: 'CARTE', RPPS: 'RPPS',
  };

  function msg(key, subs) {
    try {
      return chrome.i18n.getMessage(key, subs) || key;
    } catch {
      return key; // extension context invalidated (extension reloaded under the page)
    }
  }

  function labelName(label, count) {
    return msg(`label_${label}_${count > 1 ? 'other' : 'one'}`) || label;
  }

  /** "2 noms, 1 NIR, 1 date de naissance" from {NOM: 2, SECU: 1, ...}. */
  function describeCounts(counts) {
    const labels = Object.keys(counts || {}).filter((l) => counts[l] > 0);
    labels.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
    return labels.map((l) => `${counts[l]} ${labelName(l, counts[l])}`).join(', ');
  }

  V.labels = { ORDER, PLACEHOLDER, labelName, describeCounts, msg };
})();
