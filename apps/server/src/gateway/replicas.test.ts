import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ChannelPayer, type GatewayEndpoint, GatewayRequestError, listGatewayModels } from "@aidao/sdk";
import { type Hex, parseEther } from "viem";
import { openPostgres } from "../db/postgres.ts";
import { type RunningServer, startServer } from "../server.ts";
import { createPostgresDatabase } from "../testing/databases.ts";
import { dev, type LocalStack, PRICES, startLocalStack } from "../testing/localStack.ts";
import { GatewayStore } from "./store.ts";

// Two gateway replicas on one PostgreSQL: a channel is served by one replica at a time (its lease holder), a replica
// that takes a channel over continues from what the other made durable, and together they never serve more than the
// customer's vouchers pay for.
describe("gateway replicas on one PostgreSQL", () => {
  let stack: LocalStack;
  let postgres: { url: string; drop(): Promise<void> };
  let a: RunningServer<"gateway">;
  let b: RunningServer<"gateway">;
  let echo: GatewayEndpoint;
  const CUSTOMER = 15;
  const LEASE_MS = 1_500;

  const replica = (replicaId: string) =>
    startServer({
      mode: "gateway",
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      dataDir: mkdtempSync(join(tmpdir(), `aidao-replica-${replicaId}-`)),
      databaseUrl: postgres.url,
      replicaId,
      leaseMs: LEASE_MS,
      builtins: ["echo"],
    });
  const payer = (channelId: Hex, server: RunningServer, signed = 0n) =>
    new ChannelPayer({
      client: stack.wallet(CUSTOMER),
      gatewayUrl: server.url,
      chainId: 31337,
      usageChannels: stack.usageChannels,
      channel: { channelId, token: stack.token, recipient: stack.deployment.contracts.Treasury.address },
      signed,
    });
  const stored = async (channelId: Hex) => {
    const db = await openPostgres(postgres.url);
    try {
      return await GatewayStore.read(db, channelId);
    } finally {
      await db.close();
    }
  };

  before(async () => {
    stack = await startLocalStack();
    await stack.fund(dev(CUSTOMER).address, parseEther("100"));
    postgres = await createPostgresDatabase();
    a = await replica("a");
    b = await replica("b");
    echo = (await listGatewayModels(a.url)).endpoints.find((e) => e.unit === "call") as GatewayEndpoint;
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await stack?.stop();
    await postgres?.drop();
  });

  it("serves a channel from one replica at a time, and the other takes it over from the durable charges", async () => {
    const channelId = await stack.open(CUSTOMER, BigInt(echo.endpointId), parseEther("1"));
    const onA = payer(channelId, a);
    for (let i = 0; i < 3; i++) await onA.invoke(echo, `a${i}`);
    // B is refused while A holds the channel: 503, with when to retry.
    await assert.rejects(
      payer(channelId, b, onA.signed).invoke(echo, "b"),
      (e: unknown) => e instanceof GatewayRequestError && e.code === "CHANNEL_ELSEWHERE" && e.status === 503,
    );
    // A stops (gracefully: it gives its leases up); B serves on from A's total, not from zero.
    await a.close();
    const onB = payer(channelId, b, onA.signed);
    const { usage } = await onB.invoke(echo, "b after a");
    assert.equal(BigInt(usage.charged), PRICES.call * 4n);
    assert.equal((await stored(channelId))?.charged, PRICES.call * 4n);
    a = await replica("a");
  });

  it("never serves more than the vouchers pay for, behind a round-robin balancer, with a takeover mid-run", async () => {
    const channelId = await stack.open(CUSTOMER, BigInt(echo.endpointId), parseEther("1"));
    // A balancer as operators put in front of replicas: round robin, and the other replica when one is down.
    const targets = [a.url, b.url];
    let turn = 0;
    const balancer = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const first = turn++ % 2;
      for (const target of [targets[first], targets[1 - first]] as string[]) {
        try {
          const r = await fetch(`${target}${req.url}`, {
            method: req.method ?? "GET",
            headers: req.headers as Record<string, string>,
            ...(req.method === "GET" ? {} : { body: Buffer.concat(chunks) }),
          });
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(Buffer.from(await r.arrayBuffer()));
          return;
        } catch {
          // that replica is down: the other one
        }
      }
      res.writeHead(502).end();
    });
    await new Promise<void>((resolve) => balancer.listen(0, "127.0.0.1", () => resolve()));
    const p = new ChannelPayer({
      client: stack.wallet(CUSTOMER),
      gatewayUrl: `http://127.0.0.1:${(balancer.address() as { port: number }).port}`,
      chainId: 31337,
      usageChannels: stack.usageChannels,
      channel: { channelId, token: stack.token, recipient: stack.deployment.contracts.Treasury.address },
    });
    let answered = 0n;
    let elsewhere = 0;
    let stop = false;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      while (!stop) {
        try {
          const { usage } = await p.invoke(echo, `c${c}`);
          answered += BigInt(usage.charge);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === "CHANNEL_ELSEWHERE") elsewhere++;
          else if (code !== "VOUCHER_TOO_LOW") throw error;
        }
      }
    });
    const wait = async (until: () => boolean) => {
      const deadline = Date.now() + 30_000; // a bound, not a timing check
      while (!until() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    };
    try {
      await wait(() => answered >= PRICES.call * 20n);
      const before = answered;
      // The takeover, mid-run: one replica stops (finishing its calls in flight); the other serves on.
      await a.close();
      await wait(() => answered >= before + PRICES.call * 20n);
      stop = true;
      await Promise.all(clients);
      assert.ok(answered >= before + PRICES.call * 20n, "served on after the takeover");
    } finally {
      stop = true;
      balancer.close();
    }
    const record = await stored(channelId);
    assert.ok(record);
    assert.ok(elsewhere > 0, "the replica without the channel's lease refused its calls");
    assert.equal(record.charged, answered, "every answered call charged once, and nothing else");
    assert.ok(record.charged <= p.signed, "never more than the customer signed");
    assert.ok(record.charged <= record.voucherAmount, "the stored voucher covers the stored total");
    a = await replica("a");
  });
});
