import { readFileSync } from "node:fs";
import { rewardsDistributorAbi, writeChecked } from "@aidao/sdk";
import {
  type Address,
  encodeAbiParameters,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  keccak256,
  parseEventLogs,
} from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { integer, tokens } from "../parse.ts";
import { accountOf, aidao, chainTime, explained, json, type Options, relative, str, when } from "./governance.ts";

export const rewardsOptions = {
  epoch: { type: "string" },
  amount: { type: "string" },
  proof: { type: "string" },
  claim: { type: "string" },
  account: { type: "string" },
  json: { type: "boolean" },
} as const;

/** One account's leaf in an epoch: what `RewardsDistributor.claim` takes. */
export type RewardClaim = { epoch: bigint; account: Address; amount: bigint; proof: Hex[] };

/** The leaf hash of OpenZeppelin's standard Merkle tree for `(address account, uint256 amount)`. */
const leafHash = (account: Address, amount: bigint) =>
  keccak256(keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [account, amount])));

/**
 * Reads a claim file: the JSON an epoch publishes per account, `{ "epoch": 0, "account": "0x…", "amount": "<wei>",
 * "proof": ["0x…"] }`, or the epoch's whole tree as `StandardMerkleTree.dump()` writes it (then `--epoch` says which
 * epoch it is, and the account's proof is computed from it).
 */
export function readClaimFile(path: string, fallback: { epoch?: bigint; account: () => Address }): RewardClaim {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(
      `--claim ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not valid JSON"}`,
    );
  }
  const fail = (field: string, what: string): never => {
    throw new UsageError(`--claim ${path}: ${field} must be ${what}`);
  };
  if (parsed?.format === "standard-v1") return fromTreeDump(parsed, path, fallback);
  const { epoch, account, amount, proof } = parsed ?? {};
  if (!(typeof epoch === "number" && Number.isSafeInteger(epoch) && epoch >= 0) && !/^\d+$/.test(String(epoch))) {
    fail("epoch", "an epoch number");
  }
  if (typeof account !== "string" || !isAddress(account, { strict: false })) fail("account", "an address");
  if (typeof amount !== "string" || !/^\d+$/.test(amount) || BigInt(amount) === 0n) {
    fail("amount", "a positive amount in wei, as a decimal string");
  }
  if (!Array.isArray(proof) || !proof.every((p) => typeof p === "string" && isHex(p) && p.length === 66)) {
    fail("proof", "a list of 32-byte hex hashes");
  }
  return {
    epoch: BigInt(epoch as number | string),
    account: getAddress(account as string),
    amount: BigInt(amount as string),
    proof: proof as Hex[],
  };
}

/** Finds the account's leaf in a `StandardMerkleTree.dump()` and walks the tree up for its proof. */
function fromTreeDump(
  dump: Record<string, unknown>,
  path: string,
  fallback: { epoch?: bigint; account: () => Address },
): RewardClaim {
  if (fallback.epoch === undefined) throw new UsageError(`--claim ${path} is a whole tree: say which --epoch it is`);
  const tree = dump.tree as Hex[];
  const values = dump.values as Array<{ value: [string, string]; treeIndex: number }>;
  const encoding = JSON.stringify(dump.leafEncoding);
  if (encoding !== '["address","uint256"]' || !Array.isArray(tree) || !Array.isArray(values)) {
    throw new UsageError(`--claim ${path}: not a tree of (address, uint256) leaves`);
  }
  const account = fallback.account();
  const entry = values.find((v) => typeof v.value?.[0] === "string" && getAddress(v.value[0]) === account);
  if (!entry) throw new UsageError(`--claim ${path}: ${account} has no reward in this tree`);
  const amount = BigInt(entry.value[1]);
  let index = entry.treeIndex;
  if (tree[index] !== leafHash(account, amount)) throw new UsageError(`--claim ${path}: the tree is corrupt`);
  // OpenZeppelin's tree is a complete binary tree in an array: node i's parent is (i - 1) / 2, its sibling i ± 1.
  const proof: Hex[] = [];
  while (index > 0) {
    const sibling = tree[index % 2 === 1 ? index + 1 : index - 1];
    if (!sibling) throw new UsageError(`--claim ${path}: the tree is corrupt`);
    proof.push(sibling);
    index = Math.floor((index - 1) / 2);
  }
  return { epoch: fallback.epoch, account, amount, proof };
}

/** The claim the options describe: `--claim FILE`, or `--epoch N --amount A --proof 0x…,0x…`. */
function claimOf(ctx: Context, o: Options): RewardClaim {
  const epochOption = str(o, "epoch");
  const epoch = epochOption === undefined ? undefined : BigInt(integer(epochOption, "epoch", 0, 0, 2 ** 31));
  const file = str(o, "claim");
  if (file) {
    if (str(o, "amount") !== undefined || str(o, "proof") !== undefined) {
      throw new UsageError("give either --claim FILE or --epoch, --amount and --proof, not both");
    }
    const claim = readClaimFile(file, { ...(epoch === undefined ? {} : { epoch }), account: () => accountOf(ctx, o) });
    if (epoch !== undefined && claim.epoch !== epoch) {
      throw new UsageError(`--claim ${file} is for epoch ${claim.epoch}, not --epoch ${epoch}`);
    }
    const given = str(o, "account");
    if (given !== undefined && isAddress(given, { strict: false }) && getAddress(given) !== claim.account) {
      throw new UsageError(`--claim ${file} is ${claim.account}'s claim, not --account ${given}'s`);
    }
    return claim;
  }
  if (epoch === undefined) throw new UsageError("--epoch is required (or --claim FILE)");
  const amount = tokens(str(o, "amount"), "amount");
  if (amount === 0n) throw new UsageError("--amount must be more than 0");
  const proofOption = str(o, "proof");
  if (proofOption === undefined) throw new UsageError("--proof is required: the epoch's Merkle proof, 0x…,0x…");
  const proof = proofOption === "" ? [] : proofOption.split(",").map((p) => p.trim());
  for (const p of proof) {
    if (!isHex(p) || p.length !== 66)
      throw new UsageError(`--proof: "${p}" is not a 32-byte hash (0x + 64 hex digits)`);
  }
  return { epoch, account: accountOf(ctx, o), amount, proof: proof as Hex[] };
}

type EpochView = {
  epoch: bigint;
  root: Hex;
  total: bigint;
  start: bigint;
  uri: string;
  /** The account's amount as registered by its first claim (0 until then). */
  registered: bigint;
  released: bigint;
  /** From the claim file when not registered yet. */
  amount: bigint | undefined;
  vested: bigint | undefined;
  claimable: bigint | undefined;
};

async function epochView(ctx: Context, epoch: bigint, account: Address, now: bigint, amount?: bigint) {
  const read = { address: ctx.deployment.contracts.RewardsDistributor.address, abi: rewardsDistributorAbi } as const;
  const [e, [registered, released]] = await Promise.all([
    ctx.publicClient.readContract({ ...read, functionName: "epoch", args: [epoch] }),
    ctx.publicClient.readContract({ ...read, functionName: "allocation", args: [epoch, account] }),
  ]);
  const known = registered > 0n ? registered : amount;
  const vested =
    known === undefined
      ? undefined
      : await ctx.publicClient.readContract({ ...read, functionName: "vestedAmount", args: [epoch, known, now] });
  return {
    epoch,
    root: e.root,
    total: e.total,
    start: e.start === undefined ? 0n : BigInt(e.start),
    uri: e.uri,
    registered,
    released,
    amount: known,
    vested,
    claimable: vested === undefined ? undefined : vested - released,
  } satisfies EpochView;
}

async function programme(ctx: Context) {
  const read = { address: ctx.deployment.contracts.RewardsDistributor.address, abi: rewardsDistributorAbi } as const;
  const [count, end, funded, allocated, released, now] = await Promise.all([
    ctx.publicClient.readContract({ ...read, functionName: "epochCount" }),
    ctx.publicClient.readContract({ ...read, functionName: "programmeEnd" }),
    ctx.publicClient.readContract({ ...read, functionName: "funded" }),
    ctx.publicClient.readContract({ ...read, functionName: "totalAllocated" }),
    ctx.publicClient.readContract({ ...read, functionName: "totalReleased" }),
    chainTime(ctx),
  ]);
  return { epochs: count, programmeEnd: BigInt(end), funded, allocated, released, now };
}

/** `aidao rewards show [--account 0x…] [--claim FILE]`: each epoch's allocation, vested, released and claimable. */
export async function rewardsShow(ctx: Context, o: Options): Promise<string> {
  const fromFile = str(o, "claim") ? claimOf(ctx, o) : undefined;
  const account = fromFile?.account ?? accountOf(ctx, o);
  const p = await programme(ctx);
  const epochs: EpochView[] = [];
  for (let i = 0n; i < p.epochs; i++) {
    epochs.push(await epochView(ctx, i, account, p.now, fromFile?.epoch === i ? fromFile.amount : undefined));
  }
  if (o.json) return json({ account, ...p, epochs: epochs.map((e) => ({ ...e })) });
  const head = [
    `rewards of ${account}`,
    `  programme  vests until ${when(p.programmeEnd)} (${relative(p.programmeEnd, p.now)}); ` +
      `${aidao(p.allocated)} allocated in ${p.epochs} epoch${p.epochs === 1n ? "" : "s"}, ${aidao(p.released)} paid`,
  ];
  if (epochs.length === 0) return [...head, "  no epochs posted yet (governance posts them)"].join("\n");
  const lines = epochs.map((e) => {
    const title = `  epoch ${e.epoch}   posted ${when(e.start)}, total ${aidao(e.total)}${e.uri ? `, list at ${e.uri}` : ""}`;
    if (e.amount === undefined) {
      return `${title}\n    not claimed yet: aidao rewards claim --epoch ${e.epoch} --claim FILE (your leaf of its list)`;
    }
    const state = e.registered > 0n ? "registered" : "from the claim file, not registered yet";
    return [
      title,
      `    yours      ${aidao(e.amount)} (${state})`,
      `    vested     ${aidao(e.vested ?? 0n)}, released ${aidao(e.released)}, claimable ${aidao(e.claimable ?? 0n)}`,
    ].join("\n");
  });
  return [...head, ...lines].join("\n");
}

/** `aidao rewards claim --epoch N --amount A --proof 0x…,0x… | --claim FILE`: pays what has vested of a leaf. */
export async function rewardsClaim(ctx: Context, o: Options): Promise<string> {
  const claim = claimOf(ctx, o);
  const distributor = ctx.deployment.contracts.RewardsDistributor.address;
  const p = await programme(ctx);
  if (claim.epoch >= p.epochs) {
    throw new UsageError(`--epoch: there is no epoch ${claim.epoch} (${p.epochs} posted: 0 to ${p.epochs - 1n})`);
  }
  const before = await epochView(ctx, claim.epoch, claim.account, p.now, claim.amount);
  const signer = ctx.signer();
  if (before.registered > 0n && before.registered === claim.amount && before.claimable === 0n) {
    const message = `nothing has vested for ${claim.account} in epoch ${claim.epoch} since the last claim`;
    if (o.json) return json({ ...claim, released: 0n, hash: null });
    return `${message} (released ${aidao(before.released)} of ${aidao(before.registered)}; vesting until ${when(p.programmeEnd)})`;
  }
  const hash = await ctx.confirm(
    explained(
      () =>
        writeChecked(signer, {
          address: distributor,
          abi: rewardsDistributorAbi,
          functionName: "claim",
          args: [claim.epoch, claim.account, claim.amount, claim.proof],
        }),
      (e) => {
        if (e.errorName === "RewardsDistributorInvalidProof") {
          return `check the epoch, the amount (in AIDAO) and the proof against epoch ${claim.epoch}'s list${before.uri ? ` (${before.uri})` : ""}`;
        }
        if (e.errorName === "RewardsDistributorAmountMismatch") {
          return `${claim.account}'s registered amount in epoch ${claim.epoch} is ${aidao(before.registered)}`;
        }
        return undefined;
      },
    ),
  );
  const receipt = await ctx.publicClient.getTransactionReceipt({ hash });
  const [claimed] = parseEventLogs({ abi: rewardsDistributorAbi, eventName: "Claimed", logs: receipt.logs });
  const released = claimed?.args.amount ?? 0n;
  const after = await epochView(ctx, claim.epoch, claim.account, await chainTime(ctx));
  if (o.json) return json({ ...claim, released, hash, allocation: after.registered, totalReleased: after.released });
  return [
    `claimed ${aidao(released)} of epoch ${claim.epoch} for ${claim.account} (${hash})`,
    `  allocation ${aidao(after.registered)}: ${aidao(after.released)} released so far, ` +
      `${aidao(after.registered - after.released)} still vesting until ${when(p.programmeEnd)} (${relative(p.programmeEnd, p.now)})`,
  ].join("\n");
}
