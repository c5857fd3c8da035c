import {
  type Address,
  BaseError,
  decodeFunctionResult,
  ExecutionRevertedError,
  encodeFunctionData,
  getAddress,
  type Hex,
  type PublicClient,
  parseAbi,
} from "viem";
import type { SpaceSettings, Strategy } from "./spaces.ts";

/** Voting power per strategy, in whole tokens. */
export type Power = { total: number; byStrategy: number[] };

const votesAbi = parseAbi([
  "function CLOCK_MODE() view returns (string)",
  "function getPastVotes(address account, uint256 timepoint) view returns (uint256)",
  "function getVotes(address account) view returns (uint256)",
]);

const CLOCK_MODE_CALL = encodeFunctionData({ abi: votesAbi, functionName: "CLOCK_MODE" });

/**
 * Reads voting power at a proposal's snapshot block, per strategy, cached per (block, account): the past does not
 * change, so a voter's power is read once however many messages refer to it. Every strategy is an ERC-5805 votes
 * source (staked AIDAO, venture receipts, an AI DAO's token), read with `getPastVotes` at the snapshot block's
 * timepoint in the source's own clock (its timestamp, or its number): no archive node is needed.
 */
export class PowerReader {
  private readonly client: PublicClient;
  private readonly cache = new Map<string, Promise<Power>>();
  private readonly blocks = new Map<number, Promise<{ number: bigint; timestamp: bigint }>>();
  private readonly clocks = new Map<Address, Promise<"timestamp" | "blocknumber">>();
  private readonly maxEntries: number;

  constructor(client: PublicClient, maxEntries = 200_000) {
    this.client = client;
    this.maxEntries = maxEntries;
  }

  power(space: SpaceSettings, snapshot: number, account: Address): Promise<Power> {
    const key = `${space.id}:${snapshot}:${account.toLowerCase()}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.read(space.strategies, snapshot, getAddress(account));
      hit.catch(() => this.cache.delete(key)); // a failed read is retried next time, not remembered
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async read(strategies: Strategy[], snapshot: number, account: Address): Promise<Power> {
    // The head once per voter, shared by the strategies (the venture space has two).
    const [block, latest] = await Promise.all([this.block(snapshot), this.client.getBlock({ blockTag: "latest" })]);
    const byStrategy = await Promise.all(strategies.map((s) => this.readOne(s, block, latest, account)));
    return { total: byStrategy.reduce((a, b) => a + b, 0), byStrategy };
  }

  private async readOne(
    s: Strategy,
    block: { number: bigint; timestamp: bigint },
    latest: { number: bigint; timestamp: bigint },
    account: Address,
  ): Promise<number> {
    const clock = await this.clockOf(s.address);
    const timepoint = clock === "timestamp" ? block.timestamp : block.number;
    const now = clock === "timestamp" ? latest.timestamp : latest.number;
    // getPastVotes refuses the present (ERC-5805): a snapshot at the chain's head reads the current votes.
    const votes =
      timepoint < now
        ? await this.client.readContract({
            address: s.address,
            abi: votesAbi,
            functionName: "getPastVotes",
            args: [account, timepoint],
          })
        : await this.client.readContract({
            address: s.address,
            abi: votesAbi,
            functionName: "getVotes",
            args: [account],
          });
    return Number(votes) / 10 ** s.decimals;
  }

  private block(n: number) {
    let b = this.blocks.get(n);
    if (!b) {
      b = this.client.getBlock({ blockNumber: BigInt(n) }).then((x) => ({ number: x.number, timestamp: x.timestamp }));
      b.catch(() => this.blocks.delete(n));
      this.blocks.set(n, b);
    }
    return b;
  }

  /**
   * ERC-6372: "mode=timestamp", or a block-number clock (the default when a token does not say). Only the contract's
   * own answer is remembered: a read that failed on the way (a timeout, a dropped connection, a provider's internal
   * error) is not a token without CLOCK_MODE, and remembering it as one would read a timestamp-clock token at a block
   * number, where it has no votes.
   */
  private clockOf(address: Address) {
    let c = this.clocks.get(address);
    if (!c) {
      const read = this.readClock(address).catch((error: unknown) => {
        if (this.clocks.get(address) === read) this.clocks.delete(address);
        throw error;
      });
      c = read;
      this.clocks.set(address, c);
    }
    return c;
  }

  /**
   * A plain call, not readContract: viem's contract errors also call a provider's -32603 (its overload or upstream
   * timeout) a revert, and only the node's "execution reverted" says the contract refused.
   */
  private async readClock(address: Address): Promise<"timestamp" | "blocknumber"> {
    let data: Hex | undefined;
    try {
      ({ data } = await this.client.call({ to: address, data: CLOCK_MODE_CALL }));
    } catch (error) {
      // No such function and no fallback: the contract has no CLOCK_MODE.
      if (error instanceof BaseError && error.walk((e) => e instanceof ExecutionRevertedError)) return "blocknumber";
      throw error;
    }
    if (data === undefined || data === "0x") return "blocknumber"; // no code there, or a fallback that returns nothing
    try {
      const mode = decodeFunctionResult({ abi: votesAbi, functionName: "CLOCK_MODE", data });
      return mode === "mode=timestamp" ? "timestamp" : "blocknumber";
    } catch {
      return "blocknumber"; // an answer, but not ERC-6372's string
    }
  }
}
