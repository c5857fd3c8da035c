import assert from "node:assert/strict";
import type { DatabaseSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import { decodeEventLog, encodeFunctionData, erc20Abi, type Hex, parseEther } from "viem";
import { openSqlite } from "../db/sqlite.ts";
import { dev, type LocalStack, startLocalStack } from "../testing/localStack.ts";
import { KIND_ABIS, toJson } from "./contracts.ts";
import { type Activity, expectedLogIds, protocolActivity, until } from "./fixture.ts";
import { type Indexer, type IndexerNotice, startIndexer } from "./indexer.ts";
import { INDEXED_TABLES } from "./projections.ts";

const eventIds = (db: DatabaseSync) =>
  (
    db.prepare("SELECT block_number, log_index FROM indexer_events").all() as Array<{
      block_number: number;
      log_index: number;
    }>
  )
    .map((r) => `${r.block_number}-${r.log_index}`)
    .sort();

const synced = async (stack: LocalStack, indexer: Indexer) => {
  const head = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
  await until(() => (indexer.status().indexed ?? -1) >= Number(head), `the indexer to reach block ${head}`);
  return head;
};

/** AIDAO transfers to `to` in the index. */
const transfersTo = (indexer: Indexer, to: string) =>
  indexer.store
    .events({ contract: "AIDAOToken", event: "Transfer", limit: 500 })
    .filter((e) => String(e.args.to).toLowerCase() === to.toLowerCase());

describe("startIndexer", () => {
  let stack: LocalStack;
  let db: DatabaseSync;
  let activity: Activity;

  before(async () => {
    stack = await startLocalStack();
    db = openSqlite(":memory:");
    activity = await protocolActivity(stack);
  });
  after(async () => {
    db.close();
    await stack.stop();
  });

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
      assert.deepEqual(eventIds(db), await expectedLogIds(stack, head));
      assert.equal(indexer.status().undecoded, 0);
      assert.equal(indexer.status().error, null);
      assertRowsMadeByIndexedLogs(db);
      await assertDecodedAsViemDoes(stack, indexer, head);

      const channel = indexer.store.channels({ customer: dev(3).address, limit: 10 });
      assert.equal(channel.length, 1);
      assert.equal(channel[0]?.channelId, activity.channelId);
      assert.equal(channel[0]?.deposit, parseEther("15").toString(), "the top-up's new deposit");

      const staked = indexer.store.events({ contract: "Staking", event: "Staked", limit: 10 });
      assert.equal(staked.length, 1);
      assert.equal(staked[0]?.args.amount, parseEther("50").toString(), "uint256 as a decimal string");

      const income = db
        .prepare("SELECT * FROM indexer_treasury_flows WHERE direction = 'in' AND source = 'ProtocolFee'")
        .all();
      assert.equal(income.length, 1);
      assert.equal((income[0] as { amount: string }).amount, parseEther("10").toString());

      const daos = indexer.store.daos();
      assert.deepEqual(
        daos.map((d) => d.daoId),
        ["1", "2", activity.dao.daoId.toString()],
        "the main DAO (registry constructor), the venture DAO (deployment) and the one created",
      );
      const created = daos.at(-1);
      assert.equal(created?.name, "Faces DAO");
      assert.equal(created?.governor, activity.dao.governor.toLowerCase());

      // The new DAO's token minted to its holders inside createDAO, before the registry's event: found by discovery.
      const mints = indexer.store.events({ address: activity.dao.token, event: "Transfer", limit: 10 });
      assert.equal(mints.length, 2);
      assert.equal(mints[0]?.contract, "RevenueShareToken");
      assert.equal(mints[0]?.daoId, activity.dao.daoId.toString());

      const [proposal] = indexer.store.proposals({ governor: activity.dao.governor, limit: 10 });
      assert.equal(proposal?.proposalId, activity.proposalId.toString());
      assert.equal(proposal?.daoId, activity.dao.daoId.toString());
      assert.equal(proposal?.status, "created");
      assert.equal(proposal?.votes.voters, 1);
      assert.equal(proposal?.votes.for, parseEther("1000").toString());

      const models = db.prepare("SELECT COUNT(*) AS n FROM indexer_endpoints").get() as { n: number };
      assert.equal(models.n, Object.keys(stack.endpoints).length);
    } finally {
      await indexer.stop();
    }
  });

  it("resumes from its cursor after a restart, without duplicates", async () => {
    const before = indexerCounts(db);
    await stack.fund(dev(12).address, parseEther("1"));
    await stack.fund(dev(13).address, parseEther("1"));
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
      assert.deepEqual(eventIds(db), await expectedLogIds(stack, head));
      assert.equal(indexerCounts(db).indexer_events, (before.indexer_events ?? 0) + 2, "the two new transfers only");
      assert.equal(transfersTo(indexer, dev(12).address).length, 1);
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
      const counts = indexerCounts(db);
      const snapshot = db.prepare("SELECT * FROM indexer_events ORDER BY block_number, log_index").all();
      const logs = await indexer.reindex(BigInt(indexer.status().startBlock), head);
      assert.equal(logs, counts.indexer_events, "every log was applied again");
      assert.deepEqual(indexerCounts(db), counts);
      assert.deepEqual(db.prepare("SELECT * FROM indexer_events ORDER BY block_number, log_index").all(), snapshot);
    } finally {
      await indexer.stop();
    }
  });
});

describe("startIndexer on a reorganising chain", () => {
  let stack: LocalStack;
  let db: DatabaseSync;
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
    db = openSqlite(":memory:");
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
    db.close();
    await stack.stop();
  });

  it("replaces the orphaned block's events with the new branch's (anvil_reorg)", async () => {
    await stack.publicClient.waitForTransactionReceipt({ hash: await transfer(9, 7, parseEther("1")) });
    const orphan = await until(() => transfersTo(indexer, dev(7).address)[0], "the transfer to dev 7 to be indexed");
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
      () => transfersTo(indexer, dev(8).address)[0],
      "the transfer to dev 8 to be indexed",
    );
    assert.equal(transfersTo(indexer, dev(7).address).length, 0, "the orphaned transfer is gone");
    assert.equal(replacement.blockNumber, orphan.blockNumber, "same height");
    assert.notEqual(replacement.blockHash, orphan.blockHash);
    assert.equal(indexer.status().reorgs, reorgs + 1);
    const reorg = notices.find((n) => n.type === "reorg");
    assert.equal(reorg?.type === "reorg" && reorg.reorg.ancestor, orphan.blockNumber - 1);
    assert.deepEqual(eventIds(db), await expectedLogIds(stack, BigInt(indexer.status().indexed ?? 0)));
    assertRowsMadeByIndexedLogs(db);
  });

  it("rewinds when the chain gets shorter, then follows the new branch (evm_revert)", async () => {
    const id = await stack.rpc("evm_snapshot", []);
    await stack.publicClient.waitForTransactionReceipt({ hash: await transfer(9, 10, parseEther("1")) });
    await stack.publicClient.waitForTransactionReceipt({ hash: await transfer(9, 11, parseEther("1")) });
    await until(() => transfersTo(indexer, dev(11).address)[0], "the transfers to dev 10 and 11 to be indexed");
    const reorgs = indexer.status().reorgs;

    await stack.rpc("evm_revert", [id]);
    await until(() => indexer.status().reorgs > reorgs, "the indexer to notice the shorter chain");
    assert.equal(transfersTo(indexer, dev(10).address).length, 0);
    assert.equal(transfersTo(indexer, dev(11).address).length, 0);

    await stack.publicClient.waitForTransactionReceipt({ hash: await transfer(9, 14, parseEther("3")) });
    await until(() => transfersTo(indexer, dev(14).address)[0], "the new branch's transfer to be indexed");
    assert.deepEqual(eventIds(db), await expectedLogIds(stack, BigInt(indexer.status().indexed ?? 0)));
    assertRowsMadeByIndexedLogs(db);
  });
});

/** The indexer's decoder (definitions prepared once) agrees with viem's `decodeEventLog` on every indexed log. */
async function assertDecodedAsViemDoes(stack: LocalStack, indexer: Indexer, head: bigint): Promise<void> {
  const rows = indexer.store.events({ limit: 100_000 });
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
function assertRowsMadeByIndexedLogs(db: DatabaseSync): void {
  for (const table of INDEXED_TABLES.filter((t) => t !== "indexer_events")) {
    const tx = table === "indexer_contracts" ? "" : "AND e.tx_hash = p.tx_hash";
    const orphans = db
      .prepare(
        `SELECT COUNT(*) AS n FROM ${table} p WHERE NOT EXISTS (SELECT 1 FROM indexer_events e
           WHERE e.block_number = p.block_number AND e.log_index = p.log_index AND e.block_hash = p.block_hash ${tx})`,
      )
      .get() as { n: number };
    assert.equal(orphans.n, 0, `${table} rows made by no indexed log`);
  }
}

function indexerCounts(db: DatabaseSync): Record<string, number> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'indexer_%' AND name != 'indexer_cursor'",
    )
    .all() as Array<{ name: string }>;
  return Object.fromEntries(
    tables.map((t) => [t.name, (db.prepare(`SELECT COUNT(*) AS n FROM ${t.name}`).get() as { n: number }).n]),
  );
}
