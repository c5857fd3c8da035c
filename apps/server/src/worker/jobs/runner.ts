// The runner: claims jobs from the queue (jobs/queue.ts), runs each through the executor with its time limit, renews
// its lease while it runs (and aborts it when the lease is lost: the job was cancelled, or another replica reaped
// it), and records the result, the failure and the log. Several runners (replicas on one PostgreSQL) share a queue.
import type { Database } from "../../db/database.ts";
import { listContributions } from "../contributions.ts";
import type { ArtifactStore, Contribution, Executor, Job, JobResult } from "../types.ts";
import type { JobHandlers } from "./handlers.ts";
import { DEFAULT_PRIORITY, type PriorityOptions } from "./priority.ts";
import { appendLogs, claimNext, completeJob, failJob, reapExpired, renewLease } from "./queue.ts";

export type JobRunnerOptions = {
  db: Database;
  store: ArtifactStore;
  executor: Executor;
  handlers: JobHandlers;
  /** This replica's name (lease owner). */
  owner: string;
  /** Jobs run at once by this runner (default 1). */
  concurrency?: number;
  /** A running job's lease (ms, default 30 s), renewed every third of it. */
  leaseMs?: number;
  /** How often an idle runner looks for work (ms, default 500). */
  pollMs?: number;
  priority?: PriorityOptions;
  /**
   * Runs after a job succeeded, before it is marked so (e.g. publishing a trained model as a new version). What it
   * logs goes to the job's log; if it throws, the job still succeeded and its log says why the follow-up failed.
   */
  onSucceeded?: ((job: Job, result: JobResult, log: (line: string) => void) => Promise<void>) | undefined;
  log?: (message: string) => void;
};

export class JobRunner {
  private readonly o: Required<Omit<JobRunnerOptions, "log" | "onSucceeded">> &
    Pick<JobRunnerOptions, "onSucceeded"> & { log: (m: string) => void };
  private running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private ticking = false;
  private tickAgain = false;
  private readonly aborts = new Set<AbortController>();

  constructor(options: JobRunnerOptions) {
    this.o = {
      concurrency: 1,
      leaseMs: 30_000,
      pollMs: 500,
      priority: DEFAULT_PRIORITY,
      log: () => {},
      ...options,
    };
  }

  /** Starts polling the queue. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops claiming, aborts the jobs this runner holds (their leases lapse; another replica requeues them). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const c of this.aborts) c.abort(new Error("the worker is stopping"));
    await Promise.allSettled([...this.running]);
  }

  /**
   * Claims and runs jobs until the queue is empty or every slot is busy; resolves when the jobs it started finished.
   * (What the poller does on each tick; tests and the benchmark call it directly.)
   */
  async drain(): Promise<number> {
    let ran = 0;
    await reapExpired(this.o.db);
    for (;;) {
      while (this.running.size < this.o.concurrency) {
        const job = await claimNext(this.o.db, this.o.owner, this.o.leaseMs, this.o.priority);
        if (!job) break;
        ran++;
        const p = this.runJob(job).finally(() => this.running.delete(p));
        this.running.add(p);
      }
      if (this.running.size === 0) return ran;
      await Promise.race(this.running);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    // One pending tick at a time: a finished job asks for an early tick, which replaces the idle poll.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  /** Reaps lapsed leases and fills the free slots; never two at once (claims would overshoot the concurrency). */
  private async tick(): Promise<void> {
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    try {
      await reapExpired(this.o.db);
      while (!this.stopped && this.running.size < this.o.concurrency) {
        const job = await claimNext(this.o.db, this.o.owner, this.o.leaseMs, this.o.priority);
        if (!job) break;
        const p = this.runJob(job).finally(() => {
          this.running.delete(p);
          this.schedule(0);
        });
        this.running.add(p);
      }
    } catch (error) {
      this.o.log(`worker: claiming jobs failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
    if (this.tickAgain) {
      this.tickAgain = false;
      this.schedule(0);
    } else this.schedule(this.o.pollMs);
  }

  /** Runs one claimed job to its end, and records it (unless the lease was lost: then someone else owns the row). */
  private async runJob(job: Job): Promise<void> {
    const { db, owner, leaseMs } = this.o;
    const controller = new AbortController();
    this.aborts.add(controller);
    const pending: string[] = [];
    let flushing: Promise<void> = Promise.resolve();
    const flush = () => {
      const lines = pending.splice(0);
      flushing = flushing.then(() => appendLogs(db, job.id, lines)).catch(() => {});
      return flushing;
    };
    const log = (line: string) => {
      pending.push(line);
    };
    const limit = setTimeout(
      () => controller.abort(new Error(`time limit of ${job.timeLimitMs} ms exceeded`)),
      job.timeLimitMs,
    );
    const heartbeat = setInterval(
      async () => {
        await flush();
        const held = await renewLease(db, job.id, owner, leaseMs).catch(() => true);
        if (!held) controller.abort(new Error("cancelled"));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    log(`attempt ${job.attempts} of ${job.maxAttempts} on ${owner} (${this.o.executor.name} executor)`);
    try {
      let handlerModule: string;
      let contributions: Contribution[];
      try {
        handlerModule = this.o.handlers.moduleOf(job.kind);
        contributions = await jobInputs(db, job);
      } catch (error) {
        throw new Error((error as Error).message);
      }
      const result = await this.o.executor.run(
        { job, store: this.o.store, contributions, log, signal: controller.signal },
        handlerModule,
      );
      checkResult(result);
      if (!(await this.o.store.has(result.artifact)))
        throw new Error(`the job returned artifact ${result.artifact}, which is not in the store`);
      log(`succeeded: ${result.artifact} ${JSON.stringify(result.metrics)}`);
      if (this.o.onSucceeded) {
        await this.o.onSucceeded(job, result, log).catch((e: Error) => log(`follow-up failed: ${e.message}`));
      }
      await flush();
      if (!(await completeJob(db, job.id, owner, result)))
        this.o.log(`worker: job ${job.id} finished after it was cancelled`);
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      log(`failed: ${message}`);
      await flush();
      await failJob(db, job.id, owner, message);
    } finally {
      clearTimeout(limit);
      clearInterval(heartbeat);
      this.aborts.delete(controller);
      await flushing;
    }
  }
}

/**
 * A job's inputs: its model's accepted contributions, or (params.contributions = "submitted") every one not rejected,
 * so a DAO can train a candidate on data before its governance accepts the contributors.
 */
async function jobInputs(db: Database, job: Job): Promise<Contribution[]> {
  const all = await listContributions(db, { modelId: job.modelId });
  const wanted = job.params.contributions === "submitted" ? ["accepted", "submitted"] : ["accepted"];
  return all.filter((c) => wanted.includes(c.status));
}

/** A handler's result must be an artifact hash and finite numeric metrics: anything else fails the job. */
function checkResult(result: JobResult): void {
  if (!result || typeof result.artifact !== "string" || !/^[0-9a-f]{64}$/.test(result.artifact))
    throw new Error("the job's result has no artifact hash");
  for (const [name, value] of Object.entries(result.metrics ?? {}))
    if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`metric ${name} is not a finite number`);
}
