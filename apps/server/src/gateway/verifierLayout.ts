/** How a voucher travels to the verifier thread: struct (160 bytes), signature (65), the channel's known key (65). */
export const ITEM_BYTES = 160 + 65 + 65;
/** How a recovered or confirmed key comes back (65 zero bytes when the signature fails). */
export const KEY_BYTES = 65;

/**
 * Each verifier thread shares one ring with the event loop: a SharedArrayBuffer of slots, a voucher in and its key out
 * per slot, and two counters. The event loop writes a voucher into the next slot and raises SUBMITTED; the thread
 * verifies slots in order and raises ANSWERED after each. No message is serialised, and either side reads the other's
 * progress whenever it looks, so an answer is taken as soon as the event loop next verifies anything, not a loop turn
 * later; only when the loop waits for an answer with nothing else to do does the thread post it a message (ARMED).
 * The counters wrap (int32); a slot is `counter & (RING_SLOTS - 1)`.
 */
export const RING_SLOTS = 1024;
export const SUBMITTED = 0;
export const ANSWERED = 1;
/** Set to 1 to end the thread. */
export const STOP = 2;
/** 1 while the event loop waits for word: the thread posts a message with its next answer (and clears it). */
export const ARMED = 3;
const CONTROL_BYTES = 16;
export const RING_BYTES = CONTROL_BYTES + RING_SLOTS * (ITEM_BYTES + KEY_BYTES);

/** The views of a ring's buffer both sides use. */
export function ringViews(buffer: SharedArrayBuffer): { control: Int32Array; items: Uint8Array; keys: Uint8Array } {
  return {
    control: new Int32Array(buffer, 0, CONTROL_BYTES / 4),
    items: new Uint8Array(buffer, CONTROL_BYTES, RING_SLOTS * ITEM_BYTES),
    keys: new Uint8Array(buffer, CONTROL_BYTES + RING_SLOTS * ITEM_BYTES, RING_SLOTS * KEY_BYTES),
  };
}

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
