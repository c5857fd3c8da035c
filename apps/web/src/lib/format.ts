import { formatDuration } from "@aidao/sdk";
import { formatUnits } from "viem";

export { formatDuration };

/** An amount for people: thousands separated, at most `digits` decimals ("1,234.5"). */
export function formatAmount(value: bigint, decimals = 18, digits = 2): string {
  const [whole = "0", frac = ""] = formatUnits(value, decimals).split(".");
  const grouped = BigInt(whole.replace("-", "")).toLocaleString("en-US");
  const sign = whole.startsWith("-") ? "-" : "";
  const cut = frac.slice(0, digits).replace(/0+$/, "");
  return `${sign}${grouped}${cut ? `.${cut}` : ""}`;
}

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A share in basis points as a percentage ("8%", "12.5%"). */
export function formatBps(bps: number | bigint): string {
  const n = Number(bps) / 100;
  return `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0+$/, "")}%`;
}

/** A unix time (s) as a local date and time. */
export function formatTime(seconds: number | bigint): string {
  return new Date(Number(seconds) * 1000).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** "in 3 d 4 h" / "2 h ago" relative to `now` (unix s). */
export function relative(seconds: number | bigint, now = Math.floor(Date.now() / 1000)): string {
  const d = Number(seconds) - now;
  return d >= 0 ? `in ${formatDuration(d)}` : `${formatDuration(-d)} ago`;
}

/** Parses a decimal amount typed by a person into base units; null when it is not a positive number. */
export function parseAmount(text: string, decimals = 18): bigint | null {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const [whole = "0", frac = ""] = t.split(".");
  if (frac.length > decimals) return null;
  const v = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
  return v > 0n ? v : null;
}
