import { aidaoGovernorAbi, timelockControllerAbi } from "@aidao/sdk";
import { useAccount, useBlock, useReadContracts } from "wagmi";
import { useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import { type IndexedProposal, ONCHAIN_STATES, type OnchainState } from "./model.ts";

export type OnchainData = {
  indexed: IndexedProposal | undefined;
  state: OnchainState;
  snapshot: number;
  deadline: number;
  eta: number;
  votes: { for: bigint; against: bigint; abstain: bigint };
  quorum: bigint | undefined;
  myPower: bigint | undefined;
  hasVoted: boolean | undefined;
  delay: number | undefined;
  now: number;
};

/** One proposal of the main DAO's governor: its calls from the indexer, everything else read on chain. */
export function useOnchainProposal(id: bigint): { data: OnchainData | undefined; error: unknown; missing: boolean } {
  const c = useContracts();
  const governor = c.AIDAOGovernor.address;
  const { address } = useAccount();
  const list = useServer<{ proposals: IndexedProposal[] }>(`/api/proposals?governor=${governor}&limit=500`);
  const g = { address: governor, abi: aidaoGovernorAbi } as const;
  const base = useReadContracts({
    contracts: [
      { ...g, functionName: "state", args: [id] },
      { ...g, functionName: "proposalSnapshot", args: [id] },
      { ...g, functionName: "proposalDeadline", args: [id] },
      { ...g, functionName: "proposalEta", args: [id] },
      { ...g, functionName: "proposalVotes", args: [id] },
      { ...g, functionName: "clock" },
      { address: c.TimelockController.address, abi: timelockControllerAbi, functionName: "getMinDelay" },
    ],
  });
  const block = useBlock({ query: { refetchInterval: 4_000 } });
  const snapshot = base.data?.[1]?.result as bigint | undefined;
  const clock = base.data?.[5]?.result as number | bigint | undefined;
  const past = snapshot !== undefined && clock !== undefined && snapshot > 0n && snapshot < BigInt(clock);
  const at = useReadContracts({
    contracts: [
      { ...g, functionName: "quorum", args: [snapshot ?? 0n] },
      {
        ...g,
        functionName: "getVotes",
        args: [address ?? "0x0000000000000000000000000000000000000000", snapshot ?? 0n],
      },
      { ...g, functionName: "hasVoted", args: [id, address ?? "0x0000000000000000000000000000000000000000"] },
    ],
    query: { enabled: past },
  });
  const error = base.error ?? list.error;
  if (!base.data || !list.data) return { data: undefined, error, missing: false };
  const stateIndex = base.data[0]?.result as number | undefined;
  if (stateIndex === undefined || !snapshot)
    return { data: undefined, error: base.data[0]?.error ?? error, missing: true };
  const [against, forVotes, abstain] = (base.data[4]?.result as readonly [bigint, bigint, bigint]) ?? [0n, 0n, 0n];
  const delay = base.data[6]?.result as bigint | undefined;
  return {
    missing: false,
    error: null,
    data: {
      indexed: list.data.proposals.find((p) => p.proposalId === id.toString()),
      state: ONCHAIN_STATES[stateIndex] ?? "Pending",
      snapshot: Number(snapshot),
      deadline: Number(base.data[2]?.result ?? 0n),
      eta: Number(base.data[3]?.result ?? 0n),
      votes: { for: forVotes, against, abstain },
      quorum: past ? (at.data?.[0]?.result as bigint | undefined) : undefined,
      myPower: past && address ? (at.data?.[1]?.result as bigint | undefined) : undefined,
      hasVoted: address && past ? (at.data?.[2]?.result as boolean | undefined) : undefined,
      delay: delay === undefined ? undefined : Number(delay),
      now: Number(block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1000))),
    },
  };
}
