import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type GatewayEndpoint, type GatewayRequestError, listGatewayModels } from "@aidao/sdk";
import { parseEther, toHex } from "viem";
import { type RunningServer, startServer } from "./server.ts";
import { flakyClient } from "./testing/flakyChain.ts";
import { signedProposal } from "./testing/hubMessages.ts";
import { dev, type LocalStack, startLocalStack } from "./testing/localStack.ts";

describe("the server in mode all (what npm start runs)", () => {
  let stack: LocalStack;
  let server: RunningServer<"all">;
  /** While true, the server's chain client talks to a port nothing listens on (a real refused connection). */
  let chainDown = false;
  const logged: string[] = [];

  before(async () => {
    stack = await startLocalStack();
    server = await startServer({
      mode: "all",
      publicClient: flakyClient(stack.publicClient, () => chainDown),
      deployment: stack.deployment,
      dataDir: mkdtempSync(join(tmpdir(), "aidao-all-")),
      builtins: ["echo"],
      log: (m) => logged.push(m),
      indexer: { confirmations: 0, pollIntervalMs: 100 },
    });
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
  });

  it("serves the gateway, the hub and the indexer from one app and one database", async () => {
    const get = (path: string) => fetch(`${server.url}${path}`);
    assert.equal((await get("/v1/models")).status, 200);
    assert.equal(((await (await get("/api/hub")).json()) as { chainId: number }).chainId, 31337);
    const head = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
    await server.indexer.whenIndexed(head);
    const status = (await (await get("/api/status")).json()) as { indexed: number };
    assert.ok(status.indexed >= Number(head), JSON.stringify(status));
    const events = (await (await get("/api/events?limit=5")).json()) as { events: unknown[] };
    assert.equal(events.events.length, 5, "the protocol's deployment is indexed");
    // The hub's route under /api keeps the hub's errors (Snapshot's shape), beside the indexer's routes.
    const bad = await fetch(`${server.url}/api/msg`, { method: "POST", body: "{" });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: string }).error, "client_error");
  });

  it("answers 503 CHAIN_UNAVAILABLE with a Retry-After while the chain's RPC does not answer, in each API's shape", async () => {
    const channelId = toHex(7n, { size: 32 }); // not loaded yet: admitting it reads the chain
    const payment = Buffer.from(
      JSON.stringify({
        x402Version: 2,
        accepted: { scheme: "aidao-channel", network: "eip155:31337", payTo: stack.usageChannels, asset: stack.token },
        payload: { channelId, cumulativeAmount: "1000000000000000", signature: `0x${"11".repeat(65)}` },
      }),
    ).toString("base64");
    const call = () =>
      fetch(`${server.url}/v1/endpoints/${stack.endpoints.echo}`, {
        method: "POST",
        headers: { "payment-signature": payment },
        body: "hello",
      });
    const proposal = (space: string) =>
      signedProposal(dev(5), {
        space,
        title: "While the chain is away",
        timestamp: Math.floor(Date.now() / 1000),
        snapshot: 1,
      });
    const post = async (space: string) =>
      fetch(`${server.url}/api/msg`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: await proposal(space),
      });
    const propose = () => post("aidao");
    // An AI DAO's space is looked up on the chain when first named: there is no DAO 99.
    const unknownDao = () => post("dao-99");

    chainDown = true;
    try {
      const paid = await call();
      assert.equal(paid.status, 503);
      assert.equal(paid.headers.get("retry-after"), "2");
      const error = ((await paid.json()) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, "CHAIN_UNAVAILABLE");
      assert.match(error.message, /the chain's RPC endpoint did not answer/);
      const proposed = await propose();
      assert.equal(proposed.status, 503);
      assert.equal(proposed.headers.get("retry-after"), "2");
      // The hub keeps Snapshot's error shape.
      const hubError = (await proposed.json()) as { error: string; code: string };
      assert.equal(hubError.error, "server_error");
      assert.equal(hubError.code, "CHAIN_UNAVAILABLE");
      // Not "no such space": the chain did not say.
      const lookup = await unknownDao();
      assert.equal(lookup.status, 503);
      assert.equal(((await lookup.json()) as { code: string }).code, "CHAIN_UNAVAILABLE");
      // Told to the operator once, not per answer.
      assert.equal(
        logged.filter((m) => /requests answered 503 CHAIN_UNAVAILABLE/.test(m)).length,
        1,
        logged.join("\n"),
      );
    } finally {
      chainDown = false;
    }
    // Back: the same requests get their real answers (nothing about the outage was remembered).
    const paid = await call();
    assert.equal(paid.status, 402);
    assert.equal(((await paid.json()) as { error: { code: string } }).error.code, "UNKNOWN_CHANNEL");
    const proposed = await propose();
    assert.equal(proposed.status, 403, "dev 5 has no stake here: refused for power, which the chain now answered");
    assert.equal(((await proposed.json()) as { code: string }).code, "NO_POWER");
    const lookup = await unknownDao();
    assert.equal(lookup.status, 404);
    assert.equal(((await lookup.json()) as { code: string }).code, "UNKNOWN_SPACE");
  });

  it("answers a smart wallet's voucher with CHAIN_UNAVAILABLE, not INVALID_SIGNATURE, when ERC-1271 cannot be asked", async () => {
    const owner = 17;
    const endpointId = stack.endpoints.echo as bigint;
    const { wallet, channelId } = await stack.walletChannel(owner, endpointId, parseEther("1"));
    const payer = await stack.payer(owner, channelId, server.url);
    const models = await listGatewayModels(server.url);
    const echo = models.endpoints.find((e) => BigInt(e.endpointId) === endpointId) as GatewayEndpoint;
    await payer.invoke(echo, "while the chain answers"); // the channel is known from here: no chain read to admit it

    chainDown = true;
    try {
      await assert.rejects(payer.invoke(echo, "while it does not"), (e: GatewayRequestError) => {
        assert.equal(e.code, "CHAIN_UNAVAILABLE");
        return true;
      });
    } finally {
      chainDown = false;
    }
    const { usage } = await payer.invoke(echo, "and again");
    assert.equal(usage.payer, wallet);
  });
});
