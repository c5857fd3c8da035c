import { childGovernorAbi, childTreasuryAbi, daoRegistryAbi, modelRegistryAbi, revenueShareTokenAbi } from "@aidao/sdk";
import { type Address, erc20Abi, zeroAddress } from "viem";
import { useBalance, useReadContract, useReadContracts } from "wagmi";
import { useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import type { IndexedDAO } from "./daoTree.ts";

/** A DAO's registry record (on chain, authoritative) and its indexed entry (for its name). */
export function useDaoRecord(id: bigint | null) {
  const contracts = useContracts();
  const record = useReadContract({
    address: contracts.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "dao",
    args: [id ?? 0n],
    query: { enabled: id !== null, retry: false },
  });
  const indexed = useServer<{ daos: IndexedDAO[] }>("/api/daos");
  const entry = indexed.data?.daos.find((d) => id !== null && d.daoId === String(id));
  return { record, entry };
}

type Event<A> = { args: A; blockTime: number; transactionHash: string };
type Events<A> = { events: Event<A>[] };

/** Who ever received the token (from the indexer), with their current balances on chain, largest first. */
export function useHolders(token: Address | undefined) {
  const transfers = useServer<Events<{ to: string }>>(
    token && token !== zeroAddress ? `/api/events?address=${token}&event=Transfer&limit=500` : null,
  );
  const accounts = [...new Set((transfers.data?.events ?? []).map((e) => e.args.to.toLowerCase()))].filter(
    (a) => a !== zeroAddress,
  ) as Address[];
  const balances = useReadContracts({
    contracts: accounts.map((a) => ({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [a] }) as const),
    query: { enabled: accounts.length > 0 },
  });
  const holders = accounts
    .map((account, i) => ({ account, balance: (balances.data?.[i]?.result as bigint | undefined) ?? 0n }))
    .filter((h) => h.balance > 0n)
    .sort((a, b) => (b.balance > a.balance ? 1 : b.balance < a.balance ? -1 : 0));
  return { holders, isPending: transfers.isPending || (accounts.length > 0 && balances.isPending) };
}

/** An ERC-20's name, symbol, decimals and supply (fields are undefined when the contract lacks them). */
export function useTokenInfo(token: Address | undefined) {
  const enabled = !!token && token !== zeroAddress;
  const r = useReadContracts({
    contracts: (["name", "symbol", "decimals", "totalSupply"] as const).map(
      (functionName) => ({ address: token, abi: erc20Abi, functionName }) as const,
    ),
    query: { enabled },
  });
  const [name, symbol, decimals, totalSupply] = (r.data ?? []).map((x) => x.result);
  return {
    isPending: enabled && r.isPending,
    name: name as string | undefined,
    symbol: symbol as string | undefined,
    decimals: decimals as number | undefined,
    totalSupply: totalSupply as bigint | undefined,
  };
}

/** The DAO's governor settings and its timelock's delay. */
export function useGovernance(governor: Address | undefined, timelock: Address | undefined) {
  const on = !!governor && governor !== zeroAddress;
  const g = useReadContracts({
    contracts: [
      ...(["votingDelay", "votingPeriod", "proposalThreshold", "quorumNumerator", "CLOCK_MODE"] as const).map(
        (functionName) => ({ address: governor, abi: childGovernorAbi, functionName }) as const,
      ),
    ],
    query: { enabled: on },
  });
  const minDelay = useReadContract({
    address: timelock,
    abi: [
      {
        type: "function",
        name: "getMinDelay",
        stateMutability: "view",
        inputs: [],
        outputs: [{ type: "uint256" }],
      },
    ] as const,
    functionName: "getMinDelay",
    query: { enabled: !!timelock && timelock !== zeroAddress },
  });
  const [votingDelay, votingPeriod, proposalThreshold, quorumNumerator, clockMode] = (g.data ?? []).map(
    (x) => x.result,
  );
  return {
    on,
    isPending: on && g.isPending,
    votingDelay: votingDelay as bigint | undefined,
    votingPeriod: votingPeriod as bigint | undefined,
    proposalThreshold: proposalThreshold as bigint | undefined,
    quorumPercent: quorumNumerator as bigint | undefined,
    /** "mode=timestamp" counts seconds; otherwise blocks. */
    timestamps: typeof clockMode === "string" ? clockMode.includes("timestamp") : undefined,
    timelockDelay: minDelay.data,
  };
}

export type ModelRow = {
  modelId: bigint;
  name: string;
  versionCount: bigint;
  contributors: Array<{ account: Address; role: number; shareBps: number }>;
};

/** The ModelRegistry models this DAO owns, with their contributors. */
export function useDaoModels(id: bigint | null) {
  const registry = useContracts().ModelRegistry.address;
  const ids = useReadContract({
    address: registry,
    abi: modelRegistryAbi,
    functionName: "modelsOf",
    args: [id ?? 0n],
    query: { enabled: id !== null },
  });
  const modelIds = (ids.data ?? []) as readonly bigint[];
  const details = useReadContracts({
    contracts: modelIds.flatMap((m) => [
      { address: registry, abi: modelRegistryAbi, functionName: "model", args: [m] } as const,
      { address: registry, abi: modelRegistryAbi, functionName: "contributors", args: [m] } as const,
    ]),
    query: { enabled: modelIds.length > 0 },
  });
  const models: ModelRow[] = modelIds.map((modelId, i) => {
    const model = details.data?.[2 * i]?.result as { name: string; versionCount: bigint } | undefined;
    const contributors = (details.data?.[2 * i + 1]?.result ?? []) as ModelRow["contributors"];
    return { modelId, name: model?.name ?? `Model ${modelId}`, versionCount: model?.versionCount ?? 0n, contributors };
  });
  return { models, isPending: ids.isPending || (modelIds.length > 0 && details.isPending), error: ids.error };
}

export type IncomeTotal = { token: Address; amount: bigint; fee: bigint; distributed: bigint; count: number };

/** Incomes paid into a treasury (indexed IncomeReceived events), totalled per token. */
export function useIncomes(treasury: Address | undefined) {
  const q = useServer<Events<{ token: string; amount: string; protocolFee: string; distributed: string }>>(
    treasury ? `/api/events?address=${treasury}&event=IncomeReceived&limit=500` : null,
  );
  const totals = new Map<string, IncomeTotal>();
  for (const e of q.data?.events ?? []) {
    const key = e.args.token.toLowerCase();
    const t = totals.get(key) ?? { token: e.args.token as Address, amount: 0n, fee: 0n, distributed: 0n, count: 0 };
    // The main treasury's IncomeReceived has other fields: only child treasuries' incomes are totalled here.
    t.amount += BigInt(e.args.amount ?? 0);
    t.fee += BigInt(e.args.protocolFee ?? 0);
    t.distributed += BigInt(e.args.distributed ?? 0);
    t.count += 1;
    totals.set(key, t);
  }
  return { incomes: [...totals.values()], isPending: q.isPending, error: q.error };
}

/** The treasury's revenue distribution and, for a revenue-sharing token, each payout token's figures for `me`. */
export function useRevenue(treasury: Address | undefined, me: Address | undefined) {
  const dist = useReadContract({
    address: treasury,
    abi: childTreasuryAbi,
    functionName: "distribution",
    query: { enabled: !!treasury },
  });
  const distributor = dist.data?.[0];
  const active = !!distributor && distributor !== zeroAddress;
  const payout = useReadContract({
    address: distributor,
    abi: revenueShareTokenAbi,
    functionName: "payoutTokens",
    query: { enabled: active },
  });
  const tokens = (payout.data ?? []) as readonly Address[];
  const per = useReadContracts({
    contracts: tokens.flatMap((t) => [
      { address: distributor, abi: revenueShareTokenAbi, functionName: "totalDistributed", args: [t] } as const,
      {
        address: distributor,
        abi: revenueShareTokenAbi,
        functionName: "claimable",
        args: [me ?? zeroAddress, t],
      } as const,
      { address: t, abi: erc20Abi, functionName: "symbol" } as const,
      { address: t, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    query: { enabled: tokens.length > 0 },
  });
  const rows = tokens.map((token, i) => ({
    token,
    distributed: (per.data?.[4 * i]?.result as bigint | undefined) ?? 0n,
    claimable: me ? ((per.data?.[4 * i + 1]?.result as bigint | undefined) ?? 0n) : undefined,
    symbol: (per.data?.[4 * i + 2]?.result as string | undefined) ?? "tokens",
    decimals: (per.data?.[4 * i + 3]?.result as number | undefined) ?? 18,
  }));
  return {
    isPending: dist.isPending || (active && payout.isPending),
    distributor: active ? distributor : undefined,
    bps: dist.data?.[1],
    rows,
  };
}

/** ETH and ERC-20 balances of an address, for the tokens given. */
export function useBalances(owner: Address | undefined, tokens: Address[]) {
  const eth = useBalance({ address: owner, query: { enabled: !!owner } });
  const r = useReadContracts({
    contracts: tokens.flatMap((t) => [
      { address: t, abi: erc20Abi, functionName: "balanceOf", args: [owner ?? zeroAddress] } as const,
      { address: t, abi: erc20Abi, functionName: "symbol" } as const,
      { address: t, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    query: { enabled: !!owner && tokens.length > 0 },
  });
  const rows = [
    { token: "ETH", symbol: "ETH", decimals: 18, balance: eth.data?.value ?? 0n },
    ...tokens.map((token, i) => ({
      token: token as string,
      balance: (r.data?.[3 * i]?.result as bigint | undefined) ?? 0n,
      symbol: (r.data?.[3 * i + 1]?.result as string | undefined) ?? "tokens",
      decimals: (r.data?.[3 * i + 2]?.result as number | undefined) ?? 18,
    })),
  ];
  return { rows, isPending: eth.isPending || (tokens.length > 0 && r.isPending) };
}
