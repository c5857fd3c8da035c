import { type Address, encodeFunctionData, zeroAddress } from "viem";
import { BaseError } from "../../errors.ts";
import { ventureFundAbi } from "../../generated/abis.ts";
import type { GovernanceCall } from "../models/modelCalls.ts";

const call = (fund: Address, data: GovernanceCall["data"]): GovernanceCall => ({ target: fund, value: 0n, data });

/** The call that opens a round (governance only): deposits until `closesAt`, claims from `unlocksAt` (unix s). */
export function openRoundCall(
  fund: Address,
  round: { cap: bigint; closesAt: bigint; unlocksAt: bigint },
): GovernanceCall {
  if (round.cap <= 0n) throw new BaseError("A round needs a positive cap (in value units, 18 decimals)");
  if (round.unlocksAt < round.closesAt) throw new BaseError("A round cannot unlock before its deposits close");
  return call(
    fund,
    encodeFunctionData({
      abi: ventureFundAbi,
      functionName: "openRound",
      args: [round.cap, round.closesAt, round.unlocksAt],
    }),
  );
}

/** The call that accepts a deposit token (governance only); `source` omitted: a governance-set price. */
export function acceptTokenCall(
  fund: Address,
  token: { token: Address; source?: Address; maxAgeSeconds: number },
): GovernanceCall {
  if (token.maxAgeSeconds <= 0) throw new BaseError("A token's price needs a positive maximum age");
  return call(
    fund,
    encodeFunctionData({
      abi: ventureFundAbi,
      functionName: "acceptToken",
      args: [token.token, token.source ?? zeroAddress, token.maxAgeSeconds],
    }),
  );
}

/** The call that sets a token's governance price: the value of one whole token (18 decimals). */
export function setPriceCall(fund: Address, token: Address, price: bigint): GovernanceCall {
  if (price <= 0n) throw new BaseError("A price must be positive");
  return call(fund, encodeFunctionData({ abi: ventureFundAbi, functionName: "setPrice", args: [token, price] }));
}

/** An investment of a round into an AI DAO, in words (see IVentureFund.Investment). */
export type InvestmentInput = {
  roundId: bigint;
  daoId: bigint;
  payToken: Address;
  amount: bigint;
  /** What the DAO's executor gives in exchange (it must have approved the fund); omit for nothing now. */
  receiveToken?: Address;
  receiveAmount?: bigint;
  terms: string;
};

/** The call that invests a round's assets in an AI DAO (governance only: decided by the 60/40 vote). */
export function investCall(fund: Address, inv: InvestmentInput): GovernanceCall {
  if (inv.amount <= 0n) throw new BaseError("An investment needs a positive amount");
  if (!inv.terms.trim()) throw new BaseError("An investment needs its terms (text or a URI)");
  if ((inv.receiveToken === undefined) !== (inv.receiveAmount === undefined || inv.receiveAmount === 0n)) {
    throw new BaseError("Name both what is received and how much, or neither");
  }
  return call(
    fund,
    encodeFunctionData({
      abi: ventureFundAbi,
      functionName: "invest",
      args: [
        inv.roundId,
        {
          daoId: inv.daoId,
          payToken: inv.payToken,
          amount: inv.amount,
          receiveToken: inv.receiveToken ?? zeroAddress,
          receiveAmount: inv.receiveAmount ?? 0n,
          terms: inv.terms,
        },
      ],
    }),
  );
}
