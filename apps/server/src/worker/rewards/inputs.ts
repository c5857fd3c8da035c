// Gathers an epoch's inputs from public data: the chain (UsageChannels revenue splits in the epoch's blocks, and the
// ModelRegistry contributor lists in force at each split) and the worker's list of accepted contributions (its
// GET /api/worker/contributions, or its database when the worker itself computes).
import { modelRegistryAbi, usageChannelsAbi } from "@aidao/sdk";
import { type Address, erc20Abi, getAddress, type PublicClient, zeroAddress } from "viem";
import type { Database } from "../../db/database.ts";
import { listContributions } from "../contributions.ts";
import type { ContributionKind } from "../types.ts";
import { WorkerError } from "../workerError.ts";
import type { ContributionInput, RevenueInput, RewardInputs } from "./formula.ts";

/** The epoch's span: blocks `fromBlock..toBlock` (inclusive), and in chain time (unix ms) `(after, until]`. */
export type EpochWindow = { fromBlock: bigint; toBlock: bigint; after: number; until: number };

/** Where accepted contributions come from; it returns those accepted within the window. */
export type ContributionSource = (window: EpochWindow) => Promise<ContributionInput[]>;

/** The contracts read, and optionally the block the ModelRegistry was deployed at (where its history starts). */
export type ChainAddresses = { modelRegistry: Address; usageChannels: Address; modelRegistryBlock?: bigint };

/** How many blocks one eth_getLogs asks for (public RPCs cap ranges). */
const LOG_CHUNK = 10_000n;

/**
 * The epoch's window in chain time: contributions accepted after the parent of `fromBlock` was mined and up to when
 * `toBlock` was, so consecutive epochs (`A..B`, `B+1..C`) neither overlap nor leave a gap.
 */
export async function epochWindow(client: PublicClient, fromBlock: bigint, toBlock: bigint): Promise<EpochWindow> {
  if (fromBlock < 0n || toBlock < fromBlock) {
    throw new WorkerError("BAD_INPUT", `the block range ${fromBlock}..${toBlock} is empty`, {
      fromBlock: fromBlock.toString(),
      toBlock: toBlock.toString(),
    });
  }
  const latest = await chain(() => client.getBlockNumber({ cacheTime: 0 }));
  if (toBlock > latest) {
    throw new WorkerError("BAD_INPUT", `block ${toBlock} is not mined yet (latest ${latest}): an epoch must be past`, {
      toBlock: toBlock.toString(),
      latest: latest.toString(),
    });
  }
  const [parent, last] = await Promise.all([
    fromBlock === 0n ? Promise.resolve(undefined) : chain(() => client.getBlock({ blockNumber: fromBlock - 1n })),
    chain(() => client.getBlock({ blockNumber: toBlock })),
  ]);
  return {
    fromBlock,
    toBlock,
    after: parent ? Number(parent.timestamp) * 1000 : -1,
    until: Number(last.timestamp) * 1000,
  };
}

/**
 * The revenue of every model in the epoch: each RevenueSplit of UsageChannels with the contributor list that split
 * it (the latest ContributorsSet before it, by block and log index), and its token's decimals.
 */
export async function readRevenue(
  client: PublicClient,
  addresses: ChainAddresses,
  window: Pick<EpochWindow, "fromBlock" | "toBlock">,
): Promise<RevenueInput[]> {
  const splits = await logsInChunks(window.fromBlock, window.toBlock, (fromBlock, toBlock) =>
    client.getContractEvents({
      address: addresses.usageChannels,
      abi: usageChannelsAbi,
      eventName: "RevenueSplit",
      fromBlock,
      toBlock,
      strict: true,
    }),
  );
  if (splits.length === 0) return [];
  const modelIds = [...new Set(splits.map((s) => s.args.modelId))];
  // Every list ever set for these models up to the epoch's end: the one in force at a split may be older than it.
  const lists = await logsInChunks(addresses.modelRegistryBlock ?? 0n, window.toBlock, (fromBlock, toBlock) =>
    client.getContractEvents({
      address: addresses.modelRegistry,
      abi: modelRegistryAbi,
      eventName: "ContributorsSet",
      args: { modelId: modelIds },
      fromBlock,
      toBlock,
      strict: true,
    }),
  );
  const decimals = new Map<string, number>();
  for (const token of new Set(splits.map((s) => getAddress(s.args.token)))) {
    decimals.set(
      token,
      token === zeroAddress
        ? 18
        : Number(await chain(() => client.readContract({ address: token, abi: erc20Abi, functionName: "decimals" }))),
    );
  }
  const before = (a: { blockNumber: bigint; logIndex: number }, b: { blockNumber: bigint; logIndex: number }) =>
    a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex);
  return splits.map((s) => {
    let inForce: (typeof lists)[number] | undefined;
    for (const l of lists) {
      if (l.args.modelId === s.args.modelId && before(l, s) && (!inForce || before(inForce, l))) inForce = l;
    }
    const token = getAddress(s.args.token);
    return {
      modelId: s.args.modelId,
      token,
      decimals: decimals.get(token) ?? 18,
      amount: s.args.total,
      contributors: (inForce?.args.contributors ?? []).map((c) => ({
        account: getAddress(c.account),
        shareBps: Number(c.shareBps),
      })),
    };
  });
}

/** The models the registry knows (ids 1..modelCount at the epoch's end): contributions to others do not count. */
async function modelCount(client: PublicClient, addresses: ChainAddresses, toBlock: bigint): Promise<bigint> {
  return chain(() =>
    client.readContract({
      address: addresses.modelRegistry,
      abi: modelRegistryAbi,
      functionName: "modelCount",
      blockNumber: toBlock,
    }),
  );
}

/** All of an epoch's inputs. */
export async function readInputs(
  client: PublicClient,
  addresses: ChainAddresses,
  window: EpochWindow,
  contributions: ContributionSource,
): Promise<RewardInputs> {
  const [revenue, accepted, models] = await Promise.all([
    readRevenue(client, addresses, window),
    contributions(window),
    modelCount(client, addresses, window.toBlock),
  ]);
  return { revenue, contributions: accepted.filter((c) => c.modelId >= 1n && c.modelId <= models) };
}

const inWindow = (acceptedAt: number | null, w: EpochWindow) =>
  acceptedAt !== null && acceptedAt > w.after && acceptedAt <= w.until;

/** Accepted contributions from the worker's own database. */
export function contributionsFromDatabase(db: Database): ContributionSource {
  return async (window) =>
    (await listContributions(db, { status: "accepted" }))
      .filter((c) => inWindow(c.acceptedAt, window))
      .map((c) => ({ id: c.id, modelId: c.modelId, contributor: c.contributor, kind: c.kind, artifact: c.artifact }));
}

/** Accepted contributions as a worker publishes them: GET `${workerUrl}/api/worker/contributions?status=accepted`. */
export function contributionsFromWorker(workerUrl: string, fetcher: typeof fetch = fetch): ContributionSource {
  return async (window) => {
    const url = `${workerUrl.replace(/\/+$/, "")}/api/worker/contributions?status=accepted`;
    let body: unknown;
    try {
      const response = await fetcher(url, { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw new WorkerError(
        "CHAIN_UNAVAILABLE",
        `cannot read the contributions at ${url}: ${(error as Error).message}`,
        {
          url,
        },
      );
    }
    const list = Array.isArray(body) ? body : (body as { contributions?: unknown })?.contributions;
    if (!Array.isArray(list)) {
      throw new WorkerError("BAD_INPUT", `${url} did not answer a list of contributions`, { url });
    }
    return list
      .map((raw, i) => parseContribution(raw, `${url} item ${i}`))
      .filter((c) => c.status === "accepted" && inWindow(c.acceptedAt, window))
      .map(({ status: _s, acceptedAt: _a, ...c }) => c);
  };
}

const KINDS: readonly ContributionKind[] = ["data", "model", "code"];

/** One contribution as JSON (bigints as decimal strings or numbers); throws BAD_INPUT naming the field. */
export function parseContribution(
  raw: unknown,
  where: string,
): ContributionInput & { status: string; acceptedAt: number | null } {
  const r = (raw ?? {}) as Record<string, unknown>;
  const fail = (field: string): never => {
    throw new WorkerError("BAD_INPUT", `${where}: ${field} is missing or malformed`, { field });
  };
  const int = (v: unknown, field: string) =>
    (typeof v === "number" && Number.isSafeInteger(v)) || (typeof v === "string" && /^\d+$/.test(v))
      ? BigInt(v)
      : fail(field);
  const contributor = r.contributor;
  if (typeof contributor !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(contributor)) fail("contributor");
  if (!KINDS.includes(r.kind as ContributionKind)) fail("kind");
  if (typeof r.artifact !== "string" || r.artifact === "") fail("artifact");
  if (typeof r.status !== "string") fail("status");
  return {
    id: Number(int(r.id, "id")),
    modelId: int(r.modelId, "modelId"),
    contributor: getAddress(contributor as string),
    kind: r.kind as ContributionKind,
    artifact: r.artifact as string,
    status: r.status as string,
    acceptedAt: r.acceptedAt === null || r.acceptedAt === undefined ? null : Number(int(r.acceptedAt, "acceptedAt")),
  };
}

async function logsInChunks<T>(from: bigint, to: bigint, read: (from: bigint, to: bigint) => Promise<T[]>) {
  const out: T[] = [];
  for (let start = from; start <= to; start += LOG_CHUNK) {
    const end = start + LOG_CHUNK - 1n < to ? start + LOG_CHUNK - 1n : to;
    out.push(...(await chain(() => read(start, end))));
  }
  return out;
}

/** Runs a chain read; a failure is CHAIN_UNAVAILABLE (a retry can help). */
async function chain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof WorkerError) throw error;
    throw new WorkerError("CHAIN_UNAVAILABLE", `chain read failed: ${(error as Error).message.split("\n")[0]}`);
  }
}
