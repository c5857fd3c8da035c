// The local chain's clock. The demo lives through governance periods (a 7-day staking period, voting delays and
// periods, timelock delays) that a local chain crosses with anvil's evm_increaseTime: so that the chain's clock
// ends where this machine's is, a fresh dev chain starts that long in the past (`demoHistorySeconds`) and the seeding
// catches up at the end. anvil does not keep a clock moved forward across a restart (it mines at this machine's time
// again, before its last block): `resumeClock` moves it back on, so block times never go backwards.
import type { DeployConfig } from "@aidao/contracts/deploy";
import type { PublicClient } from "viem";

/** The Face DAO's own governance (seconds): fast enough that its two votes fit inside the staking period. */
export const FACE_GOVERNANCE = { votingDelay: 3_600, votingPeriod: 86_400, timelockDelay: 3_600, quorumPercent: 10 };

const HOUR = 3_600;

/**
 * How far in the past a fresh chain must start for the demo to end at this machine's time: the staking period
 * (the Face DAO's two votes happen inside it), a whole 60/40 vote that opens the venture round, then the voting delay
 * that makes the last proposals active; plus a margin the seeding catches up.
 */
export function demoHistorySeconds(config: DeployConfig): number {
  const g = config.governor;
  const face = 2 * (FACE_GOVERNANCE.votingDelay + FACE_GOVERNANCE.votingPeriod + FACE_GOVERNANCE.timelockDelay + 3);
  return (
    Math.max(config.minStakePeriod + 2, face) +
    g.votingDelay +
    g.votingPeriod +
    config.timelockDelay +
    3 +
    g.votingDelay +
    1 +
    HOUR
  );
}

const rpc = (client: PublicClient, method: string, params: unknown[]) =>
  client.request({ method: method as never, params: params as never }) as Promise<unknown>;

/** The latest block's time (unix seconds). */
export async function chainTime(client: PublicClient): Promise<bigint> {
  return (await client.getBlock({ blockTag: "latest" })).timestamp;
}

/** Moves the chain's clock `seconds` ahead and mines a block there (local chains only). */
export async function travel(client: PublicClient, seconds: number | bigint): Promise<void> {
  await rpc(client, "evm_increaseTime", [Number(seconds)]);
  await rpc(client, "evm_mine", []);
}

/** Moves the chain's clock up to this machine's when it is behind; returns the seconds it moved. */
export async function catchUp(client: PublicClient): Promise<number> {
  const behind = Math.floor(Date.now() / 1000) - Number(await chainTime(client));
  if (behind <= 0) return 0;
  await travel(client, behind);
  return behind;
}

/**
 * After a restart from saved state: if the last block is ahead of this machine's clock (someone moved time forward),
 * has the next blocks follow it instead of going back to this machine's time. Returns how far ahead it was (s).
 */
export async function resumeClock(client: PublicClient): Promise<number> {
  const ahead = Number(await chainTime(client)) - Math.floor(Date.now() / 1000);
  if (ahead <= 0) return 0;
  await rpc(client, "evm_increaseTime", [ahead + 1]);
  return ahead;
}
