import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeEventLog, encodeFunctionData, erc20Abi, type Hex, parseEther } from "viem";
import type { Database } from "../db/database.ts";
import { ENGINES, type TestDatabase, testDatabase } from "../testing/databases.ts";
import { flakyClient } from "../testing/flakyChain.ts";
import { dev, type LocalStack, startLocalStack } from "../testing/localStack.ts";
import { KIND_ABIS, toJson } from "./contracts.ts";
import { type Activity, expectedLogIds, protocolActivity, until } from "./fixture.ts";
import { type Indexer, type IndexerNotice, startIndexer } from "./indexer.ts";
import { INDEXED_TABLES } from "./projections.ts";

const eventIds = async (db: Database) =>
  (await db.all<{ block_number: number; log_index: number }>("SELECT block_number, log_index FROM indexer_events"))
    .map((r) => `${r.block_number}-${r.log_index}`)
    .sort();

const synced = async (stack: LocalStack, indexer: Indexer) => {
  const head = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
  await until(() => (indexer.status().indexed ?? -1) >= Number(head), `the indexer to reach block ${head}`);
  return head;
};

/** AIDAO transfers to `to` in the index. */
const transfersTo = async (indexer: Indexer, to: string) =>
  (await indexer.store.events({ contract: "AIDAOToken", event: "Transfer", limit: 500 })).filter(
    (e) => String(e.args.to).toLowerCase() === to.toLowerCase(),
  );

// One chain with the protocol's activity, indexed into each engine in turn.
describe("startIndexer", () => {
  let stack: LocalStack;
  let activity: Activity;
  before(async () => {
    stack = await startLocalStack();
    activity = await protocolActivity(stack);
  });
  after(() => stack?.stop());

  for (const engine of ENGINES)
    describe(engine, () => {
      let t: TestDatabase;
      let db: Database;
      before(async () => {
        t = await testDatabase(engine);
        db = t.db;
      });
      after(() => t.drop());

      it("backfills a local chain's protocol activity: every log of every watched contract, and the projections", async () => {
        // Small ranges and a short window: the run crosses several backfill ranges, then follows the last blocks.
        const indexer = startIndexer({
          db,
          publicClient: stack.publicClient,
          deployment: stack.deployment,
          rangeSize: 7,
          confirmations: 5,
          pollIntervalMs: 20,
        });
        try {
          const head = await synced(stack, indexer);
          assert.deepEqual(await eventIds(db), await expectedLogIds(stack, head));
          assert.equal(indexer.status().undecoded, 0);
          assert.equal(indexer.status().error, null);
          await assertRowsMadeByIndexedLogs(db);
          await assertDecodedAsViemDoes(stack, indexer, head);

          const channel = await indexer.store.channels({ customer: dev(3).address, limit: 10 });
          assert.equal(channel.length, 1);
          assert.equal(channel[0]?.channelId, activity.channelId);
          assert.equal(channel[0]?.deposit, parseEther("15").toString(), "the top-up's new deposit");

          const staked = await indexer.store.events({ contract: "Staking", event: "Staked", limit: 10 });
          assert.equal(staked.length, 1);
          assert.equal(staked[0]?.args.amount, parseEther("50").toString(), "uint256 as a decimal string");

          const income = await db.all(
            "SELECT * FROM indexer_treasury_flows WHERE direction = 'in' AND source = 'ProtocolFee'",
          );
          assert.equal(income.length, 1);
          assert.equal((income[0] as { amount: string }).amount, parseEther("10").toString());

          const daos = await indexer.store.daos();
          assert.deepEqual(
            daos.map((d) => d.daoId),
            ["1", "2", activity.dao.daoId.toString()],
            "the main DAO (registry constructor), the venture DAO (deployment) and the one created",
          );
          const created = daos.at(-1);
          assert.equal(created?.name, "Faces DAO");
          assert.equal(created?.governor, activity.dao.governor.toLowerCase());

          // The new DAO's token minted to its holders inside createDAO, before the registry's event: found by discovery.
          const mints = await indexer.store.events({ address: activity.dao.token, event: "Transfer", limit: 10 });
          assert.equal(mints.length, 2);
          assert.equal(mints[0]?.contract, "RevenueShareToken");
          assert.equal(mints[0]?.daoId, activity.dao.daoId.toString());

          const [proposal] = await indexer.store.proposals({ governor: activity.dao.governor, limit: 10 });
          assert.equal(proposal?.proposalId, activity.proposalId.toString());
          assert.equal(proposal?.daoId, activity.dao.daoId.toString());
          assert.equal(proposal?.status, "created");
          assert.equal(proposal?.votes.voters, 1);
          assert.equal(proposal?.votes.for, parseEther("1000").toString());

          const models = (await db.get("SELECT COUNT(*) AS n FROM indexer_endpoints")) as { n: number };
          assert.equal(models.n, Object.keys(stack.endpoints).length);
        } finally {
          await indexer.stop();
        }
      });

      it("resumes from its cursor after a restart, without duplicates", async () => {
        const before = await indexerCounts(db);
        // Recipients of its own per engine: both engines index the same chain, one after the other.
        const [r1, r2] = engine === "sqlite" ? [12, 13] : [16, 17];
        await stack.fund(dev(r1).address, parseEther("1"));
        await stack.fund(dev(r2).address, parseEther("1"));
        const indexer = startIndexer({
          db,
          publicClient: stack.publicClient,
          deployment: stack.deployment,
          rangeSize: 7,
          confirmations: 5,
          pollIntervalMs: 20,
        });
        try {
          const head = await synced(stack, indexer);
          assert.deepEqual(await eventIds(db), await expectedLogIds(stack, head));
          assert.equal(
            (await indexerCounts(db)).indexer_events,
            (before.indexer_events ?? 0) + 2,
            "the two new transfers only",
          );
          assert.equal((await transfersTo(indexer, dev(r1).address)).length, 1);
        } finally {
          await indexer.stop();
        }
      });

      it("re-indexing an indexed range changes nothing (idempotent handlers)", async () => {
        const indexer = startIndexer({
          db,
          publicClient: stack.publicClient,
          deployment: stack.deployment,
          confirmations: 5,
          pollIntervalMs: 20,
        });
        try {
          const head = await synced(stack, indexer);
          const counts = await indexerCounts(db);
          const snapshot = await db.all("SELECT * FROM indexer_events ORDER BY block_number, log_index");
          const logs = await indexer.reindex(BigInt(indexer.status().startBlock), head);
          assert.equal(logs, counts.indexer_events, "every log was applied again");
          assert.deepEqual(await indexerCounts(db), counts);
          assert.deepEqual(await db.all("SELECT * FROM indexer_events ORDER BY block_number, log_index"), snapshot);
        } finally {
          await indexer.stop();
        }
      });
    });
});

for (const engine of ENGINES)
  describe(`startIndexer on a reorganising chain (${engine})`, () => {
    let stack: LocalStack;
    let t: TestDatabase;
    let db: Database;
    let indexer: Indexer;
    const notices: IndexerNotice[] = [];
    const transfer = (from: number, to: number, amount: bigint) =>
      stack.rpc("eth_sendTransaction", [
        {
          from: dev(from).address,
          to: stack.token,
          data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [dev(to).address, amount] }),
        },
      ]) as Promise<Hex>;

    before(async () => {
      stack = await startLocalStack();
      t = await testDatabase(engine);
      db = t.db;
      await stack.fund(dev(9).address, parseEther("100"));
      indexer = startIndexer({
        db,
        publicClient: stack.publicClient,
        deployment: stack.deployment,
        confirmations: 8,
        pollIntervalMs: 20,
      });
      indexer.subscribe((n) => notices.push(n));
      await synced(stack, indexer);
    });
    after(async () => {
      await indexer.stop();
      await t.drop();
      await stack.stop();
    });

    it("replaces the orphaned block's events with the new branch's (anvil_reorg)", async () => {
      await stack.publicClient.waitForTransactionReceipt({ hash: await transfer(9, 7, parseEther("1")) });
      const orphan = await until(
        async () => (await transfersTo(indexer, dev(7).address))[0],
        "the transfer to dev 7 to be indexed",
      );
      const reorgs = indexer.status().reorgs;

      // The last block (the transfer to 7) is replaced by one with a transfer to 8, at the same height.
      await stack.rpc("anvil_reorg", [
        1,
        [
          [
            {
              from: dev(9).address,
              to: stack.token,
              data: encodeFunctionData({
                abi: erc20Abi,
                functionName: "transfer",
                args: [dev(8).address, parseEther("2")],
              }),
            },
            0,
          ],
        ],
      ]);
      const replacement = await until(
        async () => (await transfersTo(indexer, dev(8).address))[0],
        "the transfer to dev 8 to be indexed",
      );
      assert.equal((await transfersTo(indexer, dev(7).address)).length, 0, "the orphaned transfer is gone");
      assert.equal(replacement.blockNumber, orphan.blockNumber, "same height");
      assert.notEqual(replacement.blockHash, orphan.blockHash);
      assert.equal(indexer.status().reorgs, reorgs + 1);
      const reorg = notices.find((n) => n.type === "reorg");
      assert.equal(reorg?.type === "reorg" && reorg.reorg.ancestor, orphan.blockNumber - 1);
      assert.deepEqual(await eventIds(db), await expectedLogIds(stack, BigInt(indexer.status().indexed ?? 0)));
      await assertRowsMadeByIndexedLogs(db);
    });

    it("rewinds when the chain gets shorter, then follows the new branch (evm_revert)", async () => {
      const id = await stack.rpc("evm_snapshot", []);
      await stack.publicClient.waitForTransactionReceipt({ hash: await transfer(9, 10, parseEther("1")) });
      await stack.publicClient.waitForTransactionReceipt({ hash: await transfer(9, 11, parseEther("1")) });
      await until(
        async () => (await transfersTo(indexer, dev(11).address))[0],
        "the transfers to dev 10 and 11 to be indexed",
      );
      const reorgs = indexer.status().reorgs;

      await stack.rpc("evm_revert", [id]);
      await until(() => indexer.status().reorgs > reorgs, "the indexer to notice the shorter chain");
      assert.equal((await transfersTo(indexer, dev(10).address)).length, 0);
      assert.equal((await transfersTo(indexer, dev(11).address)).length, 0);

      await stack.publicClient.waitForTransactionReceipt({ hash: await transfer(9, 14, parseEther("3")) });
      await until(
        async () => (await transfersTo(indexer, dev(14).address))[0],
        "the new branch's transfer to be indexed",
      );
      assert.deepEqual(await eventIds(db), await expectedLogIds(stack, BigInt(indexer.status().indexed ?? 0)));
      await assertRowsMadeByIndexedLogs(db);
    });
  });

describe("startIndexer when the chain's RPC endpoint fails a moment", () => {
  let stack: LocalStack;
  let t: TestDatabase;
  let indexer: Indexer;
  after(async () => {
    await indexer?.stop();
    await t?.drop();
    await stack?.stop();
  });

  it("retries the step, rather than taking a block it could not read for a reorganisation", async () => {
    stack = await startLocalStack();
    t = await testDatabase("sqlite");
    // The next `failing` block reads go to a port nothing listens on (a real refused connection).
    let failing = 0;
    const logged: string[] = [];
    indexer = startIndexer({
      db: t.db,
      publicClient: flakyClient(stack.publicClient, ({ method }) => {
        if (method !== "eth_getBlockByNumber" || failing === 0) return false;
        failing--;
        return true;
      }),
      deployment: stack.deployment,
      confirmations: 8,
      pollIntervalMs: 20,
      log: (m) => logged.push(m),
    });
    await synced(stack, indexer);
    const before = indexer.status();
    // Caught up, the indexer checks its last block is still the chain's: the check's read and the next one fail.
    failing = 2;
    await until(() => failing === 0, "two block reads to fail");
    await stack.fund(dev(9).address, parseEther("1"));
    await synced(stack, indexer);
    assert.ok((await transfersTo(indexer, dev(9).address)).length > 0, "it went on indexing");
    assert.equal(indexer.status().reorgs, before.reorgs, "no reorganisation was taken");
    assert.ok(indexer.status().events > before.events, "nothing indexed was removed");
    assert.ok(
      logged.some((m) => /HTTP request failed/.test(m)),
      logged.join("\n"),
    );
  });
});

/** The indexer's decoder (definitions prepared once) agrees with viem's `decodeEventLog` on every indexed log. */
async function assertDecodedAsViemDoes(stack: LocalStack, indexer: Indexer, head: bigint): Promise<void> {
  const rows = await indexer.store.events({ limit: 100_000 });
  const logs = await stack.publicClient.getLogs({
    address: [...new Set(rows.map((r) => r.address))],
    fromBlock: 0n,
    toBlock: head,
  });
  const byId = new Map(logs.map((l) => [`${l.blockNumber}-${l.logIndex}`, l]));
  for (const r of rows) {
    const log = byId.get(r.id);
    const abi = KIND_ABIS[r.contract as keyof typeof KIND_ABIS];
    assert.ok(log && abi, r.id);
    const viem = decodeEventLog({ abi, topics: log.topics, data: log.data });
    assert.equal(r.event, viem.eventName, r.id);
    assert.deepEqual(r.args, JSON.parse(toJson(viem.args)), `${r.id} ${r.contract}.${r.event}`);
  }
}

/** Every projection row names the log that made it: that log is in the generic table, with the same block and tx. */
async function assertRowsMadeByIndexedLogs(db: Database): Promise<void> {
  for (const table of INDEXED_TABLES.filter((t) => t !== "indexer_events")) {
    const tx = table === "indexer_contracts" ? "" : "AND e.tx_hash = p.tx_hash";
    const orphans = (await db.get(
      `SELECT COUNT(*) AS n FROM ${table} p WHERE NOT EXISTS (SELECT 1 FROM indexer_events e
         WHERE e.block_number = p.block_number AND e.log_index = p.log_index AND e.block_hash = p.block_hash ${tx})`,
    )) as { n: number };
    assert.equal(orphans.n, 0, `${table} rows made by no indexed log`);
  }
}

async function indexerCounts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [...INDEXED_TABLES, "indexer_blocks"]) {
    out[table] = ((await db.get(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number }).n;
  }
  return out;
}

describe("two indexers on one PostgreSQL", () => {
  let stack: LocalStack;
  let t: TestDatabase;

  before(async () => {
    stack = await startLocalStack();
    t = await testDatabase("postgres");
  });
  after(async () => {
    await t.drop();
    await stack.stop();
  });

  it("index once: one holds the lease and writes, the other stands by, and takes over when it stops", async () => {
    const options = {
      db: t.db,
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      rangeSize: 5,
      confirmations: 3,
      pollIntervalMs: 20,
    };
    const a = startIndexer({ ...options, lease: { owner: "a", ttlMs: 2_000 } });
    await until(() => a.status().phase === "backfill" || a.status().phase === "live", "a to take the lease");
    const b = startIndexer({ ...options, lease: { owner: "b", ttlMs: 2_000 } });
    try {
      const head = await synced(stack, a);
      await until(() => b.status().phase === "standby", "b to stand by");
      assert.deepEqual(await eventIds(t.db), await expectedLogIds(stack, head));
      // a stops (giving the lease up); b takes over and indexes what comes next.
      await a.stop();
      await stack.fund(dev(18).address, parseEther("1"));
      const next = await synced(stack, b);
      assert.notEqual(b.status().phase, "standby");
      assert.deepEqual(
        await eventIds(t.db),
        await expectedLogIds(stack, next),
        "every log once, none twice or missing",
      );
      assert.equal((await transfersTo(b, dev(18).address)).length, 1);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("refuses a range written under a lease another indexer has taken (fencing)", async () => {
    // The refusal is read from the log: status().error shows it only until c's next step finds the lease gone and
    // stands by (a 20 ms window a poll of the status could miss).
    const logged: string[] = [];
    const c = startIndexer({
      db: t.db,
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      pollIntervalMs: 20,
      lease: { owner: "c", ttlMs: 60_000 },
      log: (m) => logged.push(m),
    });
    try {
      await until(() => c.status().phase !== "starting" && c.status().phase !== "standby", "c to take the lease");
      // Another replica takes the lease over (as after c's lease expired while c was paused).
      await t.db.run("UPDATE leases SET owner = 'd', epoch = epoch + 1 WHERE name = 'indexer'");
      const before = await eventIds(t.db);
      await stack.fund(dev(19).address, parseEther("1"));
      await until(
        () => logged.some((m) => m.includes("another replica holds the indexer's lease")),
        "c's write refused",
      );
      assert.deepEqual(await eventIds(t.db), before, "c wrote nothing");
    } finally {
      await c.stop();
    }
  });
});
