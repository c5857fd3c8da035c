import type { Address, Hash } from "viem";
import { stakingAbi } from "../generated/abis.ts";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

export type UnstakeParameters = { staking: Address; amount: bigint };
export type UnstakeReturnType = Hash;

/**
 * Withdraws `amount` of matured stake; the principal comes back exactly.
 *
 * @example
 * import { unstake } from "@aidao/sdk";
 * const hash = await unstake(walletClient, { staking, amount: parseEther("100") });
 */
export function unstake(client: SignerClient, { staking, amount }: UnstakeParameters): Promise<UnstakeReturnType> {
  return writeChecked(client, { address: staking, abi: stakingAbi, functionName: "unstake", args: [amount] });
}
