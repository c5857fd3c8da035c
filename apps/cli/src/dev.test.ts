import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { freePort } from "@aidao/contracts/anvil";
import { parseDeployment } from "@aidao/sdk";
import { mnemonicToAccount } from "viem/accounts";
import { main } from "./main.ts";

/** `aidao dao …` (an AI DAO's own governance) as a user runs it; a refusal throws its message. */
async function runGovernance(argv: string[]): Promise<string> {
  const r = await main(["dao", ...argv]);
  if (r.code !== 0) throw new Error(r.out);
  return r.out;
}

const DEV = join(import.meta.dirname, "dev.ts");
const require = createRequire(import.meta.resolve("@aidao/server"));
const PHOTO = join(dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", "sample1.jpg");
const dev = (i: number) =>
  mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: i }).address;

/** Starts `npm start`'s script and resolves once its output contains `ready`. */
function startUntil(env: Record<string, string>, ready: string) {
  return new Promise<{ child: ChildProcess; out: () => string; exited: Promise<number | null> }>((resolve, reject) => {
    const child = spawn(process.execPath, [DEV], { env: { ...process.env, ...env } });
    let out = "";
    const exited = new Promise<number | null>((r) => child.on("exit", r));
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // never leave a chain and a server running behind a failed test
      reject(new Error(`timed out waiting for "${ready}":\n${out}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve({ child, out: () => out, exited });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", () => {
      clearTimeout(timer);
      reject(new Error(`exited before "${ready}":\n${out}`));
    });
  });
}

describe("dev.ts (npm start, the main job)", () => {
  it("deploys once, serves the gateway, stops cleanly on Ctrl-C and resumes the same chain on the next start", async () => {
    const home = mkdtempSync(join(tmpdir(), "aidao-home-"));
    const gatewayPort = await freePort();
    const env = {
      AIDAO_HOME: home,
      AIDAO_CHAIN_PORT: String(await freePort()),
      AIDAO_GATEWAY_PORT: String(gatewayPort),
    };

    const first = await startUntil(env, "Press Ctrl-C to stop.");
    assert.match(first.out(), /deploying the protocol/);
    const deployment = parseDeployment(JSON.parse(readFileSync(join(home, "deployments", "31337.json"), "utf8")));
    assert.match(first.out(), new RegExp(`Staking\\s+${deployment.contracts.Staking.address}`));
    const models = (await (await fetch(`http://127.0.0.1:${gatewayPort}/v1/models`)).json()) as {
      usageChannels: string;
    };
    assert.equal(
      models.usageChannels,
      deployment.contracts.UsageChannels.address,
      "the gateway serves this deployment",
    );
    first.child.kill("SIGINT");
    assert.equal(await first.exited, 0);

    const second = await startUntil(env, "Press Ctrl-C to stop.");
    assert.match(second.out(), /resuming saved state/);
    assert.match(second.out(), /already deployed on this chain; reusing it/);
    assert.match(second.out(), new RegExp(`Staking\\s+${deployment.contracts.Staking.address}`));
    second.child.kill("SIGTERM");
    assert.equal(await second.exited, 0);
  });

  it("from a fresh data directory: ready with the demo, user flows through the CLI, state kept across a restart, a deleted chain rebuilt", async () => {
    const home = mkdtempSync(join(tmpdir(), "aidao-e2e-"));
    const chainPort = await freePort();
    const port = await freePort();
    const env = { AIDAO_HOME: home, AIDAO_CHAIN_PORT: String(chainPort), AIDAO_GATEWAY_PORT: String(port) };
    const server = `http://127.0.0.1:${port}`;
    const cli = (...args: string[]) =>
      main([...args, "--rpc", `http://127.0.0.1:${chainPort}`, "--deployments", join(home, "deployments")]);
    const polls = async () => {
      const r = await cli("hub", "proposals", "--space", "aidao", "--hub", server, "--json");
      assert.equal(r.code, 0, r.out);
      return JSON.parse(r.out) as Array<{ id: string; state: string }>;
    };
    const channelsOf = async (account: string) =>
      ((await (await fetch(`${server}/api/channels?customer=${account}`)).json()) as { channels: unknown[] }).channels;
    /** Waits (bounded: never hangs) until the indexer serves `n` channels of `account`: it follows the chain by polling. */
    const indexedChannels = async (account: string, n: number) => {
      const deadline = Date.now() + 30_000;
      let seen = (await channelsOf(account)).length;
      while (seen !== n && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        seen = (await channelsOf(account)).length;
      }
      return seen;
    };

    type Job = { id: number; kind: string; submitter: string; state: string };
    /** The worker's demo objects: account 2's accepted contributions and the training jobs. */
    const valueChain = async () => {
      const get = async <T>(path: string) => (await (await fetch(`${server}${path}`)).json()) as T;
      const { contributions } = await get<{ contributions: Array<{ contributor: string; status: string }> }>(
        `/api/worker/contributions?contributor=${dev(2)}`,
      );
      const { jobs } = await get<{ jobs: Job[] }>("/api/worker/jobs");
      return { accepted: contributions.filter((x) => x.status === "accepted").length, jobs };
    };

    // 1. A fresh start: deployed, served, demo seeded.
    let run = await startUntil(env, "Press Ctrl-C to stop.");
    try {
      assert.match(run.out(), /deploying the protocol/);
      assert.match(run.out(), /demo seeded in/);
      const [poll] = await polls();
      assert.equal(poll?.state, "active", "the demo's off-chain poll is open");
      // The AI value chain: 2's photos accepted, 7's training job queued (npm start does not wait for it).
      const chain = await valueChain();
      assert.equal(chain.accepted, 12, "3 people, 4 photos each");
      assert.equal(chain.jobs.length, 1);
      const job = chain.jobs[0] as Job;
      assert.deepEqual([job.kind, job.submitter], ["face-recognition.train", dev(7)]);
      assert.match(run.out(), new RegExp(`training job ${job.id} \\(face-recognition\\.train\\)`));
      assert.match(run.out(), new RegExp(`aidao jobs show --id ${job.id}`));
      const shown = await cli("jobs", "show", "--id", String(job.id), "--server", server, "--json");
      assert.equal(shown.code, 0, shown.out);
      const state = (JSON.parse(shown.out) as { job: Job }).job.state;
      assert.ok(["queued", "running", "succeeded"].includes(state), `the training job is ${state}`);

      // 2. What a user does next, through the CLI.
      const status = await cli("status", "--server", server, "--json");
      assert.equal(status.code, 0, status.out);
      const reported = JSON.parse(status.out) as { server: { reachable: boolean; readyz: { status: number } } };
      assert.equal(reported.server.reachable, true);
      assert.equal(reported.server.readyz.status, 200);
      const call = await cli(
        "call",
        "faces",
        PHOTO,
        "--deposit",
        "1",
        "--gateway",
        server,
        "--dev-account",
        "9",
        "--json",
      );
      assert.equal(call.code, 0, call.out);
      const verify = await cli("hub", "verify", "--hub", server);
      assert.equal(verify.code, 0, verify.out);
      assert.equal(await indexedChannels(dev(9), 2), 2, "the demo's channel and the one the call opened");
      // The job ends in the background; the server's publisher (account 7) then proposes it in Face DAO (DAO 3).
      const deadline = Date.now() + 60_000;
      let trained = state;
      while (["queued", "running"].includes(trained) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        trained = (
          JSON.parse((await cli("jobs", "show", "--id", String(job.id), "--server", server, "--json")).out) as {
            job: Job;
          }
        ).job.state;
      }
      assert.equal(trained, "succeeded");
      const face = await runGovernance([
        "proposals",
        "--dao",
        "3",
        "--rpc",
        `http://127.0.0.1:${chainPort}`,
        "--deployments",
        join(home, "deployments"),
      ]);
      assert.match(face, /Pending {2}Stage model 1 version 2 \(job /);
      run.child.kill("SIGINT");
      assert.equal(await run.exited, 0);

      // 3. A restart: the same chain, the same database, nothing seeded twice.
      run = await startUntil(env, "Press Ctrl-C to stop.");
      assert.match(run.out(), /already deployed on this chain; reusing it/);
      assert.doesNotMatch(run.out(), /demo seeded in/);
      assert.deepEqual(
        (await polls()).map((p) => p.id),
        [poll?.id],
      );
      assert.equal(await indexedChannels(dev(9), 2), 2);
      const kept = await valueChain();
      assert.deepEqual([kept.accepted, kept.jobs.map((j) => j.id)], [12, [job.id]], "nothing contributed twice");
      run.child.kill("SIGINT");
      assert.equal(await run.exited, 0);

      // 4. The chain deleted: deployed again, the database (written for the old chain) emptied and rebuilt from the new.
      rmSync(join(home, "chain-state.json"));
      run = await startUntil(env, "Press Ctrl-C to stop.");
      assert.match(run.out(), /deploying the protocol/);
      assert.match(run.out(), /the chain was reset since the database was written/);
      assert.match(run.out(), /demo seeded in/);
      const after = await polls();
      assert.equal(after.length, 1, "only the new chain's poll");
      assert.notEqual(after[0]?.id, poll?.id);
      assert.equal(await indexedChannels(dev(9), 1), 1, "only the new demo's channel");
      const rebuilt = await valueChain();
      assert.deepEqual([rebuilt.accepted, rebuilt.jobs.length], [12, 1], "only the new demo's photos and job");
      run.child.kill("SIGINT");
      assert.equal(await run.exited, 0);
    } finally {
      run.child.kill("SIGKILL"); // a failed assertion must not leave the chain and server running
    }
  });
});
