import type { Abi, Account, Chain, Client, ContractFunctionArgs, ContractFunctionName, Hash, Transport } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { toAidaoError } from "../errors.ts";
import { gasLimitFor } from "./gas.ts";

/** A client that can sign and send: a viem wallet client with an account. */
export type SignerClient = Client<Transport, Chain | undefined, Account>;

/**
 * Simulates a contract write, then sends it with a gas margin ({withGasMargin}). A revert is thrown before anything
 * is sent, as a {BaseError} whose message names the contract's custom error in words.
 */
export async function writeChecked<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(
  client: SignerClient,
  request: {
    address: `0x${string}`;
    abi: abi;
    functionName: name;
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", name>;
    value?: bigint;
  },
): Promise<Hash> {
  try {
    const { request: prepared } = await simulateContract(client, {
      ...request,
      account: client.account,
      chain: client.chain,
    } as never);
    const gas = await gasLimitFor(client, { ...request, account: client.account } as never);
    return await writeContract(client, { ...(prepared as object), gas } as never);
  } catch (error) {
    throw toAidaoError(error);
  }
}
