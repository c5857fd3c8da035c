import { stakingAbi } from "@aidao/sdk";
import type { Address, PublicClient } from "viem";

/**
 * Who is served first under load: accounts with at least `threshold` AIDAO staked. Read from the Staking contract and
 * cached for `ttlMs` (a stake takes effect within that time; the chain stays the authority).
 */
export class StakerPriority {
  private readonly client: PublicClient;
  private readonly staking: Address;
  readonly threshold: bigint;
  private readonly ttlMs: number;
  private readonly cache = new Map<string, { preferred: boolean; at: number }>();

  constructor(p: { client: PublicClient; staking: Address; threshold: bigint; ttlMs?: number }) {
    this.client = p.client;
    this.staking = p.staking;
    this.threshold = p.threshold;
    this.ttlMs = p.ttlMs ?? 60_000;
  }

  /** What `preferred` would answer from the cache, without waiting; undefined when the chain must be read. */
  cached(account: Address): boolean | undefined {
    const hit = this.cache.get(account.toLowerCase());
    return hit && Date.now() - hit.at < this.ttlMs ? hit.preferred : undefined;
  }

  /** True iff `account` has at least the threshold staked (a failed read counts as not preferred, never as an error). */
  async preferred(account: Address): Promise<boolean> {
    const hit = this.cached(account);
    if (hit !== undefined) return hit;
    const key = account.toLowerCase();
    let preferred = false;
    try {
      const staked = await this.client.readContract({
        address: this.staking,
        abi: stakingAbi,
        functionName: "stakedBalanceOf",
        args: [account],
      });
      preferred = this.threshold > 0n && staked >= this.threshold;
    } catch {
      preferred = false;
    }
    this.cache.set(key, { preferred, at: Date.now() });
    return preferred;
  }
}
