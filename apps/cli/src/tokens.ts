import { type Address, erc20Abi, parseUnits } from "viem";
import type { Context } from "./context.ts";
import { UsageError } from "./errors.ts";

/** The token's decimals; a usage error when the address is not an ERC-20 token. */
export async function decimalsOf(ctx: Context, token: Address): Promise<number> {
  return ctx.publicClient.readContract({ address: token, abi: erc20Abi, functionName: "decimals" }).catch(() => {
    throw new UsageError(`${token} is not an ERC-20 token (it has no decimals())`);
  });
}

/** A decimal amount of a token with `decimals` (e.g. `1000` or `0.5`) in its smallest units. */
export function tokenAmount(value: string | undefined, decimals: number, option: string): bigint {
  if (!value) throw new UsageError(`--${option} is required`);
  if (!new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`).test(value)) {
    throw new UsageError(`--${option}: "${value}" is not an amount of this token (${decimals} decimals)`);
  }
  return parseUnits(value, decimals);
}
