import { type Address, formatUnits, parseAbi } from "viem";
import { useAccount, useBlock, useReadContracts } from "wagmi";
import { useServer } from "../../lib/api.ts";

const erc5805 = parseAbi([
  "function CLOCK_MODE() view returns (string)",
  "function getPastVotes(address account, uint256 timepoint) view returns (uint256)",
  "function getVotes(address account) view returns (uint256)",
]);

type Strategy = { name: string; address: Address; decimals: number };

/**
 * The connected account's power on a hub proposal before it votes: each of the space's ERC-5805 strategies read at
 * the snapshot block, in that token's own clock (timestamp or block number), as the hub reads it (apps/server's
 * hub/power.ts): getPastVotes refuses the present, so a snapshot at the chain's head reads the current votes.
 */
export function useHubPower(space: string, snapshot: number): number | undefined {
  const { address } = useAccount();
  const info = useServer<{ strategies: Strategy[] }>(`/api/hub/spaces/${encodeURIComponent(space)}`);
  const strategies = (info.data?.strategies ?? []).filter((s) => s.name === "erc5805-votes");
  const block = useBlock({ blockNumber: BigInt(snapshot), query: { refetchInterval: false } });
  const latest = useBlock({ query: { refetchInterval: 4_000 } });
  const modes = useReadContracts({
    contracts: strategies.map((s) => ({ address: s.address, abi: erc5805, functionName: "CLOCK_MODE" as const })),
    query: { enabled: strategies.length > 0 },
  });
  const ready = !!address && !!block.data && !!latest.data && !!modes.data;
  const me = address ?? "0x0000000000000000000000000000000000000000";
  const votes = useReadContracts({
    contracts: strategies.map((s, i) => {
      const byTime = String(modes.data?.[i]?.result ?? "").includes("timestamp");
      const timepoint = byTime ? (block.data?.timestamp ?? 0n) : BigInt(snapshot);
      const now = byTime ? (latest.data?.timestamp ?? 0n) : (latest.data?.number ?? 0n);
      return timepoint < now
        ? { address: s.address, abi: erc5805, functionName: "getPastVotes" as const, args: [me, timepoint] as const }
        : { address: s.address, abi: erc5805, functionName: "getVotes" as const, args: [me] as const };
    }),
    query: { enabled: ready && strategies.length > 0 },
  });
  if (!ready || !votes.data) return undefined;
  let total = 0;
  for (const [i, s] of strategies.entries()) {
    const r = votes.data[i]?.result;
    if (typeof r !== "bigint") return undefined;
    total += Number(formatUnits(r, s.decimals));
  }
  return total;
}
