import { closeSync, fdatasync, openSync } from "node:fs";
import { getSystemErrorName } from "node:util";
import { Worker } from "node:worker_threads";

/** The control words shared with the sync thread (int32, wrapping counters). */
export const COMMITTED = 0;
export const SYNCED = 1;
/** Non-zero once a sync failed: the negative errno (or -1), stored before the thread posts its error and ends. */
export const FAILED = 2;
export const STOP = 3;
/** How many fdatasyncs the thread has run (for tests and diagnostics). */
export const SYNCS = 4;
/** 1 while the event loop waits for word: the thread posts a message at its next sync (and clears it). */
export const ARMED = 5;

type Waiter = { seq: number; resolve: () => void; reject: (error: Error) => void };

/**
 * Durable SQLite commits without the event loop in the way: a thread fdatasyncs the WAL whenever commits are waiting,
 * and a commit's promise resolves once a sync that began after it has ended. The event loop only counts commits and
 * reads how far the thread got: when the thread posts that it synced (only while the loop waits for it), or sooner,
 * whenever `poll()` is called (the gateway polls at every request, so an answer does not wait for the loop's next
 * turn).
 *
 * A lone commit (nothing else waiting, no sync on its way) is synced on libuv's pool instead: waking the thread and
 * hearing back from it cost a single waiting writer about a quarter more time per write than the pool's round trip.
 *
 * Invariant: a waiter resolves only when a sync that began after its commit has ended: the thread's (SYNCED is raised
 * only after an fdatasync that began after COMMITTED reached the number) or the pool's (begun after the commit). A
 * failed sync fails every waiting and later commit: the database must be reopened (see walSyncThread.ts for why).
 */
export class WalSync {
  private readonly control = new Int32Array(new SharedArrayBuffer(32));
  private readonly worker: Worker;
  /**
   * Commits counted, as a plain number (exact to 2^53); the shared words hold it modulo 2^32, and what the thread
   * synced is recovered from them as the number at most 2^32 behind (it never lags more: it syncs up to COMMITTED).
   */
  private committed = 0;
  /** The highest commit made durable by a sync on libuv's pool, and that sync while it is on its way. */
  private pooled = 0;
  private pooling: Promise<void> | undefined;
  private readonly walFd: number;
  private waiters: Waiter[] = [];
  private armed = false;
  private failure: Error | undefined;
  private stopped = false;
  private readonly exited: Promise<unknown>;

  constructor(walPath: string) {
    this.walFd = openSync(walPath, "r");
    this.worker = new Worker(new URL("./walSyncThread.ts", import.meta.url), {
      workerData: { path: walPath, control: this.control.buffer },
    });
    this.worker.unref(); // held while commits wait (see after)
    this.exited = new Promise((resolve) => this.worker.once("exit", resolve));
    this.worker.on("message", (m: { error?: string }) => {
      if (m.error) this.fail(new Error(`the disk refused to sync the database's WAL: ${m.error}`));
      else this.wake();
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", () => {
      if (!this.stopped) this.fail(this.failure ?? new Error("the database's WAL sync thread exited"));
    });
  }

  /** How many fdatasyncs the thread has run. */
  get syncs(): number {
    return Atomics.load(this.control, SYNCS);
  }

  /** The highest commit known to be on the disk (by the thread's syncs or the pool's). */
  get durable(): number {
    const behind = ((this.committed | 0) - Atomics.load(this.control, SYNCED)) >>> 0;
    return Math.max(this.committed - behind, this.pooled);
  }

  /** Counts a commit that has just reached the WAL; resolves once it is on the disk. */
  after(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.stopped) return Promise.reject(new Error("the database is closed"));
    this.committed++;
    const seq = this.committed;
    if (this.waiters.length === 0 && !this.pooling) {
      return new Promise<void>((resolve, reject) => {
        this.waiters.push({ seq, resolve, reject });
        this.pooling = new Promise<void>((done) =>
          fdatasync(this.walFd, (error) => {
            this.pooling = undefined;
            done();
            if (error) return this.fail(new Error(`the disk refused to sync the database's WAL: ${error.message}`));
            this.pooled = Math.max(this.pooled, seq);
            this.poll();
          }),
        );
      });
    }
    Atomics.store(this.control, COMMITTED, seq | 0);
    Atomics.notify(this.control, COMMITTED);
    return new Promise<void>((resolve, reject) => {
      this.worker.ref(); // its word is awaited: keep the process alive for it (unref'd when nothing waits)
      this.waiters.push({ seq, resolve, reject });
      this.arm();
    });
  }

  /** Resolves the commits the thread has made durable so far (cheap when none). */
  poll(): void {
    if (this.waiters.length === 0) return;
    const failed = Atomics.load(this.control, FAILED);
    if (failed !== 0) {
      // Its message will say more; nothing waits for it (a covered waiter must not be answered after a failure).
      this.fail(new Error(`the disk refused to sync the database's WAL: ${errorName(failed)}`));
      return;
    }
    const durable = this.durable;
    let n = 0;
    while (n < this.waiters.length && (this.waiters[n] as Waiter).seq <= durable) n++;
    if (n === 0) return;
    const done = this.waiters.splice(0, n);
    if (this.waiters.length === 0) this.worker.unref();
    for (const w of done) w.resolve();
  }

  /**
   * Asks the thread for a message at its next sync. Either the thread sees ARMED after raising SYNCED, or this sees
   * the raised SYNCED after setting ARMED (both are sequentially consistent atomics): no sync goes unnoticed (and a
   * failed one is seen by poll, FAILED being stored before the thread ends).
   */
  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    Atomics.store(this.control, ARMED, 1);
    const first = this.waiters[0];
    if ((first && first.seq <= this.durable) || Atomics.load(this.control, FAILED) !== 0) {
      queueMicrotask(() => this.wake());
    }
  }

  private wake(): void {
    this.armed = false;
    this.poll();
    if (this.waiters.length > 0 && !this.failure) this.arm();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiters;
    this.waiters = [];
    this.worker.unref();
    for (const w of waiting) w.reject(this.failure);
  }

  /** Waits for the commits in flight, then ends the thread. */
  async close(): Promise<void> {
    while (this.waiters.length > 0 && !this.failure) await new Promise((r) => setTimeout(r, 1));
    await this.pooling;
    this.stopped = true;
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, COMMITTED);
    this.worker.ref(); // its exit is awaited
    await this.exited; // not terminate(): the thread ends its loop and exits on its own
    closeSync(this.walFd);
  }
}

/** "EINVAL" for -22: what a failed sync's errno is called. */
function errorName(errno: number): string {
  try {
    return getSystemErrorName(errno);
  } catch {
    return `errno ${errno}`;
  }
}
