import { type Address, erc20Abi, type Hash } from "viem";
import { readContract, waitForTransactionReceipt } from "viem/actions";
import { childTreasuryAbi } from "../../generated/abis.ts";
import { type SignerClient, writeChecked } from "../writeChecked.ts";

export type DepositRevenueParameters = { treasury: Address; token: Address | "ETH"; amount: bigint };
export type DepositRevenueReturnType = Hash;

/**
 * Pays an income into an AI DAO's treasury: the protocol fee goes to the main treasury and the DAO's revenue share
 * to its holders or members, in the same transaction. Approves the treasury first if the allowance is short.
 *
 * @example
 * import { depositRevenue } from "@aidao/sdk";
 * await depositRevenue(customer, { treasury: dao.treasury, token: usdc, amount: 1_000_000n });
 */
export async function depositRevenue(
  client: SignerClient,
  p: DepositRevenueParameters,
): Promise<DepositRevenueReturnType> {
  if (p.token === "ETH") {
    return writeChecked(client, {
      address: p.treasury,
      abi: childTreasuryAbi,
      functionName: "depositETH",
      args: [],
      value: p.amount,
    });
  }
  const allowance = await readContract(client, {
    address: p.token,
    abi: erc20Abi,
    functionName: "allowance",
    args: [client.account.address, p.treasury],
  });
  if (allowance < p.amount) {
    const hash = await writeChecked(client, {
      address: p.token,
      abi: erc20Abi,
      functionName: "approve",
      args: [p.treasury, p.amount],
    });
    await waitForTransactionReceipt(client, { hash });
  }
  return writeChecked(client, {
    address: p.treasury,
    abi: childTreasuryAbi,
    functionName: "deposit",
    args: [p.token, p.amount],
  });
}
