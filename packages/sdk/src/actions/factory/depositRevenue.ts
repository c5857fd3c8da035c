import type { Address, Hash } from "viem";
import { childTreasuryAbi } from "../../generated/abis.ts";
import { approveIfShort } from "../approveIfShort.ts";
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
  await approveIfShort(client, { token: p.token, spender: p.treasury, amount: p.amount });
  return writeChecked(client, {
    address: p.treasury,
    abi: childTreasuryAbi,
    functionName: "deposit",
    args: [p.token, p.amount],
  });
}
