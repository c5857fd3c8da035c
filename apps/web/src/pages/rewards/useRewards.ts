import { aidaoVestingAbi, rewardsDistributorAbi } from "@aidao/sdk";
import { type Address, erc20Abi, type Hex } from "viem";
import { useReadContracts } from "wagmi";
import { useContracts } from "../../config.ts";

export type Epoch = {
  id: bigint;
  root: Hex;
  total: bigint;
  start: bigint;
  uri: string;
  registered: bigint;
  released: bigint;
};

const NOBODY = "0x0000000000000000000000000000000000000000";

/** The rewards programme and its epochs, with the connected account's registered allocation in each. */
export function useRewards(account: Address | undefined) {
  const c = useContracts();
  const read = { address: c.RewardsDistributor.address, abi: rewardsDistributorAbi } as const;
  const head = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...read, functionName: "epochCount" },
      { ...read, functionName: "programmeEnd" },
      { ...read, functionName: "funded" },
      { ...read, functionName: "totalAllocated" },
      { ...read, functionName: "totalReleased" },
    ],
    query: { refetchInterval: 4_000 },
  });
  const count = Number(head.data?.[0] ?? 0n);
  const ids = Array.from({ length: count }, (_, i) => BigInt(i));
  const epochs = useReadContracts({
    allowFailure: false,
    contracts: ids.flatMap((id) => [
      { ...read, functionName: "epoch", args: [id] } as const,
      { ...read, functionName: "allocation", args: [id, account ?? NOBODY] } as const,
    ]),
    query: { enabled: count > 0, refetchInterval: 4_000 },
  });
  // Until the epochs are read, no epoch is shown: an allocation read as zero would offer a claim form by mistake.
  const list: Epoch[] = (epochs.data ? ids : []).map((id, i) => {
    const e = epochs.data?.[2 * i] as { root: Hex; total: bigint; start: bigint | number; uri: string } | undefined;
    const [registered, released] = (epochs.data?.[2 * i + 1] as readonly [bigint, bigint] | undefined) ?? [0n, 0n];
    return {
      id,
      root: e?.root ?? "0x",
      total: e?.total ?? 0n,
      start: BigInt(e?.start ?? 0),
      uri: e?.uri ?? "",
      registered,
      released,
    };
  });
  const d = head.data;
  return {
    programme: d ? { epochs: d[0], end: BigInt(d[1]), funded: d[2], allocated: d[3], released: d[4] } : undefined,
    epochs: list,
    isLoading: head.isLoading || (count > 0 && epochs.isLoading),
    error: head.error ?? epochs.error,
  };
}

export const VESTING_WALLETS = ["TeamVesting", "AdvisorsVesting", "IncentivesVesting"] as const;
export type VestingName = (typeof VESTING_WALLETS)[number];
export type VestingWallet = {
  name: VestingName;
  address: Address;
  beneficiary: Address;
  start: bigint;
  duration: bigint;
  cliff: bigint;
  released: bigint;
  releasable: bigint;
  balance: bigint;
};

/** The AIDAO vesting wallets of the deployment (team, advisors, incentives) and where each stands. */
export function useVestingWallets() {
  const c = useContracts();
  const token = c.AIDAOToken.address;
  const query = useReadContracts({
    allowFailure: false,
    contracts: VESTING_WALLETS.flatMap((name) => {
      const w = { address: c[name].address, abi: aidaoVestingAbi } as const;
      return [
        { ...w, functionName: "owner" },
        { ...w, functionName: "start" },
        { ...w, functionName: "duration" },
        { ...w, functionName: "cliff" },
        { ...w, functionName: "released", args: [token] },
        { ...w, functionName: "releasable", args: [token] },
        { address: token, abi: erc20Abi, functionName: "balanceOf", args: [c[name].address] },
      ] as const;
    }),
    query: { refetchInterval: 4_000 },
  });
  const d = query.data as readonly unknown[] | undefined;
  const wallets: VestingWallet[] | undefined = d
    ? VESTING_WALLETS.map((name, i) => {
        const r = d.slice(7 * i, 7 * i + 7);
        return {
          name,
          address: c[name].address,
          beneficiary: r[0] as Address,
          start: r[1] as bigint,
          duration: r[2] as bigint,
          cliff: r[3] as bigint,
          released: r[4] as bigint,
          releasable: r[5] as bigint,
          balance: r[6] as bigint,
        };
      })
    : undefined;
  return { wallets, isLoading: query.isLoading, error: query.error };
}
