import { isAddress } from "viem";
import { formatAmount, formatDuration, formatTime, parseAmount } from "../../lib/format.ts";

/** What the page knows of an account's stake (the Staking contract's views, read together). */
export type StakePosition = {
  balance: bigint;
  staked: bigint;
  matured: bigint;
  /** When the latest stake matures (0: never staked). */
  maturesAt: bigint;
  votes: bigint;
  delegate: `0x${string}`;
  minStakePeriod: bigint;
  allowance: bigint;
};

export type Maturity =
  | { state: "none"; text: string }
  | { state: "maturing"; left: number; maturing: bigint; text: string }
  | { state: "matured"; text: string };

/** Where the stake is on its way to counting: nothing staked, maturing (with the time left), or all matured. */
export function maturityOf(p: Pick<StakePosition, "staked" | "matured" | "maturesAt">, now: number): Maturity {
  if (p.staked === 0n) return { state: "none", text: "Nothing staked" };
  const left = Number(p.maturesAt) - now;
  // The contract's view is the authority: a stake counts from maturesAt, even if our clock estimate lags.
  if (left > 0 && p.matured < p.staked) {
    const maturing = p.staked - p.matured;
    return {
      state: "maturing",
      left,
      maturing,
      text: `${formatAmount(maturing)} AIDAO matures in ${formatDuration(left)} (${formatTime(p.maturesAt)})`,
    };
  }
  return { state: "matured", text: "All of the stake has matured" };
}

/** An hours:minutes:seconds countdown for the time left (days spelled out). */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const hms = [Math.floor((s % 86_400) / 3_600), Math.floor((s % 3_600) / 60), s % 60]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  return d > 0 ? `${d} d ${hms}` : hms;
}

/** The amount typed into a form, or why it cannot be sent. `max` bounds it when given (e.g. the wallet balance). */
export function checkAmount(
  text: string,
  max?: { value: bigint; message: (max: string) => string },
): { amount: bigint; error: null } | { amount: null; error: string } {
  if (text.trim() === "") return { amount: null, error: "Enter an amount of AIDAO." };
  const amount = parseAmount(text);
  if (amount === null) return { amount: null, error: "Enter a positive number of AIDAO, like 100 or 12.5." };
  if (max && amount > max.value) return { amount: null, error: max.message(formatAmount(max.value, 18, 4)) };
  return { amount, error: null };
}

/** The delegate typed into the form, or why it is not an address. */
export function checkDelegate(
  text: string,
): { address: `0x${string}`; error: null } | { address: null; error: string } {
  const t = text.trim();
  if (t === "") return { address: null, error: "Enter the address to delegate to." };
  if (!isAddress(t, { strict: false })) {
    return { address: null, error: "Not an address: expected 0x followed by 40 hexadecimal digits." };
  }
  return { address: t as `0x${string}`, error: null };
}

/** Why an unstake was refused, with when the rest matures (the contract's error only says how much is withdrawable). */
export function notMaturedHint(p: Pick<StakePosition, "staked" | "matured" | "maturesAt">, now: number): string {
  const m = maturityOf(p, now);
  if (m.state !== "maturing") return "";
  return ` The rest (${formatAmount(m.maturing)} AIDAO) matures in ${formatDuration(m.left)}, on ${formatTime(p.maturesAt)}.`;
}
