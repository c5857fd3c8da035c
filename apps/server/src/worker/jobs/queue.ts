// The job queue in the database: jobs queued per DAO, claimed one at a time under a row lease (so two replicas on
// one PostgreSQL never run the same job), and finished, cancelled or retried with conditional updates (a replica
// whose lease lapsed cannot overwrite what happened since). The order of dispatch is jobs/priority.ts's.
import type { Address, Hex } from "viem";
import type { Database, Queryable, SqlValue } from "../../db/database.ts";
import type { ContentHash, Job, JobState } from "../types.ts";
import { WorkerError } from "../workerError.ts";
import { DEFAULT_PRIORITY, type PriorityOptions, pickNext } from "./priority.ts";

export type EnqueueInput = {
  daoId: bigint;
  modelId: bigint;
  kind: string;
  submitter: Address;
  stake: bigint;
  params: Record<string, unknown>;
  maxAttempts: number;
  timeLimitMs: number;
  /** The submitter's signature over the request (unique: the same signed request is queued once). */
  signature: Hex;
};

/** Lines a job keeps (the first ones; a runaway log cannot fill the database) and the length of one. */
export const MAX_LOG_LINES = 5_000;
export const MAX_LOG_LINE = 2_000;

/** Queues a job (state `queued`, no attempts yet). */
export async function enqueue(db: Database, input: EnqueueInput, now = Date.now()): Promise<Job> {
  const row = await db.transaction(async (tx) => {
    const taken = await tx.get<{ id: number }>("SELECT id FROM worker_jobs WHERE signature = ?", [input.signature]);
    if (taken)
      throw new WorkerError("BAD_INPUT", `this signed request already queued job ${taken.id}`, {
        id: Number(taken.id),
      });
    await tx.run(
      `INSERT INTO worker_jobs (dao_id, model_id, kind, submitter, stake, stake_key, params, state, attempts,
         max_attempts, time_limit_ms, queued_at, signature)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?)`,
      [
        input.daoId.toString(),
        input.modelId.toString(),
        input.kind,
        input.submitter,
        input.stake.toString(),
        stakeKey(input.stake),
        JSON.stringify(input.params),
        input.maxAttempts,
        input.timeLimitMs,
        now,
        input.signature,
      ],
    );
    return tx.get<JobRow>("SELECT * FROM worker_jobs WHERE signature = ?", [input.signature]);
  });
  if (!row) throw new WorkerError("STORE_FAILED", "the job was not recorded");
  return fromRow(row);
}

/** Job `id` (UNKNOWN_JOB if there is none). */
export async function getJob(db: Queryable, id: number): Promise<Job> {
  const row = await db.get<JobRow>("SELECT * FROM worker_jobs WHERE id = ?", [id]);
  if (!row) throw new WorkerError("UNKNOWN_JOB", `no job ${id}`, { id });
  return fromRow(row);
}

export type JobFilter = { daoId?: bigint; modelId?: bigint; state?: JobState; submitter?: Address; limit?: number };

/** Jobs that match `filter`, newest first (at most `limit`, default 100). */
export async function listJobs(db: Database, filter: JobFilter = {}): Promise<Job[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.daoId !== undefined) where.push("dao_id = ?") && params.push(filter.daoId.toString());
  if (filter.modelId !== undefined) where.push("model_id = ?") && params.push(filter.modelId.toString());
  if (filter.state !== undefined) where.push("state = ?") && params.push(filter.state);
  if (filter.submitter !== undefined) where.push("submitter = ?") && params.push(filter.submitter);
  params.push(filter.limit ?? 100);
  const rows = await db.all<JobRow>(
    `SELECT * FROM worker_jobs ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`,
    params,
  );
  return rows.map(fromRow);
}

/** How many jobs `submitter` has waiting or running in `daoId` (the queue caps it: no one floods a DAO's queue). */
export async function openJobsOf(db: Database, daoId: bigint, submitter: Address): Promise<number> {
  const row = await db.get<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM worker_jobs WHERE dao_id = ? AND submitter = ? AND state IN ('queued', 'running')",
    [daoId.toString(), submitter],
  );
  return Number(row?.n ?? 0);
}

/** Thrown inside a claim's transaction to roll back its dispatch count when the queue emptied meanwhile. */
class NothingToClaim extends Error {}

/**
 * Claims the next job for `owner` under a lease of `leaseMs`: the DAO that waited longest since its last dispatch
 * goes first (DAOs take turns), and within it jobs/priority.ts picks. The DAO's dispatch row is updated first, which
 * on PostgreSQL locks it until commit: claims for one DAO are serialised across replicas, so the fair-share count
 * is exact; the job's conditional update (`state = 'queued'`) makes a double claim impossible either way.
 */
export async function claimNext(
  db: Database,
  owner: string,
  leaseMs: number,
  priority: PriorityOptions = DEFAULT_PRIORITY,
  now = Date.now(),
): Promise<Job | undefined> {
  const daos = await db.all<{ dao_id: string }>(
    `SELECT j.dao_id FROM worker_jobs j LEFT JOIN worker_dispatch d ON d.dao_id = j.dao_id
     WHERE j.state = 'queued' GROUP BY j.dao_id, d.last_at ORDER BY COALESCE(d.last_at, 0), j.dao_id`,
  );
  for (const { dao_id } of daos) {
    try {
      const job = await db.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO worker_dispatch (dao_id, dispatched, last_at) VALUES (?, 1, ?)
           ON CONFLICT (dao_id) DO UPDATE SET dispatched = worker_dispatch.dispatched + 1, last_at = excluded.last_at`,
          [dao_id, now],
        );
        const count = await tx.get<{ dispatched: number | string }>(
          "SELECT dispatched FROM worker_dispatch WHERE dao_id = ?",
          [dao_id],
        );
        // pickNext's two candidates, one index lookup each: the richest waiting job and the oldest. Whichever rule
        // this dispatch follows, its pick over all waiting jobs is one of these two.
        const columns = "SELECT id, stake, queued_at FROM worker_jobs WHERE dao_id = ? AND state = 'queued'";
        const waiting = [
          ...(await tx.all<WaitingRow>(`${columns} ORDER BY stake_key DESC, queued_at, id LIMIT 1`, [dao_id])),
          ...(await tx.all<WaitingRow>(`${columns} ORDER BY queued_at, id LIMIT 1`, [dao_id])),
        ];
        const next = pickNext(
          waiting.map((w) => ({ id: Number(w.id), stake: BigInt(w.stake), queuedAt: Number(w.queued_at) })),
          Number(count?.dispatched ?? 1),
          priority,
        );
        if (!next) throw new NothingToClaim();
        const changed = await tx.run(
          `UPDATE worker_jobs SET state = 'running', attempts = attempts + 1, started_at = ?, finished_at = NULL,
             error = NULL, lease_owner = ?, lease_until = ?
           WHERE id = ? AND state = 'queued'`,
          [now, owner, now + leaseMs, next.id],
        );
        if (changed === 0) throw new NothingToClaim();
        return getJob(tx, next.id);
      });
      return job;
    } catch (error) {
      if (!(error instanceof NothingToClaim)) throw error;
    }
  }
  return undefined;
}

/** Extends `owner`'s lease on running job `id`; false when it lost it (the job was cancelled, or reaped). */
export async function renewLease(db: Database, id: number, owner: string, leaseMs: number, now = Date.now()) {
  const changed = await db.run(
    "UPDATE worker_jobs SET lease_until = ? WHERE id = ? AND lease_owner = ? AND state = 'running'",
    [now + leaseMs, id, owner],
  );
  return changed > 0;
}

/** Records a run's success; false (and nothing written) if `owner` no longer holds the job. */
export async function completeJob(
  db: Database,
  id: number,
  owner: string,
  result: { artifact: ContentHash; metrics: Record<string, number> },
  now = Date.now(),
): Promise<boolean> {
  const changed = await db.run(
    `UPDATE worker_jobs SET state = 'succeeded', result_artifact = ?, metrics = ?, finished_at = ?, lease_owner = NULL,
       lease_until = NULL
     WHERE id = ? AND lease_owner = ? AND state = 'running'`,
    [result.artifact, JSON.stringify(result.metrics), now, id, owner],
  );
  return changed > 0;
}

/**
 * Records a run's failure: the job is queued again while it has attempts left, failed otherwise. False (and nothing
 * written) if `owner` no longer holds the job.
 */
export async function failJob(db: Database, id: number, owner: string, error: string, now = Date.now()) {
  const changed = await db.run(
    `UPDATE worker_jobs SET
       state = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,
       finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE CAST(? AS BIGINT) END,
       error = ?, lease_owner = NULL, lease_until = NULL
     WHERE id = ? AND lease_owner = ? AND state = 'running'`,
    [now, error.slice(0, MAX_LOG_LINE), id, owner],
  );
  return changed > 0;
}

/**
 * Requeues (or fails, without attempts left) running jobs whose lease lapsed: their replica died or hung. Returns
 * how many it touched.
 */
export async function reapExpired(db: Database, now = Date.now()): Promise<number> {
  return db.run(
    `UPDATE worker_jobs SET
       state = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,
       finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE CAST(? AS BIGINT) END,
       error = 'its worker stopped answering (lease expired)', lease_owner = NULL, lease_until = NULL
     WHERE state = 'running' AND lease_until < ?`,
    [now, now],
  );
}

/** Cancels a queued or running job (a running one's runner sees it at its next lease renewal and aborts it). */
export async function cancelJob(db: Database, id: number, now = Date.now()): Promise<Job> {
  const changed = await db.run(
    `UPDATE worker_jobs SET state = 'cancelled', finished_at = ?, lease_owner = NULL, lease_until = NULL
     WHERE id = ? AND state IN ('queued', 'running')`,
    [now, id],
  );
  const job = await getJob(db, id);
  if (changed === 0)
    throw new WorkerError("JOB_NOT_CANCELLABLE", `job ${id} is ${job.state}: only queued or running jobs cancel`, {
      id,
      state: job.state,
    });
  return job;
}

/** Queues a failed or cancelled job again, at the back of the line, with one more attempt. */
export async function retryJob(db: Database, id: number, now = Date.now()): Promise<Job> {
  const changed = await db.run(
    `UPDATE worker_jobs SET state = 'queued', queued_at = ?, started_at = NULL, finished_at = NULL, error = NULL,
       result_artifact = NULL, metrics = NULL,
       max_attempts = CASE WHEN max_attempts > attempts THEN max_attempts ELSE attempts + 1 END
     WHERE id = ? AND state IN ('failed', 'cancelled')`,
    [now, id],
  );
  const job = await getJob(db, id);
  if (changed === 0)
    throw new WorkerError("JOB_NOT_RETRYABLE", `job ${id} is ${job.state}: only failed or cancelled jobs retry`, {
      id,
      state: job.state,
    });
  return job;
}

/** Appends lines to job `id`'s log (past MAX_LOG_LINES, they are dropped and one line says so). */
export async function appendLogs(db: Database, id: number, lines: string[], now = Date.now()): Promise<void> {
  if (lines.length === 0) return;
  await db.transaction(async (tx) => {
    const last = await tx.get<{ seq: number | string | null }>(
      "SELECT MAX(seq) AS seq FROM worker_job_logs WHERE job_id = ?",
      [id],
    );
    let seq = Number(last?.seq ?? 0);
    for (const line of lines) {
      if (seq > MAX_LOG_LINES) break;
      seq++;
      const text = seq > MAX_LOG_LINES ? `(log truncated at ${MAX_LOG_LINES} lines)` : line.slice(0, MAX_LOG_LINE);
      await tx.run("INSERT INTO worker_job_logs (job_id, seq, at, line) VALUES (?, ?, ?, ?)", [id, seq, now, text]);
    }
  });
}

export type LogLine = { seq: number; at: number; line: string };

/** Job `id`'s log lines after `after` (a seq; 0 for all), oldest first. */
export async function readLogs(db: Database, id: number, after = 0, limit = 1_000): Promise<LogLine[]> {
  const rows = await db.all<{ seq: number | string; at: number | string; line: string }>(
    "SELECT seq, at, line FROM worker_job_logs WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?",
    [id, after, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), at: Number(r.at), line: r.line }));
}

type WaitingRow = { id: number | string; stake: string; queued_at: number | string };

/** A stake as text whose order is numeric order (uint256 has at most 78 digits). */
export function stakeKey(stake: bigint): string {
  return stake.toString().padStart(78, "0");
}

type JobRow = {
  id: number | string;
  dao_id: string;
  model_id: string;
  kind: string;
  submitter: string;
  stake: string;
  params: string;
  state: string;
  attempts: number | string;
  max_attempts: number | string;
  time_limit_ms: number | string;
  result_artifact: string | null;
  metrics: string | null;
  error: string | null;
  queued_at: number | string;
  started_at: number | string | null;
  finished_at: number | string | null;
};

const num = (v: number | string | null) => (v === null ? null : Number(v));

function fromRow(r: JobRow): Job {
  return {
    id: Number(r.id),
    daoId: BigInt(r.dao_id),
    modelId: BigInt(r.model_id),
    kind: r.kind,
    submitter: r.submitter as Address,
    stake: BigInt(r.stake),
    params: JSON.parse(r.params) as Record<string, unknown>,
    state: r.state as JobState,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    timeLimitMs: Number(r.time_limit_ms),
    resultArtifact: r.result_artifact,
    metrics: r.metrics === null ? null : (JSON.parse(r.metrics) as Record<string, number>),
    error: r.error,
    queuedAt: Number(r.queued_at),
    startedAt: num(r.started_at),
    finishedAt: num(r.finished_at),
  };
}
