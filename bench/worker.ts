// The worker's job queue: jobs queued and dispatched per second, and the order 1,000 queued jobs run in, printed beside
// references measured in the same run.
//   node bench/worker.ts            (BENCH_WORKER_JOBS=1000 by default)
//
// Rates: enqueue (a signed request recorded, durable at commit) and dispatch (jobs/queue.ts claimNext: the DAO's turn,
// the priority pick of jobs/priority.ts over every waiting job, the conditional claim under a lease), on an fsynced
// SQLite file and on PostgreSQL when one is reachable; the reference is a plain first-in first-out claim (one indexed
// `ORDER BY queued_at LIMIT 1` update) on the same table. Order: the jobs' stakes follow a heavy tail (a third of the
// submitters stake nothing); "agreement" is the share of job pairs dispatched in stake order (1 = strict stake order),
// "worst small wait" the most dispatches any zero-stake job waited beyond its place in arrival order. References:
// strict stake order (a small holder can wait forever) and FIFO (stake buys nothing).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hex } from "viem";
import type { Database } from "../apps/server/src/db/database.ts";
import { openPostgres } from "../apps/server/src/db/postgres.ts";
import { openSqlite } from "../apps/server/src/db/sqlite.ts";
import { createPostgresDatabase } from "../apps/server/src/testing/databases.ts";
import { DEFAULT_PRIORITY, dispatchOrder, type Waiting } from "../apps/server/src/worker/jobs/priority.ts";
import { claimNext, enqueue } from "../apps/server/src/worker/jobs/queue.ts";

const JOBS = Number(process.env.BENCH_WORKER_JOBS ?? 1_000);
const AIDAO = 10n ** 18n;
const SUBMITTER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

// A fixed heavy-tailed stake per job (deterministic: the same run every time).
let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const stakes = Array.from({ length: JOBS }, () => {
  const u = random();
  return u < 1 / 3 ? 0n : BigInt(Math.floor(10 / (1 - u) ** 1.5)) * AIDAO;
});

async function measure(name: string, db: Database): Promise<{ order: number[] }> {
  const t0 = performance.now();
  const ids: number[] = [];
  for (const [i, stake] of stakes.entries()) {
    const job = await enqueue(
      db,
      {
        daoId: 1n,
        modelId: 1n,
        kind: "checksum",
        submitter: SUBMITTER,
        stake,
        params: {},
        maxAttempts: 1,
        timeLimitMs: 60_000,
        signature: `0x${(i + 1).toString(16).padStart(130, "0")}` as Hex,
      },
      1_000_000 + i,
    );
    ids.push(job.id);
  }
  const t1 = performance.now();
  const order: number[] = [];
  for (;;) {
    const job = await claimNext(db, "bench", 60_000);
    if (!job) break;
    order.push(ids.indexOf(job.id));
  }
  const t2 = performance.now();
  // The reference: the same jobs requeued and claimed first-in first-out by one indexed update each.
  await db.run("UPDATE worker_jobs SET state = 'queued'");
  const t3 = performance.now();
  let fifo = 0;
  for (;;) {
    const next = await db.get<{ id: number }>(
      "SELECT id FROM worker_jobs WHERE state = 'queued' ORDER BY queued_at, id LIMIT 1",
    );
    if (!next) break;
    fifo += await db.run(
      "UPDATE worker_jobs SET state = 'running', lease_owner = ? WHERE id = ? AND state = 'queued'",
      ["bench", next.id],
    );
  }
  const t4 = performance.now();
  const rate = (n: number, ms: number) => Math.round((n * 1000) / ms).toLocaleString("en");
  console.log(
    `${name.padEnd(10)} enqueue ${rate(JOBS, t1 - t0).padStart(7)} jobs/s   dispatch ${rate(order.length, t2 - t1).padStart(7)} jobs/s` +
      `   (reference FIFO claim ${rate(fifo, t4 - t3).padStart(7)} jobs/s: dispatch ${((t4 - t3) / (t2 - t1)).toFixed(2)}× its rate)`,
  );
  return { order };
}

/** Share of pairs (earlier, later) in dispatch order whose stakes are in order (ties count as in order). */
function agreement(order: number[]): number {
  let good = 0;
  let pairs = 0;
  for (let i = 0; i < order.length; i++)
    for (let j = i + 1; j < order.length; j++) {
      pairs++;
      if ((stakes[order[i] as number] as bigint) >= (stakes[order[j] as number] as bigint)) good++;
    }
  return good / pairs;
}

/** The most dispatches a zero-stake job waited beyond its arrival position. */
function worstSmallWait(order: number[]): number {
  let worst = 0;
  order.forEach((job, position) => {
    if (stakes[job] === 0n) worst = Math.max(worst, position - job);
  });
  return worst;
}

const dir = mkdtempSync(join(tmpdir(), "aidao-bench-worker-"));
try {
  console.log(
    `worker job queue: ${JOBS} jobs in one DAO, fair-share floor every ${DEFAULT_PRIORITY.floorEvery}th dispatch`,
  );
  const sqlite = openSqlite(join(dir, "bench.sqlite"));
  const { order } = await measure("sqlite", sqlite);
  await sqlite.close();
  let postgres: { url: string; drop(): Promise<void> } | undefined;
  try {
    postgres = await createPostgresDatabase();
  } catch {
    console.log("postgres   (not reachable: skipped)");
  }
  if (postgres) {
    const db = await openPostgres(postgres.url);
    await measure("postgres", db);
    await db.close();
    await postgres.drop();
  }
  const waiting: Waiting[] = stakes.map((stake, i) => ({ id: i, stake, queuedAt: i }));
  const byStake = dispatchOrder(waiting, 1, { floorEvery: Number.MAX_SAFE_INTEGER }).map((w) => w.id);
  const fifo = waiting.map((w) => w.id);
  const small = stakes.filter((s) => s === 0n).length;
  console.log(`order of ${JOBS} queued jobs (${small} from submitters with no stake):`);
  const row = (name: string, o: number[]) =>
    console.log(
      `  ${name.padEnd(28)} agreement with stake order ${agreement(o).toFixed(3)}   worst small-holder wait ${String(worstSmallWait(o)).padStart(4)} dispatches`,
    );
  row("AIDAO (stake + floor)", order);
  row("reference: strict stake", byStake);
  row("reference: FIFO", fifo);
  console.log(
    `  bound: a job with k jobs ahead of it in arrival order starts within ${DEFAULT_PRIORITY.floorEvery} × (k + 1) dispatches`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
