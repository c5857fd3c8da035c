import { aidaoGovernorAbi } from "@aidao/sdk";
import { useReadContracts } from "wagmi";
import { useAppConfig, useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import { formatAmount } from "../../lib/format.ts";
import { type HubProposal, type IndexedProposal, type ListItem, mergeProposals, ONCHAIN_STATES } from "./model.ts";

/** The main DAO's on-chain proposals (indexer, with their state read on chain) and its hub proposals, merged. */
export function useProposalList(): { items: ListItem[] | undefined; error: unknown } {
  const governor = useContracts().AIDAOGovernor.address;
  const { space } = useAppConfig();
  const onchain = useServer<{ proposals: IndexedProposal[] }>(`/api/proposals?governor=${governor}&limit=500`);
  const offchain = useServer<{ proposals: HubProposal[] }>(
    `/api/hub/spaces/${encodeURIComponent(space)}/proposals?limit=100`,
  );
  const rows = onchain.data?.proposals ?? [];
  // One state() read per proposal, batched; typed loosely (a mapped list of reads is too deep for TypeScript).
  const contracts = rows.map((p) => ({
    address: governor,
    abi: aidaoGovernorAbi,
    functionName: "state" as const,
    args: [BigInt(p.proposalId)] as const,
  }));
  const states = useReadContracts({
    contracts: contracts as unknown as readonly [],
    query: { enabled: rows.length > 0 },
  });
  if (!onchain.data || !offchain.data) return { items: undefined, error: onchain.error ?? offchain.error };
  const withState = rows.map((p, i) => {
    const s = (states.data as Array<{ result?: unknown }> | undefined)?.[i]?.result;
    return { ...p, state: typeof s === "number" ? ONCHAIN_STATES[s] : undefined };
  });
  const votes = (p: IndexedProposal) =>
    `For ${formatAmount(BigInt(p.votes.for), 18, 0)} · Against ${formatAmount(BigInt(p.votes.against), 18, 0)} · Abstain ${formatAmount(BigInt(p.votes.abstain), 18, 0)}`;
  return { items: mergeProposals(withState, offchain.data.proposals, votes), error: null };
}
