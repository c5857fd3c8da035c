import assert from "node:assert/strict";
import { encodeErrorResult, type Hex, toHex } from "viem";

const panicAbi = [{ type: "error", name: "Panic", inputs: [{ name: "code", type: "uint256" }] }] as const;

/** The innermost revert data carried by a viem/Hardhat error chain. */
export function revertData(error: unknown): Hex | undefined {
  let current = error as { data?: unknown; cause?: unknown } | undefined;
  let found: Hex | undefined;
  while (current) {
    const { data } = current;
    if (typeof data === "string" && data.startsWith("0x")) found = data as Hex;
    else if (data && typeof data === "object" && "data" in data && typeof data.data === "string") {
      found = data.data as Hex;
    }
    current = current.cause as typeof current;
  }
  return found;
}

/** Asserts that `promise` rejects with Solidity's `Panic(code)` (e.g. 0x31: pop on an empty array). */
export async function assertPanics(promise: Promise<unknown>, code: bigint) {
  const expected = encodeErrorResult({ abi: panicAbi, errorName: "Panic", args: [code] });
  await assert.rejects(promise, (error) => {
    assert.equal(revertData(error), expected, `expected Panic(${toHex(code)})`);
    return true;
  });
}
