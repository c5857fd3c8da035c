import { type Address, getAddress, type Hex, hashMessage, type PublicClient, recoverAddress } from "viem";
import { SAFE_VERSION, safeAbi } from "./abi.ts";
import { SafeSignatureError } from "./errors.ts";

/** What deciding and executing needs from a Safe, read at one block. */
export type SafeState = { owners: Address[]; threshold: number; nonce: bigint; version: string };

/**
 * Reads a Safe's owners, threshold and nonce at one block (so they are consistent with each other). Throws
 * `NOT_A_SAFE` when `safe` does not answer as a Safe 1.4.1: another version may hash or check signatures differently.
 */
export async function readSafe(
  client: PublicClient,
  safe: Address,
  options: { blockNumber?: bigint } = {},
): Promise<SafeState> {
  const blockNumber = options.blockNumber ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const read = <F extends "VERSION" | "getOwners" | "getThreshold" | "nonce">(functionName: F) =>
    client.readContract({ address: safe, abi: safeAbi, functionName, blockNumber });
  let version: string;
  try {
    version = await read("VERSION");
  } catch (cause) {
    throw new SafeSignatureError("NOT_A_SAFE", `${safe} is not a Safe: it does not answer VERSION()`, {
      safe,
      cause: String(cause),
    });
  }
  if (version !== SAFE_VERSION) {
    throw new SafeSignatureError("NOT_A_SAFE", `${safe} is a Safe ${version}; only Safe ${SAFE_VERSION} is supported`, {
      safe,
      version,
    });
  }
  const [owners, threshold, nonce] = await Promise.all([read("getOwners"), read("getThreshold"), read("nonce")]);
  return { owners: owners.map((o) => getAddress(o)), threshold: Number(threshold), nonce, version };
}

/**
 * An owner's verified signature of a SafeTx hash. `eip712`: the owner signed the typed data (`v` 27/28); `eth_sign`:
 * the owner signed the hash as a personal message, and Safe reads `v` + 4 (31/32) as that flavour.
 */
export type OwnerSignature = { owner: Address; signature: Hex; kind: "eip712" | "eth_sign" };

/** secp256k1's group order n; a signature's s above n/2 has a low-s twin that verifies as well (malleability). */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = N / 2n;

/**
 * Verifies that an owner of the Safe signed `safeTxHash`, in either flavour `execTransaction` accepts from an EOA:
 * EIP-712 (`v` 27/28, over the hash) or eth_sign (`v` 31/32, over the EIP-191 hash of the hash). Refuses, with a
 * {@link SafeSignatureError}: anything but 65 bytes, zero or out-of-range r/s, high s (malleable: the twin would count
 * as a second signature elsewhere), a signer that is not in `owners`, and an owner already in `collected`.
 * Contract owners (ERC-1271, `v` 0) and pre-approved hashes (`v` 1) are not accepted.
 *
 * @example
 * import { readSafe, verifyOwnerSignature } from "./signatures.ts";
 * const { owners } = await readSafe(publicClient, prepared.safe);
 * const sig = await verifyOwnerSignature(prepared.hash, body.signature, { owners, collected });
 * collected.push(sig);
 */
export async function verifyOwnerSignature(
  safeTxHash: Hex,
  signature: Hex,
  context: { owners: readonly Address[]; collected?: readonly OwnerSignature[] },
): Promise<OwnerSignature> {
  if (typeof signature !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    throw new SafeSignatureError("SIGNATURE_MALFORMED", "a Safe owner signature is 65 bytes of 0x-prefixed hex", {
      signature,
    });
  }
  const sig = signature.toLowerCase() as Hex;
  const r = BigInt(`0x${sig.slice(2, 66)}`);
  const s = BigInt(`0x${sig.slice(66, 130)}`);
  const v = Number.parseInt(sig.slice(130), 16);
  if (r === 0n || r >= N || s === 0n || s >= N) {
    throw new SafeSignatureError("SIGNATURE_MALFORMED", "the signature's r or s is out of range", { signature: sig });
  }
  if (s > HALF_N) {
    throw new SafeSignatureError("SIGNATURE_HIGH_S", "the signature has a high s (malleable); sign again", {
      signature: sig,
    });
  }
  let kind: OwnerSignature["kind"];
  let recovered: Address;
  try {
    if (v === 27 || v === 28) {
      kind = "eip712";
      recovered = await recoverAddress({ hash: safeTxHash, signature: sig });
    } else if (v === 31 || v === 32) {
      // Safe's eth_sign flavour: the owner signed the hash with the EIP-191 prefix; v is shifted by 4 to say so.
      kind = "eth_sign";
      const ethSigned = `${sig.slice(0, 130)}${(v - 4).toString(16)}` as Hex;
      recovered = await recoverAddress({ hash: hashMessage({ raw: safeTxHash }), signature: ethSigned });
    } else {
      throw new SafeSignatureError(
        "SIGNATURE_MALFORMED",
        `the signature's v is ${v}: an owner signs with v 27/28 (EIP-712) or 31/32 (eth_sign)`,
        { signature: sig, v },
      );
    }
  } catch (e) {
    if (e instanceof SafeSignatureError) throw e;
    throw new SafeSignatureError("SIGNATURE_MALFORMED", "no address can be recovered from the signature", {
      signature: sig,
    });
  }
  const owner = getAddress(recovered);
  if (!context.owners.some((o) => o.toLowerCase() === owner.toLowerCase())) {
    throw new SafeSignatureError("NOT_OWNER", `${owner} signed, but is not an owner of the Safe`, { signer: owner });
  }
  if (context.collected?.some((c) => c.owner.toLowerCase() === owner.toLowerCase())) {
    throw new SafeSignatureError("DUPLICATE_SIGNER", `${owner} has already signed this SafeTx`, { signer: owner });
  }
  return { owner, signature: sig, kind };
}

/**
 * Concatenates owner signatures for `execTransaction`, ordered by owner address ascending: Safe walks them requiring
 * each signer above the previous one (its cheap duplicate check), so any other order reverts with GS026.
 * Throws `DUPLICATE_SIGNER` on a repeated owner, and `BELOW_THRESHOLD` when fewer than `threshold` are given.
 */
export function packSignatures(signatures: readonly OwnerSignature[], threshold = 1): Hex {
  const sorted = [...signatures].sort((a, b) => {
    const x = BigInt(a.owner);
    const y = BigInt(b.owner);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (let i = 1; i < sorted.length; i++) {
    const owner = (sorted[i] as OwnerSignature).owner;
    if (owner.toLowerCase() === (sorted[i - 1] as OwnerSignature).owner.toLowerCase()) {
      throw new SafeSignatureError("DUPLICATE_SIGNER", `${owner} signed twice`, { signer: owner });
    }
  }
  if (sorted.length < threshold) {
    throw new SafeSignatureError(
      "BELOW_THRESHOLD",
      `${sorted.length} owner signature(s), the Safe needs ${threshold}`,
      { signatures: sorted.length, threshold },
      true,
    );
  }
  return `0x${sorted.map((s) => s.signature.slice(2)).join("")}` as Hex;
}
