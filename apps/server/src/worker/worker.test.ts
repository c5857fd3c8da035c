import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseEther } from "viem";
import { type RunningServer, startServer } from "../server.ts";
import { createPostgresDatabase, ENGINES } from "../testing/databases.ts";
import { type LocalStack, startLocalStack } from "../testing/localStack.ts";
import { sha256Hex } from "./artifacts/hash.ts";
import { contributionDomain, contributionMessage, contributionTypes, valueChainCall } from "./contributions.ts";
import { jobActionTypes, jobDomain, jobRequestTypes } from "./jobs/requests.ts";

/** A response's JSON body, untyped: the assertions check its shape. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by the assertions that read them
const read = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

describe("worker (HTTP, on the local stack)", () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack();
  });
  after(() => stack?.stop());

  for (const [index, engine] of ENGINES.entries()) {
    describe(engine, () => {
      let server: RunningServer<"worker">;
      let postgres: { url: string; drop(): Promise<void> } | undefined;
      const dataDir = mkdtempSync(join(tmpdir(), "aidao-worker-"));
      const CONTRIBUTOR = 3 + index;
      const STAKER = 7;
      const SMALL = 8;
      before(async () => {
        if (engine === "postgres") postgres = await createPostgresDatabase();
        server = await startServer({
          mode: "worker",
          publicClient: stack.publicClient,
          deployment: stack.deployment,
          dataDir,
          ...(postgres ? { databaseUrl: postgres.url } : {}),
          maxContributionBytes: 4096,
        });
        await server.worker.runner.stop(); // the tests drive the runner themselves
      });
      after(async () => {
        await server?.close();
        await postgres?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      });

      const registry = () => stack.deployment.contracts.ModelRegistry.address;
      const sign = async (i: number, bytes: Uint8Array, over: Record<string, unknown> = {}) => {
        const wallet = stack.wallet(i);
        const fields = {
          daoId: 1n,
          modelId: stack.modelId,
          contributor: wallet.account.address,
          role: "Data" as const,
          kind: "data" as const,
          mediaType: "image/jpeg",
          label: "alice",
          licence: "CC-BY-4.0",
          ...over,
        };
        const signature = await wallet.signTypedData({
          domain: contributionDomain(stack.deployment.chainId, registry()),
          types: contributionTypes,
          primaryType: "Contribution",
          message: contributionMessage(fields, sha256Hex(bytes)),
        });
        return { fields, signature };
      };
      const postRaw = (bytes: Uint8Array, f: Record<string, unknown>, signature: string) =>
        fetch(`${server.url}/api/worker/contributions`, {
          method: "POST",
          headers: {
            "content-type": String(f.mediaType),
            "x-aidao-dao": String(f.daoId),
            "x-aidao-model": String(f.modelId),
            "x-aidao-contributor": String(f.contributor),
            "x-aidao-role": String(f.role),
            "x-aidao-kind": String(f.kind),
            "x-aidao-licence": String(f.licence),
            "x-aidao-label": encodeURIComponent(String(f.label)),
            "x-aidao-signature": signature,
          },
          body: bytes,
        });

      it("POST /contributions stores a signed contribution by content hash (raw body and headers)", async () => {
        const bytes = new TextEncoder().encode(`photo of alice ${engine}`);
        const { fields, signature } = await sign(CONTRIBUTOR, bytes);
        const response = await postRaw(bytes, fields, signature);
        assert.equal(response.status, 201, await response.clone().text());
        const { contribution } = await read(response);
        assert.equal(contribution.artifact, sha256Hex(bytes));
        assert.equal(contribution.status, "submitted");
        assert.equal(contribution.label, "alice");
        assert.equal(contribution.contributor, fields.contributor);
        const artifact = await fetch(`${server.url}/api/worker/artifacts/${contribution.artifact}`);
        assert.deepEqual(new Uint8Array(await artifact.arrayBuffer()), bytes);
      });

      it("POST /contributions takes multipart bodies", async () => {
        const bytes = new TextEncoder().encode(`photo of bob ${engine}`);
        const { fields, signature } = await sign(CONTRIBUTOR, bytes, { label: "bob" });
        const form = new FormData();
        form.set("file", new Blob([bytes], { type: "image/jpeg" }), "bob.jpg");
        for (const [k, v] of Object.entries({ ...fields, dao: fields.daoId, model: fields.modelId }))
          form.set(k, String(v));
        form.set("signature", signature);
        const response = await fetch(`${server.url}/api/worker/contributions`, { method: "POST", body: form });
        assert.equal(response.status, 201, await response.clone().text());
        assert.equal((await read(response)).contribution.label, "bob");
      });

      it("POST /contributions refuses bad submissions with typed errors, storing nothing", async () => {
        const bytes = new TextEncoder().encode(`refused ${engine}`);
        const { fields, signature } = await sign(CONTRIBUTOR, bytes);
        const other = await sign(CONTRIBUTOR + 10, bytes);
        const cases: Array<[string, () => Promise<Response>, number, string]> = [
          ["signed by someone else", () => postRaw(bytes, fields, other.signature), 401, "BAD_SIGNATURE"],
          [
            "signed over other bytes",
            () => postRaw(new TextEncoder().encode("other"), fields, signature),
            401,
            "BAD_SIGNATURE",
          ],
          ["an unknown role", () => postRaw(bytes, { ...fields, role: "Chef" }, signature), 422, "BAD_INPUT"],
          ["no licence", () => postRaw(bytes, { ...fields, licence: "" }, signature), 422, "BAD_INPUT"],
          ["too large", () => postRaw(new Uint8Array(5000), fields, signature), 413, "BODY_TOO_LARGE"],
        ];
        for (const [name, send, status, code] of cases) {
          const response = await send();
          const body = await read(response);
          assert.equal(response.status, status, `${name}: ${JSON.stringify(body)}`);
          assert.equal(body.error.code, code, name);
        }
        const wrongDao = await sign(CONTRIBUTOR, bytes, { daoId: 2n });
        const wrong = await postRaw(bytes, wrongDao.fields, wrongDao.signature);
        assert.ok([404, 422].includes(wrong.status), `another DAO's model: ${wrong.status}`);
        const stored = await fetch(`${server.url}/api/worker/artifacts/${sha256Hex(bytes)}`);
        assert.equal(stored.status, 404);
        assert.equal((await read(stored)).error.code, "UNKNOWN_ARTIFACT");
      });

      it("POST /contributions refuses the same bytes from the same contributor twice", async () => {
        const bytes = new TextEncoder().encode(`twice ${engine}`);
        const { fields, signature } = await sign(CONTRIBUTOR, bytes);
        assert.equal((await postRaw(bytes, fields, signature)).status, 201);
        const again = await postRaw(bytes, fields, signature);
        assert.equal(again.status, 409);
        assert.equal((await read(again)).error.code, "DUPLICATE_CONTRIBUTION");
      });

      it("a contribution is accepted once the DAO's governance lists its contributor on chain", async () => {
        const contributor = stack.wallet(CONTRIBUTOR).account.address;
        const list = async (status: string) =>
          (await read(fetch(`${server.url}/api/worker/contributions?model=${stack.modelId}&status=${status}`)))
            .contributions as Array<{ contributor: string }>;
        assert.ok((await list("submitted")).some((c) => c.contributor === contributor));
        assert.deepEqual(await server.worker.syncAcceptance(stack.modelId), []);
        const call = await valueChainCall(server.worker.chain, stack.modelId, [
          { account: contributor, role: "Data", shareBps: 100 },
        ]);
        await stack.asDAO(call);
        const accepted = await server.worker.syncAcceptance(stack.modelId);
        assert.equal(accepted.length, 3);
        assert.equal((await list("submitted")).filter((c) => c.contributor === contributor).length, 0);
        assert.equal((await list("accepted")).filter((c) => c.contributor === contributor).length, 3);
      });

      const now = () => BigInt(Math.floor(Date.now() / 1000));
      const submitJob = async (i: number, params: Record<string, unknown>, over: Record<string, bigint> = {}) => {
        const wallet = stack.wallet(i);
        const request = {
          daoId: 1n,
          modelId: stack.modelId,
          kind: "checksum",
          params: JSON.stringify(params),
          submitter: wallet.account.address,
          maxAttempts: 1n,
          timeLimitMs: 60_000n,
          issuedAt: now(),
          ...over,
        };
        const signature = await wallet.signTypedData({
          domain: jobDomain(stack.deployment.chainId, registry()),
          types: jobRequestTypes,
          primaryType: "JobRequest",
          message: request,
        });
        const body = {
          request: Object.fromEntries(
            Object.entries(request).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]),
          ),
          signature,
        };
        return fetch(`${server.url}/api/worker/jobs`, { method: "POST", body: JSON.stringify(body) });
      };
      const act = async (i: number, id: number, action: "cancel" | "retry") => {
        const wallet = stack.wallet(i);
        const message = { jobId: BigInt(id), action, submitter: wallet.account.address, issuedAt: now() };
        const signature = await wallet.signTypedData({
          domain: jobDomain(stack.deployment.chainId, registry()),
          types: jobActionTypes,
          primaryType: "JobAction",
          message,
        });
        return fetch(`${server.url}/api/worker/jobs/${id}/${action}`, {
          method: "POST",
          body: JSON.stringify({ submitter: message.submitter, issuedAt: message.issuedAt.toString(), signature }),
        });
      };

      it("POST /jobs queues a signed job at its submitter's stake; the runner runs it", async () => {
        if (index === 0) await stack.stake(STAKER, parseEther("1000"));
        const response = await submitJob(STAKER, {});
        assert.equal(response.status, 201, await response.clone().text());
        const { job } = await read(response);
        assert.equal(job.state, "queued");
        assert.equal(job.stake, parseEther("1000").toString());
        assert.equal(await server.worker.runner.drain(), 1);
        const done = await read(fetch(`${server.url}/api/worker/jobs/${job.id}`));
        assert.equal(done.job.state, "succeeded", done.job.error);
        assert.equal(done.job.metrics.inputs, 3, "the accepted contributions are its inputs");
        assert.ok(done.logs.some((l: { line: string }) => l.line.startsWith("hashed ")));
        const manifest = await fetch(`${server.url}/api/worker/artifacts/${done.job.resultArtifact}`);
        assert.equal(manifest.status, 200);
      });

      it("POST /jobs refuses stale, forged and unknown-kind requests", async () => {
        const stale = await submitJob(SMALL, {}, { issuedAt: now() - 3_600n });
        assert.equal((await read(stale)).error.code, "BAD_SIGNATURE");
        const unknown = await submitJob(SMALL, {}, {});
        assert.equal(unknown.status, 201);
        const kind = await fetch(`${server.url}/api/worker/jobs`, {
          method: "POST",
          body: JSON.stringify({ request: { daoId: "1" }, signature: "0x" }),
        });
        assert.equal((await read(kind)).error.code, "BAD_INPUT");
        const notJson = await fetch(`${server.url}/api/worker/jobs`, { method: "POST", body: "{" });
        assert.equal(notJson.status, 422);
      });

      it("POST /jobs/:id/cancel and retry answer only to the job's submitter", async () => {
        const { job } = await read(submitJob(SMALL, { delayMs: 1 }));
        const forged = await act(STAKER, job.id, "cancel");
        assert.equal(forged.status, 401);
        const cancelled = await act(SMALL, job.id, "cancel");
        assert.equal((await read(cancelled)).job.state, "cancelled");
        const again = await act(SMALL, job.id, "cancel");
        assert.equal((await read(again)).error.code, "JOB_NOT_CANCELLABLE");
        const retried = await act(SMALL, job.id, "retry");
        assert.equal((await read(retried)).job.state, "queued");
        const list = await read(fetch(`${server.url}/api/worker/jobs?state=queued&dao=1`));
        assert.ok(list.jobs.some((j: { id: number }) => j.id === job.id));
        assert.ok(list.kinds.includes("checksum"));
        const missing = await fetch(`${server.url}/api/worker/jobs/999999`);
        assert.equal(missing.status, 404);
      });
    });
  }
});
