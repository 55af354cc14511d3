/**
 * Events and health reports for the daemon's near-miss log, with a small offline queue.
 *
 * Messages hold outcomes, labels and counts only (the protocol has no field for text).
 * While the daemon is down they wait in memory and in chrome.storage.session (RAM only,
 * never written to disk) and are flushed after the next welcome.
 */

const MAX_QUEUE = 200;

function todayKey() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export class EventOutbox {
  constructor(connection) {
    this.connection = connection;
    this.queue = null; // loaded lazily from storage.session
  }

  async load() {
    if (this.queue) return this.queue;
    try {
      const { outbox } = await chrome.storage.session.get('outbox');
      this.queue = Array.isArray(outbox) ? outbox : [];
    } catch {
      this.queue = [];
    }
    return this.queue;
  }

  async persist() {
    try {
      await chrome.storage.session.set({ outbox: this.queue });
    } catch { /* session storage unavailable: memory only */ }
  }

  /** Queue one message and try to deliver everything; resolves with {queued|logged}. */
  async push(message) {
    const msg = { ...message };
    if (msg.type === 'event') {
      msg.id = msg.id || this.connection.nextId('e');
      await this.count(msg.outcome);
    }
    const queue = await this.load();
    queue.push(msg);
    if (queue.length > MAX_QUEUE) queue.splice(0, queue.length - MAX_QUEUE);
    await this.persist();
    const result = await this.flush();
    return { ok: true, ...result };
  }

  async flush() {
    const queue = await this.load();
    if (!this.connection.isReady || queue.length === 0) return { queued: queue.length };
    let logged = 0;
    while (queue.length && this.connection.isReady) {
      const msg = queue[0];
      if (msg.type === 'event') {
        try {
          await this.connection.request(msg, 5000);
          logged += 1;
        } catch (err) {
          // Refused by the daemon (err.code): drop it rather than retry forever.
          if (!(err && err.code)) break; // disconnected: keep it for later
        }
      } else if (!this.connection.send(msg)) {
        break;
      }
      queue.shift();
    }
    await this.persist();
    return { queued: queue.length, logged };
  }

  async count(outcome) {
    const key = todayKey();
    const { today } = await chrome.storage.local.get('today');
    const current = today && today.date === key ? today : { date: key, counts: {} };
    current.counts[outcome] = (current.counts[outcome] || 0) + 1;
    await chrome.storage.local.set({ today: current });
  }

  async todayCounts() {
    const { today } = await chrome.storage.local.get('today');
    if (!today || today.date !== todayKey()) return { counts: {} };
    return { counts: today.counts };
  }
}
