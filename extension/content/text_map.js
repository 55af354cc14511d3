/*
 * The text of an editor as the daemon sees it, and the way back from UTF-16 offsets in that
 * text to something on screen (client rects) or in the DOM (a Range to select and replace).
 *
 * Textareas: the text is `value`. Contenteditable editors (ProseMirror, Quill, Lexical): the
 * text nodes in document order, with one "\n" between blocks; the newlines are virtual (no
 * DOM node), every other character maps to a (text node, offset) pair.
 */
'use strict';

(() => {
  const V = globalThis.Vigie;
  const BLOCK = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE',
    'BLOCKQUOTE', 'TABLE', 'TR', 'SECTION', 'ARTICLE']);

  function isField(el) {
    return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
  }

  /** {text, segments: [{node, start, end}]} for a contenteditable root. */
  function mapEditable(root) {
    const parts = [];
    const segments = [];
    let length = 0;
    const newline = () => {
      if (length > 0 && parts[parts.length - 1] !== '\n') {
        parts.push('\n');
        length += 1;
      }
    };
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          const data = child.data;
          if (data.length) {
            segments.push({ node: child, start: length, end: length + data.length });
            parts.push(data);
            length += data.length;
          }
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (child.tagName === 'BR') {
            if (!child.classList.contains('ProseMirror-trailingBreak')) {
              parts.push('\n');
              length += 1;
            }
            continue;
          }
          const block = BLOCK.has(child.tagName);
          if (block) newline();
          walk(child);
          if (block) newline();
        }
      }
    };
    walk(root);
    // The trailing block newline is not part of what the user typed.
    let text = parts.join('');
    if (text.endsWith('\n') && !(segments.length && segments[segments.length - 1].end === text.length)) {
      text = text.slice(0, -1);
    }
    return { text, segments };
  }

  function readText(el) {
    return isField(el) ? el.value : mapEditable(el).text;
  }

  /** DOM position for a text offset; `preferEnd` picks the end of a node at a boundary. */
  function position(segments, offset, preferEnd) {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid];
      if (offset < s.start) hi = mid - 1;
      else if (offset > s.end) lo = mid + 1;
      else if (offset === s.end && !preferEnd && mid + 1 < segments.length && segments[mid + 1].start === offset) lo = mid + 1;
      else if (offset === s.start && preferEnd && mid > 0 && segments[mid - 1].end === offset) hi = mid - 1;
      else return { node: s.node, offset: offset - s.start };
    }
    // Inside a virtual newline: snap to the nearest real text.
    const next = segments[lo];
    if (next && !preferEnd) return { node: next.node, offset: 0 };
    const prev = segments[lo - 1];
    if (prev) return { node: prev.node, offset: prev.node.data.length };
    return null;
  }

  function rangeFor(el, start, end) {
    const { segments } = mapEditable(el);
    const a = position(segments, start, false);
    const b = position(segments, end, true);
    if (!a || !b) return null;
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  const MIRROR_STYLES = ['boxSizing', 'width', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle',
    'letterSpacing', 'lineHeight', 'textTransform', 'wordSpacing', 'textIndent', 'paddingTop',
    'paddingRight', 'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth',
    'borderBottomWidth', 'borderLeftWidth', 'borderStyle', 'tabSize', 'direction'];

  /**
   * Client rects of [start, end) in a textarea, measured on a hidden mirror element placed
   * exactly over it inside our own shadow root (the page's DOM is never touched).
   */
  function fieldRects(el, spans, mirrorHost) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const mirror = document.createElement('div');
    for (const p of MIRROR_STYLES) mirror.style[p] = style[p];
    Object.assign(mirror.style, {
      position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, height: 'auto',
      visibility: 'hidden', overflow: 'hidden', borderColor: 'transparent',
      whiteSpace: el.tagName === 'INPUT' ? 'pre' : 'pre-wrap', overflowWrap: 'break-word',
      width: `${box.width}px`,
    });
    // A textarea with a scrollbar wraps narrower than its box.
    const scrollbar = el.offsetWidth - el.clientWidth - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    if (scrollbar > 0) mirror.style.paddingRight = `${parseFloat(style.paddingRight) + scrollbar}px`;
    const text = document.createTextNode(el.value);
    mirror.appendChild(text);
    mirrorHost.appendChild(mirror);
    const dx = -el.scrollLeft;
    const dy = -el.scrollTop;
    const out = [];
    const range = document.createRange();
    for (const [start, end] of spans) {
      range.setStart(text, Math.min(start, text.length));
      range.setEnd(text, Math.min(end, text.length));
      const rects = [];
      for (const r of range.getClientRects()) {
        const rect = { left: r.left + dx, top: r.top + dy, width: r.width, height: r.height };
        if (rect.top + rect.height > box.top && rect.top < box.bottom) rects.push(rect);
      }
      out.push(rects);
    }
    mirror.remove();
    return out;
  }

  /** For each [start, end) span: the client rects where it is drawn. */
  function spanRects(el, spans, mirrorHost) {
    if (isField(el)) return fieldRects(el, spans, mirrorHost);
    const { segments } = mapEditable(el);
    return spans.map(([start, end]) => {
      const a = position(segments, start, false);
      const b = position(segments, end, true);
      if (!a || !b) return [];
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      return [...range.getClientRects()].map((r) => ({ left: r.left, top: r.top, width: r.width, height: r.height }));
    });
  }

  V.text = { readText, mapEditable, rangeFor, spanRects, isField };
})();
