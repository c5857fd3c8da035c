import { safeTxTypes, safeTxTypedData as sdkSafeTxTypedData } from "@aidao/sdk";
import { type Address, getAddress, type Hex, hashTypedData, zeroAddress } from "viem";

/** A Safe transaction as the hub answers it (`safeTx` of `GET /api/hub/proposals/:id/execution`). */
export type SafeTxJSON = {
  safe: Address;
  chainId: number;
  hash: Hex;
  tx: {
    to: Address;
    value: string;
    data: Hex;
    operation: 0 | 1;
    safeTxGas: string;
    baseGas: string;
    gasPrice: string;
    gasToken: Address;
    refundReceiver: Address;
    nonce: string;
  };
};

export type ExecutionState = "none" | "voting" | "rejected" | "collecting" | "ready" | "queued" | "executed";

/** Where a proposal's Safe transaction stands, as the hub answers it. */
export type ExecutionStatus = {
  proposal: string;
  state: ExecutionState;
  why?: string;
  payload?: { safe: Address; chainId: number; transactions: Array<{ to: Address; value: string; data: Hex }> };
  safeTx?: SafeTxJSON;
  owners?: Address[];
  threshold?: number;
  signatures?: Array<{ owner: Address; signature: Hex }>;
  execute?: { to: Address; data: Hex };
  executed?: { txHash: Hex; blockNumber: string; success: boolean };
};

export { safeTxTypes };

/**
 * The typed data an owner's wallet signs, rebuilt here from the SafeTx's fields rather than taken from the server:
 * the hash must come out equal to the one the hub announced, or the page refuses to sign (a wrong or tampered
 * answer would otherwise have an owner approve something other than what is shown). No refunds are ever signed.
 */
export function safeTxTypedData(json: SafeTxJSON, expected: { chainId: number; safe: Address }) {
  const t = json.tx;
  if (json.chainId !== expected.chainId)
    throw new Error(`the Safe transaction is for chain ${json.chainId}, not this one`);
  if (getAddress(json.safe) !== getAddress(expected.safe)) throw new Error("the Safe transaction is for another Safe");
  if (t.gasPrice !== "0" || t.baseGas !== "0" || getAddress(t.gasToken) !== zeroAddress) {
    throw new Error("the Safe transaction pays a gas refund; refusing to sign it");
  }
  const typed = sdkSafeTxTypedData({
    safe: getAddress(json.safe),
    chainId: json.chainId,
    tx: {
      to: getAddress(t.to),
      value: BigInt(t.value),
      data: t.data,
      operation: t.operation,
      safeTxGas: BigInt(t.safeTxGas),
      baseGas: BigInt(t.baseGas),
      gasPrice: BigInt(t.gasPrice),
      gasToken: getAddress(t.gasToken),
      refundReceiver: getAddress(t.refundReceiver),
      nonce: BigInt(t.nonce),
    },
  });
  if (hashTypedData(typed).toLowerCase() !== json.hash.toLowerCase()) {
    throw new Error("the Safe transaction's hash does not match its fields; refusing to sign it");
  }
  return typed;
}

/** What the connected account can do with a pending Safe transaction, and why not when it cannot. */
export function safeActions(
  s: ExecutionStatus,
  me: Address | undefined,
): { sign: string | null; execute: string | null } {
  const signable = s.state === "collecting" || s.state === "queued";
  const owners = (s.owners ?? []).map((o) => o.toLowerCase());
  const signed = (s.signatures ?? []).some((x) => x.owner.toLowerCase() === me?.toLowerCase());
  let sign: string | null = null;
  if (!signable) sign = s.state === "ready" ? "Enough owners have signed." : `Nothing to sign (${s.state}).`;
  else if (!me) sign = "Connect a wallet to sign.";
  else if (!owners.includes(me.toLowerCase())) sign = "Only the Safe's owners sign.";
  else if (signed) sign = "You have signed it.";
  const execute = s.state === "ready" && s.execute ? null : "It needs enough owners' signatures first.";
  return { sign, execute: me ? execute : "Connect a wallet to execute." };
}

/** The Safe transactions still to do: proposals whose execution is not finished or void. */
export function isPending(s: ExecutionStatus): boolean {
  return s.state === "collecting" || s.state === "queued" || s.state === "ready";
}
