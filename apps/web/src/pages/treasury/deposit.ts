import { parseAmount } from "../../lib/format.ts";

/** The amount typed, checked against what the payer holds; an error in words when it cannot be sent. */
export function checkDeposit(
  text: string,
  decimals: number,
  balance: bigint | undefined,
): { amount: bigint; error: null } | { amount: null; error: string } {
  if (text.trim() === "") return { amount: null, error: "Enter an amount." };
  const amount = parseAmount(text, decimals);
  if (amount === null) {
    return { amount: null, error: `Enter a positive number with at most ${decimals} decimals (e.g. 100 or 12.5).` };
  }
  if (balance !== undefined && amount > balance) return { amount: null, error: "That is more than your balance." };
  return { amount, error: null };
}

/** How an income splits, as the treasury computes it: the education fund's share rounded up, the rest kept. */
export function splitIncome(amount: bigint, educationBps: number): { education: bigint; treasury: bigint } {
  const education = (amount * BigInt(educationBps) + 9_999n) / 10_000n;
  return { education, treasury: amount - education };
}
