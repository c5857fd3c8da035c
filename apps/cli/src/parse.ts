import { type Address, getAddress, isAddress, parseUnits } from "viem";
import { UsageError } from "./errors.ts";

/** `0xabc`, checksummed; the error names the option. */
export function address(value: string | undefined, option: string): Address {
  if (!value) throw new UsageError(`--${option} is required`);
  if (!isAddress(value, { strict: false })) throw new UsageError(`--${option}: "${value}" is not an address`);
  return getAddress(value);
}

/** A token amount in whole tokens (18 decimals), e.g. `1000` or `0.5`. */
export function tokens(value: string | undefined, option: string): bigint {
  if (!value) throw new UsageError(`--${option} is required`);
  if (!/^\d+(\.\d{1,18})?$/.test(value))
    throw new UsageError(`--${option}: "${value}" is not an amount like 1000 or 0.5`);
  return parseUnits(value, 18);
}

/** A positive integer id (DAO, model, version…). */
export function id(value: string | undefined, option: string): bigint {
  if (!value) throw new UsageError(`--${option} is required`);
  if (!/^\d+$/.test(value) || BigInt(value) === 0n)
    throw new UsageError(`--${option}: "${value}" is not a positive id`);
  return BigInt(value);
}

/** A duration: seconds, or with a unit (`90s`, `30m`, `12h`, `7d`). */
export function duration(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^(\d+)([smhd]?)$/.exec(value);
  if (!m) throw new UsageError(`--${option}: "${value}" is not a duration like 3600, 30m, 12h or 7d`);
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit;
}

/** An integer within bounds. */
export function integer(value: string | undefined, option: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${option} must be an integer from ${min} to ${max}`);
  return n;
}

/** `key=value,key=value` pairs (e.g. `--holders 0xabc=600,0xdef=400`). */
export function pairs(value: string | undefined, option: string): Array<[string, string]> {
  if (!value) throw new UsageError(`--${option} is required`);
  return value.split(",").map((item) => {
    const [k, v, ...rest] = item.split("=");
    if (!k || !v || rest.length) throw new UsageError(`--${option}: "${item}" is not key=value`);
    return [k.trim(), v.trim()];
  });
}
