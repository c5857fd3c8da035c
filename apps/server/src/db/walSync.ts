import { closeSync, fdatasync, openSync } from "node:fs";
import { Worker } from "node:worker_threads";

/** The control words shared with the sync thread (int32, wrapping counters). */
export const COMMITTED = 0;
export const SYNCED = 1;
/** 1 once a sync failed (the thread has ended; its error comes as a message). */
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
  private committed = 0;
  /** The highest commit made durable by a sync on libuv's pool, and whether one is on its way. */
  private pooled = 0;
  private pooling = false;
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
    const synced = Atomics.load(this.control, SYNCED);
    return ((synced - this.pooled) | 0) >= 0 ? synced : this.pooled;
  }

  /** Counts a commit that has just reached the WAL; resolves once it is on the disk. */
  after(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.stopped) return Promise.reject(new Error("the database is closed"));
    this.committed = (this.committed + 1) | 0;
    const seq = this.committed;
    if (this.waiters.length === 0 && !this.pooling) {
      this.pooling = true;
      return new Promise<void>((resolve, reject) => {
        this.waiters.push({ seq, resolve, reject });
        fdatasync(this.walFd, (error) => {
          this.pooling = false;
          if (error) return this.fail(new Error(`the disk refused to sync the database's WAL: ${error.message}`));
          if (((seq - this.pooled) | 0) > 0) this.pooled = seq;
          this.poll();
        });
      });
    }
    Atomics.store(this.control, COMMITTED, seq);
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
    if (Atomics.load(this.control, FAILED) === 1) return; // the thread's message says why: fail() then
    const synced = this.durable;
    let n = 0;
    // Wrapping counters: a waiter is durable when synced is not behind it.
    while (n < this.waiters.length && ((synced - (this.waiters[n] as Waiter).seq) | 0) >= 0) n++;
    if (n === 0) return;
    const done = this.waiters.splice(0, n);
    if (this.waiters.length === 0) this.worker.unref();
    for (const w of done) w.resolve();
  }

  /**
   * Asks the thread for a message at its next sync. Either the thread sees ARMED after raising SYNCED, or this sees
   * the raised SYNCED after setting ARMED (both are sequentially consistent atomics): no sync goes unnoticed.
   */
  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    Atomics.store(this.control, ARMED, 1);
    const first = this.waiters[0];
    if (first && ((this.durable - first.seq) | 0) >= 0) queueMicrotask(() => this.wake());
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
    this.stopped = true;
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, COMMITTED);
    this.worker.ref(); // its exit is awaited
    await this.exited; // not terminate(): the thread ends its loop and exits on its own
    closeSync(this.walFd);
  }
}
