import { GatewayError } from "./errors.ts";

type Waiter = { start: () => void; timer: NodeJS.Timeout | undefined };

/**
 * A per-model concurrency limit that serves AIDAO stakers first (the white paper's preferred service for token
 * holders). When every slot is busy, a staker's request waits in the priority queue, which is always served before
 * the normal one; a normal request waits at most `maxWaitMs` (then 429) and the normal queue holds at most
 * `maxQueue` (beyond it, 429 at once). `Retry-After` is estimated from the recent service time.
 */
export class PriorityScheduler {
  readonly limit: number;
  private readonly maxQueue: number;
  private readonly maxWaitMs: number;
  private active = 0;
  private readonly priority: Waiter[] = [];
  private readonly normal: Waiter[] = [];
  /** An exponential moving average of how long a request holds its slot, in ms. */
  private serviceMs = 50;

  constructor(p: { limit: number; maxQueue?: number; maxWaitMs?: number }) {
    if (!Number.isInteger(p.limit) || p.limit < 1) throw new Error("the concurrency limit must be a positive integer");
    this.limit = p.limit;
    this.maxQueue = p.maxQueue ?? 64;
    this.maxWaitMs = p.maxWaitMs ?? 10_000;
  }

  get stats() {
    return { limit: this.limit, active: this.active, priorityQueued: this.priority.length, queued: this.normal.length };
  }

  /** Runs `work` in a slot; stakers (`preferred`) go ahead of everyone else waiting. */
  async run<T>(preferred: boolean, work: () => Promise<T>): Promise<T> {
    await this.acquire(preferred);
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.serviceMs = 0.8 * this.serviceMs + 0.2 * (performance.now() - started);
      this.releaseSlot();
    }
  }

  private acquire(preferred: boolean): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    if (!preferred && this.normal.length >= this.maxQueue) throw this.busy();
    if (preferred && this.priority.length >= this.maxQueue * 4) throw this.busy();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { start: resolve, timer: undefined };
      if (preferred) {
        this.priority.push(waiter);
        return;
      }
      waiter.timer = setTimeout(() => {
        const i = this.normal.indexOf(waiter);
        if (i >= 0) this.normal.splice(i, 1);
        reject(this.busy());
      }, this.maxWaitMs);
      this.normal.push(waiter);
    });
  }

  private releaseSlot(): void {
    const next = this.priority.shift() ?? this.normal.shift();
    if (!next) {
      this.active--;
      return;
    }
    if (next.timer) clearTimeout(next.timer);
    next.start(); // the slot passes straight to the next request
  }

  private busy(): GatewayError {
    const waiting = this.priority.length + this.normal.length + 1;
    const retryAfter = Math.max(1, Math.ceil((this.serviceMs * waiting) / this.limit / 1000));
    return new GatewayError(
      "BUSY",
      `the model is busy (${this.active} running, ${waiting - 1} waiting); stakers of AIDAO are served first. Retry in ${retryAfter} s`,
      { retryAfter },
      retryAfter,
    );
  }
}
