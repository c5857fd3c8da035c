import type { Address, Hash } from "viem";
import { treasuryAbi } from "../generated/abis.ts";
import { approveIfShort } from "./approveIfShort.ts";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

/** Where an income comes from, as `ITreasury.IncomeSource` numbers them. */
export const IncomeSource = { ProtocolFee: 0, Donation: 1, TokenSale: 2, Other: 3 } as const;
export type IncomeSourceName = keyof typeof IncomeSource;

export type DepositToTreasuryParameters = {
  treasury: Address;
  /** The ERC20 paid in, or `"ETH"`. */
  token: Address | "ETH";
  amount: bigint;
  source: IncomeSourceName;
};
export type DepositToTreasuryReturnType = Hash;

/**
 * Pays an income into the treasury, which forwards its education share (>= 8%) in the same transaction.
 * For an ERC20 it first approves the treasury if the allowance is short.
 *
 * @example
 * import { depositToTreasury } from "@aidao/sdk";
 * await depositToTreasury(walletClient, { treasury, token: usdc, amount: 1_000_000n, source: "ProtocolFee" });
 */
export async function depositToTreasury(
  client: SignerClient,
  { treasury, token, amount, source }: DepositToTreasuryParameters,
): Promise<DepositToTreasuryReturnType> {
  const sourceId = IncomeSource[source];
  if (token === "ETH") {
    return writeChecked(client, {
      address: treasury,
      abi: treasuryAbi,
      functionName: "depositETH",
      args: [sourceId],
      value: amount,
    });
  }
  await approveIfShort(client, { token, spender: treasury, amount });
  return writeChecked(client, {
    address: treasury,
    abi: treasuryAbi,
    functionName: "deposit",
    args: [token, amount, sourceId],
  });
}
