import { type SafeTx, safeTxTypedData, safeTxTypes } from "@aidao/sdk";
import {
  type Address,
  encodeFunctionData,
  encodePacked,
  getAddress,
  type Hex,
  hashTypedData,
  keccak256,
  type PublicClient,
  parseAbi,
  zeroAddress,
} from "viem";
import { SafeExecutionError } from "./errors.ts";
import type { SafeCall, SafePayload } from "./payload.ts";

// Safe's EIP-712 SafeTx type and typed data have one source, the SDK (the web app signs with the same).
export { safeTxTypedData, safeTxTypes };

/**
 * MultiSendCallOnly 1.4.1 at its canonical address, with the hash of its runtime code (from
 * `@safe-global/safe-deployments`). A batch is a delegatecall into it, so before anything is sent the code at the
 * address used is checked against this hash: a delegatecall runs the callee's code with the Safe's storage and funds.
 * The call-only variant is used because it refuses nested delegatecalls.
 */
export const MULTI_SEND_CALL_ONLY_141 = {
  address: "0x9641d764fc13c8B624c04430C7356C1C7C8102e2",
  codeHash: "0xecd5bd14a08c5d2122379900b2f272bdf107a7e92423c10dd5fe3254386c9939",
} as const satisfies { address: Address; codeHash: Hex };

const multiSendAbi = parseAbi(["function multiSend(bytes transactions) payable"]);

/** The fields of a Safe transaction, as `execTransaction` takes them and owners sign them. */
export type { SafeTx };

/** A SafeTx with where it runs and its EIP-712 hash (the id owners sign and the Safe logs on execution). */
export type PreparedSafeTx = { safe: Address; chainId: number; tx: SafeTx; hash: Hex };

export type BuildSafeTxOptions = {
  /** Where MultiSendCallOnly 1.4.1 lives on this chain (local chains: `deployment.safeInfrastructure`); default canonical. */
  multiSendCallOnly?: Address;
};

/**
 * The `multiSend(bytes)` calldata for `calls`: each packed as operation (uint8), to (address), value (uint256), data
 * length (uint256), data, as MultiSend 1.4.1 reads them.
 */
export function encodeMultiSend(calls: readonly SafeCall[]): Hex {
  const packed = calls.map((c) =>
    encodePacked(
      ["uint8", "address", "uint256", "uint256", "bytes"],
      [c.operation, c.to, c.value, BigInt((c.data.length - 2) / 2), c.data],
    ),
  );
  const transactions = `0x${packed.map((p) => p.slice(2)).join("")}` as Hex;
  return encodeFunctionData({ abi: multiSendAbi, functionName: "multiSend", args: [transactions] });
}

/**
 * Builds the SafeTx a passed proposal executes, at the Safe's current `nonce`: one transaction is a direct call; several
 * are one delegatecall into MultiSendCallOnly (all or nothing). No refunds (gas fields and tokens zero), so whoever
 * executes pays the gas and nobody can be paid out of the Safe for it.
 *
 * @example
 * import { parseSafePayload } from "./payload.ts";
 * import { buildSafeTx } from "./safeTx.ts";
 * import { readSafe } from "./signatures.ts";
 * const payload = parseSafePayload(proposal.plugins);
 * const { nonce } = await readSafe(publicClient, payload.safe);
 * const prepared = buildSafeTx(payload, nonce); // prepared.hash is what owners sign
 */
export function buildSafeTx(payload: SafePayload, nonce: bigint, options: BuildSafeTxOptions = {}): PreparedSafeTx {
  const [first, ...rest] = payload.transactions;
  if (!first) throw new Error("buildSafeTx: a payload has at least one transaction (parse it with parseSafePayload)");
  const call =
    rest.length === 0
      ? { to: first.to, value: first.value, data: first.data, operation: 0 as const }
      : {
          to: getAddress(options.multiSendCallOnly ?? MULTI_SEND_CALL_ONLY_141.address),
          value: 0n, // each inner call carries its own value, paid from the Safe's balance
          data: encodeMultiSend(payload.transactions),
          operation: 1 as const,
        };
  const tx: SafeTx = {
    ...call,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: zeroAddress,
    refundReceiver: zeroAddress,
    nonce,
  };
  const where = { safe: getAddress(payload.safe), chainId: payload.chainId };
  return { ...where, tx, hash: hashSafeTx({ ...where, tx }) };
}

/**
 * The SafeTx as EIP-712 typed data, for a wallet's `signTypedData`. Safe 1.3.0+ signs in the domain
 * `{ chainId, verifyingContract: safe }` (no name, no version).
 *
 * @example
 * import { safeTxTypedData } from "./safeTx.ts";
 * const signature = await walletClient.signTypedData({ account, ...safeTxTypedData(prepared) });
 */

/** The SafeTx hash (Safe's `getTransactionHash`): the digest owners sign and `ExecutionSuccess` logs. */
export function hashSafeTx(p: Pick<PreparedSafeTx, "safe" | "chainId" | "tx">): Hex {
  return hashTypedData(safeTxTypedData(p));
}

/**
 * Throws unless `address` holds MultiSendCallOnly 1.4.1's exact code. A batch is a delegatecall: were the configured
 * address wrong (or the chain's contract another), the Safe would run foreign code with its own storage and funds.
 */
export async function assertMultiSendCallOnly(client: PublicClient, address: Address): Promise<void> {
  const code = await client.getCode({ address });
  const codeHash = code && code !== "0x" ? keccak256(code) : undefined;
  if (codeHash !== MULTI_SEND_CALL_ONLY_141.codeHash) {
    throw new SafeExecutionError(
      "DELEGATECALL_REFUSED",
      `${address} is not MultiSendCallOnly 1.4.1: the Safe only delegatecalls into that contract`,
      { to: address, codeHash: codeHash ?? null, expected: MULTI_SEND_CALL_ONLY_141.codeHash },
    );
  }
}

/** A {@link PreparedSafeTx} as JSON (uint256 as decimal strings), for storage and HTTP. */
export type PreparedSafeTxJSON = {
  safe: Address;
  chainId: number;
  hash: Hex;
  tx: Omit<SafeTx, "value" | "safeTxGas" | "baseGas" | "gasPrice" | "nonce"> & {
    value: string;
    safeTxGas: string;
    baseGas: string;
    gasPrice: string;
    nonce: string;
  };
};

/** Writes a prepared SafeTx as JSON-safe values. */
export function preparedSafeTxToJSON(p: PreparedSafeTx): PreparedSafeTxJSON {
  const t = p.tx;
  return {
    safe: p.safe,
    chainId: p.chainId,
    hash: p.hash,
    tx: {
      ...t,
      value: t.value.toString(),
      safeTxGas: t.safeTxGas.toString(),
      baseGas: t.baseGas.toString(),
      gasPrice: t.gasPrice.toString(),
      nonce: t.nonce.toString(),
    },
  };
}

/**
 * Reads a prepared SafeTx back from JSON and re-derives its hash: a stored row that no longer hashes to its recorded
 * hash (edited, corrupted) throws `HASH_MISMATCH` instead of collecting signatures for something else.
 */
export function preparedSafeTxFromJSON(json: PreparedSafeTxJSON): PreparedSafeTx {
  const t = json.tx;
  const tx: SafeTx = {
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
  };
  const prepared = { safe: getAddress(json.safe), chainId: json.chainId, tx, hash: json.hash };
  assertHash(prepared);
  return prepared;
}

/** Throws `HASH_MISMATCH` unless the SafeTx's fields hash to its recorded hash. */
export function assertHash(p: PreparedSafeTx): void {
  const actual = hashSafeTx(p);
  if (actual !== p.hash.toLowerCase()) {
    throw new SafeExecutionError("HASH_MISMATCH", `the SafeTx's fields hash to ${actual}, not ${p.hash}`, {
      hash: p.hash,
      actual,
    });
  }
}
