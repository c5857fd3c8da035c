import { type Address, isAddress } from "viem";
import { formatAmount, parseAmount } from "../../lib/format.ts";

/** What a round holds of one token, which an investment can spend. */
export type Holding = { token: Address; symbol: string; decimals: number; held: bigint };

export type InvestInput = {
  amountText: string;
  holding: Holding | undefined;
  daoId: bigint | undefined;
  /** Optional: what the DAO gives the round in exchange (its executor must have approved the fund). */
  receiveTokenText: string;
  receiveAmountText: string;
  /** The decimals of the token received, once its address is known (18 until read). */
  receiveDecimals: number;
  terms: string;
};

export type InvestCheck =
  | {
      ok: true;
      amount: bigint;
      receive?: { token: Address; amount: bigint };
      terms: string;
    }
  | { ok: false; error: string };

/**
 * Checks an investment proposal before it is sent, with every refusal in words: a target DAO, a positive amount
 * within what the round holds, what is received named in full or not at all, and the terms.
 */
export function checkInvestment(i: InvestInput): InvestCheck {
  if (i.daoId === undefined) return { ok: false, error: "Choose the AI DAO to invest in." };
  if (!i.holding) return { ok: false, error: "This round holds nothing to invest." };
  if (!i.amountText.trim()) return { ok: false, error: "Enter an amount." };
  const { symbol, decimals, held } = i.holding;
  const amount = parseAmount(i.amountText, decimals);
  if (amount === null) return { ok: false, error: `Enter a positive amount with at most ${decimals} decimals.` };
  if (amount > held) {
    return { ok: false, error: `The round holds ${formatAmount(held, decimals, decimals)} ${symbol}, less than that.` };
  }
  const tokenText = i.receiveTokenText.trim();
  const amountText = i.receiveAmountText.trim();
  let receive: { token: Address; amount: bigint } | undefined;
  if (tokenText || amountText) {
    if (!tokenText || !amountText) {
      return { ok: false, error: "Name both the token received and how much of it, or neither." };
    }
    if (!isAddress(tokenText)) return { ok: false, error: "The token received must be a 0x… address." };
    const received = parseAmount(amountText, i.receiveDecimals);
    if (received === null) {
      return {
        ok: false,
        error: `Enter a positive amount received with at most ${i.receiveDecimals} decimals.`,
      };
    }
    receive = { token: tokenText, amount: received };
  }
  const terms = i.terms.trim();
  if (!terms) return { ok: false, error: "Give the terms: a short text or a URI to them." };
  return { ok: true, amount, ...(receive ? { receive } : {}), terms };
}

/** The proposal's description when the proposer writes none. */
export function defaultDescription(p: {
  amountText: string;
  symbol: string;
  roundId: bigint;
  daoName: string;
}): string {
  return `Invest ${p.amountText.trim()} ${p.symbol} of round ${p.roundId} in ${p.daoName}`;
}
