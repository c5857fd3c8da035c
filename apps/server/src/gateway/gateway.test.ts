import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  type GatewayEndpoint,
  type GatewayRequestError,
  listGatewayModels,
  stakingAbi,
  usageChannelsAbi,
  usageChannelsDomain,
  voucherTypes,
} from "@aidao/sdk";
import { decodePaymentRequiredHeader, decodePaymentResponseHeader } from "@x402/core/http";
import { createPublicClient, erc20Abi, type Hex, http, parseEther } from "viem";
import { type RunningServer, startServer } from "../server.ts";
import { createPostgresDatabase, ENGINES } from "../testing/databases.ts";
import { dev, type LocalStack, PRICES, startLocalStack } from "../testing/localStack.ts";
import { GatewayError } from "./errors.ts";
import { uncharged } from "./gateway.ts";

const require = createRequire(import.meta.url);
const samples = join(dirname(require.resolve("@vladmandic/face-api/package.json")), "demo");
/** Faces SSD MobileNet v1 finds at confidence >= 0.5 in face-api's own sample photos. */
const EXPECTED_FACES = [3, 3, 3, 4, 5, 4];

for (const engine of ENGINES) {
  describe(`the gateway against a local chain (${engine})`, () => {
    let stack: LocalStack;
    let server: RunningServer<"gateway">;
    let upstream: Server;
    let upstreamUrl: string;
    let slowUrl: string;
    const arrivals: string[] = [];
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let endpoints: GatewayEndpoint[];
    const dataDir = mkdtempSync(join(tmpdir(), "aidao-gateway-"));
    const CUSTOMER = 12;
    let postgres: { url: string; drop(): Promise<void> } | undefined;

    const start = () =>
      startServer({
        mode: "gateway",
        publicClient: stack.publicClient,
        deployment: stack.deployment,
        dataDir,
        ...(postgres ? { databaseUrl: postgres.url } : {}),
        redeemWallet: stack.wallet(0),
        redeem: { intervalMs: 3_600_000 },
        maxBodyBytes: 2 * 1024 * 1024,
      });

    before(async () => {
      upstream = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", async () => {
          const text = Buffer.concat(chunks).toString();
          if (req.url === "/slow") {
            arrivals.push(text); // the order the gateway served them in
            await gate;
            res.writeHead(200, { "content-type": "application/json" }).end("{}");
            return;
          }
          if (text === "fail") {
            res.writeHead(503).end("down");
            return;
          }
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ words: text.split(" ") }));
        });
      });
      await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", () => resolve()));
      upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}/words`;
      slowUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}/slow`;
      stack = await startLocalStack({ [`${upstreamUrl}#units=json:/words&max=5`]: "word", [slowUrl]: "job" });
      await stack.fund(dev(CUSTOMER).address, parseEther("1000"));
      if (engine === "postgres") postgres = await createPostgresDatabase();
      server = await start();
      endpoints = (await listGatewayModels(server.url)).endpoints;
    });
    after(async () => {
      await server?.close();
      upstream?.close();
      await stack?.stop();
      await postgres?.drop();
    });

    const endpoint = (unit: string) => {
      const e = endpoints.find((x) => x.unit === unit);
      assert.ok(e, `an endpoint for ${unit}`);
      return e;
    };
    const payerFor = (channelId: Hex, i = CUSTOMER, gatewayUrl = server.url) => stack.payer(i, channelId, gatewayUrl);
    /** A raw paid request with a hand-made voucher. */
    const rawCall = async (
      path: string,
      body: Uint8Array | string,
      voucher: Record<string, unknown>,
      accepted: Record<string, unknown> = {},
    ) => {
      const payment = {
        x402Version: 2,
        accepted: { scheme: "aidao-channel", network: "eip155:31337", payTo: stack.usageChannels, ...accepted },
        payload: voucher,
      };
      return fetch(new URL(path, server.url), {
        method: "POST",
        body,
        headers: { "payment-signature": Buffer.from(JSON.stringify(payment)).toString("base64") },
      });
    };
    const sign = (
      i: number,
      channelId: Hex,
      cumulativeAmount: bigint,
      chainId = 31337,
      contract = stack.usageChannels,
    ) =>
      stack.wallet(i).signTypedData({
        domain: usageChannelsDomain(chainId, contract),
        types: voucherTypes,
        primaryType: "Voucher",
        message: {
          channelId,
          token: stack.token,
          recipient: stack.deployment.contracts.Treasury.address,
          cumulativeAmount,
        },
      });
    const errorOf = async (r: Response) => ((await r.json()) as { error: { code: string; message: string } }).error;

    it("lists the endpoints it serves with their units and prices, read from the chain", async () => {
      assert.equal(endpoint("face").unitPrice, PRICES.face.toString());
      assert.equal(endpoint("face").maxUnitsPerRequest, 20);
      assert.equal(endpoint("face").model, "faces");
      assert.equal(endpoint("call").unitPrice, PRICES.call.toString());
      assert.equal(endpoint("word").kind, "upstream");
    });

    it("answers 402 with x402 payment requirements when a paid endpoint is called without payment", async () => {
      const r = await fetch(new URL(endpoint("face").path, server.url), { method: "POST", body: "x" });
      assert.equal(r.status, 402);
      const header = r.headers.get("payment-required");
      assert.ok(header);
      const required = decodePaymentRequiredHeader(header);
      const terms = required.accepts[0];
      assert.ok(terms);
      assert.equal(terms.scheme, "aidao-channel");
      assert.equal(terms.network, "eip155:31337");
      assert.equal(terms.payTo, stack.usageChannels);
      assert.equal(terms.amount, (PRICES.face * 20n).toString(), "the most one request can cost");
      assert.equal(terms.extra.unit, "face");
      assert.equal(terms.extra.endpointId, endpoint("face").endpointId);
      assert.equal((await errorOf(r)).code, "PAYMENT_REQUIRED");
    });

    it("detects the faces in face-api's sample photos and charges one token per face", async () => {
      const channelId = await stack.open(CUSTOMER, BigInt(endpoint("face").endpointId), parseEther("200"));
      const payer = await payerFor(channelId);
      let total = 0n;
      for (const [i, expected] of EXPECTED_FACES.entries()) {
        const photo = readFileSync(join(samples, `sample${i + 1}.jpg`));
        const { result, usage } = await payer.invoke<{ faces: Array<{ box: object; score: number }> }>(
          endpoint("face"),
          photo,
          "image/jpeg",
        );
        assert.equal(result.faces.length, expected, `sample${i + 1}.jpg has ${expected} faces`);
        assert.ok(result.faces.every((f) => f.score >= 0.5));
        assert.equal(usage.units, expected);
        assert.equal(BigInt(usage.charge), PRICES.face * BigInt(expected), "one token per face");
        total += PRICES.face * BigInt(expected);
        assert.equal(BigInt(usage.charged), total, "the running total");
      }
      assert.equal((await server.ledger.channel(channelId)).record.charged, total);
    });

    it("serves a nearly spent channel down to its last unit: a call is capped to what its voucher covers", async () => {
      const face = endpoint("face");
      const channelId = await stack.open(CUSTOMER, BigInt(face.endpointId), PRICES.face * 4n);
      const payer = await payerFor(channelId);
      payer.deposit = PRICES.face * 4n;
      const photo = readFileSync(join(samples, "sample5.jpg")); // 5 faces
      const { result, usage } = await payer.invoke<{ faces: unknown[] }>(face, photo, "image/jpeg");
      assert.equal(usage.maxUnits, 4, "the voucher (the whole deposit) covered 4 faces");
      assert.equal(result.faces.length, 4, "the 4 most confident faces");
      assert.equal(BigInt(usage.charge), PRICES.face * 4n);
      await assert.rejects(
        payer.invoke(face, photo, "image/jpeg"),
        (e: GatewayRequestError) => e.code === "VOUCHER_TOO_LOW",
      );
    });

    it("checks a smart-wallet customer's vouchers with ERC-1271, as the chain will", async () => {
      const owner = 17;
      const e = endpoint("call");
      const { wallet: walletAddress, channelId } = await stack.walletChannel(
        owner,
        BigInt(e.endpointId),
        parseEther("1"),
      );
      // The wallet's owner signs; the wallet (the channel's customer) vouches for it through isValidSignature.
      const payer = await payerFor(channelId, owner);
      const { usage } = await payer.invoke(e, "from a smart wallet");
      assert.equal(usage.payer, walletAddress);
      const stranger = await payerFor(channelId, 13);
      await assert.rejects(stranger.invoke(e, "x"), (err: GatewayRequestError) => err.code === "INVALID_SIGNATURE");
    });

    it("under load serves AIDAO stakers first, and tells others to retry later (429 + Retry-After)", async () => {
      const [STAKER, OTHER] = [18, 19];
      for (const i of [STAKER, OTHER]) await stack.fund(dev(i).address, parseEther("3000"));
      const { Staking } = stack.deployment.contracts;
      for (const call of [
        { address: stack.token, abi: erc20Abi, functionName: "approve", args: [Staking.address, parseEther("2000")] },
        { address: Staking.address, abi: stakingAbi, functionName: "stake", args: [parseEther("2000")] },
      ] as const) {
        await stack.send(STAKER, call);
      }
      const busy = await startServer({
        mode: "gateway",
        publicClient: stack.publicClient,
        deployment: stack.deployment,
        dataDir: mkdtempSync(join(tmpdir(), "aidao-busy-")),
        builtins: [],
        concurrency: { [slowUrl]: 1 },
        maxQueue: 1,
        priorityStake: parseEther("1000"),
      });
      try {
        const job = (await listGatewayModels(busy.url)).endpoints.find((x) => x.unit === "job") as GatewayEndpoint;
        const payers = async (i: number) =>
          payerFor(await stack.open(i, BigInt(job.endpointId), parseEther("1")), i, busy.url);
        const [staker, other1, other2, other3] = [
          await payers(STAKER),
          await payers(OTHER),
          await payers(OTHER),
          await payers(OTHER),
        ];
        const settle = <T>(p: Promise<T>) =>
          p.then(
            (v) => ({ ok: true as const, v }),
            (e: unknown) => ({ ok: false as const, e }),
          );
        const first = settle(other1.invoke(job, "other-1")); // takes the only slot
        const until = async (done: () => boolean) => {
          while (!done()) await new Promise((r) => setTimeout(r, 5));
        };
        await until(() => arrivals.length === 1);
        const second = settle(other2.invoke(job, "other-2")); // waits in the normal queue (its one place)
        await until(() => busy.gateway.load(BigInt(job.endpointId))?.queued === 1);
        const third = await settle(other3.invoke(job, "other-3")); // no place left
        assert.equal(third.ok, false);
        const refusal = (third as { e: GatewayRequestError }).e;
        assert.equal(refusal.status, 429);
        assert.equal(refusal.code, "BUSY");
        assert.ok((refusal.retryAfter ?? 0) >= 1, "Retry-After says when");
        const preferred = settle(staker.invoke(job, "staker")); // jumps the queue
        await until(() => busy.gateway.load(BigInt(job.endpointId))?.priorityQueued === 1);
        open();
        const results = await Promise.all([first, second, preferred]);
        assert.ok(results.every((r) => r.ok));
        assert.deepEqual(
          arrivals,
          ["other-1", "staker", "other-2"],
          "the staker was served before the earlier non-staker",
        );
      } finally {
        await busy.close();
      }
    });

    it("returns the charge in x402's PAYMENT-RESPONSE header too", async () => {
      const channelId = await stack.open(CUSTOMER, BigInt(endpoint("call").endpointId), parseEther("1"));
      const signature = await sign(CUSTOMER, channelId, PRICES.call);
      const r = await rawCall(endpoint("call").path, "hello", {
        channelId,
        cumulativeAmount: PRICES.call.toString(),
        signature,
      });
      assert.equal(r.status, 200);
      const settled = decodePaymentResponseHeader(r.headers.get("payment-response") as string);
      assert.equal(settled.success, true);
      assert.equal(settled.amount, PRICES.call.toString());
      assert.equal(settled.payer, dev(CUSTOMER).address);
      assert.deepEqual(((await r.json()) as { result: unknown }).result, { echo: "hello" });
    });

    it("serves at most what one voucher pays for to many parallel requests", async () => {
      const channelId = await stack.open(CUSTOMER, BigInt(endpoint("call").endpointId), parseEther("1"));
      const amount = PRICES.call * 10n;
      const signature = await sign(CUSTOMER, channelId, amount);
      const voucher = { channelId, cumulativeAmount: amount.toString(), signature };
      const answers = await Promise.all(Array.from({ length: 40 }, () => rawCall(endpoint("call").path, "x", voucher)));
      const ok = answers.filter((r) => r.status === 200).length;
      assert.equal(ok, 10, "exactly the 10 calls the voucher covers");
      for (const r of answers.filter((x) => x.status !== 200)) {
        assert.equal(r.status, 402);
        assert.equal((await errorOf(r)).code, "VOUCHER_TOO_LOW");
      }
      const state = await server.ledger.channel(channelId);
      assert.equal(state.record.charged, amount);
      assert.equal(state.reserved, 0n, "nothing left in flight");
    });

    it("refuses every bad payment with a typed error before doing any work", async () => {
      const e = endpoint("call");
      const channelId = await stack.open(CUSTOMER, BigInt(e.endpointId), parseEther("1"));
      const faceChannel = await stack.open(CUSTOMER, BigInt(endpoint("face").endpointId), parseEther("1"));
      const good = await sign(CUSTOMER, channelId, PRICES.call);
      const cases: Array<[string, Promise<Response>, number, string]> = [
        [
          "a header that is not base64 JSON",
          fetch(new URL(e.path, server.url), { method: "POST", body: "x", headers: { "payment-signature": "%%%" } }),
          400,
          "MALFORMED_PAYMENT",
        ],
        [
          "a voucher without a signature",
          rawCall(e.path, "x", { channelId, cumulativeAmount: "1" }),
          400,
          "MALFORMED_PAYMENT",
        ],
        [
          "another network",
          rawCall(
            e.path,
            "x",
            { channelId, cumulativeAmount: PRICES.call.toString(), signature: good },
            { network: "eip155:1" },
          ),
          402,
          "WRONG_NETWORK",
        ],
        [
          "another contract",
          rawCall(
            e.path,
            "x",
            { channelId, cumulativeAmount: PRICES.call.toString(), signature: good },
            { payTo: stack.token },
          ),
          402,
          "WRONG_CONTRACT",
        ],
        [
          "a channel never opened",
          rawCall(e.path, "x", { channelId: `0x${"ab".repeat(32)}`, cumulativeAmount: "1", signature: good }),
          402,
          "UNKNOWN_CHANNEL",
        ],
        [
          "a channel of another endpoint",
          rawCall(e.path, "x", { channelId: faceChannel, cumulativeAmount: PRICES.call.toString(), signature: good }),
          402,
          "WRONG_ENDPOINT",
        ],
        [
          "a signature by someone else",
          rawCall(e.path, "x", {
            channelId,
            cumulativeAmount: PRICES.call.toString(),
            signature: await sign(13, channelId, PRICES.call),
          }),
          402,
          "INVALID_SIGNATURE",
        ],
        [
          "a voucher signed for another chain",
          rawCall(e.path, "x", {
            channelId,
            cumulativeAmount: PRICES.call.toString(),
            signature: await sign(CUSTOMER, channelId, PRICES.call, 1),
          }),
          402,
          "INVALID_SIGNATURE",
        ],
        [
          "a voucher signed for another contract",
          rawCall(e.path, "x", {
            channelId,
            cumulativeAmount: PRICES.call.toString(),
            signature: await sign(CUSTOMER, channelId, PRICES.call, 31337, stack.token),
          }),
          402,
          "INVALID_SIGNATURE",
        ],
        [
          "a voucher for another amount than signed",
          rawCall(e.path, "x", { channelId, cumulativeAmount: (PRICES.call * 2n).toString(), signature: good }),
          402,
          "INVALID_SIGNATURE",
        ],
        [
          "a voucher below the price",
          rawCall(e.path, "x", { channelId, cumulativeAmount: "1", signature: good }),
          402,
          "VOUCHER_TOO_LOW",
        ],
        [
          "a voucher above the deposit",
          rawCall(e.path, "x", { channelId, cumulativeAmount: parseEther("2").toString(), signature: good }),
          402,
          "DEPOSIT_TOO_LOW",
        ],
        ["an unknown model", rawCall("/v1/models/nope", "x", {}), 404, "UNKNOWN_MODEL"],
      ];
      for (const [what, pending, status, code] of cases) {
        const r = await pending;
        assert.equal(r.status, status, what);
        assert.equal((await errorOf(r)).code, code, what);
      }
      const state = await server.ledger.channel(channelId);
      assert.equal(state.record.charged, 0n, "nothing was charged");
    });

    it("refuses a channel about to expire, a body too large, and input the model cannot read, without charging", async () => {
      const face = endpoint("face");
      const soon = await stack.open(CUSTOMER, BigInt(face.endpointId), parseEther("40"), 30);
      const r = await rawCall(face.path, "x", {
        channelId: soon,
        cumulativeAmount: "1",
        signature: await sign(CUSTOMER, soon, 1n),
      });
      assert.equal((await errorOf(r)).code, "CHANNEL_EXPIRED");

      const channelId = await stack.open(CUSTOMER, BigInt(face.endpointId), parseEther("40"));
      const payer = await payerFor(channelId);
      const refusals: Array<[Uint8Array | string, number, string]> = [
        [new Uint8Array(3 * 1024 * 1024), 413, "BODY_TOO_LARGE"],
        ["not an image", 415, "UNSUPPORTED_MEDIA_TYPE"],
        [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 422, "BAD_INPUT"],
      ];
      for (const [body, status, code] of refusals) {
        await assert.rejects(payer.invoke(face, body), (e: GatewayRequestError) => {
          assert.equal(e.status, status, `${code}: ${e.message}`);
          assert.equal(e.code, code);
          return true;
        });
      }
      assert.equal((await server.ledger.channel(channelId)).record.charged, 0n, "failed calls are not charged");
    });

    it("proxies an upstream model, counts its units by the declared rule, and does not charge its failures", async () => {
      const e = endpoint("word");
      const channelId = await stack.open(CUSTOMER, BigInt(e.endpointId), parseEther("1"));
      const payer = await payerFor(channelId);
      const { result, usage } = await payer.invoke<{ words: string[] }>(e, "three little words", "text/plain");
      assert.deepEqual(result.words, ["three", "little", "words"]);
      assert.equal(usage.units, 3);
      await assert.rejects(
        payer.invoke(e, "fail", "text/plain"),
        (err: GatewayRequestError) => err.code === "UPSTREAM_FAILED",
      );
      await assert.rejects(
        payer.invoke(e, "one two three four five six", "text/plain"),
        (err: GatewayRequestError) => err.code === "UPSTREAM_FAILED",
      );
      assert.equal((await server.ledger.channel(channelId)).record.charged, PRICES.call * 3n);
    });

    it("redeems what it charged on chain, split between contributors and the DAO, and resumes after a restart", async () => {
      const channelId = await stack.open(CUSTOMER, BigInt(endpoint("word").endpointId), parseEther("1"));
      const payer = await payerFor(channelId);
      for (let i = 0; i < 5; i++) await payer.invoke(endpoint("word"), "two words", "text/plain");
      const charged = PRICES.call * 10n;
      assert.ok(payer.signed > charged, "the last voucher authorised more than was charged");

      // Restart: the charges and the vouchers come back from the database.
      await server.close();
      server = await start();
      const state = await server.ledger.channel(channelId);
      assert.equal(state.record.charged, charged);
      assert.equal(state.record.voucherAmount, payer.signed);

      const credits = (a: Hex) =>
        stack.publicClient.readContract({
          address: stack.usageChannels,
          abi: usageChannelsAbi,
          functionName: "credits",
          args: [a, stack.token],
        });
      const balance = (a: Hex) =>
        stack.publicClient.readContract({ address: stack.token, abi: erc20Abi, functionName: "balanceOf", args: [a] });
      const { Treasury, EducationFund } = stack.deployment.contracts;
      const watched = [dev(10).address, dev(11).address] as const;
      const before = {
        credits: await Promise.all(watched.map(credits)),
        dao: (await balance(Treasury.address)) + (await balance(EducationFund.address)),
      };
      // Every channel charged in this suite is due an hour later; they share one model, token and recipient: one split.
      const due = (await server.redeemer?.due(Date.now() + 3_600_000)) ?? [];
      assert.ok(due.some((r) => r.channelId === channelId));
      const owed = due.reduce((sum, r) => sum + r.charged - r.redeemed, 0n);
      await server.redeemer?.tick(Date.now() + 3_600_000);
      const onChain = await stack.publicClient.readContract({
        address: stack.usageChannels,
        abi: usageChannelsAbi,
        functionName: "channel",
        args: [channelId],
      });
      assert.equal(onChain.redeemed, charged, "collected what was charged, not the whole last voucher");
      const gained = (await Promise.all(watched.map(credits))).map((c, i) => c - (before.credits[i] as bigint));
      assert.deepEqual(gained, [(owed * 2_000n) / 10_000n, (owed * 1_000n) / 10_000n], "contributors' 20% and 10%");
      const daoGained = (await balance(Treasury.address)) + (await balance(EducationFund.address)) - before.dao;
      assert.equal(
        daoGained + (gained[0] as bigint) + (gained[1] as bigint),
        owed,
        "the DAO's treasury (and its education share) got the rest",
      );
      assert.equal((await server.ledger.channel(channelId)).record.redeemed, charged);
      assert.equal(
        (await server.redeemer?.due(Date.now() + 3_600_000))?.some((r) => r.channelId === channelId),
        false,
        "nothing due",
      );
    });
  });
}

describe("a failed call, as the customer is told (uncharged)", () => {
  it("keeps typed errors, says when the chain's RPC did not answer, and calls anything else the model's failure", async () => {
    const typed = new GatewayError("UPSTREAM_FAILED", "the upstream answered 500");
    assert.equal(uncharged(typed), typed);
    // A real refused connection: nothing listens on port 1.
    const unreachable = createPublicClient({ transport: http("http://127.0.0.1:1", { retryCount: 0 }) });
    const refused = await unreachable.getBlockNumber().catch((e: unknown) => e);
    const down = uncharged(refused);
    assert.equal(down.code, "CHAIN_UNAVAILABLE");
    assert.equal(down.status, 503);
    assert.equal(down.retryAfter, 2);
    assert.match(down.message, /the chain's RPC endpoint did not answer.*nothing was charged/);
    const failed = uncharged(new Error("out of memory"));
    assert.equal(failed.code, "MODEL_FAILED");
    assert.match(failed.message, /the model failed: out of memory; nothing was charged/);
  });
});
