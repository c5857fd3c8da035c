import { type Address, getAddress, type Hex, type PublicClient } from "viem";
import { keccak256 } from "../gateway/keccak.ts";
import { secp256k1 } from "../gateway/secp256k1.ts";
import { wellFormed } from "../gateway/verifierLayout.ts";
import type { Envelope } from "./envelope.ts";
import { hashHubMessage } from "./typedData.ts";

/**
 * A message's id: its EIP-712 hash, as Snapshot computes it (so ids match across hubs and clients).
 * @dev Hashed natively (typedData.ts: the hub's types only, checked against viem), the key recovered by libsecp256k1.
 */
export function messageId(e: Envelope): Hex {
  return hashHubMessage(e.data.domain, e.data.types, e.data.primaryType, e.data.message);
}

/**
 * Whether `e.address` signed message `id`: an EOA's 65-byte low-s signature by native key recovery; anything else
 * (a smart account: ERC-1271, or a not-yet-deployed one: ERC-6492) by asking the chain, as a contract would.
 */
export async function signedBy(e: Envelope, id: Hex, client: PublicClient): Promise<boolean> {
  const sig = Buffer.from(e.sig.slice(2), "hex");
  if (sig.length === 65) {
    // A malleable (high-s) or odd-v signature is refused outright: a contract's ECDSA would refuse it too.
    if (!wellFormed(sig)) return false;
    if (recoverAddress(id, sig) === e.address.toLowerCase()) return true;
  }
  const code = sig.length === 65 ? await client.getCode({ address: e.address }) : "0x01";
  if (code === undefined || code === "0x") return false;
  try {
    return await client.verifyTypedData({
      address: getAddress(e.address),
      domain: e.data.domain as never,
      types: e.data.types as never,
      primaryType: e.data.primaryType as never,
      message: e.data.message as never,
      signature: e.sig,
    });
  } catch {
    return false;
  }
}

function recoverAddress(digest: Hex, sig: Uint8Array): Address | undefined {
  try {
    const key = secp256k1.ecdsaRecover(
      sig.subarray(0, 64),
      (sig[64] as number) - 27,
      Buffer.from(digest.slice(2), "hex"),
      false,
    );
    return `0x${Buffer.from(keccak256(key.subarray(1)))
      .toString("hex")
      .slice(24)}` as Address;
  } catch {
    return undefined;
  }
}
