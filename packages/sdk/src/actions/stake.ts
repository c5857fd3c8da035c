import type { Address, Hash } from "viem";
import { stakingAbi } from "../generated/abis.ts";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

export type StakeParameters = { staking: Address; amount: bigint };
export type StakeReturnType = Hash;

/**
 * Stakes `amount` AIDAO (already approved to `staking`); it counts for voting once the minimum period has passed.
 *
 * @example
 * import { stake } from "@aidao/sdk";
 * const hash = await stake(walletClient, { staking, amount: parseEther("100") });
 */
export function stake(client: SignerClient, { staking, amount }: StakeParameters): Promise<StakeReturnType> {
  return writeChecked(client, { address: staking, abi: stakingAbi, functionName: "stake", args: [amount] });
}
