import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { demoUsdAbi, usageChannelsAbi } from "@aidao/sdk";
import { decodePaymentResponseHeader } from "@x402/core/http";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPaymentFromConfig } from "@x402/fetch";
import { type Address, type Hex, parseEventLogs } from "viem";
import { type RunningServer, startServer } from "../server.ts";
import { flakyClient } from "../testing/flakyChain.ts";
import { dev, type LocalStack, PRICES, startLocalStack } from "../testing/localStack.ts";
import { ExactFacilitator } from "./exact.ts";

const require = createRequire(import.meta.url);
const photo = readFileSync(join(dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", "sample1.jpg"));

describe("x402 exact payments (EIP-3009) for one-off calls, settled by the local facilitator", () => {
  let stack: LocalStack;
  let server: RunningServer<"gateway">;
  const CUSTOMER = 16;
  const MAX_CHARGE = PRICES.faceUsd * 20n; // an exact payment covers the call's maximum: 20 faces
  /**
   * The next `failing[method]` requests of that JSON-RPC method go to a port nothing listens on (a real refused
   * connection), with viem's retries off: the server's client, as a moment of an RPC outage would leave it.
   */
  const failing: Record<string, number> = {};
  const flaky = () =>
    flakyClient(stack.publicClient, ({ method }) => {
      if ((failing[method] ?? 0) === 0) return false;
      failing[method] = (failing[method] as number) - 1;
      return true;
    });

  before(async () => {
    stack = await startLocalStack();
    await stack.mintUSD(dev(CUSTOMER).address, 5_000_000n); // $5
    server = await startServer({
      mode: "gateway",
      publicClient: flaky(),
      deployment: stack.deployment,
      dataDir: mkdtempSync(join(tmpdir(), "aidao-exact-")),
      redeemWallet: stack.wallet(0),
      redeem: { intervalMs: 3_600_000 },
      builtins: ["face-detection"],
    });
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
  });

  const url = () => `${server.url}/v1/endpoints/${stack.endpoints.faceUsd}`;
  const balance = (a: Address) =>
    stack.publicClient.readContract({ address: stack.demoUSD, abi: demoUsdAbi, functionName: "balanceOf", args: [a] });
  const credits = (a: Address) =>
    stack.publicClient.readContract({
      address: stack.usageChannels,
      abi: usageChannelsAbi,
      functionName: "credits",
      args: [a, stack.demoUSD],
    });
  /** The official x402 client, unchanged: it reads the 402, signs an EIP-3009 authorization, and retries. */
  const x402Fetch = () =>
    wrapFetchWithPaymentFromConfig(fetch, {
      schemes: [{ network: "eip155:31337", client: new ExactEvmScheme(dev(CUSTOMER) as never) }],
      // The customer's own spending rule: DemoUSD, at most $1 per call.
      spendControls: {
        allowedAssets: [{ network: "eip155:31337", asset: stack.demoUSD, maxAmountPerPayment: "1000000" }],
      },
    });
  /** Captures the payment header the x402 client sends, to replay or tamper with it. */
  const capturing = () => {
    const seen: string[] = [];
    const inner: typeof fetch = async (input, init) => {
      const request = new Request(input as string | URL | Request, init);
      const header = request.headers.get("payment-signature");
      if (header) seen.push(header);
      return fetch(request);
    };
    const paying = wrapFetchWithPaymentFromConfig(inner, {
      schemes: [{ network: "eip155:31337", client: new ExactEvmScheme(dev(CUSTOMER) as never) }],
      // The customer's own spending rule: DemoUSD, at most $1 per call.
      spendControls: {
        allowedAssets: [{ network: "eip155:31337", asset: stack.demoUSD, maxAmountPerPayment: "1000000" }],
      },
    });
    return { seen, paying };
  };

  it("offers exact beside channels in the 402 when the endpoint's token has EIP-3009", async () => {
    const r = await fetch(url(), { method: "POST", body: photo });
    assert.equal(r.status, 402);
    const body = (await r.json()) as {
      accepts: Array<{ scheme: string; amount: string; payTo: string; extra: Record<string, unknown> }>;
    };
    const exact = body.accepts.find((a) => a.scheme === "exact");
    assert.ok(exact, "an exact option");
    assert.equal(exact.amount, MAX_CHARGE.toString());
    assert.equal(exact.payTo, stack.usageChannels);
    assert.deepEqual([exact.extra.name, exact.extra.version], ["Demo USD", "1"]);
    const aidaoPriced = (await (
      await fetch(`${server.url}/v1/endpoints/${stack.endpoints.face}`, { method: "POST" })
    ).json()) as {
      accepts: Array<{ scheme: string }>;
    };
    assert.deepEqual(
      aidaoPriced.accepts.map((a) => a.scheme),
      ["aidao-channel"],
      "AIDAO has no EIP-3009: channels only",
    );
  });

  it("serves a call paid by the official x402 client and splits the payment on chain", async () => {
    const [before, before10, before11] = [
      await balance(dev(CUSTOMER).address),
      await credits(dev(10).address),
      await credits(dev(11).address),
    ];
    const r = await x402Fetch()(url(), { method: "POST", body: photo, headers: { "content-type": "image/jpeg" } });
    assert.equal(r.status, 200, await r.clone().text());
    const answer = (await r.json()) as { result: { faces: unknown[] }; usage: { units: number; transaction: Hex } };
    assert.equal(answer.result.faces.length, 3);
    const settled = decodePaymentResponseHeader(r.headers.get("payment-response") as string);
    assert.equal(settled.success, true);
    assert.equal(settled.transaction, answer.usage.transaction);
    assert.equal(await balance(dev(CUSTOMER).address), before - MAX_CHARGE, "paid the call's maximum, once");
    assert.equal((await credits(dev(10).address)) - before10, (MAX_CHARGE * 2_000n) / 10_000n, "data contributor 20%");
    assert.equal((await credits(dev(11).address)) - before11, (MAX_CHARGE * 1_000n) / 10_000n, "model contributor 10%");
    const receipt = await stack.publicClient.getTransactionReceipt({ hash: settled.transaction as Hex });
    const [paid] = parseEventLogs({ abi: usageChannelsAbi, logs: receipt.logs, eventName: "PaidPerCall" });
    assert.equal(paid?.args.endpointId, stack.endpoints.faceUsd);
    assert.equal(paid?.args.amount, MAX_CHARGE);
  });

  it("refuses a replayed authorization, and does not charge a call the model could not serve", async () => {
    const { seen, paying } = capturing();
    const ok = await paying(url(), { method: "POST", body: photo, headers: { "content-type": "image/jpeg" } });
    assert.equal(ok.status, 200);
    const used = seen.at(-1) as string;
    const replay = await fetch(url(), { method: "POST", body: photo, headers: { "payment-signature": used } });
    assert.equal(replay.status, 402);
    assert.match(((await replay.json()) as { error: { message: string } }).error.message, /nonce_used/);

    const before = await balance(dev(CUSTOMER).address);
    const bad = capturing();
    const refused = await bad.paying(url(), { method: "POST", body: "not an image" });
    assert.equal(refused.status, 415);
    assert.equal(await balance(dev(CUSTOMER).address), before, "nothing was settled");
    const payload = JSON.parse(Buffer.from(bad.seen.at(-1) as string, "base64").toString()) as {
      payload: { authorization: { nonce: Hex } };
    };
    const state = await stack.publicClient.readContract({
      address: stack.demoUSD,
      abi: demoUsdAbi,
      functionName: "authorizationState",
      args: [dev(CUSTOMER).address, payload.payload.authorization.nonce],
    });
    assert.equal(state, false, "the authorization is still unused");
  });

  it("answers x402's facilitator API: supported kinds, and verify with a reason", async () => {
    const supported = (await (await fetch(`${server.url}/facilitator/supported`)).json()) as {
      kinds: Array<{ scheme: string; network: string }>;
    };
    assert.deepEqual(
      supported.kinds.map((k) => `${k.scheme}@${k.network}`),
      ["exact@eip155:31337"],
    );
    const { seen, paying } = capturing();
    await paying(url(), { method: "POST", body: photo, headers: { "content-type": "image/jpeg" } });
    const used = JSON.parse(Buffer.from(seen.at(-1) as string, "base64").toString());
    const verdict = (await (
      await fetch(`${server.url}/facilitator/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ x402Version: 2, paymentPayload: used, paymentRequirements: used.accepted }),
      })
    ).json()) as { isValid: boolean; invalidReason?: string };
    assert.equal(verdict.isValid, false);
    assert.match(verdict.invalidReason ?? "", /nonce_used/);
  });

  it("waits out an RPC outage after sending a settlement: the customer who paid gets the answer", async () => {
    const before = await balance(dev(CUSTOMER).address);
    // The settlement is sent; then its receipt cannot be read for a while.
    failing.eth_getTransactionReceipt = 4;
    const r = await x402Fetch()(url(), { method: "POST", body: photo, headers: { "content-type": "image/jpeg" } });
    assert.equal(r.status, 200, await r.clone().text());
    assert.equal(failing.eth_getTransactionReceipt, 0, "the receipt reads failed, and were retried");
    assert.equal(decodePaymentResponseHeader(r.headers.get("payment-response") as string).success, true);
    assert.equal(await balance(dev(CUSTOMER).address), before - MAX_CHARGE, "paid once");
  });

  it("does not remember a token as without EIP-3009 because the chain did not answer", async () => {
    const facilitator = new ExactFacilitator({
      client: flaky(),
      wallet: stack.wallet(0),
      chainId: 31337,
      usageChannels: stack.usageChannels,
    });
    failing.eth_call = 1;
    await assert.rejects(facilitator.tokenDomain(stack.demoUSD), /HTTP request failed/);
    assert.deepEqual(await facilitator.tokenDomain(stack.demoUSD), { name: "Demo USD", version: "1" });
    // A token without EIP-3009 is one: its own answer, remembered.
    assert.equal(await facilitator.tokenDomain(stack.token), undefined);
  });
});
