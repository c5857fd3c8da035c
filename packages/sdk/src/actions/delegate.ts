import type { Address, Hash } from "viem";
import { stakingAbi } from "../generated/abis.ts";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

export type DelegateParameters = { staking: Address; delegatee: Address };
export type DelegateReturnType = Hash;

/**
 * Gives the caller's staked voting power to `delegatee` (itself to vote directly).
 *
 * @example
 * import { delegate } from "@aidao/sdk";
 * const hash = await delegate(walletClient, { staking, delegatee: walletClient.account.address });
 */
export function delegate(
  client: SignerClient,
  { staking, delegatee }: DelegateParameters,
): Promise<DelegateReturnType> {
  return writeChecked(client, { address: staking, abi: stakingAbi, functionName: "delegate", args: [delegatee] });
}
