import type { Address, Hash } from "viem";
import { revenueShareTokenAbi } from "../../generated/abis.ts";
import { type SignerClient, writeChecked } from "../writeChecked.ts";

export type ClaimRevenueParameters = {
  /** The revenue-sharing token, or the consortium, that owes the revenue. */
  distributor: Address;
  /** The token the revenue was paid in. */
  payoutToken: Address;
};
export type ClaimRevenueReturnType = Hash;

/**
 * Claims the caller's share of an AI DAO's revenue in one payout token (a revenue-sharing token or a consortium).
 *
 * @example
 * import { claimRevenue } from "@aidao/sdk";
 * await claimRevenue(holder, { distributor: dao.token, payoutToken: usdc });
 */
export function claimRevenue(client: SignerClient, p: ClaimRevenueParameters): Promise<ClaimRevenueReturnType> {
  // RevenueShareToken.claim(address) and Consortium.claim(address) share one selector.
  return writeChecked(client, {
    address: p.distributor,
    abi: revenueShareTokenAbi,
    functionName: "claim",
    args: [p.payoutToken],
  });
}
