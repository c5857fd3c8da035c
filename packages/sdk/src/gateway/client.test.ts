import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { createWalletClient, http, recoverTypedDataAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { usageChannelsDomain, voucherTypes } from "../eip712.ts";
import { ChannelPayer, type GatewayEndpoint, type GatewayRequestError } from "./client.ts";

// A gateway that misbehaves on purpose, to hold the payer to its promises: it answers whatever `next` says.
type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const account = privateKeyToAccount(`0x${"42".repeat(32)}`);
const client = createWalletClient({ chain: foundry, transport: http("http://127.0.0.1:1"), account });
const usageChannels = "0x00000000000000000000000000000000000000c1" as const;
const channel = {
  channelId: `0x${"ab".repeat(32)}` as const,
  token: "0x00000000000000000000000000000000000000aa" as const,
  recipient: "0x00000000000000000000000000000000000000bb" as const,
};
const endpoint: GatewayEndpoint = {
  endpointId: "1",
  modelId: "1",
  model: "faces",
  versionId: "1",
  daoId: "1",
  unit: "face",
  unitPrice: "10",
  token: channel.token,
  maxUnitsPerRequest: 5,
  kind: "builtin",
  path: "/v1/endpoints/1",
};

describe("ChannelPayer (the SDK's gateway client)", () => {
  let server: Server;
  let url: string;
  const seen: Array<{ cumulativeAmount: bigint; signature: `0x${string}` }> = [];
  let next: (n: number) => Answer = () => ({ status: 500, body: {} });

  before(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const header = req.headers["payment-signature"] as string;
      const payment = JSON.parse(Buffer.from(header, "base64").toString()) as {
        payload: { cumulativeAmount: string; signature: `0x${string}` };
      };
      seen.push({ cumulativeAmount: BigInt(payment.payload.cumulativeAmount), signature: payment.payload.signature });
      req.resume();
      req.on("end", () => {
        const a = next(seen.length);
        res.writeHead(a.status, { "content-type": "application/json", ...a.headers }).end(JSON.stringify(a.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => server.close());

  const payer = (o: { charged?: bigint; signed?: bigint; deposit?: bigint } = {}) =>
    new ChannelPayer({ client, gatewayUrl: url, chainId: 31337, usageChannels, channel, ...o });
  const ok = (charged: bigint, units = 1) => ({
    status: 200,
    body: { result: {}, usage: { units, charged: charged.toString(), charge: "10", unit: "face" } },
  });

  it("signs each call for the running total plus the call's maximum, in the channel's EIP-712 domain", async () => {
    seen.length = 0;
    const p = payer();
    next = (n) => ok(BigInt(n) * 20n, 2); // each call charges 2 faces
    await p.invoke(endpoint, "x");
    await p.invoke(endpoint, "x");
    assert.deepEqual(
      seen.map((s) => s.cumulativeAmount),
      [50n, 70n],
      "0 + 5 x 10, then 20 charged + 50",
    );
    const signer = await recoverTypedDataAddress({
      domain: usageChannelsDomain(31337, usageChannels),
      types: voucherTypes,
      primaryType: "Voucher",
      message: { ...channel, cumulativeAmount: 70n },
      signature: (seen[1] as { signature: `0x${string}` }).signature,
    });
    assert.equal(signer, account.address);
    assert.equal(p.charged, 40n);
  });

  it("never accepts a charged total above what it signed (a gateway cannot inflate the bill)", async () => {
    const p = payer();
    next = () => ok(1_000n);
    await assert.rejects(p.invoke(endpoint, "x"), (e: GatewayRequestError) => e.code === "OVERCHARGED");
    assert.equal(p.charged, 0n, "the inflated total was not adopted");
  });

  it("resynchronises once from a VOUCHER_TOO_LOW whose total it signed, and not from one it did not", async () => {
    seen.length = 0;
    const p = payer({ signed: 100n, charged: 0n });
    next = (n) =>
      n === 1 ? { status: 402, body: { error: { code: "VOUCHER_TOO_LOW", message: "low", charged: "60" } } } : ok(70n);
    const r = await p.invoke(endpoint, "x");
    assert.equal(r.usage.charged, "70");
    assert.deepEqual(
      seen.map((s) => s.cumulativeAmount),
      [50n, 110n],
      "retried on top of the 60 the gateway had charged",
    );
    const q = payer({ signed: 100n });
    next = () => ({ status: 402, body: { error: { code: "VOUCHER_TOO_LOW", message: "low", charged: "5000" } } });
    await assert.rejects(q.invoke(endpoint, "x"), (e: GatewayRequestError) => e.code === "OVERCHARGED");
  });

  it("never signs above the deposit: the last calls of a nearly spent channel ask for fewer units", async () => {
    seen.length = 0;
    const p = payer({ charged: 80n, signed: 80n, deposit: 100n });
    next = () => ok(90n);
    await p.invoke(endpoint, "x");
    assert.equal(seen[0]?.cumulativeAmount, 100n, "capped at the deposit, not 80 + 50");
  });

  it("surfaces the gateway's typed refusals with status, code and Retry-After", async () => {
    const p = payer();
    next = () => ({
      status: 429,
      body: { error: { code: "BUSY", message: "busy", retryAfter: 3 } },
      headers: { "retry-after": "3" },
    });
    await assert.rejects(p.invoke(endpoint, "x"), (e: GatewayRequestError) => {
      assert.equal(e.status, 429);
      assert.equal(e.code, "BUSY");
      assert.equal(e.retryAfter, 3);
      return true;
    });
  });
});
