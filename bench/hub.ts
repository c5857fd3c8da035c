// The governance hub's speed beside its references, in one run on this machine (ratios, not absolute times):
//   - the raw signature-recovery rate: native libsecp256k1 and viem's verifyTypedData (the naive one-per-vote check);
//   - signed votes ingested end to end over HTTP (parsed, checked, verified, power read, durably stored before the
//     answer), votes/s, p50 and p99 at 1, 16 and 64 concurrent closed-loop clients, on SQLite and on PostgreSQL
//     (a throwaway database on the local server, when one is reachable: see scripts/test-postgres.sh).
//   node bench/hub.ts   (also run by npm run bench)
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDeployment } from "@aidao/contracts/deploy";
import { hubProposalTypes, hubVoteTypes, SNAPSHOT_DOMAIN } from "@aidao/sdk";
import { dev, startLocalStack } from "@aidao/server/testing";
import { createPostgresDatabase } from "@aidao/server/testing/databases";
import { type Hex, hashTypedData, parseEther, toHex, verifyTypedData } from "viem";
import { type LoadResult, load } from "./gateway/load.ts";
import { rate, SERVER_MAIN, startProcess, stopProcesses } from "./lib/process.ts";

const require = createRequire(import.meta.url);
const secp256k1 = require("secp256k1/bindings.js") as {
  ecdsaSign(msg32: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
};
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const CLIENT_COUNTS = [1, 16, 64];
const VOTERS = 16;
const PROPOSALS = 8;
const CHOICES = 64;
/** The issue's targets: sustained votes/s on SQLite, and that rate over the naive design's (one viem check). */
const TARGET_VOTES_PER_SECOND = 2_000;
const TARGET_OVER_NAIVE = 8;

const sign = (digest: Hex, key: Uint8Array): Hex => {
  const s = secp256k1.ecdsaSign(Buffer.from(digest.slice(2), "hex"), key);
  return toHex(new Uint8Array([...s.signature, 27 + s.recid]));
};
const keyOf = (i: number) => dev(i).getHdKey().privateKey as Uint8Array;
const voterIndex = (v: number) => 20 + v; // dev accounts no other part of the stack uses (anvil funds 0..19)

// ---------------------------------------------------------------------------------------------- the chain
const stack = await startLocalStack();
const dir = mkdtempSync(join(tmpdir(), "aidao-bench-hub-"));
writeDeployment(dir, stack.deployment as never);
for (let v = 0; v < VOTERS; v++) {
  await stack.rpc("anvil_setBalance", [dev(voterIndex(v)).address, toHex(parseEther("10"))]); // gas money
  await stack.stake(voterIndex(v), parseEther("100"));
}
await stack.travel(7 * 86_400 + 10);
const snapshot = Number(await stack.publicClient.getBlockNumber({ cacheTime: 0 }));
await stack.travel(1);

// ---------------------------------------------------------------------------------------------- signature rates
const sample = {
  from: dev(voterIndex(0)).address,
  space: "aidao",
  timestamp: 1,
  proposal: `0x${"ab".repeat(32)}`,
  choice: 1,
  reason: "",
  app: "",
  metadata: "{}",
};
const sampleDigest = hashTypedData({
  domain: SNAPSHOT_DOMAIN,
  types: hubVoteTypes,
  primaryType: "Vote",
  message: sample as never,
});
const sampleSig = sign(sampleDigest, keyOf(voterIndex(0)));
const sampleBytes = Buffer.from(sampleSig.slice(2), "hex");
const nativeRate = await rate(() =>
  secp256k1.ecdsaRecover(
    sampleBytes.subarray(0, 64),
    (sampleBytes[64] as number) - 27,
    Buffer.from(sampleDigest.slice(2), "hex"),
    false,
  ),
);
const viemRate = await rate(
  () =>
    verifyTypedData({
      address: sample.from as Hex,
      domain: SNAPSHOT_DOMAIN,
      types: hubVoteTypes,
      primaryType: "Vote",
      message: sample as never,
      signature: sampleSig,
    }),
  1_500,
);

// ---------------------------------------------------------------------------------------------- the hub
/** Starts a hub on `dbArgs`' database, creates the proposals, and measures votes/s at each client count. */
async function measure(dataDir: string, dbArgs: string[]): Promise<Array<{ clients: number; r: LoadResult }>> {
  const url = await startProcess([
    SERVER_MAIN,
    "--mode",
    "hub",
    "--rpc",
    stack.chain.rpcUrl,
    "--deployments",
    dir,
    "--data-dir",
    dataDir,
    ...dbArgs,
    "--port",
    "0",
    "--hub-limits",
    "proposalsPerDay=1000,proposalsPerMonth=1000,requestsPerMinute=100000000",
  ]);
  const now = () => Math.floor(Date.now() / 1000);
  const post = async (body: unknown) => {
    const r = await fetch(`${url}/api/msg`, { method: "POST", body: JSON.stringify(body) });
    if (r.status !== 200) throw new Error(`the hub answered ${r.status}: ${await r.text()}`);
    return (await r.json()) as { id: Hex };
  };
  const proposals: Hex[] = [];
  for (let p = 0; p < PROPOSALS; p++) {
    const author = dev(voterIndex(p % VOTERS));
    const ts = now();
    const message = {
      from: author.address,
      space: "aidao",
      timestamp: ts,
      type: "single-choice",
      title: `bench ${p}`,
      body: "",
      discussion: "",
      choices: Array.from({ length: CHOICES }, (_, i) => `choice ${i + 1}`),
      labels: [],
      start: ts,
      end: ts + 86_400,
      snapshot,
      plugins: "{}",
      privacy: "",
      app: "bench",
    };
    const sig = sign(
      hashTypedData({ domain: SNAPSHOT_DOMAIN, types: hubProposalTypes, primaryType: "Proposal", message } as never),
      author.getHdKey().privateKey as Uint8Array,
    );
    proposals.push(
      (
        await post({
          address: author.address,
          sig,
          data: { domain: SNAPSHOT_DOMAIN, types: hubProposalTypes, message },
        })
      ).id,
    );
  }

  /**
   * Distinct signed votes, presigned before the clock starts (the voters' cost): consecutive votes of a client go to
   * different proposals and voters; each one's reason makes it a message of its own (a later vote replaces the voter's
   * earlier one, as it would in a changing electorate).
   */
  function presign(count: number, offset: number): Buffer[] {
    const out: Buffer[] = [];
    const ts = now();
    for (let k = offset; k < offset + count; k++) {
      const voter = voters[k % VOTERS] as Hex;
      const proposal = proposals[Math.floor(k / VOTERS) % PROPOSALS] as Hex;
      const choice = 1 + (k % CHOICES);
      const message = { ...sample, from: voter, proposal, choice, timestamp: ts, reason: `vote ${k}` };
      const digest = hashTypedData({
        domain: SNAPSHOT_DOMAIN,
        types: hubVoteTypes,
        primaryType: "Vote",
        message,
      } as never);
      const sig = sign(digest, keys[k % VOTERS] as Uint8Array);
      out.push(
        Buffer.from(
          JSON.stringify({ address: voter, sig, data: { domain: SNAPSHOT_DOMAIN, types: hubVoteTypes, message } }),
        ),
      );
    }
    return out;
  }
  // Derived once: an HD derivation per vote would cost more than everything else here.
  const keys = Array.from({ length: VOTERS }, (_, v) => keyOf(voterIndex(v)));
  const voters = Array.from({ length: VOTERS }, (_, v) => dev(voterIndex(v)).address);

  /** Votes each run may use up: more than the fastest rate seen here sustains, so no client runs dry. */
  const BUDGET: Record<number, number> = { 1: 6_000, 16: 30_000, 64: 30_000 };
  /** Where the next run's presigned votes start (distinct messages across runs and engines). */
  let offset = 0;
  const rows: Array<{ clients: number; r: LoadResult }> = [];
  let ranDry = false;
  for (const clients of CLIENT_COUNTS) {
    const perClient = Math.ceil((BUDGET[clients] as number) / clients);
    const bodies = Array.from({ length: clients }, (_, c) => presign(perClient, offset + c * perClient));
    offset += perClient * clients;
    const r = await load({
      url,
      clients,
      durationMs: DURATION_MS,
      make: (c, seq) => {
        const body = (bodies[c] as Buffer[])[seq];
        if (!body) ranDry = true;
        return body ? { path: "/api/msg", body, headers: { "content-type": "application/json" } } : undefined;
      },
    });
    if (ranDry) throw new Error(`a client ran out of presigned votes at ${clients} clients: raise BUDGET`);
    rows.push({ clients, r });
  }
  return rows;
}

const engines: Array<{ engine: string; rows: Array<{ clients: number; r: LoadResult }> }> = [];
engines.push({ engine: "SQLite", rows: await measure(dir, []) });
let postgres: { url: string; drop(): Promise<void> } | undefined;
try {
  postgres = await createPostgresDatabase();
} catch (error) {
  console.log(`(PostgreSQL rows skipped: ${(error as Error).message})`);
}
if (postgres) {
  engines.push({
    engine: "PostgreSQL",
    rows: await measure(mkdtempSync(join(tmpdir(), "aidao-bench-hub-pg-")), ["--database-url", postgres.url]),
  });
}

// ---------------------------------------------------------------------------------------------- report
const f = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log("\nsignature checks per second (one core)");
console.log(`  native libsecp256k1 recover   ${f(nativeRate).padStart(9)}`);
console.log(`  viem verifyTypedData          ${f(viemRate).padStart(9)}   (the naive hub: one per vote)`);
for (const { engine, rows } of engines) {
  console.log(
    `${`\nsigned votes ingested over HTTP, ${engine} (closed loop)`.padEnd(55)}votes/s    p50 ms    p99 ms  errors`,
  );
  for (const { clients, r } of rows) {
    console.log(
      `  ${`${clients} client${clients === 1 ? "" : "s"}`.padEnd(52)} ${f(r.rps).padStart(8)} ${f(r.p50, 2).padStart(9)} ${f(r.p99, 2).padStart(9)} ${String(r.errors).padStart(7)}`,
    );
  }
}
const sqliteRows = (engines[0] as { rows: Array<{ clients: number; r: LoadResult }> }).rows;
const best = Math.max(...sqliteRows.map((x) => x.r.rps));
console.log("\ntarget                                    value    target");
console.log(
  `  ${"votes/s on SQLite (best of 1/16/64)".padEnd(38)} ${f(best).padStart(8)}  ≥ ${f(TARGET_VOTES_PER_SECOND)}  ${best >= TARGET_VOTES_PER_SECOND ? "ok" : "MISSED"}`,
);
console.log(
  `  ${"over the naive viem check".padEnd(38)} ${`${f(best / viemRate, 1)}×`.padStart(8)}  ≥ ${TARGET_OVER_NAIVE}×     ${best / viemRate >= TARGET_OVER_NAIVE ? "ok" : "MISSED"}`,
);
for (const { engine, rows } of engines) {
  for (const { clients, r } of rows) {
    if (r.errors > 0) {
      console.log(
        `  ${engine} refused at ${clients} clients, by status: ${JSON.stringify(r.failures)}; first: ${r.firstFailure}`,
      );
    }
  }
}
await stopProcesses();
await postgres?.drop();
await stack.stop();
process.exit(0);
