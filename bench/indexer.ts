// The chain indexer's backfill speed: protocol events indexed per second from a local anvil chain into SQLite, and into
// PostgreSQL when one is reachable (fetched with eth_getLogs, decoded against the SDK's ABIs, written with their
// projections, one transaction per range, durable at every commit), beside the issue's target (on SQLite).
//   node bench/indexer.ts            (BENCH_INDEXER_EVENTS=50000 by default)
//
// The events: AI DAOs created through the factory, each a revenue-sharing DAO whose token mints to HOLDERS holders
// in the creating transaction (one Transfer each). The indexer discovers every DAO's contracts from the registry's
// event and fetches their logs, so the run also measures discovery. Generating the chain is not timed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDAO } from "@aidao/sdk";
import { startLocalStack } from "@aidao/server/testing";
import { type Address, parseEther } from "viem";
import type { Database } from "../apps/server/src/db/database.ts";
import { openPostgres } from "../apps/server/src/db/postgres.ts";
import { openSqlite } from "../apps/server/src/db/sqlite.ts";
import { startIndexer } from "../apps/server/src/indexer/indexer.ts";
import { createPostgresDatabase } from "../apps/server/src/testing/databases.ts";

const EVENTS = Number(process.env.BENCH_INDEXER_EVENTS ?? 50_000);
const HOLDERS = 500;
/** The issue's target: backfill events/s into SQLite from a local chain. */
const TARGET_EVENTS_PER_SECOND = 5_000;

const stack = await startLocalStack();
const dir = mkdtempSync(join(tmpdir(), "aidao-bench-indexer-"));
try {
  const creator = stack.wallet(7);
  const daos = Math.ceil(EVENTS / HOLDERS);
  process.stdout.write(`generating ${daos} DAOs × ${HOLDERS} holders on anvil…`);
  const g0 = performance.now();
  for (let d = 0; d < daos; d++) {
    await createDAO(creator, {
      factory: stack.deployment.contracts.AIDAOFactory.address,
      name: `bench ${d}`,
      governance: { mode: "OnChain" },
      template: {
        template: "revenue-sharing",
        name: `Bench ${d}`,
        symbol: `B${d}`,
        holders: Array.from({ length: HOLDERS }, (_, i) => ({
          account: `0x${(0xbe000000 + d * HOLDERS + i).toString(16).padStart(40, "0")}` as Address,
          amount: parseEther("1"),
        })),
      },
    });
  }
  const head = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
  console.log(` ${((performance.now() - g0) / 1000).toFixed(1)} s, head ${head}`);

  /** Backfills the whole chain into `db`; events/s. */
  const measure = async (engine: string, db: Database) => {
    const t0 = performance.now();
    // Every block is taken as final (confirmations 0): the run is a backfill of history, range by range. (Burying the
    // DAOs under the default 64-block window instead would need 64 more blocks, which anvil mines slowly over this
    // much state: several seconds.)
    const indexer = startIndexer({
      db,
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      rangeSize: 2_000,
      confirmations: 0,
    });
    await indexer.whenIndexed(head);
    const seconds = (performance.now() - t0) / 1000;
    const status = indexer.status();
    await indexer.stop();
    await db.close();
    if (status.error) throw new Error(`the indexer failed on ${engine}: ${status.error}`);
    const rate = status.events / seconds;
    console.log(
      `indexer backfill into ${engine}: ${status.events.toLocaleString("en")} events from ${status.contracts} contracts over ${head} blocks in ${seconds.toFixed(2)} s`,
    );
    return rate;
  };
  const rows: Array<[string, number]> = [["SQLite", await measure("SQLite", openSqlite(join(dir, "server.sqlite")))]];
  const postgres = await createPostgresDatabase().catch((e: Error) => {
    console.log(`(PostgreSQL row skipped: ${e.message})`);
    return undefined;
  });
  if (postgres) {
    try {
      rows.push(["PostgreSQL", await measure("PostgreSQL", await openPostgres(postgres.url))]);
    } finally {
      await postgres.drop();
    }
  }
  for (const [engine, rate] of rows) {
    const target = engine === "SQLite" ? TARGET_EVENTS_PER_SECOND : undefined;
    console.log(
      `  ${engine.padEnd(10)} ${Math.round(rate).toLocaleString("en").padStart(8)} events/s${target ? `   target ≥ ${target.toLocaleString("en")} events/s   ${rate >= target ? "ok" : "MISSED"}` : "   (no target)"}`,
    );
  }
} finally {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
