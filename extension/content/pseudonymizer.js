/*
 * Consistent placeholders for one conversation: the same value always becomes the same
 * placeholder ([PATIENT_1], [DATE_1], [NIR_1]...), so the chatbot's answer still makes sense
 * and can be shown back with the real values.
 *
 * The mapping lives in this content script's memory only (the tab): never in storage, never
 * sent anywhere. Reloading the tab forgets it.
 */
'use strict';

(() => {
  const V = globalThis.Vigie;
  const NAME_LABELS = new Set(['NOM', 'PRENOM']);
  const COMPACT_LABELS = new Set(['SECU', 'TEL', 'IBAN', 'CARTE', 'RPPS', 'IPP', 'NDA', 'ZIP']);
  const PLACEHOLDER_RE = /\[([A-Z_]+)_(\d+)\]/g;

  class Pseudonymizer {
    constructor() {
      this.byKey = new Map(); // stem + normalized value -> placeholder
      this.byPlaceholder = new Map(); // placeholder -> value as first written
      this.counters = new Map(); // stem -> last number
    }

    static normalize(label, value) {
      let v = value.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
      if (COMPACT_LABELS.has(label)) v = v.replace(/[^0-9a-z]/g, '');
      return v;
    }

    placeholderFor(label, value) {
      const stem = V.labels.PLACEHOLDER[label] || label;
      const key = `${stem}\u0000${Pseudonymizer.normalize(label, value)}`;
      let placeholder = this.byKey.get(key);
      if (!placeholder) {
        const n = (this.counters.get(stem) || 0) + 1;
        this.counters.set(stem, n);
        placeholder = `[${stem}_${n}]`;
        this.byKey.set(key, placeholder);
        this.byPlaceholder.set(placeholder, value);
      }
      return placeholder;
    }

    /**
     * Replacement plan for `text`: [{start, end, placeholder}] sorted by start, one entry per
     * finding to hide, with adjacent name parts ("Le Gall" + "Rose") merged into one patient.
     */
    plan(text, findings) {
      const spans = findings
        .filter((f) => f.action !== 'allow' && f.end > f.start)
        .map((f) => ({ start: f.start, end: f.end, label: f.label }))
        .sort((a, b) => a.start - b.start || b.end - a.end);
      const merged = [];
      for (const s of spans) {
        const last = merged[merged.length - 1];
        if (last && s.start < last.end) {
          last.end = Math.max(last.end, s.end); // overlap: one span
          continue;
        }
        if (last && NAME_LABELS.has(last.label) && NAME_LABELS.has(s.label)
          && /^[\s-]*$/.test(text.slice(last.end, s.start))) {
          last.end = s.end;
          continue;
        }
        merged.push({ ...s });
      }
      return merged.map((s) => ({
        start: s.start,
        end: s.end,
        placeholder: this.placeholderFor(s.label, text.slice(s.start, s.end)),
      }));
    }

    /** `text` with the plan applied. */
    static apply(text, plan) {
      let out = '';
      let at = 0;
      for (const p of plan) {
        out += text.slice(at, p.start) + p.placeholder;
        at = p.end;
      }
      return out + text.slice(at);
    }

    valueOf(placeholder) {
      return this.byPlaceholder.get(placeholder);
    }

    get size() {
      return this.byPlaceholder.size;
    }
  }

  V.Pseudonymizer = Pseudonymizer;
  V.PLACEHOLDER_RE = PLACEHOLDER_RE;
  V.conversation = new Pseudonymizer();
})();
