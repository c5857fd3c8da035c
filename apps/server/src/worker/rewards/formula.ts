// The rewards formula: a pure function of an epoch's inputs and a configuration, so anyone holding the same public
// inputs computes the same leaves (docs/rewards.md states it in prose; keep the two in step).
//
//   budget  = the AIDAO (wei) an epoch may distribute from the rewards allocation
//   usage   = budget × usageBps / 10 000        contributions = budget − usage
//   weight of account a in the usage pool         = Σ over the epoch's revenue splits s of
//                                                     value(s) × shareBps(a, s)
//        value(s) = s.amount × 10^(36 − decimals(s.token)) × tokenWeight(s.token)   (revenue on one scale)
//        shareBps(a, s) = a's share of s.model in the contributor list in force when s was split (on chain)
//   weight of account a in the contributions pool  = Σ over a's accepted contributions c of kindWeight(c.kind)
//        (one artifact counts once per model: the earliest accepted contribution of it)
//   each pool is split in proportion to the weights, rounding down, and the rounding dust (fewer wei than there are
//   accounts) goes one wei each to the largest remainders, ties to the lower address: Σ leaves = pool exactly.
//   A pool with no weight at all is not spent: the epoch's total is smaller, and its AIDAO stays unallocated in the
//   RewardsDistributor for later epochs (never redirected to the other pool, so one's reward only grows with one's
//   own revenue, shares and contributions).
import { type Address, getAddress } from "viem";
import type { ContributionKind } from "../types.ts";
import { WorkerError } from "../workerError.ts";

export type RewardConfig = {
  /** The most an epoch distributes, in AIDAO wei, from the rewards allocation. */
  budget: bigint;
  /** The usage pool's share of the budget, in basis points (0..10 000); the rest rewards accepted contributions. */
  usageBps: number;
  /** The weight of one accepted contribution, per kind. */
  kindWeights: Record<ContributionKind, bigint>;
  /** The value of one whole unit of a payment token (lowercase address → weight); unlisted tokens weigh 1. */
  tokenWeights: Record<string, bigint>;
};

/** 39% of 1,000,000,000 AIDAO over three years of weekly epochs (156): 2,500,000 AIDAO per epoch. */
export const DEFAULT_BUDGET = 2_500_000n * 10n ** 18n;

export const DEFAULT_CONFIG: RewardConfig = {
  budget: DEFAULT_BUDGET,
  usageBps: 8_000,
  kindWeights: { data: 1n, model: 1n, code: 1n },
  tokenWeights: {},
};

/** One revenue split of the epoch (a UsageChannels RevenueSplit event) with the shares it was split by. */
export type RevenueInput = {
  modelId: bigint;
  token: Address;
  /** The payment token's decimals (0..36). */
  decimals: number;
  /** What the split distributed, in the token's smallest unit. */
  amount: bigint;
  /** The model's contributor list in force at the split. */
  contributors: ReadonlyArray<{ account: Address; shareBps: number }>;
};

/** An accepted contribution counted in the epoch. */
export type ContributionInput = {
  id: number;
  modelId: bigint;
  contributor: Address;
  kind: ContributionKind;
  artifact: string;
};

export type RewardInputs = { revenue: readonly RevenueInput[]; contributions: readonly ContributionInput[] };

/** An account's reward, and which pool it came from. */
export type RewardLeaf = { account: Address; amount: bigint; usage: bigint; contributions: bigint };

export type RewardResult = {
  /** Σ leaves: what the epoch posts as its total. */
  total: bigint;
  /** What each pool was given and what it spent (a pool with no weight spends nothing). */
  pools: { usage: { budget: bigint; spent: bigint }; contributions: { budget: bigint; spent: bigint } };
  /** Accounts with a positive reward, ordered by address (lowercase hex). */
  leaves: RewardLeaf[];
};

const MAX_DECIMALS = 36;
const key = (a: Address) => a.toLowerCase();

/** Checks a configuration; throws BAD_INPUT naming the field. */
export function validateConfig(config: RewardConfig): void {
  const bad = (field: string, message: string, value: unknown): never => {
    throw new WorkerError("BAD_INPUT", `rewards config: ${field} ${message}`, { field, value: String(value) });
  };
  if (config.budget < 0n) bad("budget", "must not be negative", config.budget);
  if (!Number.isInteger(config.usageBps) || config.usageBps < 0 || config.usageBps > 10_000) {
    bad("usageBps", "must be an integer 0..10000", config.usageBps);
  }
  for (const [kind, w] of Object.entries(config.kindWeights)) if (w < 0n) bad(`kindWeights.${kind}`, "< 0", w);
  for (const [token, w] of Object.entries(config.tokenWeights)) {
    if (!/^0x[0-9a-f]{40}$/.test(token)) bad("tokenWeights", "keys must be lowercase addresses", token);
    if (w < 0n) bad(`tokenWeights.${token}`, "< 0", w);
  }
}

/** Computes an epoch's rewards. Deterministic: the order of the inputs does not matter. */
export function computeRewards(inputs: RewardInputs, config: RewardConfig): RewardResult {
  validateConfig(config);
  const usageBudget = (config.budget * BigInt(config.usageBps)) / 10_000n;
  const contributionsBudget = config.budget - usageBudget;

  const usageWeights = new Map<string, bigint>();
  for (const s of inputs.revenue) {
    if (!Number.isInteger(s.decimals) || s.decimals < 0 || s.decimals > MAX_DECIMALS) {
      throw new WorkerError("BAD_INPUT", `token ${s.token} has ${s.decimals} decimals (0..${MAX_DECIMALS})`, {
        token: s.token,
      });
    }
    if (s.amount < 0n) throw new WorkerError("BAD_INPUT", `a negative revenue of model ${s.modelId}`, {});
    const value = s.amount * 10n ** BigInt(MAX_DECIMALS - s.decimals) * (config.tokenWeights[key(s.token)] ?? 1n);
    for (const c of s.contributors) {
      if (!Number.isInteger(c.shareBps) || c.shareBps < 0 || c.shareBps > 10_000) {
        throw new WorkerError("BAD_INPUT", `${c.account}'s share ${c.shareBps} is not 0..10000`, {});
      }
      add(usageWeights, c.account, value * BigInt(c.shareBps));
    }
  }

  // One artifact counts once per model, for the earliest accepted contribution of it (resubmitting earns nothing).
  const firsts = new Map<string, ContributionInput>();
  for (const c of inputs.contributions) {
    const k = `${c.modelId}:${c.artifact}`;
    const seen = firsts.get(k);
    if (!seen || c.id < seen.id) firsts.set(k, c);
  }
  const contributionWeights = new Map<string, bigint>();
  for (const c of firsts.values()) add(contributionWeights, c.contributor, config.kindWeights[c.kind] ?? 0n);

  const usage = apportion(usageBudget, usageWeights);
  const contributions = apportion(contributionsBudget, contributionWeights);
  const leaves = new Map<string, RewardLeaf>();
  const leaf = (k: string) => {
    const found = leaves.get(k);
    if (found) return found;
    const l: RewardLeaf = { account: getAddress(k), amount: 0n, usage: 0n, contributions: 0n };
    leaves.set(k, l);
    return l;
  };
  for (const [k, v] of usage) {
    const l = leaf(k);
    l.usage += v;
    l.amount += v;
  }
  for (const [k, v] of contributions) {
    const l = leaf(k);
    l.contributions += v;
    l.amount += v;
  }
  const sorted = [...leaves.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, l]) => l);
  const spent = (m: Map<string, bigint>) => [...m.values()].reduce((s, v) => s + v, 0n);
  const usageSpent = spent(usage);
  const contributionsSpent = spent(contributions);
  return {
    total: usageSpent + contributionsSpent,
    pools: {
      usage: { budget: usageBudget, spent: usageSpent },
      contributions: { budget: contributionsBudget, spent: contributionsSpent },
    },
    leaves: sorted,
  };
}

function add(m: Map<string, bigint>, account: Address, w: bigint) {
  if (w === 0n) return;
  const k = key(account);
  m.set(k, (m.get(k) ?? 0n) + w);
}

/**
 * Splits `amount` in proportion to `weights` (largest remainder): each account gets ⌊amount × w / W⌋, and the dust
 * left (fewer wei than accounts) goes one wei each to the largest remainders, ties to the lower address. Returns
 * only positive shares; Σ = amount when some weight is positive, else nothing is spent.
 */
export function apportion(amount: bigint, weights: ReadonlyMap<string, bigint>): Map<string, bigint> {
  const entries = [...weights.entries()].filter(([, w]) => w > 0n).sort(([a], [b]) => (a < b ? -1 : 1));
  const out = new Map<string, bigint>();
  const totalWeight = entries.reduce((s, [, w]) => s + w, 0n);
  if (totalWeight === 0n || amount === 0n) return out;
  const rows = entries.map(([k, w]) => ({ k, base: (amount * w) / totalWeight, rest: (amount * w) % totalWeight }));
  let dust = amount - rows.reduce((s, r) => s + r.base, 0n);
  // Stable sort: equal remainders keep address order.
  const byRemainder = [...rows].sort((a, b) => (a.rest === b.rest ? 0 : a.rest > b.rest ? -1 : 1));
  for (const r of byRemainder) {
    if (dust === 0n) break;
    r.base += 1n;
    dust -= 1n;
  }
  for (const r of rows) if (r.base > 0n) out.set(r.k, r.base);
  return out;
}
