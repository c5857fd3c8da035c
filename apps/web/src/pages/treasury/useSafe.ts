import { type Address, parseAbi } from "viem";
import { useReadContracts } from "wagmi";
import { useAppConfig, useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import type { ExecutionStatus } from "./safeTx.ts";

const safeAbi = parseAbi([
  "function getOwners() view returns (address[])",
  "function getThreshold() view returns (uint256)",
  "function nonce() view returns (uint256)",
]);

/** The protocol's Safe as the chain has it: its owners, how many must sign, and its next nonce. */
export function useSafe() {
  const safe = useContracts().Safe.address as Address;
  const { data, isLoading, error } = useReadContracts({
    contracts: [
      { address: safe, abi: safeAbi, functionName: "getOwners" },
      { address: safe, abi: safeAbi, functionName: "getThreshold" },
      { address: safe, abi: safeAbi, functionName: "nonce" },
    ],
  });
  return {
    safe,
    owners: data?.[0]?.result as readonly Address[] | undefined,
    threshold: data?.[1]?.result as bigint | undefined,
    nonce: data?.[2]?.result as bigint | undefined,
    isLoading,
    error,
  };
}

type HubProposal = { id: string; title: string; plugins: string; state: string; end: number };
export type SafeProposal = { proposal: HubProposal; execution: ExecutionStatus | undefined };

/** The space's off-chain proposals that carry Safe transactions, each with where its execution stands. */
export function useSafeProposals() {
  const { space } = useAppConfig();
  const list = useServer<{ proposals: HubProposal[] }>(`/api/hub/spaces/${encodeURIComponent(space)}/proposals`);
  const withPayload = (list.data?.proposals ?? []).filter((p) => p.plugins.includes('"safe"'));
  const ids = withPayload.map((p) => p.id).join(",");
  const executions = useServer<ExecutionStatus[]>(ids ? `executions:${ids}` : null, {
    queryFn: () =>
      Promise.all(
        withPayload.map((p) =>
          fetch(`/api/hub/proposals/${p.id}/execution`).then((r) => r.json() as Promise<ExecutionStatus>),
        ),
      ),
  });
  const rows: SafeProposal[] = withPayload.map((p, i) => ({ proposal: p, execution: executions.data?.[i] }));
  return { rows, isLoading: list.isLoading, error: list.error ?? executions.error };
}

export type SafeExecution = {
  id: string;
  safeTxHash: string;
  success: boolean;
  blockNumber: number;
  transactionHash: string;
};

/** The Safe's executed transactions, as the indexer recorded them. */
export function useSafeExecutions(safe: Address) {
  return useServer<{ executions: SafeExecution[] }>(`/api/safe-executions?safe=${safe.toLowerCase()}&limit=500`);
}
