import { type Address, hashTypedData } from "viem";
import { describe, expect, it } from "vitest";
import {
  type ExecutionStatus,
  isPending,
  type SafeTxJSON,
  safeActions,
  safeTxTypedData,
  safeTxTypes,
} from "./safeTx.ts";

const safe = "0xD9984D2cA81a6d294Db9825818D136078c4393e9" as Address;
const owner4 = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as Address;
const owner5 = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" as Address;
const user = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955" as Address;
const zero = "0x0000000000000000000000000000000000000000" as Address;

const tx = {
  to: user,
  value: "1000",
  data: "0x" as const,
  operation: 0 as const,
  safeTxGas: "0",
  baseGas: "0",
  gasPrice: "0",
  gasToken: zero,
  refundReceiver: zero,
  nonce: "3",
};
const hash = hashTypedData({
  domain: { chainId: 31337, verifyingContract: safe },
  types: safeTxTypes,
  primaryType: "SafeTx",
  message: { ...tx, value: 1000n, safeTxGas: 0n, baseGas: 0n, gasPrice: 0n, nonce: 3n },
});
const json: SafeTxJSON = { safe, chainId: 31337, hash, tx };

describe("safeTxTypedData", () => {
  it("rebuilds the typed data whose hash is the announced one", () => {
    const typed = safeTxTypedData(json, { chainId: 31337, safe });
    expect(typed.message.nonce).toBe(3n);
    expect(hashTypedData(typed)).toBe(hash);
  });
  it("refuses a hash that does not match the fields", () => {
    expect(() => safeTxTypedData({ ...json, tx: { ...tx, value: "2000" } }, { chainId: 31337, safe })).toThrow(
      /does not match/,
    );
  });
  it("refuses another chain, another Safe and refunds", () => {
    expect(() => safeTxTypedData(json, { chainId: 1, safe })).toThrow(/chain 31337/);
    expect(() => safeTxTypedData(json, { chainId: 31337, safe: user })).toThrow(/another Safe/);
    expect(() => safeTxTypedData({ ...json, tx: { ...tx, gasPrice: "1" } }, { chainId: 31337, safe })).toThrow(
      /refund/,
    );
  });
});

describe("safeActions", () => {
  const collecting: ExecutionStatus = {
    proposal: "0x1",
    state: "collecting",
    owners: [owner4, owner5],
    threshold: 2,
    signatures: [{ owner: owner4, signature: "0x01" }],
  };
  it("lets an owner who has not signed sign", () => {
    expect(safeActions(collecting, owner5).sign).toBeNull();
    expect(safeActions(collecting, owner4).sign).toBe("You have signed it.");
    expect(safeActions(collecting, user).sign).toBe("Only the Safe's owners sign.");
    expect(safeActions(collecting, undefined).sign).toBe("Connect a wallet to sign.");
    expect(safeActions(collecting, owner5).execute).toMatch(/signatures first/);
  });
  it("lets anyone execute once ready", () => {
    const ready: ExecutionStatus = { ...collecting, state: "ready", execute: { to: safe, data: "0x6a76" } };
    expect(safeActions(ready, user)).toEqual({ sign: "Enough owners have signed.", execute: null });
    expect(isPending(ready)).toBe(true);
    expect(isPending({ ...ready, state: "executed" })).toBe(false);
  });
});

describe("agreement with the hub", () => {
  it("signs exactly the digest the hub's Safe code computes", async () => {
    // The hub's own implementation (apps/server), so a drift between the two fails here, not in an owner's wallet.
    const hub = await import("../../../../server/src/hub/safe/safeTx.ts");
    const prepared = hub.buildSafeTx(
      { safe, chainId: 31337, transactions: [{ to: user, value: 1000n, data: "0x", operation: 0 }] },
      7n,
    );
    const fromHub = hub.preparedSafeTxToJSON(prepared) as SafeTxJSON;
    const typed = safeTxTypedData(fromHub, { chainId: 31337, safe });
    expect(hashTypedData(typed)).toBe(prepared.hash);
  });
});
