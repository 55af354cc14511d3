/*
 * The guard on a chatbot page: analyse while typing (debounced), stop a submission that
 * carries patient data, ask the user, pseudonymize through the editor's own input path, and
 * report every outcome (counts only) to the daemon. Loaded last; listeners are installed at
 * document_start in the capture phase on window, so they run before any page handler.
 */
'use strict';

(() => {
  const V = globalThis.Vigie;
  if (V.guardInstalled) return;
  V.guardInstalled = true;

  const msg = (k, s) => V.labels.msg(k, s);
  const DEBOUNCE_MS = 150;
  const site = location.hostname;
  const adapter = V.adapterFor(site);

  const DEFAULT_GUARD = {
    guarded: true, unreachable: 'block', override_allowed: true, override_reasons: [],
    show_underline: true, restore_answers: true,
  };
  let guard = { ...DEFAULT_GUARD };
  let degraded = null; // null | 'no_input'
  let busy = false;
  let pass = null; // {input, text, until}: our own re-dispatched submission goes through
  let typingTimer = 0;
  let lastInput = null;
  const cache = new Map(); // text -> {reply, at}, a few entries (tab memory only)
  const inflight = new Map(); // text -> Promise<reply>
  const reported = new Set(); // health problems already reported
  // A submission stopped for patient data and then sent clean means the user removed the
  // data by hand: that is the "sent_clean" outcome of the near-miss. A prompt that never
  // held any is not an incident and is not reported.
  let cleanedFrom = null; // the stopped result (counts only)

  function reportCleaned() {
    if (cleanedFrom) report('sent_clean', cleanedFrom);
    cleanedFrom = null;
  }

  // ---------------------------------------------------------------- messaging

  async function ask(message) {
    try {
      return await chrome.runtime.sendMessage({ ...message, site });
    } catch {
      return null; // extension reloaded or worker unavailable
    }
  }

  function absorb(reply) {
    if (reply && reply.guard) {
      guard = reply.guard;
      V.restore.setEnabled(guard.restore_answers);
      V.overlay.setAttr('guarded', guard.guarded);
    }
  }

  const CACHE_MS = 60_000; // a policy change reaches cached verdicts within a minute

  function cached(text) {
    const hit = cache.get(text);
    if (hit && performance.now() - hit.at < CACHE_MS) return hit.reply;
    cache.delete(text);
    return null;
  }

  function analyze(text) {
    const hit = cached(text);
    if (hit) return Promise.resolve(hit);
    if (inflight.has(text)) return inflight.get(text);
    const p = ask({ kind: 'analyze', text }).then((reply) => {
      inflight.delete(text);
      const out = reply || { ok: false, reason: 'unreachable', guard };
      absorb(out);
      // A paused result (every action allow) must not outlive the pause: never cached.
      if (out.ok && !out.result.paused) {
        cache.set(text, { reply: out, at: performance.now() });
        if (cache.size > 8) cache.delete(cache.keys().next().value);
      }
      return out;
    });
    inflight.set(text, p);
    return p;
  }

  function report(outcome, result, reason = null) {
    const findings = result ? result.findings : [];
    const event = {
      id: (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)),
      outcome,
      proposed_action: result ? result.action : (guard.unreachable === 'warn' ? 'warn' : 'block'),
      counts: result ? { ...result.counts } : {},
      max_score: findings.reduce((m, f) => Math.max(m, f.score || 0), 0),
      reason,
    };
    ask({ kind: 'event', event });
  }

  function health(problem) {
    if (reported.has(problem)) return;
    reported.add(problem);
    ask({ kind: 'health', problem });
  }

  // ---------------------------------------------------------------- inputs

  function adapterInput() {
    try {
      return V.findInput(adapter);
    } catch {
      health('adapter_error');
      return null;
    }
  }

  /** The guarded editor an event target belongs to, or null. */
  function resolveInput(target) {
    const node = target && target.nodeType ? target : null;
    if (!node || (V.overlay.host && V.overlay.host.contains(node))) return null;
    const main = adapterInput();
    if (main && (main === node || main.contains(node))) return main;
    return V.editableRoot(node);
  }

  function sendButtonFor(target) {
    const el = target && target.nodeType === 1 ? target : target && target.parentElement;
    if (!el) return null;
    const input = adapterInput() || lastInput;
    if (!input) return null;
    let button = null;
    try {
      button = V.findSendButton(adapter, input);
    } catch {
      health('adapter_error');
    }
    if (button && button.contains(el)) return { button, input };
    const nearby = V.nearbyButton(input);
    if (nearby && nearby.contains(el) && (!button || degraded)) return { button: nearby, input };
    return null;
  }

  function stop(e) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  function passes(input, text) {
    return pass && pass.input === input && pass.text === text && performance.now() < pass.until;
  }

  // ---------------------------------------------------------------- typing

  function onInput(e) {
    if (!guard.guarded) return;
    const input = resolveInput(e.target);
    if (!input) return;
    lastInput = input;
    V.overlay.setAttr('t-input', e.timeStamp.toFixed(3));
    V.overlay.clearMarks();
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => refresh(input), DEBOUNCE_MS);
  }

  async function refresh(input) {
    const text = V.text.readText(input);
    if (!text.trim()) {
      V.overlay.show(input, [], {});
      return;
    }
    const reply = await analyze(text);
    if (V.text.readText(input) !== text) return; // typed again meanwhile: a newer refresh comes
    if (reply.ok && reply.result.paused) V.overlay.show(input, [], {}, true);
    else if (reply.ok && guard.show_underline) V.overlay.show(input, reply.result.findings, reply.result.counts);
    else V.overlay.show(input, [], {});
  }

  // ---------------------------------------------------------------- submit

  function intercept(e, input, trigger) {
    const text = V.text.readText(input);
    if (!text.trim()) return;
    if (passes(input, text)) return;
    if (busy || V.dialog.isOpen) {
      stop(e);
      return;
    }
    const known = cached(text);
    if (!degraded && known && known.result.action === 'allow') {
      reportCleaned();
      return; // analysed while typing and clean: let the page's own handler run untouched
    }
    stop(e);
    V.overlay.setAttr('t-key', e.timeStamp.toFixed(3));
    decide(input, text, trigger);
  }

  function onKeyDown(e) {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.isComposing || e.keyCode === 229) return;
    if (!guard.guarded) return;
    const input = resolveInput(e.target);
    if (!input) return;
    lastInput = input;
    intercept(e, input, { type: 'enter' });
  }

  function onClick(e) {
    if (!guard.guarded || e.button !== 0) return;
    const hit = sendButtonFor(e.target);
    if (!hit) return;
    intercept(e, hit.input, { type: 'click', button: hit.button });
  }

  function onSubmit(e) {
    if (!guard.guarded) return;
    const form = e.target;
    const input = adapterInput() || lastInput;
    if (!input || !form.contains || !form.contains(input)) return;
    intercept(e, input, { type: 'submit', form, submitter: e.submitter || null });
  }

  async function decide(input, text, trigger) {
    busy = true;
    try {
      if (degraded && guard.unreachable !== 'warn') {
        V.overlay.setAttr('t-decision', performance.now().toFixed(3));
        await V.dialog.show({
          kind: 'degraded', title: msg('degradedTitle'), lines: [msg('degradedBlock')],
          buttons: [{ action: 'edit', label: msg('btnEdit'), primary: true }],
        });
        report('blocked', null);
        input.focus();
        return;
      }
      const reply = await analyze(text);
      V.overlay.setAttr('t-decision', performance.now().toFixed(3));
      if (!reply.ok) {
        const choice = await unreachable(reply);
        if (choice === 'send') resubmit(input, trigger);
        else input.focus();
        return;
      }
      const result = reply.result;
      if (result.paused) {
        // Paused from the tray (the policy allows it): never block, say so discreetly. A
        // prompt stopped before the pause is not "sent clean": nothing to report.
        cleanedFrom = null;
        V.overlay.show(input, [], {}, true);
        resubmit(input, trigger);
        return;
      }
      if (result.action === 'allow') {
        reportCleaned();
        resubmit(input, trigger);
        return;
      }
      if (guard.show_underline) V.overlay.show(input, result.findings, result.counts);
      const choice = await V.dialog.show(findingsDialog(result, false));
      if (choice.action === 'pseudonymize') {
        const ok = await pseudonymizeInPlace(input, text, result);
        if (!ok) {
          report('blocked', result);
          await V.dialog.show({
            kind: 'pseudo-failed', title: msg('pseudoFailedTitle'), lines: [msg('pseudoFailed')],
            buttons: [{ action: 'edit', label: msg('btnEdit'), primary: true }],
          });
          input.focus();
          return;
        }
        report('pseudonymized', result);
        resubmit(input, trigger);
      } else if (choice.action === 'send') {
        report(result.action === 'warn' ? 'warned_sent' : 'overridden', result, choice.reason || null);
        resubmit(input, trigger);
      } else {
        report('cancelled', result);
        cleanedFrom = { action: result.action, counts: { ...result.counts }, findings: result.findings.map((f) => ({ score: f.score })) };
        input.focus();
      }
    } finally {
      busy = false;
    }
  }

  function findingsDialog(result, isPaste) {
    const list = V.labels.describeCounts(result.counts);
    const explain = result.action === 'block' ? 'dialogBlockExplain'
      : result.action === 'redact' ? 'dialogRedactExplain' : 'dialogWarnExplain';
    const lines = [msg(explain)];
    if (result.action === 'block') lines.push(msg('dialogRedactExplain'));
    const buttons = [
      { action: 'pseudonymize', label: msg(isPaste ? 'btnPseudonymizePaste' : 'btnPseudonymize'), primary: true },
      { action: 'edit', label: msg('btnEdit') },
    ];
    const overrideLabel = msg(isPaste ? 'btnPasteAnyway' : 'btnSendAnyway');
    if (result.action === 'warn') buttons.push({ action: 'send', label: overrideLabel, danger: true });
    else if (guard.override_allowed) buttons.push({ action: 'send', label: overrideLabel, danger: true, needsReason: true });
    return {
      kind: 'findings',
      title: msg('dialogTitle'),
      found: msg(isPaste ? 'dialogFoundPaste' : 'dialogFound', [list]),
      lines,
      buttons,
      reasons: guard.override_reasons,
    };
  }

  /**
   * The text could not be checked (guard down, text too long, daemon error): block, or warn
   * only, per policy. Resolves 'send' or 'edit'.
   */
  async function unreachable(reply) {
    const warnOnly = guard.unreachable === 'warn';
    const code = reply && reply.code;
    let title = msg('unreachableTitle');
    let line = msg(warnOnly ? 'unreachableWarn' : 'unreachableBlock');
    if (code === 'too_large') {
      title = msg('tooLargeTitle');
      line = msg('tooLarge');
    } else if (reply && reply.reason === 'error') {
      title = msg('checkFailedTitle');
      line = msg('checkFailed');
    }
    const choice = await V.dialog.show({
      kind: code === 'too_large' ? 'too-large' : reply && reply.reason === 'error' ? 'check-failed' : 'unreachable',
      title,
      lines: [line],
      buttons: warnOnly
        ? [{ action: 'edit', label: msg('btnEdit'), primary: true }, { action: 'send', label: msg('btnSendAnyway'), danger: true }]
        : [{ action: 'edit', label: msg('btnEdit'), primary: true }],
    });
    report(!warnOnly ? 'blocked' : choice.action === 'send' ? 'warned_sent' : 'cancelled', null);
    return warnOnly && choice.action === 'send' ? 'send' : 'edit';
  }

  /** Send again what the user asked to send, letting our own listeners wave it through. */
  function resubmit(input, trigger) {
    const text = V.text.readText(input);
    pass = { input, text, until: performance.now() + 2000 };
    try {
      if (trigger.type === 'click' && trigger.button.isConnected) {
        trigger.button.click();
        return;
      }
      if (trigger.type === 'submit' && trigger.form.isConnected) {
        trigger.form.requestSubmit(trigger.submitter && trigger.submitter.isConnected ? trigger.submitter : undefined);
        return;
      }
      input.focus();
      const ev = new KeyboardEvent('keydown', {
        key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true,
      });
      input.dispatchEvent(ev);
      if (ev.defaultPrevented || V.text.readText(input) !== text) return; // the page handled it
      const button = adapter.name === 'generic' ? null : V.findSendButton(adapter, input);
      if (button) button.click();
      else if (input.form) input.form.requestSubmit();
    } finally {
      pass = null;
    }
  }

  // ---------------------------------------------------------------- pseudonymize

  const tick = () => new Promise((r) => setTimeout(r, 0));

  function nativeSetValue(input, value) {
    const proto = input.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Replace [start, end) with `replacement` through the editor's own input path. */
  async function replaceRange(input, start, end, replacement) {
    input.focus();
    if (V.text.isField(input)) {
      const before = input.value;
      input.setSelectionRange(start, end);
      const done = document.execCommand('insertText', false, replacement);
      const expected = before.slice(0, start) + replacement + before.slice(end);
      if (!done || input.value !== expected) nativeSetValue(input, expected);
      return;
    }
    const range = V.text.rangeFor(input, start, end);
    if (!range) return;
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    document.execCommand('insertText', false, replacement);
    await tick(); // let the editor (ProseMirror...) re-render before the next range is mapped
  }

  /** Pseudonymize the editor's text in place; true when verified clean of every value. */
  async function pseudonymizeInPlace(input, text, result) {
    const plan = V.conversation.plan(text, result.findings);
    for (const step of [...plan].reverse()) await replaceRange(input, step.start, step.end, step.placeholder);
    const after = V.text.readText(input);
    const expected = V.Pseudonymizer.apply(text, plan);
    const leaked = plan.some((p) => {
      const value = text.slice(p.start, p.end).trim();
      return value && after.includes(value) && !expected.includes(value);
    });
    // The editor must hold exactly the planned text (modulo whitespace its model normalises):
    // never send a half-cleaned prompt.
    const squash = (t) => t.replace(/\s+/g, ' ').trim();
    if (leaked || (after !== expected && squash(after) !== squash(expected))) return false;
    V.overlay.show(input, [], {});
    return true;
  }

  // ---------------------------------------------------------------- paste

  function insertText(input, text, savedRange) {
    input.focus();
    if (V.text.isField(input)) {
      const start = input.selectionStart;
      const end = input.selectionEnd;
      const before = input.value;
      const done = document.execCommand('insertText', false, text);
      const expected = before.slice(0, start) + text + before.slice(end);
      if (!done || input.value !== expected) nativeSetValue(input, expected);
      return;
    }
    if (savedRange) {
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(savedRange);
    }
    // Editors parse a paste into their own structure (paragraphs): hand them a paste event.
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const ev = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
    pass = { input, text: V.text.readText(input), until: performance.now() + 2000 };
    try {
      const target = getSelection().anchorNode && input.contains(getSelection().anchorNode)
        ? getSelection().anchorNode.parentElement || input : input;
      target.dispatchEvent(ev);
    } finally {
      pass = null;
    }
    if (!ev.defaultPrevented) document.execCommand('insertText', false, text);
  }

  function onPaste(e) {
    if (!guard.guarded) return;
    const input = resolveInput(e.target);
    if (!input) return;
    if (passes(input, V.text.readText(input))) return;
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!text || !text.trim()) return;
    stop(e);
    if (busy || V.dialog.isOpen) return;
    lastInput = input;
    const sel = getSelection();
    const savedRange = !V.text.isField(input) && sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
    V.overlay.setAttr('t-key', e.timeStamp.toFixed(3));
    inspectPaste(input, text, savedRange);
  }

  /** Text dragged in from outside the editor is inspected like a paste. */
  let internalDrag = false;

  function onDragStart(e) {
    internalDrag = Boolean(resolveInput(e.target)); // moving text already in the editor
  }

  function onDrop(e) {
    const internal = internalDrag;
    internalDrag = false;
    if (!guard.guarded || internal) return;
    const input = resolveInput(e.target);
    if (!input) return;
    const text = e.dataTransfer ? e.dataTransfer.getData('text/plain') : '';
    if (!text || !text.trim()) return;
    stop(e);
    if (busy || V.dialog.isOpen) return;
    lastInput = input;
    const savedRange = !V.text.isField(input) && document.caretRangeFromPoint
      ? document.caretRangeFromPoint(e.clientX, e.clientY) : null;
    V.overlay.setAttr('t-key', e.timeStamp.toFixed(3));
    inspectPaste(input, text, savedRange);
  }

  async function inspectPaste(input, text, savedRange) {
    busy = true;
    try {
      const reply = await analyze(text);
      V.overlay.setAttr('t-decision', performance.now().toFixed(3));
      if (!reply.ok) {
        if ((await unreachable(reply)) === 'send') insertText(input, text, savedRange);
        return;
      }
      const result = reply.result;
      if (result.action === 'allow') {
        insertText(input, text, savedRange);
        return;
      }
      const choice = await V.dialog.show(findingsDialog(result, true));
      if (choice.action === 'pseudonymize') {
        const plan = V.conversation.plan(text, result.findings);
        insertText(input, V.Pseudonymizer.apply(text, plan), savedRange);
        report('pseudonymized', result);
      } else if (choice.action === 'send') {
        insertText(input, text, savedRange);
        report(result.action === 'warn' ? 'warned_sent' : 'overridden', result, choice.reason || null);
      } else {
        report('cancelled', result);
        input.focus();
      }
    } finally {
      busy = false;
    }
  }

  // ---------------------------------------------------------------- start-up

  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('click', onClick, true);
  window.addEventListener('submit', onSubmit, true);
  window.addEventListener('paste', onPaste, true);
  window.addEventListener('input', onInput, true);
  window.addEventListener('dragstart', onDragStart, true);
  window.addEventListener('drop', onDrop, true);

  ask({ kind: 'config' }).then(absorb);

  /** Check that the site adapter still recognises the page; report and degrade if not. */
  function checkAdapter() {
    if (!guard.guarded || adapter.name === 'generic') return;
    const input = adapterInput();
    if (!input) {
      degraded = 'no_input';
      health('no_input');
      return;
    }
    degraded = null;
    let button = null;
    try {
      button = V.findSendButton(adapter, input);
    } catch {
      health('adapter_error');
    }
    if (!button) health('no_send_button');
  }

  function whenReady() {
    V.restore.start(adapter, V.conversation);
    // Chatbots render their composer late: give the page time, and re-check while degraded.
    let checks = 0;
    const again = () => {
      if (adapterInput()) {
        checkAdapter();
        return;
      }
      checks += 1;
      if (checks >= 10) {
        checkAdapter();
        if (degraded) setTimeout(again, 5000);
        return;
      }
      setTimeout(again, 300);
    };
    again();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', whenReady, { once: true });
  else whenReady();
})();
