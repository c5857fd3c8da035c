import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import {
  ChannelPayer,
  type GatewayEndpoint,
  hubProposalTypes,
  hubVoteTypes,
  listGatewayModels,
  SNAPSHOT_DOMAIN,
  usageChannelsAbi,
  usageChannelsDomain,
  voucherTypes,
} from "@aidao/sdk";
import { type Hex, parseEther, verifyTypedData } from "viem";
import type { Database } from "./db/database.ts";
import { openPostgres } from "./db/postgres.ts";
import { openSqlite } from "./db/sqlite.ts";
import { GatewayStore } from "./gateway/store.ts";
import { createPostgresDatabase } from "./testing/databases.ts";
import { dev, type LocalStack, PRICES, startLocalStack } from "./testing/localStack.ts";

const MAIN = new URL("./main.ts", import.meta.url).pathname;

/** The gateway as its own OS process, so that it can be killed with SIGKILL mid-flight. */
const spawnGateway = (stack: LocalStack, dir: string, env: Record<string, string> = {}, args: string[] = []) =>
  spawnServer("gateway", stack, dir, env, args);

/** The server in `mode` as its own OS process. */
async function spawnServer(
  mode: "gateway" | "hub",
  stack: LocalStack,
  dir: string,
  env: Record<string, string> = {},
  args: string[] = [],
) {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      "--mode",
      mode,
      "--rpc",
      stack.chain.rpcUrl,
      "--deployments",
      dir,
      "--data-dir",
      dir,
      "--port",
      "0",
      ...args,
    ],
    { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.stderr?.on("data", (d) => {
      out += String(d);
    });
    child.once("exit", (code) => reject(new Error(`the ${mode} exited (${code}): ${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, url, exited };
}

const kill9 = async (g: { child: ChildProcess; exited: Promise<void> }) => {
  g.child.kill("SIGKILL");
  await g.exited;
};

describe("the gateway survives kill -9", () => {
  let stack: LocalStack;
  const dir = mkdtempSync(join(tmpdir(), "aidao-crash-"));
  const CUSTOMER = 14;

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    await stack.fund(dev(CUSTOMER).address, parseEther("100"));
  });
  after(() => stack?.stop());

  const payerFor = (channelId: Hex, gatewayUrl: string) =>
    new ChannelPayer({
      client: stack.wallet(CUSTOMER),
      gatewayUrl,
      chainId: 31337,
      usageChannels: stack.usageChannels,
      channel: { channelId, token: stack.token, recipient: stack.deployment.contracts.Treasury.address },
    });
  const echo = async (url: string) =>
    (await listGatewayModels(url)).endpoints.find((e) => e.unit === "call") as GatewayEndpoint;
  /** A channel's record as the database holds it (read by a fresh connection, as after a restart). */
  const stored = async (channelId: Hex, databaseUrl?: string) => {
    const db: Database = databaseUrl ? await openPostgres(databaseUrl) : openSqlite(join(dir, "server.sqlite"));
    try {
      return await GatewayStore.read(db, channelId);
    } finally {
      await db.close();
    }
  };

  // Every place a commit can run: SQLite on the event loop or on the writer thread, and PostgreSQL.
  for (const [writer, engine] of [
    ["inline", "sqlite"],
    ["thread", "sqlite"],
    ["inline", "postgres"],
  ] as const)
    it(`loses no answered charge when killed under load, and keeps a voucher that proves the total (${engine}, ${writer} writer)`, async () => {
      const postgres = engine === "postgres" ? await createPostgresDatabase() : undefined;
      const dbArgs = postgres ? ["--database-url", postgres.url] : [];
      let g = await spawnGateway(stack, dir, {}, ["--writer", writer, ...dbArgs]);
      const endpoint = await echo(g.url);
      const channelId = await stack.open(CUSTOMER, BigInt(endpoint.endpointId), parseEther("10"));
      // 8 clients on the same channel, each with its own payer (signing its own vouchers), until the kill.
      let answered = 0n;
      let signedMax = 0n;
      const clients = Array.from({ length: 8 }, async () => {
        const payer = payerFor(channelId, g.url);
        for (;;) {
          try {
            const { usage } = await payer.invoke(endpoint, "x");
            answered += BigInt(usage.charge);
          } catch (error) {
            if ((error as { code?: string }).code === "VOUCHER_TOO_LOW") continue; // another client charged first
            break; // the gateway is gone
          } finally {
            if (payer.signed > signedMax) signedMax = payer.signed;
          }
        }
      });
      // Kill once a good number of calls were answered (however fast this machine is).
      const deadline = Date.now() + 60_000; // a bound, not a timing check: never hang if nothing is answered
      while (answered < PRICES.call * 30n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await kill9(g);
      await Promise.all(clients);
      assert.ok(answered > 0n, "calls were answered before the kill");

      const record = await stored(channelId, postgres?.url);
      assert.ok(record, "the channel is in the database");
      assert.ok(record.charged >= answered, `every answered charge is durable (${record.charged} >= ${answered})`);
      assert.ok(record.charged <= record.voucherAmount, "the stored voucher covers the stored total");
      assert.ok(record.voucherAmount <= signedMax, "and was signed by the customer");
      const valid = await verifyTypedData({
        address: dev(CUSTOMER).address,
        domain: usageChannelsDomain(31337, stack.usageChannels),
        types: voucherTypes,
        primaryType: "Voucher",
        message: {
          channelId,
          token: stack.token,
          recipient: stack.deployment.contracts.Treasury.address,
          cumulativeAmount: record.voucherAmount,
        },
        signature: record.voucherSignature as Hex,
      });
      assert.ok(valid, "the stored signature is the customer's");

      // The restarted gateway serves on from the stored total.
      g = await spawnGateway(stack, dir, {}, dbArgs);
      const payer = payerFor(channelId, g.url);
      payer.signed = signedMax;
      const { usage } = await payer.invoke(endpoint, "again");
      assert.equal(BigInt(usage.charged), record.charged + PRICES.call);
      await kill9(g);
      await postgres?.drop();
    });

  it("keeps a charge made durable just before a crash, and the customer's client resynchronises from it", async () => {
    let g = await spawnGateway(stack, dir, { AIDAO_FAILPOINT: "gateway.afterCharge" });
    const endpoint = await echo(g.url);
    const channelId = await stack.open(CUSTOMER, BigInt(endpoint.endpointId), parseEther("1"));
    const payer = payerFor(channelId, g.url);
    await assert.rejects(payer.invoke(endpoint, "lost answer"), "the process died between the charge and the answer");
    await g.exited;
    assert.equal((await stored(channelId))?.charged, PRICES.call, "the charge was durable before the answer");

    g = await spawnGateway(stack, dir);
    const resumed = new ChannelPayer({
      client: stack.wallet(CUSTOMER),
      gatewayUrl: g.url,
      chainId: 31337,
      usageChannels: stack.usageChannels,
      channel: { channelId, token: stack.token, recipient: stack.deployment.contracts.Treasury.address },
      signed: payer.signed,
    });
    const { usage } = await resumed.invoke(endpoint, "hello");
    assert.equal(BigInt(usage.charged), PRICES.call * 2n, "one lost answer, then one answered call");
    const onChain = await stack.publicClient.readContract({
      address: stack.usageChannels,
      abi: usageChannelsAbi,
      functionName: "channel",
      args: [channelId],
    });
    assert.equal(onChain.redeemed, 0n, "nothing redeemed without a redeem key");
    await kill9(g);
  });
});

describe("the hub survives kill -9", () => {
  let stack: LocalStack;
  let snapshot: number;
  const VOTERS = [5, 6];

  before(async () => {
    stack = await startLocalStack();
    for (const i of VOTERS) await stack.stake(i, parseEther("100"));
    await stack.travel(7 * 86_400 + 10);
    snapshot = Number(await stack.publicClient.getBlockNumber({ cacheTime: 0 }));
    await stack.travel(1);
  });
  after(() => stack?.stop());

  // Derived once: an HD derivation per message would cost more than the test.
  const accounts = new Map(VOTERS.map((i) => [i, dev(i)]));
  /** A signed message in Snapshot's envelope, as any client sends it. */
  const envelope = async (i: number, types: typeof hubProposalTypes | typeof hubVoteTypes, message: object) => {
    const account = accounts.get(i) as ReturnType<typeof dev>;
    const primaryType = Object.keys(types)[0] as "Proposal" | "Vote";
    const sig = await account.signTypedData({ domain: SNAPSHOT_DOMAIN, types, primaryType, message } as never);
    return JSON.stringify({ address: account.address, sig, data: { domain: SNAPSHOT_DOMAIN, types, message } });
  };

  for (const engine of ["sqlite", "postgres"] as const)
    it(`keeps every message it acknowledged when killed mid-flight (${engine})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "aidao-hub-crash-"));
      writeDeployment(dir, stack.deployment as never);
      const postgres = engine === "postgres" ? await createPostgresDatabase() : undefined;
      const args = [...(postgres ? ["--database-url", postgres.url] : []), "--hub-limits", "requestsPerMinute=1000000"];
      let hub = await spawnServer("hub", stack, dir, {}, args);
      const post = async (url: string, body: string) => {
        const r = await fetch(`${url}/api/msg`, { method: "POST", body });
        if (r.status !== 200) throw new Error(`${r.status}: ${await r.text()}`);
        return ((await r.json()) as { id: Hex }).id;
      };
      const ts = Math.floor(Date.now() / 1000);
      const proposal = await post(
        hub.url,
        await envelope(5, hubProposalTypes, {
          from: dev(5).address,
          space: "aidao",
          timestamp: ts,
          type: "single-choice",
          title: "crash",
          body: "",
          discussion: "",
          choices: ["A", "B"],
          labels: [],
          start: ts,
          end: ts + 3_600,
          snapshot,
          plugins: "{}",
          privacy: "",
          app: "",
        }),
      );
      // Distinct votes (each its own reason), signed before the clock starts.
      const bodies = await Promise.all(
        Array.from({ length: 400 }, (_, k) => {
          const i = VOTERS[k % 2] as number;
          return envelope(i, hubVoteTypes, {
            from: (accounts.get(i) as ReturnType<typeof dev>).address,
            space: "aidao",
            timestamp: ts,
            proposal,
            choice: 1 + (k % 2),
            reason: `vote ${k}`,
            app: "",
            metadata: "{}",
          });
        }),
      );
      const acknowledged: Hex[] = [];
      let next = 0;
      const clients = Array.from({ length: 8 }, async () => {
        for (let body = bodies[next++]; body; body = bodies[next++]) {
          try {
            acknowledged.push(await post(hub.url, body));
          } catch {
            return; // the hub is gone
          }
        }
      });
      const deadline = Date.now() + 60_000; // a bound, not a timing check: never hang if nothing is answered
      while (acknowledged.length < 60 && next < bodies.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
      }
      await kill9(hub);
      await Promise.all(clients);
      assert.ok(acknowledged.length >= 60, `messages were acknowledged before the kill (${acknowledged.length})`);
      assert.ok(next < bodies.length, "the hub was killed with messages still in flight");

      hub = await spawnServer("hub", stack, dir, {}, args);
      const log = (await (await fetch(`${hub.url}/api/hub/messages?limit=1000`)).json()) as {
        messages: Array<{ id: Hex }>;
      };
      const kept = new Set(log.messages.map((m) => m.id));
      const lost = acknowledged.filter((id) => !kept.has(id));
      assert.deepEqual(lost, [], "every acknowledged message is in the log after the restart");
      // And the restarted hub goes on: a copy of an acknowledged message is a duplicate, a new one is accepted.
      const dup = await fetch(`${hub.url}/api/msg`, { method: "POST", body: bodies[0] as string });
      assert.equal(dup.status, 409);
      await kill9(hub);
      await postgres?.drop();
    });
});
