/**
 * A fixed-window counter per key (Snapshot's sequencer: 100 requests per minute per IP). Windows of the keys seen
 * are kept until they lapse; memory is bounded by the keys active in one window.
 */
export class RateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(limit: number, windowMs = 60_000) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Counts a request for `key`; returns the seconds to wait when over the limit, else 0. */
  take(key: string, nowMs = Date.now()): number {
    if (nowMs - this.lastSweep > this.windowMs) this.sweep(nowMs);
    let w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      w = { start: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.limit) return Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000));
    w.count++;
    return 0;
  }

  /** How many keys have a live window (memory held). */
  get tracked(): number {
    return this.windows.size;
  }

  private sweep(nowMs: number): void {
    this.lastSweep = nowMs;
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
  }
}
