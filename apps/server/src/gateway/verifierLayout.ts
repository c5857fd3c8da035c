/** How a voucher travels to the verifier thread: struct (160 bytes), signature (65), the channel's known key (65). */
export const ITEM_BYTES = 160 + 65 + 65;
/** How a recovered or confirmed key comes back (65 zero bytes when the signature fails). */
export const KEY_BYTES = 65;

/** Half the secp256k1 group order, big-endian: like OpenZeppelin's ECDSA, a larger s is refused (malleable). */
const HALF_N = Buffer.from("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", "hex");

/**
 * What the chain's ECDSA (OpenZeppelin's, behind UsageChannels) accepts: 65 bytes, v = 27 or 28, s in the lower half
 * of the group order. The gateway refuses anything the chain would refuse at redemption.
 */
export function wellFormed(signature: Uint8Array): boolean {
  if (signature.length !== 65) return false;
  const v = signature[64] as number;
  return (v === 27 || v === 28) && Buffer.compare(signature.subarray(32, 64), HALF_N) <= 0;
}
