import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { ENGINES, type TestDatabase, testDatabase } from "../../testing/databases.ts";
import { CREDENTIALS, startFakeS3 } from "../artifacts/fakeS3.ts";
import { FsArtifactStore } from "../artifacts/fsStore.ts";
import { S3ArtifactStore } from "../artifacts/s3Store.ts";
import type { Executor, Job } from "../types.ts";
import { JobHandlers } from "./handlers.ts";
import { InProcessExecutor } from "./inProcessExecutor.ts";
import { ProcessExecutor } from "./processExecutor.ts";
import { cancelJob, claimNext, type EnqueueInput, enqueue, getJob, listJobs, readLogs, retryJob } from "./queue.ts";
import { JobRunner } from "./runner.ts";

const SUBMITTER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
let signatures = 0;
const input = (over: Partial<EnqueueInput> = {}): EnqueueInput => ({
  daoId: 1n,
  modelId: 1n,
  kind: "checksum",
  submitter: SUBMITTER,
  stake: 0n,
  params: {},
  maxAttempts: 1,
  timeLimitMs: 60_000,
  signature: `0x${(++signatures).toString(16).padStart(130, "0")}` as Hex,
  ...over,
});

const waitFor = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
};

for (const engine of ENGINES) {
  describe(`job queue and runner (${engine})`, () => {
    let t: TestDatabase;
    let dir: string;
    let store: FsArtifactStore;
    let inputs: string[];
    before(async () => {
      t = await testDatabase(engine);
      dir = await mkdtemp(join(tmpdir(), "aidao-jobs-"));
      store = new FsArtifactStore(join(dir, "artifacts"));
      inputs = [
        (await store.put(new TextEncoder().encode("photo one"), "image/jpeg")).hash,
        (await store.put(new TextEncoder().encode("photo two!"), "image/jpeg")).hash,
      ];
    });
    after(async () => {
      await t.drop();
      await rm(dir, { recursive: true, force: true });
    });

    const executors: Array<[string, () => Executor]> = [
      ["in-process", () => new InProcessExecutor()],
      ["process", () => new ProcessExecutor({ killAfterMs: 500 })],
    ];
    for (const [name, makeExecutor] of executors) {
      describe(`through the ${name} executor`, () => {
        let executor: Executor;
        const runner = () =>
          new JobRunner({ db: t.db, store, executor, handlers: new JobHandlers(), owner: `test-${name}` });
        before(() => {
          executor = makeExecutor();
        });
        after(() => executor.close());

        it("runs the checksum job: result artifact, metrics and log", async () => {
          const queued = await enqueue(t.db, input({ params: { artifacts: inputs } }));
          assert.equal(await runner().drain(), 1);
          const job = await getJob(t.db, queued.id);
          assert.equal(job.state, "succeeded", job.error ?? "");
          assert.deepEqual(job.metrics, { inputs: 2, bytes: 19 });
          const manifest = JSON.parse(new TextDecoder().decode(await store.get(job.resultArtifact as string)));
          assert.deepEqual(
            manifest.inputs.map((i: { artifact: string }) => i.artifact),
            inputs,
          );
          const lines = (await readLogs(t.db, job.id)).map((l) => l.line);
          assert.ok(
            lines.some((l) => l.startsWith(`hashed ${inputs[0]}`)),
            lines.join("\n"),
          );
          assert.ok(lines.some((l) => l.includes(`${name} executor`)));
        });

        it("fails a job past its time limit", async () => {
          const queued = await enqueue(
            t.db,
            input({ params: { artifacts: inputs, delayMs: 10_000 }, timeLimitMs: 300 }),
          );
          const started = Date.now();
          await runner().drain();
          const job = await getJob(t.db, queued.id);
          assert.equal(job.state, "failed");
          assert.match(job.error ?? "", /time limit of 300 ms exceeded/);
          assert.ok(Date.now() - started < 5_000);
        });

        it("fails a throwing job, and retry() queues it again", async () => {
          const queued = await enqueue(t.db, input({ params: { fail: "bad data" } }));
          await runner().drain();
          const failed = await getJob(t.db, queued.id);
          assert.equal(failed.state, "failed");
          assert.equal(failed.error, "bad data");
          const retried = await retryJob(t.db, queued.id);
          assert.equal(retried.state, "queued");
          assert.equal(retried.maxAttempts, 2);
          await runner().drain();
          assert.equal((await getJob(t.db, queued.id)).attempts, 2);
        });
      });
    }

    it("start() polls the queue and runs jobs as they arrive, at most `concurrency` at once", async () => {
      const r = new JobRunner({
        db: t.db,
        store,
        executor: new InProcessExecutor(),
        handlers: new JobHandlers(),
        owner: "poller",
        concurrency: 2,
        pollMs: 20,
      });
      r.start();
      try {
        const jobs = [];
        for (let i = 0; i < 5; i++)
          jobs.push(await enqueue(t.db, input({ daoId: 55n, params: { artifacts: inputs, delayMs: 30 } })));
        let most = 0;
        await waitFor(async () => {
          most = Math.max(most, (await listJobs(t.db, { daoId: 55n, state: "running" })).length);
          return (await listJobs(t.db, { daoId: 55n, state: "succeeded" })).length === jobs.length;
        });
        assert.ok(most <= 2, `${most} jobs ran at once`);
      } finally {
        await r.stop();
      }
    });

    it("cancel() stops a running job", async () => {
      const executor = new InProcessExecutor();
      const queued = await enqueue(t.db, input({ params: { artifacts: inputs, delayMs: 10_000 } }));
      const r = new JobRunner({
        db: t.db,
        store,
        executor,
        handlers: new JobHandlers(),
        owner: "canceller",
        leaseMs: 150,
      });
      const draining = r.drain();
      await waitFor(async () => (await getJob(t.db, queued.id)).state === "running");
      const cancelled = await cancelJob(t.db, queued.id);
      assert.equal(cancelled.state, "cancelled");
      const started = Date.now();
      await draining;
      assert.ok(Date.now() - started < 3_000, "the runner aborted the job");
      assert.equal((await getJob(t.db, queued.id)).state, "cancelled");
      await assert.rejects(cancelJob(t.db, queued.id), (e: { code: string }) => e.code === "JOB_NOT_CANCELLABLE");
      await assert.rejects(retryJob(t.db, 999_999), (e: { code: string }) => e.code === "UNKNOWN_JOB");
    });

    it("fails a job of an unknown kind with a clear error", async () => {
      const queued = await enqueue(t.db, input({ kind: "no-such-kind" }));
      await new JobRunner({
        db: t.db,
        store,
        executor: new InProcessExecutor(),
        handlers: new JobHandlers(),
        owner: "x",
      }).drain();
      assert.match((await getJob(t.db, queued.id)).error ?? "", /no handler for job kind "no-such-kind"/);
    });

    it("claimNext() follows stake with the fair-share floor, per DAO", async () => {
      const dao = 77n;
      const AIDAO = 10n ** 18n;
      const stakes = [0n, 500n * AIDAO, 10n * AIDAO, 0n, 900n * AIDAO, 1n * AIDAO];
      const ids: number[] = [];
      for (const [i, stake] of stakes.entries())
        ids.push((await enqueue(t.db, input({ daoId: dao, stake }), 1_000 + i)).id);
      const order: number[] = [];
      for (;;) {
        const job = await claimNext(t.db, "order", 60_000);
        if (!job) break;
        order.push(ids.indexOf(job.id));
      }
      // Dispatches 1-3 by stake (900, 500, 10), the 4th to the oldest waiting (index 0), then 1 and the last 0.
      assert.deepEqual(order, [4, 1, 2, 0, 5, 3]);
    });

    it("two runners draining one queue run each job exactly once", async () => {
      const dao = 88n;
      const n = 12;
      for (let i = 0; i < n; i++) await enqueue(t.db, input({ daoId: dao, params: { artifacts: [inputs[0]] } }));
      const make = (owner: string) =>
        new JobRunner({
          db: t.db,
          store,
          executor: new InProcessExecutor(),
          handlers: new JobHandlers(),
          owner,
          concurrency: 3,
        });
      const [a, b] = await Promise.all([make("replica-a").drain(), make("replica-b").drain()]);
      assert.equal(a + b, n);
      const jobs: Job[] = await listJobs(t.db, { daoId: dao });
      assert.equal(jobs.length, n);
      for (const job of jobs) {
        assert.equal(job.state, "succeeded");
        assert.equal(job.attempts, 1);
      }
    });
  });
}

describe("the process executor with the S3 store", () => {
  it("the child opens the store from its location (credentials from the environment) and reads its inputs", async () => {
    const s3 = await startFakeS3();
    const t = await testDatabase("sqlite");
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = CREDENTIALS.secretAccessKey;
    const executor = new ProcessExecutor();
    try {
      const store = new S3ArtifactStore({
        endpoint: s3.endpoint,
        bucket: "jobs",
        prefix: "p",
        region: "us-east-1",
        credentials: CREDENTIALS,
      });
      const { hash } = await store.put(new TextEncoder().encode("in the bucket"), "text/plain");
      const queued = await enqueue(t.db, input({ params: { artifacts: [hash] } }));
      await new JobRunner({ db: t.db, store, executor, handlers: new JobHandlers(), owner: "s3" }).drain();
      const job = await getJob(t.db, queued.id);
      assert.equal(job.state, "succeeded", job.error ?? "");
      assert.deepEqual(job.metrics, { inputs: 1, bytes: 13 });
      assert.ok(s3.objects.has(`/jobs/p/${job.resultArtifact}`), "the child wrote its manifest to the bucket");
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      await executor.close();
      await t.drop();
      await s3.close();
    }
  });
});
