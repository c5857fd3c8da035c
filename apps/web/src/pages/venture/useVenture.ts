import {
  combinedResult,
  listReceipts,
  listRounds,
  stakingAbi,
  ventureFundAbi,
  ventureGovernorAbi,
  ventureReceiptsAbi,
} from "@aidao/sdk";
import { useQuery } from "@tanstack/react-query";
import { type Address, erc20Abi, type PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import { useTokenInfo } from "../../lib/useTokenInfo.ts";
import { type Combined, combine, PROPOSAL_STATES } from "./combined.ts";
import type { Holding } from "./investForm.ts";
import { parseTokenUri, type ReceiptMetadata } from "./metadata.ts";

/** AIDAO Venture's contracts (DAO 2 of the deployment). */
export function useVentureContracts() {
  const c = useContracts();
  return {
    fund: c.VentureFund.address,
    receipts: c.VentureReceipts.address,
    governor: c.VentureGovernor.address,
    staking: c.Staking.address,
    since: BigInt(c.VentureFund.block),
  };
}

function useClient(): PublicClient | undefined {
  return usePublicClient() as PublicClient | undefined;
}

/** Every round with its state (SDK listRounds). */
export function useRounds() {
  const client = useClient();
  const { fund } = useVentureContracts();
  return useQuery({
    queryKey: ["venture", "rounds", fund],
    enabled: !!client,
    queryFn: () => listRounds(client as PublicClient, { fund }),
  });
}

export type DepositToken = {
  address: Address;
  symbol: string;
  decimals: number;
  /** Value of one whole token (18 decimals); null when its price is stale or unset (deposits are refused). */
  price: bigint | null;
  balance: bigint;
  allowance: bigint;
};

/** The tokens the fund accepts, with the connected account's balance and allowance. */
export function useDepositTokens(me: Address | undefined) {
  const client = useClient();
  const { fund } = useVentureContracts();
  return useQuery({
    queryKey: ["venture", "tokens", fund, me],
    enabled: !!client,
    queryFn: async (): Promise<DepositToken[]> => {
      const c = client as PublicClient;
      const booked = await c.readContract({ address: fund, abi: ventureFundAbi, functionName: "bookedTokens" });
      const all = await Promise.all(
        booked.map(async (address) => {
          const config = await c.readContract({
            address: fund,
            abi: ventureFundAbi,
            functionName: "tokenConfig",
            args: [address],
          });
          if (!config.accepted) return null;
          const [symbol, price, balance, allowance] = await Promise.all([
            c.readContract({ address, abi: erc20Abi, functionName: "symbol" }),
            c
              .readContract({ address: fund, abi: ventureFundAbi, functionName: "price", args: [address] })
              .catch(() => null),
            me ? c.readContract({ address, abi: erc20Abi, functionName: "balanceOf", args: [me] }) : 0n,
            me ? c.readContract({ address, abi: erc20Abi, functionName: "allowance", args: [me, fund] }) : 0n,
          ]);
          return { address, symbol, decimals: config.decimals, price, balance, allowance };
        }),
      );
      return all.filter((t): t is DepositToken => t !== null);
    },
  });
}

export type ReceiptRow = {
  receiptId: bigint;
  roundId: bigint;
  token: Address;
  symbol: string;
  decimals: number;
  amount: bigint;
  value: bigint;
  metadata: ReceiptMetadata | null;
  /** What the receipt can claim now, per token the fund books (non-zero only). */
  claimable: Array<{ token: Address; symbol: string; decimals: number; amount: bigint }>;
};

/** The connected account's receipts (SDK listReceipts), their metadata and what each can claim. */
export function useReceipts(me: Address | undefined) {
  const client = useClient();
  const { fund, receipts, since } = useVentureContracts();
  return useQuery({
    queryKey: ["venture", "receipts", receipts, me],
    enabled: !!client && !!me,
    queryFn: async (): Promise<ReceiptRow[]> => {
      const c = client as PublicClient;
      const list = await listReceipts(c, { receipts, owner: me as Address, fromBlock: since });
      const booked = await c.readContract({ address: fund, abi: ventureFundAbi, functionName: "bookedTokens" });
      const meta = new Map<Address, { symbol: string; decimals: number }>();
      await Promise.all(
        booked.map(async (t) => {
          const [symbol, decimals] = await Promise.all([
            c.readContract({ address: t, abi: erc20Abi, functionName: "symbol" }),
            c.readContract({ address: t, abi: erc20Abi, functionName: "decimals" }),
          ]);
          meta.set(t, { symbol, decimals });
        }),
      );
      return Promise.all(
        list.map(async (r) => {
          const [uri, owed] = await Promise.all([
            c.readContract({
              address: receipts,
              abi: ventureReceiptsAbi,
              functionName: "tokenURI",
              args: [r.receiptId],
            }),
            Promise.all(
              booked.map((t) =>
                c.readContract({
                  address: fund,
                  abi: ventureFundAbi,
                  functionName: "claimable",
                  args: [r.receiptId, t],
                }),
              ),
            ),
          ]);
          const token = meta.get(r.token) ?? { symbol: "?", decimals: 18 };
          return {
            receiptId: r.receiptId,
            roundId: r.roundId,
            token: r.token,
            symbol: token.symbol,
            decimals: token.decimals,
            amount: r.amount,
            value: r.value,
            metadata: parseTokenUri(uri),
            claimable: booked
              .map((t, i) => ({ token: t, ...(meta.get(t) ?? { symbol: "?", decimals: 18 }), amount: owed[i] ?? 0n }))
              .filter((x) => x.amount > 0n),
          };
        }),
      );
    },
  });
}

/** A venture proposal as the indexer lists it. */
export type IndexedProposal = {
  proposalId: string;
  proposer: Address;
  description: string;
  voteStart: string;
  voteEnd: string;
  status: string;
};

export type ProposalResult = {
  state: (typeof PROPOSAL_STATES)[number];
  snapshot: bigint;
  deadline: bigint;
  combined: Combined;
  /** The on-chain combinedVotes (points of 100), which decide. */
  chainForPoints: number;
  chainAgainstPoints: number;
  hasVoted: boolean;
  /** The connected account's weight on each side at the snapshot (null before the snapshot). */
  myInvestorVotes: bigint | null;
  myHolderVotes: bigint | null;
};

/** The venture governor's proposals, newest first (from the indexer). */
export function useVentureProposals() {
  const { governor } = useVentureContracts();
  const q = useServer<{ proposals: IndexedProposal[] }>(`/api/proposals?governor=${governor}&limit=500`);
  return { ...q, data: q.data ? [...q.data.proposals].reverse() : undefined };
}

/** One proposal's two electorates and combined result, read on chain (SDK combinedResult). */
export function useProposalResult(proposalId: bigint, me: Address | undefined) {
  const client = useClient();
  const { governor, receipts, staking } = useVentureContracts();
  return useQuery({
    queryKey: ["venture", "result", governor, proposalId.toString(), me],
    enabled: !!client,
    queryFn: async (): Promise<ProposalResult> => {
      const c = client as PublicClient;
      const [state, snapshot, deadline, result] = await Promise.all([
        c.readContract({ address: governor, abi: ventureGovernorAbi, functionName: "state", args: [proposalId] }),
        c.readContract({
          address: governor,
          abi: ventureGovernorAbi,
          functionName: "proposalSnapshot",
          args: [proposalId],
        }),
        c.readContract({
          address: governor,
          abi: ventureGovernorAbi,
          functionName: "proposalDeadline",
          args: [proposalId],
        }),
        combinedResult(c, { governor, proposalId }),
      ]);
      const now = (await c.getBlock()).timestamp;
      const started = snapshot < now;
      const [quorums, hasVoted, myInvestorVotes, myHolderVotes] = await Promise.all([
        started
          ? c.readContract({
              address: governor,
              abi: ventureGovernorAbi,
              functionName: "sideQuorums",
              args: [snapshot],
            })
          : ([0n, 0n] as const),
        me
          ? c.readContract({
              address: governor,
              abi: ventureGovernorAbi,
              functionName: "hasVoted",
              args: [proposalId, me],
            })
          : false,
        me && started
          ? c.readContract({
              address: receipts,
              abi: ventureReceiptsAbi,
              functionName: "getPastVotes",
              args: [me, snapshot],
            })
          : null,
        me && started
          ? c.readContract({ address: staking, abi: stakingAbi, functionName: "getPastVotes", args: [me, snapshot] })
          : null,
      ]);
      return {
        state: PROPOSAL_STATES[state] ?? "Pending",
        snapshot,
        deadline,
        combined: combine(
          result.tally,
          { investors: Number(result.investorWeight), holders: Number(result.holderWeight) },
          { investors: quorums[0], holders: quorums[1] },
        ),
        chainForPoints: Number(result.forPoints) / 1e18,
        chainAgainstPoints: Number(result.againstPoints) / 1e18,
        hasVoted,
        myInvestorVotes,
        myHolderVotes,
      };
    },
  });
}

/** What round `roundId` holds of each token the fund books (what an investment of it can spend). */
export function useRoundHoldings(roundId: bigint | undefined): { data: Holding[] | undefined } {
  const client = useClient();
  const { fund } = useVentureContracts();
  const books = useQuery({
    queryKey: ["venture", "holdings", fund, roundId?.toString()],
    enabled: !!client && roundId !== undefined,
    queryFn: async (): Promise<Array<{ token: Address; held: bigint }>> => {
      const c = client as PublicClient;
      const booked = await c.readContract({ address: fund, abi: ventureFundAbi, functionName: "bookedTokens" });
      return Promise.all(
        booked.map(async (token) => {
          const book = await c.readContract({
            address: fund,
            abi: ventureFundAbi,
            functionName: "book",
            args: [roundId as bigint, token],
          });
          return { token, held: book.held };
        }),
      );
    },
  });
  const info = useTokenInfo(books.data?.map((b) => b.token) ?? []);
  const data = books.data?.flatMap((b) => {
    const t = info.get(b.token.toLowerCase());
    return t ? [{ token: b.token, symbol: t.symbol, decimals: t.decimals, held: b.held }] : [];
  });
  // Until every token's symbol and decimals are read, the holdings are still loading.
  return { data: data && data.length === books.data?.length ? data : undefined };
}

/** The AI DAOs a round can invest in: every DAO of the factory but the venture DAO itself. */
export function useInvestTargets() {
  const { governor } = useVentureContracts();
  const q = useServer<{ daos: Array<{ daoId: string; name: string | null; governor: string }> }>("/api/daos");
  return {
    ...q,
    data: q.data?.daos
      .filter((d) => d.governor.toLowerCase() !== governor.toLowerCase())
      .map((d) => ({ daoId: BigInt(d.daoId), name: d.name ?? `DAO ${d.daoId}` })),
  };
}
