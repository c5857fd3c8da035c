import type { Abi, Client, ContractFunctionArgs, ContractFunctionName, Transport } from "viem";
import { estimateContractGas, getBlock } from "viem/actions";
import type { SignerClient } from "./writeChecked.ts";

/**
 * The gas limit to send a transaction with, given its estimate. An estimate is exact only for the block it ran
 * against, and the block that includes the transaction can have a later timestamp: votes checkpoints keyed by block
 * time (ERC-6372 timestamp clocks: Staking, the AI DAOs' tokens, venture receipts) are updated in place when one was
 * already written in that second (~3k gas) but pushed as a new slot in a later one (~22k gas each), so a transaction
 * sent with its bare estimate runs out of gas and reverts. A quarter more plus room for three new checkpoints covers
 * it; unused gas is refunded, so the margin costs nothing but headroom. Never above `blockGasLimit`.
 */
export function withGasMargin(estimate: bigint, blockGasLimit?: bigint): bigint {
  const limit = estimate + estimate / 4n + 3n * 22_100n;
  return blockGasLimit !== undefined && limit > blockGasLimit ? blockGasLimit : limit;
}

/** Estimates a contract write and returns the gas limit to send it with ({withGasMargin}). Throws what a revert throws. */
export async function gasLimitFor<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(
  client: SignerClient | Client<Transport>,
  request: {
    address: `0x${string}`;
    abi: abi;
    functionName: name;
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", name>;
    value?: bigint;
    account: SignerClient["account"] | `0x${string}`;
  },
): Promise<bigint> {
  const [estimate, block] = await Promise.all([
    estimateContractGas(client, request as never),
    getBlock(client, { blockTag: "latest" }),
  ]);
  return withGasMargin(estimate, block.gasLimit);
}
