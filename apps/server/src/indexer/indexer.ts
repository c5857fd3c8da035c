import type { Deployment } from "@aidao/sdk";
import { daoRegistryAbi } from "@aidao/sdk";
import { type Address, type Hex, hexToBigInt, type PublicClient, toEventSelector, toHex } from "viem";
import type { Database } from "../db/database.ts";
import { acquireLease, releaseLease } from "../db/lease.ts";
import { blockAt } from "../http/chainUnavailable.ts";
import { safeAbi } from "../hub/safe/abi.ts";
import {
  type DAORecord,
  Decoder,
  daoContracts,
  deploymentContracts,
  type RawLog,
  type WatchedContract,
} from "./contracts.ts";
import type { IndexedLog } from "./projections.ts";
import { type BlockHeader, type BlockRef, type EventRow, IndexerStore } from "./store.ts";

export type IndexerOptions = {
  db: Database;
  publicClient: PublicClient;
  deployment: Deployment;
  /**
   * The most blocks per `eth_getLogs` while catching up (default 2,000). Ranges shrink where logs are dense (to about
   * 10,000 logs a request, a common node cap and within a client's response size limit), halve when the node refuses
   * one, and grow back where logs are sparse.
   */
  rangeSize?: number;
  /**
   * Blocks below the head after which a block is taken as final (default 64). The hashes of the blocks above are kept
   * and each new block's parent checked against them: a reorg up to this depth is rewound and re-indexed.
   */
  confirmations?: number;
  /** How often to ask for new blocks once caught up (default 1,000 ms). */
  pollIntervalMs?: number;
  /** The first block to index (default: the deployment's first contract's). */
  fromBlock?: bigint;
  /**
   * Replicas on one database: only the holder of the `indexer` lease indexes (the others stand by, serving reads, and
   * take over when it stops); every range's transaction checks the lease first, so no range is applied twice.
   */
  lease?: { owner: string; ttlMs?: number } | undefined;
  log?: (message: string) => void;
};

export type IndexerStatus = {
  chainId: number;
  /** The first block indexed. */
  startBlock: number;
  /** The chain's head when last asked. */
  head: number | null;
  /** The last block indexed. */
  indexed: number | null;
  /** The newest block taken as final (head − confirmations). */
  finalized: number | null;
  /** Blocks between the head and the last indexed. */
  lag: number | null;
  /** `standby`: another replica holds the indexer's lease and indexes (this one serves reads). */
  phase: "starting" | "standby" | "backfill" | "live" | "stopped";
  confirmations: number;
  events: number;
  /** Logs from watched contracts that no known ABI decodes. */
  undecoded: number;
  /** Contracts whose logs are fetched (deployment and discovered AI DAO contracts). */
  contracts: number;
  reorgs: number;
  lastReorg: ReorgNotice | null;
  /** The last failure, cleared by the next successful step; the indexer retries after `pollIntervalMs`. */
  error: string | null;
};

export type ReorgNotice = {
  /** The block the indexer had reached on the orphaned branch. */
  from: number;
  /** The common ancestor: everything above it was removed and is re-indexed from the new branch. */
  ancestor: number;
  ancestorHash: Hex;
  removedEvents: number;
};

export type IndexerNotice =
  | { type: "event"; event: EventRow }
  | { type: "reorg"; reorg: ReorgNotice }
  /** The indexer stopped: nothing more will come (streams end). */
  | { type: "stopped" };

export type Indexer = {
  readonly store: IndexerStore;
  readonly chainId: number;
  status(): IndexerStatus;
  /** Calls `listener` for each newly indexed event and each rewind, in order; returns the unsubscriber. */
  subscribe(listener: (notice: IndexerNotice) => void): () => void;
  /** Resolves once the indexer has indexed up to `block` (it may rewind below it later, on a reorg). */
  whenIndexed(block: bigint): Promise<void>;
  /** Fetches and applies blocks `from..to` again (at most the cursor) without moving the cursor; returns the logs. */
  reindex(from: bigint, to: bigint): Promise<number>;
  /** Stops after the step in progress (nothing is left half-written: each range is one transaction). */
  stop(): Promise<void>;
};

const DAO_REGISTERED = toEventSelector(
  daoRegistryAbi.find((x) => x.type === "event" && x.name === "DAORegistered") as never,
);
/** The Safe events the indexer reads: a Safe's executions (a passed proposal's outcome). */
const SAFE_EXECUTION_TOPICS = safeAbi
  .filter((x) => x.type === "event" && (x.name === "ExecutionSuccess" || x.name === "ExecutionFailure"))
  .map((x) => toEventSelector(x as never));
/** Addresses per `eth_getLogs` filter: nodes cap the list (some at 1,000). */
const ADDRESSES_PER_FILTER = 1_000;
/** Logs per `eth_getLogs` response aimed at while catching up. */
const LOGS_PER_REQUEST = 10_000;
/** Blocks read one by one (headers) per step when near the head. */
const LIVE_CHUNK = 100;

type RpcLog = {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex | null;
  blockHash: Hex | null;
  blockTimestamp?: Hex;
  transactionHash: Hex | null;
  transactionIndex: Hex | null;
  logIndex: Hex | null;
  removed?: boolean;
};

/** The contracts whose logs are fetched: the deployment's, and every AI DAO's from the block it was registered in. */
class WatchedSet {
  private readonly byAddress = new Map<Address, WatchedContract>();
  private readonly deployment: Deployment;

  constructor(deployment: Deployment) {
    this.deployment = deployment;
    this.reset([]);
  }

  reset(discovered: Array<{ address: Address; contract: string; daoId: string; blockNumber: number }>): void {
    this.byAddress.clear();
    for (const c of deploymentContracts(this.deployment)) this.byAddress.set(c.address, c);
    for (const d of discovered) this.add(d.address, d.contract, BigInt(d.daoId), BigInt(d.blockNumber));
  }

  /** Adds a contract; one already watched (a deployment contract registered as a DAO's) only learns its DAO. */
  add(address: Address, contract: string, daoId: bigint, fromBlock: bigint): boolean {
    const known = this.byAddress.get(address);
    if (known) {
      known.daoId ??= daoId;
      return false;
    }
    this.byAddress.set(address, { address, contract, daoId, fromBlock });
    return true;
  }

  get(address: Address): WatchedContract | undefined {
    return this.byAddress.get(address);
  }

  addresses(): Address[] {
    return [...this.byAddress.keys()];
  }

  get size(): number {
    return this.byAddress.size;
  }
}

const parseLog = (l: RpcLog): RawLog => ({
  address: l.address.toLowerCase() as Address,
  topics: l.topics,
  data: l.data,
  blockNumber: hexToBigInt(l.blockNumber as Hex),
  blockHash: l.blockHash as Hex,
  transactionHash: l.transactionHash as Hex,
  transactionIndex: Number(l.transactionIndex),
  logIndex: Number(l.logIndex),
  blockTimestamp: l.blockTimestamp === undefined ? undefined : hexToBigInt(l.blockTimestamp),
});

const byPosition = (a: RawLog, b: RawLog) =>
  a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;

/**
 * Starts following the chain into the database: backfills in ranges of `rangeSize` blocks up to the last final block,
 * then reads the unfinalised blocks header by header (each parent checked against the stored hash, a mismatch walked
 * back to the common ancestor and rewound), then polls for new blocks. Resumes from the cursor it left.
 *
 * @example
 * import { startIndexer } from "./indexer/indexer.ts";
 * const indexer = startIndexer({ db, publicClient, deployment });
 * await indexer.whenIndexed(await publicClient.getBlockNumber());
 * await indexer.stop();
 */
export function startIndexer(o: IndexerOptions): Indexer {
  const client = o.publicClient;
  const confirmations = BigInt(o.confirmations ?? 64);
  const pollIntervalMs = o.pollIntervalMs ?? 1_000;
  const log = o.log ?? (() => {});
  const maxRange = BigInt(o.rangeSize ?? 2_000);
  let rangeSize = maxRange;
  let startBlock = o.fromBlock ?? -1n;
  if (startBlock < 0n) {
    for (const c of Object.values(o.deployment.contracts))
      if (startBlock < 0n || c.block < startBlock) startBlock = c.block;
  }
  const registry = o.deployment.contracts.DAORegistry.address.toLowerCase() as Address;

  const watched = new WatchedSet(o.deployment);
  const store = new IndexerStore(o.db, (address) => watched.get(address));
  const decoder = new Decoder();
  const listeners = new Set<(n: IndexerNotice) => void>();
  const waiters: Array<{ block: bigint; resolve: () => void }> = [];
  let head: bigint | null = null;
  let phase: IndexerStatus["phase"] = "starting";
  let events = 0;
  let undecoded = 0;
  /** The last block indexed, as last written or read (status() and whenIndexed() answer from it). */
  let cursorNow: BlockRef | null = null;
  let reorgs = 0;
  let lastReorg: ReorgNotice | null = null;
  let error: string | null = null;
  let stopped = false;
  let wake: (() => void) | null = null;
  const reloadWatched = async () => watched.reset(await store.discoveredContracts());
  /** Resolves the waiters the cursor has reached. */
  const reached = (cursor: BlockRef | null) => {
    cursorNow = cursor;
    if (!cursor) return;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w && w.block <= cursor.number) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  };
  const readCursor = async () => {
    reached(await store.cursor());
    return cursorNow;
  };
  const init = (async () => {
    events = await store.eventCount();
    await reloadWatched();
    await readCursor();
  })();

  // Replicas: a lease decides which one indexes; the store's transactions check it (fencing).
  const leaseTtl = o.lease?.ttlMs ?? 15_000;
  let leaseUntil = 0;
  if (o.lease) {
    const owner = o.lease.owner;
    store.fence = async (tx) => {
      const row = await tx.get<{ owner: string; until: number }>(
        "SELECT owner, until FROM leases WHERE name = 'indexer'",
      );
      if (!row || row.owner !== owner || row.until <= Date.now()) {
        throw new Error("another replica holds the indexer's lease now: this range is not written");
      }
    };
  }
  /** Whether this replica may index now (always, without replicas); renews its lease a third of the way before it ends. */
  const holdLease = async (): Promise<boolean> => {
    if (!o.lease) return true;
    if (leaseUntil - leaseTtl / 3 > Date.now()) return true;
    const lease = await acquireLease(o.db, "indexer", o.lease.owner, leaseTtl);
    leaseUntil = lease?.until ?? 0;
    if (lease) await Promise.all([readCursor(), store.eventCount().then((n) => (events = n)), reloadWatched()]);
    return lease !== undefined;
  };

  // One step or re-index at a time: each reads the cursor, fetches, then writes against it.
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn, fn);
    lock = run.catch(() => {});
    return run;
  };

  const notify = (n: IndexerNotice) => {
    for (const l of listeners) {
      try {
        l(n);
      } catch (e) {
        log(`indexer: a listener failed: ${String(e)}`);
      }
    }
  };

  const getLogs = async (addresses: Address[], from: bigint, to: bigint): Promise<RawLog[]> => {
    // A Safe's logs are read for its executions only (its other events are its own bookkeeping).
    const safes = addresses.filter((a) => watched.get(a)?.contract === "Safe");
    const others = safes.length === 0 ? addresses : addresses.filter((a) => watched.get(a)?.contract !== "Safe");
    const out: RawLog[] = [];
    for (const [group, onlyExecutions] of [
      [others, false],
      [safes, true],
    ] as const) {
      for (let i = 0; i < group.length; i += ADDRESSES_PER_FILTER) {
        // No transport retries: a range refused for its size (by the node, or by the client's response size limit)
        // is halved by the caller, not fetched again whole.
        const raw = (await client.request(
          {
            method: "eth_getLogs",
            params: [
              {
                address: group.slice(i, i + ADDRESSES_PER_FILTER),
                fromBlock: toHex(from),
                toBlock: toHex(to),
                ...(onlyExecutions ? { topics: [[...SAFE_EXECUTION_TOPICS]] } : {}),
              },
            ],
          },
          { retryCount: 0 },
        )) as unknown as RpcLog[];
        for (const l of raw) if (!l.removed) out.push(parseLog(l));
      }
    }
    return addresses.length > ADDRESSES_PER_FILTER || safes.length > 0 ? out.sort(byPosition) : out;
  };

  /**
   * The logs of every watched contract in `from..to`, in chain order. A DAO registered in the range adds its contracts
   * from that block on: their logs (including those they emitted while being created, before the registry's event in
   * the same transaction) are fetched and merged.
   */
  const collect = async (from: bigint, to: bigint): Promise<RawLog[]> => {
    let logs = await getLogs(watched.addresses(), from, to);
    for (;;) {
      const found: Address[] = [];
      let since = to;
      for (const l of logs) {
        if (l.address !== registry || l.topics[0] !== DAO_REGISTERED) continue;
        const d = decoder.decode(l, "DAORegistry");
        if (!d) continue;
        for (const c of daoContracts(d.args.dao as DAORecord)) {
          if (watched.add(c.address, c.contract, d.args.daoId as bigint, l.blockNumber)) {
            found.push(c.address);
            if (l.blockNumber < since) since = l.blockNumber;
          }
        }
      }
      if (found.length === 0) return logs;
      const seen = new Set(logs.map((l) => `${l.blockNumber}-${l.logIndex}`));
      const extra = (await getLogs(found, since, to)).filter((l) => !seen.has(`${l.blockNumber}-${l.logIndex}`));
      logs = [...logs, ...extra].sort(byPosition);
    }
  };

  const decode = (logs: RawLog[], times: Map<bigint, bigint>): IndexedLog[] => {
    const out: IndexedLog[] = [];
    for (const l of logs) {
      const c = watched.get(l.address);
      const d = c ? decoder.decode(l, c.contract) : null;
      if (!c || !d) {
        undecoded++;
        continue;
      }
      const time = l.blockTimestamp ?? times.get(l.blockNumber);
      out.push({
        blockNumber: l.blockNumber,
        blockHash: l.blockHash,
        blockTime: time === undefined || time === null ? null : BigInt(time),
        txHash: l.transactionHash,
        txIndex: l.transactionIndex,
        logIndex: l.logIndex,
        address: l.address,
        contract: c.contract,
        daoId: c.daoId,
        event: d.event,
        args: d.args,
      });
    }
    return out;
  };

  const header = async (n: bigint): Promise<BlockHeader & { timestamp: bigint }> => {
    const b = await client.getBlock({ blockNumber: n });
    return { number: n, hash: b.hash as Hex, parentHash: b.parentHash, timestamp: b.timestamp };
  };

  const write = async (logs: IndexedLog[], headers: BlockHeader[], cursor: BlockRef) => {
    const rows = await store.apply(logs, headers, cursor, cursor.number - confirmations, listeners.size > 0);
    cursorNow = cursor;
    events += logs.length;
    for (const row of rows) notify({ type: "event", event: row });
    reached(cursor);
  };

  /** Walks back from the cursor to the newest block whose stored hash the chain still has, and rewinds to it. */
  const rewindToAncestor = async (cursor: BlockRef) => {
    let ancestor: BlockRef | null = null;
    for (let n = cursor.number; ancestor === null; n--) {
      const stored = n === cursor.number ? cursor.hash : await store.blockHash(n);
      if (stored === undefined || n < startBlock - 1n) {
        throw new Error(
          `the chain reorganised below block ${n + 1n}, deeper than the ${confirmations}-block window the indexer keeps: re-index from an empty database`,
        );
      }
      const onChain = await blockAt(client, n);
      if (onChain?.hash === stored) ancestor = { number: n, hash: stored };
    }
    const removedEvents = await store.rewind(ancestor);
    cursorNow = ancestor;
    events -= removedEvents;
    await reloadWatched();
    reorgs++;
    lastReorg = {
      from: Number(cursor.number),
      ancestor: Number(ancestor.number),
      ancestorHash: ancestor.hash,
      removedEvents,
    };
    log(`indexer: reorg below block ${cursor.number}: rewound to ${ancestor.number}, ${removedEvents} events removed`);
    notify({ type: "reorg", reorg: lastReorg });
  };

  /** Final blocks: one `eth_getLogs` per range, the range's first parent checked against the cursor. */
  const backfill = async (cursor: BlockRef | null, from: bigint, to: bigint) => {
    const [first, last] = await Promise.all([header(from), header(to)]);
    if (cursor && first.parentHash !== cursor.hash) return rewindToAncestor(cursor);
    let logs: RawLog[];
    try {
      logs = await collect(from, to);
    } catch (e) {
      await reloadWatched();
      if (to === from) throw e;
      rangeSize = (to - from + 1n) / 2n;
      log(`indexer: eth_getLogs over ${to - from + 1n} blocks failed (${String(e)}): trying ${rangeSize}`);
      return;
    }
    const span = to - from + 1n;
    const count = BigInt(logs.length);
    if (count > LOGS_PER_REQUEST) rangeSize = (span * BigInt(LOGS_PER_REQUEST)) / count || 1n;
    else if (count < LOGS_PER_REQUEST / 4 && span === rangeSize)
      rangeSize = span * 2n < maxRange ? span * 2n : maxRange;
    await write(decode(logs, new Map([[to, last.timestamp]])), [last], last);
  };

  /** Unfinalised blocks: every header read, the chain of parents checked, and each log's block hash matched. */
  const follow = async (cursor: BlockRef | null, from: bigint, to: bigint) => {
    const headers: Array<BlockHeader & { timestamp: bigint }> = [];
    for (let n = from; n <= to; n += 25n) {
      const batch = [];
      for (let m = n; m <= to && m < n + 25n; m++) batch.push(header(m));
      headers.push(...(await Promise.all(batch)));
    }
    const first = headers[0] as BlockHeader;
    if (cursor && first.parentHash !== cursor.hash) return rewindToAncestor(cursor);
    for (let i = 1; i < headers.length; i++) {
      // The chain changed while the headers were read: read again.
      if (headers[i]?.parentHash !== headers[i - 1]?.hash) return;
    }
    const hashes = new Map(headers.map((h) => [h.number, h.hash]));
    const logs = await collect(from, to);
    if (logs.some((l) => hashes.get(l.blockNumber) !== l.blockHash)) {
      await reloadWatched();
      return;
    }
    await write(
      decode(logs, new Map(headers.map((h) => [h.number, h.timestamp]))),
      headers,
      headers.at(-1) as BlockRef,
    );
  };

  /** One move: a range backfilled, a chunk followed, a reorg rewound, or nothing new (false). */
  const step = async (): Promise<boolean> => {
    const h = await client.getBlockNumber({ cacheTime: 0 });
    head = h;
    if (!(await holdLease())) {
      phase = "standby";
      await readCursor(); // the holder's progress, for status()
      return false;
    }
    const cursor = await readCursor();
    const next = cursor ? cursor.number + 1n : startBlock;
    const finalized = h - confirmations;
    if (next <= finalized) {
      phase = "backfill";
      const to = next + rangeSize - 1n < finalized ? next + rangeSize - 1n : finalized;
      await backfill(cursor, next, to);
      return true;
    }
    phase = "live";
    if (next <= h) {
      const to = next + BigInt(LIVE_CHUNK) - 1n < h ? next + BigInt(LIVE_CHUNK) - 1n : h;
      await follow(cursor, next, to);
      return true;
    }
    // Caught up (or the chain got shorter): is the last block indexed still the chain's?
    if (cursor) {
      // A read that fails is not a reorganisation: blockAt throws it, and the step is retried.
      const onChain = await blockAt(client, cursor.number);
      if (onChain?.hash !== cursor.hash) {
        await rewindToAncestor(cursor);
        return true;
      }
    }
    return false;
  };

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, pollIntervalMs);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  const loop = (async () => {
    await init.catch((e) => {
      error = e instanceof Error ? e.message : String(e);
    });
    while (!stopped) {
      let moved = false;
      try {
        moved = await exclusive(step);
        error = null;
      } catch (e) {
        leaseUntil = 0; // a fenced write: ask for the lease again before the next step
        await reloadWatched().catch(() => {});
        error = e instanceof Error ? e.message : String(e);
        log(`indexer: ${error}`);
      }
      if (!moved && !stopped) await sleep();
    }
    phase = "stopped";
    // Gives the lease up: a standby replica takes over at once.
    if (o.lease && leaseUntil > 0) await releaseLease(o.db, "indexer", o.lease.owner).catch(() => {});
  })();

  return {
    store,
    chainId: o.deployment.chainId,
    status() {
      const cursor = cursorNow;
      const finalized = head === null ? null : head - confirmations;
      return {
        chainId: o.deployment.chainId,
        startBlock: Number(startBlock),
        head: head === null ? null : Number(head),
        indexed: cursor ? Number(cursor.number) : null,
        finalized: finalized === null ? null : Number(finalized < 0n ? 0n : finalized),
        lag: head === null ? null : Number(head - (cursor?.number ?? startBlock - 1n)),
        phase,
        confirmations: Number(confirmations),
        events,
        undecoded,
        contracts: watched.size,
        reorgs,
        lastReorg,
        error,
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenIndexed(block) {
      const cursor = cursorNow;
      if (cursor && cursor.number >= block) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ block, resolve }));
    },
    reindex(from, to) {
      return exclusive(async () => {
        const cursor = await readCursor();
        if (!cursor || to > cursor.number) throw new Error(`reindex: block ${to} is not indexed yet`);
        const logs = decode(await collect(from, to), new Map());
        await store.apply(logs, [], null, cursor.number - confirmations);
        return logs.length;
      });
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      notify({ type: "stopped" });
    },
  };
}
