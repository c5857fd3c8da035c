import { aidaoTokenAbi, daoRegistryAbi, stakingAbi, treasuryAbi } from "@aidao/sdk";
import { type Address, erc20Abi, zeroAddress } from "viem";
import { useBalance, useReadContracts } from "wagmi";
import { useAppConfig, useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import { useTokenInfo } from "../../lib/useTokenInfo.ts";
import type { BalanceRow } from "./BalancesTable.tsx";
import { useEvents } from "./events.ts";
import { incomesOf, incomeTotals } from "./series.ts";

type Proposals = { proposals: Array<{ status: string }> };
type HubProposals = { proposals: Array<{ state: string }> };
type Channels = { channels: Array<{ token: string; status: string; paid: string; redemptions: number }> };

/** Everything the overview shows: chain reads for the figures, the indexer's events for the series. */
export function useOverview() {
  const c = useContracts();
  const { space } = useAppConfig();
  const token = c.AIDAOToken.address as Address;
  const incomeEvents = useEvents("contract=Treasury&event=IncomeReceived");
  const staked = useEvents("contract=Staking&event=Staked");
  const unstaked = useEvents("contract=Staking&event=Unstaked");
  const incomes = incomesOf(incomeEvents.data ?? []);
  const totals = incomeTotals(incomes);
  // The protocol token first, then every token the treasury has received.
  const tokens = [...new Set([token.toLowerCase(), ...totals.map((t) => t.token)])].filter((t) => t !== zeroAddress);
  const info = useTokenInfo(tokens);
  const reads = useReadContracts({
    contracts: [
      { address: token, abi: aidaoTokenAbi, functionName: "totalSupply" },
      { address: c.Staking.address as Address, abi: stakingAbi, functionName: "totalStaked" },
      { address: c.Treasury.address as Address, abi: treasuryAbi, functionName: "educationBps" },
      { address: c.DAORegistry.address as Address, abi: daoRegistryAbi, functionName: "daoCount" },
    ],
  });
  const held = useReadContracts({
    contracts: [
      ...tokens.flatMap((t) => [
        {
          address: t as Address,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [c.Treasury.address as Address],
        } as const,
        {
          address: t as Address,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [c.EducationFund.address as Address],
        } as const,
      ]),
    ],
  });
  const treasuryEth = useBalance({ address: c.Treasury.address as Address });
  const educationEth = useBalance({ address: c.EducationFund.address as Address });
  const proposals = useServer<Proposals>("/api/proposals?limit=500");
  const hub = useServer<HubProposals>(`/api/hub/spaces/${encodeURIComponent(space)}/proposals`);
  const channels = useServer<Channels>("/api/channels?limit=500");

  const r = reads.data;
  const big = (i: number) => (r?.[i]?.status === "success" ? (r[i].result as bigint) : undefined);
  const h = held.data;
  const heldAt = (i: number) => (h?.[i]?.status === "success" ? (h[i].result as bigint) : undefined);
  const balances: BalanceRow[] = tokens.map((t, i) => ({
    token: t,
    info: info.get(t),
    treasury: heldAt(2 * i),
    education: heldAt(2 * i + 1),
  }));
  return {
    loading: reads.isLoading,
    error: reads.error,
    supply: big(0),
    staked: big(1),
    educationBps: r?.[2]?.status === "success" ? Number(r[2].result) : undefined,
    daoCount: big(3),
    balances,
    eth: { treasury: treasuryEth.data?.value, education: educationEth.data?.value },
    info,
    incomes,
    totals,
    incomesLoading: incomeEvents.isLoading,
    stakeEvents: staked.data && unstaked.data ? [...staked.data, ...unstaked.data] : undefined,
    openOnChain: proposals.data?.proposals.filter((p) => p.status === "created" || p.status === "queued").length,
    openOffChain: hub.data?.proposals.filter((p) => p.state === "active" || p.state === "pending").length,
    channels: channels.data?.channels,
  };
}

export type Overview = ReturnType<typeof useOverview>;
