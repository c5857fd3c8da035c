// The metered gateway's speed beside its references, in one run on this machine (ratios, not absolute times):
//   - the raw signature-recovery rate: native libsecp256k1, viem's verifyTypedData, and the gateway's voucher check;
//   - an echo endpoint: unpaid (the same HTTP stack, no payment), paid the naive way (one viem verification per
//     request), and through the gateway with a fresh voucher per request (verified, admitted, charged, fsynced);
//     req/s, p50 and p99 at 16 and 64 concurrent clients, in three rounds of all three (each ratio is taken within a
//     round, since this machine's speed moves between runs, and the median is reported);
//   - the face endpoint directly vs through the gateway (one client, interleaved), the gateway's overhead (the median
//     of the pairs' differences over the direct median).
//   npm run bench   (after the gas table)
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeDeployment } from "@aidao/contracts/deploy";
import { usageChannelsDomain, voucherTypes } from "@aidao/sdk";
import { VoucherVerifier } from "@aidao/server";
import { dev, PRICES, startLocalStack } from "@aidao/server/testing";
import { type Hex, parseEther, toHex, verifyTypedData } from "viem";
import { type LoadResult, load } from "./gateway/load.ts";
import { rate, SERVER_MAIN, startProcess, stopProcesses } from "./lib/process.ts";

const require = createRequire(import.meta.url);
const secp256k1 = require("secp256k1/bindings.js") as {
  ecdsaSign(msg32: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
};
const here = dirname(fileURLToPath(import.meta.url));
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2_000);
const CLIENT_COUNTS = [16, 64];
/** Rounds of unpaid → naive → paid per client count: each ratio is taken within a round, and the median is reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_PAID_RPS = 15_000;

const stack = await startLocalStack();
const dir = mkdtempSync(join(tmpdir(), "aidao-bench-gateway-"));
writeDeployment(dir, stack.deployment as never);
const CUSTOMER = 12;
const customer = dev(CUSTOMER);
const privateKey = customer.getHdKey().privateKey as Uint8Array;
const token = stack.token;
const recipient = stack.deployment.contracts.Treasury.address;
await stack.fund(customer.address, parseEther("5000"));

// ---------------------------------------------------------------------------------------------- signature rates
const verifier = new VoucherVerifier(31337, stack.usageChannels);
const sampleChannel = toHex(1n, { size: 32 });
const sampleCtx = verifier.context({ channelId: sampleChannel, token, recipient, customer: customer.address });
const sampleDigest = verifier.digest(sampleCtx, 123n);
const sampleSig = secp256k1.ecdsaSign(sampleDigest, privateKey);
const sampleSig65 = new Uint8Array([...sampleSig.signature, 27 + sampleSig.recid]);
const sampleHex = toHex(sampleSig65);
const domain = usageChannelsDomain(31337, stack.usageChannels);
const nativeRate = await rate(() => secp256k1.ecdsaRecover(sampleSig.signature, sampleSig.recid, sampleDigest, false));
const viemRate = await rate(
  () =>
    verifyTypedData({
      address: customer.address,
      domain,
      types: voucherTypes,
      primaryType: "Voucher",
      message: { channelId: sampleChannel, token, recipient, cumulativeAmount: 123n },
      signature: sampleHex,
    }),
  1_500,
);
const gatewayRate = await rate(() => {
  if (!verifier.verify(sampleCtx, 123n, sampleSig65)) throw new Error("the bench voucher does not verify");
});

// ---------------------------------------------------------------------------------------------- echo under load
const echoEndpoint = stack.endpoints.echo as bigint;
const faceEndpoint = stack.endpoints.face as bigint;
const channelsNeeded = CLIENT_COUNTS.reduce((a, b) => a + b, 0);
const perChannelDeposit = parseEther("30"); // 30,000 calls at 0.001
const channels: Hex[] = [];
for (let i = 0; i < channelsNeeded; i++) channels.push(await stack.open(CUSTOMER, echoEndpoint, perChannelDeposit));

const paymentHeader = (channelId: Hex, amount: bigint, signature: Hex) =>
  Buffer.from(
    JSON.stringify({
      x402Version: 2,
      accepted: { scheme: "aidao-channel", network: "eip155:31337", payTo: stack.usageChannels, asset: token },
      payload: { channelId, cumulativeAmount: amount.toString(), signature },
    }),
  ).toString("base64");

/** Vouchers for `count` calls on a channel, signed natively before the clock starts (the customer's cost). */
function presign(channelId: Hex, count: number, price: bigint, first = 1n): string[] {
  const ctx = verifier.context({ channelId, token, recipient, customer: customer.address });
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const amount = (first + BigInt(k)) * price;
    const s = secp256k1.ecdsaSign(verifier.digest(ctx, amount), privateKey);
    out.push(paymentHeader(channelId, amount, toHex(new Uint8Array([...s.signature, 27 + s.recid]))));
  }
  return out;
}

const argsFile = join(dir, "naive.json");
writeFileSync(
  argsFile,
  JSON.stringify({ chainId: 31337, usageChannels: stack.usageChannels, customer: customer.address, token, recipient }),
);
const echoRef = join(here, "gateway", "echoServer.ts");
const [unpaidUrl, naiveUrl, gatewayUrl] = await Promise.all([
  startProcess([echoRef, "unpaid"]),
  startProcess([echoRef, "naive", argsFile]),
  startProcess([
    SERVER_MAIN,
    "--mode",
    "gateway",
    "--rpc",
    stack.chain.rpcUrl,
    "--deployments",
    dir,
    "--data-dir",
    dir,
    "--port",
    "0",
    ...(process.env.BENCH_DURABILITY ? ["--durability", process.env.BENCH_DURABILITY] : []),
  ]),
]);
const body = Buffer.from("hello");
const rows: Array<{ op: string; r: LoadResult }> = [];
/** Per client count, the paid/naive and paid/unpaid ratio of each round (the machine's speed moves between rounds). */
const roundRatios = new Map<number, Array<{ naive: number; unpaid: number }>>();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
let offset = 0;
for (const clients of CLIENT_COUNTS) {
  // Enough vouchers for ROUNDS runs at up to MAX_PAID_RPS (the run stops, loudly, if the gateway outpaces that).
  const perClient = Math.ceil((MAX_PAID_RPS * ROUNDS * (DURATION_MS + 500)) / 1000 / clients);
  const vouchers = channels.slice(offset, offset + clients).map((c) => presign(c, perClient, PRICES.call));
  offset += clients;
  const used = new Array<number>(clients).fill(0);
  const series: Record<"unpaid" | "naive" | "paid", LoadResult[]> = { unpaid: [], naive: [], paid: [] };
  const ratios: Array<{ naive: number; unpaid: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const unpaid = await load({
      url: unpaidUrl,
      clients,
      durationMs: DURATION_MS,
      make: () => ({ path: "/echo", body, headers: { "content-type": "text/plain" } }),
    });
    const naive = await load({
      url: naiveUrl,
      clients,
      durationMs: DURATION_MS,
      make: (c, seq) => ({
        path: "/echo",
        body,
        headers: { "payment-signature": (vouchers[c] as string[])[seq % 100] as string },
      }),
    });
    const paid = await load({
      url: gatewayUrl,
      clients,
      durationMs: DURATION_MS,
      make: (c) => {
        // Each client's vouchers go on from where its last round stopped: cumulative amounts only rise.
        const header = (vouchers[c] as string[])[used[c] as number];
        if (!header) throw new Error(`client ${c} used all ${perClient} vouchers: raise MAX_PAID_RPS`);
        used[c] = (used[c] as number) + 1;
        return { path: `/v1/endpoints/${echoEndpoint}`, body, headers: { "payment-signature": header } };
      },
    });
    series.unpaid.push(unpaid);
    series.naive.push(naive);
    series.paid.push(paid);
    ratios.push({ naive: paid.rps / naive.rps, unpaid: paid.rps / unpaid.rps });
  }
  roundRatios.set(clients, ratios);
  // Each row: the median round by req/s.
  const mid = (rs: LoadResult[]) => [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)] as LoadResult;
  rows.push({ op: `echo unpaid, ${clients} clients`, r: mid(series.unpaid) });
  rows.push({ op: `echo naive paid, ${clients}`, r: mid(series.naive) });
  rows.push({ op: `echo via gateway, ${clients}`, r: mid(series.paid) });
}

// ---------------------------------------------------------------------------------------------- face overhead
const faceUrl = await startProcess([echoRef, "face"]);
const photo = readFileSync(join(dirname(require.resolve("@vladmandic/face-api/package.json")), "demo", "sample1.jpg"));
const faceChannel = await stack.open(CUSTOMER, faceEndpoint, parseEther("600"));
const maxPerCall = PRICES.face * 20n;
const FACE_CALLS = 27; // 3 warm-up, then 24 measured on each side, interleaved
const faceVouchers = presign(faceChannel, FACE_CALLS, maxPerCall);
const timeOne = async (url: string, headers: Record<string, string>) => {
  const t = performance.now();
  const r = await fetch(url, { method: "POST", body: photo, headers: { "content-type": "image/jpeg", ...headers } });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`face call answered ${r.status}`);
  return performance.now() - t;
};
const direct: number[] = [];
const viaGateway: number[] = [];
for (let i = 0; i < FACE_CALLS; i++) {
  const d = await timeOne(`${faceUrl}/face`, {});
  const g = await timeOne(`${gatewayUrl}/v1/endpoints/${faceEndpoint}`, {
    "payment-signature": faceVouchers[i] as string,
  });
  if (i < 3) continue; // warm-up
  direct.push(d);
  viaGateway.push(g);
}
const faceDirect = median(direct);
const faceGateway = median(viaGateway);
// The overhead from the pairs (each gateway call right after its direct twin): the host's drift over the run cancels
// within a pair, where the difference of two medians carried it (±5% between runs on a 450 ms model).
const faceOverhead = median(viaGateway.map((g, i) => g - (direct[i] as number)));

// ---------------------------------------------------------------------------------------------- report
const f = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log("\nsignature checks per second (one core)");
console.log(`  native libsecp256k1 recover   ${f(nativeRate).padStart(9)}`);
console.log(`  viem verifyTypedData          ${f(viemRate).padStart(9)}`);
console.log(
  `  gateway voucher check         ${f(gatewayRate).padStart(9)}   (EIP-712 digest + native verification against the channel's known key)`,
);
console.log(
  `\necho endpoint (closed loop, keep-alive; the median of ${ROUNDS} rounds)   req/s      p50 ms    p99 ms  errors`,
);
for (const { op, r } of rows) {
  console.log(
    `  ${op.padEnd(40)} ${f(r.rps).padStart(8)} ${f(r.p50, 2).padStart(10)} ${f(r.p99, 2).padStart(9)} ${String(r.errors).padStart(7)}`,
  );
}
console.log("\nface detection, sample1.jpg (3 faces), median of 24 interleaved calls");
console.log(
  `  direct ${f(faceDirect, 1)} ms   via gateway ${f(faceGateway, 1)} ms   median of the pairs' differences ${f(faceOverhead, 1)} ms`,
);

const targets: Array<[string, number, string, boolean]> = [];
for (const clients of CLIENT_COUNTS) {
  const ratios = roundRatios.get(clients) ?? [];
  const naive = median(ratios.map((r) => r.naive));
  const unpaid = median(ratios.map((r) => r.unpaid));
  targets.push([`paid / naive, ${clients} clients`, naive, "≥ 20×", naive >= 20]);
  targets.push([`paid / unpaid, ${clients} clients`, unpaid, "≥ 0.3×", unpaid >= 0.3]);
  const each = (k: "naive" | "unpaid") => ratios.map((r) => f(r[k], 2)).join(", ");
  console.log(`  ${clients} clients, each round's ratio: paid/naive ${each("naive")}; paid/unpaid ${each("unpaid")}`);
}
const overhead = faceOverhead / faceDirect;
targets.push(["gateway overhead on the face model", overhead, "≤ 5%", overhead <= 0.05]);
console.log(`\ntarget (the median of the ${ROUNDS} rounds' ratios)  ratio    target`);
for (const [what, ratio, target, ok] of targets) {
  const shown = what.includes("overhead") ? `${f(ratio * 100, 1)}%` : `${f(ratio, 2)}×`;
  console.log(`  ${what.padEnd(38)} ${shown.padStart(8)}  ${target.padEnd(7)} ${ok ? "ok" : "MISSED"}`);
}
await stopProcesses();
await stack.stop();
process.exit(0);
