import { stakingAbi } from "@aidao/sdk";
import { type Address, erc20Abi } from "viem";
import { useReadContracts } from "wagmi";
import { useContracts } from "../../config.ts";
import type { StakePosition } from "./maturity.ts";

/** The connected account's stake as the Staking contract has it (the CLI's `aidao stake show`). */
export function useStakePosition(account: Address | undefined) {
  const c = useContracts();
  const staking = { address: c.Staking.address, abi: stakingAbi } as const;
  const token = { address: c.AIDAOToken.address, abi: erc20Abi } as const;
  const who = account ?? "0x0000000000000000000000000000000000000000";
  const query = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...token, functionName: "balanceOf", args: [who] },
      { ...staking, functionName: "stakedBalanceOf", args: [who] },
      { ...staking, functionName: "maturedBalanceOf", args: [who] },
      { ...staking, functionName: "maturesAt", args: [who] },
      { ...staking, functionName: "getVotes", args: [who] },
      { ...staking, functionName: "delegates", args: [who] },
      { ...staking, functionName: "minStakePeriod" },
      { ...token, functionName: "allowance", args: [who, c.Staking.address] },
    ],
    query: { enabled: account !== undefined, refetchInterval: 4_000 },
  });
  const d = query.data;
  const position: StakePosition | undefined = d
    ? {
        balance: d[0],
        staked: d[1],
        matured: d[2],
        maturesAt: d[3],
        votes: d[4],
        delegate: d[5],
        minStakePeriod: BigInt(d[6]),
        allowance: d[7],
      }
    : undefined;
  return { position, isLoading: query.isLoading, error: query.error };
}
