/*
 * Vigie's own layer: one host element with a shadow root, holding the underline boxes, the
 * count badge and the dialogs. The chatbot's editor DOM is never modified: underlines are
 * absolutely positioned boxes computed from the text's client rects.
 *
 * The host carries a few numeric data attributes (counts, timings) for the end-to-end tests
 * and the benchmark; they never carry text.
 */
'use strict';

(() => {
  const V = globalThis.Vigie;

  const CSS = `
    :host { all: initial; }
    .layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483646; }
    .mark { position: fixed; height: 2px; border-radius: 1px; pointer-events: none; }
    .mark.block { background: #c62828; }
    .mark.redact { background: #ef6c00; }
    .mark.warn { background: #f9a825; }
    .bg { position: fixed; opacity: .13; pointer-events: none; border-radius: 2px; }
    .bg.block { background: #c62828; } .bg.redact { background: #ef6c00; } .bg.warn { background: #f9a825; }
    .badge { position: fixed; pointer-events: auto; font: 600 12px/1.2 system-ui, sans-serif;
      background: #0c4a6e; color: #fff; padding: 3px 8px; border-radius: 10px; white-space: nowrap;
      box-shadow: 0 1px 3px rgba(0,0,0,.3); max-width: 60vw; overflow: hidden; text-overflow: ellipsis; }
    .badge[hidden] { display: none; }
    .badge.paused { background: #546e7a; font-weight: 500; }
    .mirror-host { position: fixed; left: 0; top: 0; width: 0; height: 0; overflow: visible; }
  `;

  class Overlay {
    constructor() {
      this.host = null;
      this.root = null;
      this.marks = null;
      this.badge = null;
      this.mirrorHost = null;
      this.current = null; // {input, findings}
      this.frame = 0;
      this.generation = 0;
    }

    ensure() {
      if (this.host && this.host.isConnected) return;
      if (!this.host) {
        this.host = document.createElement('div');
        this.host.setAttribute('data-vigie', 'overlay');
        this.root = this.host.attachShadow({ mode: 'open' });
        const style = document.createElement('style');
        style.textContent = CSS;
        const layer = document.createElement('div');
        layer.className = 'layer';
        this.marks = document.createElement('div');
        this.badge = document.createElement('div');
        this.badge.className = 'badge';
        this.badge.hidden = true;
        this.badge.title = V.labels.msg('badgeTitle');
        this.mirrorHost = document.createElement('div');
        this.mirrorHost.className = 'mirror-host';
        layer.append(this.marks, this.badge, this.mirrorHost);
        this.dialogSlot = document.createElement('div');
        this.root.append(style, layer, this.dialogSlot);
      }
      // Outside <body>: frameworks that own the body cannot remove it, and no editor contains it.
      (document.documentElement || document).appendChild(this.host);
    }

    setAttr(name, value) {
      this.ensure();
      this.host.setAttribute(`data-vigie-${name}`, String(value));
    }

    /**
     * Show `findings` (daemon offsets) under `input`'s text; [] clears. `paused`: protection
     * is paused from the tray, so no underline, only a discreet "Vigie en pause" badge.
     */
    show(input, findings, counts, paused = false) {
      this.ensure();
      this.current = findings.length && !paused ? { input, findings } : null;
      this.draw();
      const summary = paused ? '' : V.labels.describeCounts(counts || {});
      this.badge.hidden = !summary && !paused;
      this.badge.classList.toggle('paused', paused);
      this.badge.textContent = paused ? V.labels.msg('pausedBadge') : summary ? `Vigie : ${summary}` : '';
      this.badge.title = paused ? V.labels.msg('pausedBadgeTitle') : V.labels.msg('badgeTitle');
      this.host.setAttribute('data-vigie-paused', paused ? '1' : '0');
      this.placeBadge(input);
      this.generation += 1;
      this.host.setAttribute('data-vigie-count', String(findings.length));
      this.host.setAttribute('data-vigie-generation', String(this.generation));
      this.host.setAttribute('data-vigie-t-drawn', performance.now().toFixed(3));
      // The frame that paints it: what the user actually waits for.
      requestAnimationFrame(() => this.host.setAttribute('data-vigie-t-frame', performance.now().toFixed(3)));
    }

    clearMarks() {
      if (this.marks) this.marks.replaceChildren();
    }

    placeBadge(input) {
      if (!input || this.badge.hidden) return;
      const r = input.getBoundingClientRect();
      this.badge.style.left = `${Math.max(4, r.right - 8 - this.badge.offsetWidth)}px`;
      this.badge.style.top = `${Math.max(4, r.top - 24)}px`;
    }

    draw() {
      this.clearMarks();
      const cur = this.current;
      if (!cur || !cur.input.isConnected) return;
      const rects = V.text.spanRects(cur.input, cur.findings.map((f) => [f.start, f.end]), this.mirrorHost);
      const frag = document.createDocumentFragment();
      cur.findings.forEach((f, i) => {
        for (const r of rects[i]) {
          const bg = document.createElement('div');
          bg.className = `bg ${f.action}`;
          Object.assign(bg.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
          const line = document.createElement('div');
          line.className = `mark ${f.action}`;
          Object.assign(line.style, { left: `${r.left}px`, top: `${r.top + r.height - 2}px`, width: `${r.width}px` });
          frag.append(bg, line);
        }
      });
      this.marks.appendChild(frag);
    }

    /** Re-position after scroll/resize, at most once per frame. */
    schedule() {
      if (this.frame || !this.current) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.draw();
        if (this.current) this.placeBadge(this.current.input);
      });
    }
  }

  V.overlay = new Overlay();
  window.addEventListener('scroll', () => V.overlay.schedule(), { capture: true, passive: true });
  window.addEventListener('resize', () => V.overlay.schedule(), { passive: true });
})();
