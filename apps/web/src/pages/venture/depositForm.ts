import { formatAmount, parseAmount } from "../../lib/format.ts";

export type DepositInput = {
  amountText: string;
  /** Optional: refuse the deposit if it is worth less than this (dollars, 18-decimal value units). */
  minValueText: string;
  decimals: number;
  symbol: string;
  /** The token's price: the value of one whole token (18 decimals); null when unknown or stale. */
  price: bigint | null;
  balance: bigint;
  /** What the round can still take before its cap (18 decimals). */
  room: bigint;
  open: boolean;
};

export type DepositCheck =
  | { ok: true; amount: bigint; value: bigint; minValue: bigint }
  | { ok: false; error: string; value?: bigint };

/** The value a deposit is credited, as VentureFund.quote computes it (rounded down). */
export function quote(amount: bigint, price: bigint, decimals: number): bigint {
  return (amount * price) / 10n ** BigInt(decimals);
}

/** Checks a deposit before it is sent, with every refusal in words; the minimum defaults to the quoted value. */
export function checkDeposit(i: DepositInput): DepositCheck {
  if (!i.open) return { ok: false, error: "This round no longer takes deposits." };
  if (i.price === null) return { ok: false, error: `${i.symbol} has no current price: deposits are refused.` };
  if (!i.amountText.trim()) return { ok: false, error: "Enter an amount." };
  const amount = parseAmount(i.amountText, i.decimals);
  if (amount === null) {
    return { ok: false, error: `Enter a positive amount with at most ${i.decimals} decimals.` };
  }
  const value = quote(amount, i.price, i.decimals);
  if (amount > i.balance) {
    return {
      ok: false,
      value,
      error: `You hold ${formatAmount(i.balance, i.decimals, i.decimals)} ${i.symbol}, less than ${i.amountText.trim()}.`,
    };
  }
  if (value === 0n) return { ok: false, value, error: "This amount is worth nothing at the current price." };
  if (value > i.room) {
    return { ok: false, value, error: `The round's cap leaves room for $${formatAmount(i.room)} only.` };
  }
  let minValue = value;
  if (i.minValueText.trim()) {
    const parsed = parseAmount(i.minValueText, 18);
    if (parsed === null) return { ok: false, value, error: "The minimum value must be a positive number." };
    if (parsed > value) {
      return {
        ok: false,
        value,
        error: `The deposit is worth $${formatAmount(value)}, below your minimum of $${formatAmount(parsed)}.`,
      };
    }
    minValue = parsed;
  }
  return { ok: true, amount, value, minValue };
}
