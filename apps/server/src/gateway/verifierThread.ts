// Voucher signature checks on another core, fed through a shared ring (see verifierLayout.ts). Each slot holds a
// voucher's 160-byte EIP-712 struct (type hash, channel, token, recipient, amount), its 65-byte signature and the
// channel's known public key (65 zero bytes when not known yet). The thread hashes each into its EIP-712 digest,
// refuses what the chain's ECDSA refuses, then verifies against the known key or recovers the signer's key with
// libsecp256k1, writes the key into the slot (65 zero bytes where the signature fails) and raises ANSWERED. It sleeps
// on the SUBMITTED counter when it has caught up.
import { parentPort, workerData } from "node:worker_threads";
import { keccak256 } from "./keccak.ts";
import { secp256k1 } from "./secp256k1.ts";
import {
  ANSWERED,
  ARMED,
  ITEM_BYTES,
  KEY_BYTES,
  RING_SLOTS,
  ringViews,
  STOP,
  SUBMITTED,
  wellFormed,
} from "./verifierLayout.ts";

const { ring, domainSeparator } = workerData as { ring: SharedArrayBuffer; domainSeparator: Uint8Array };
const { control, items, keys } = ringViews(ring);
const prefix = new Uint8Array(66);
prefix[0] = 0x19;
prefix[1] = 0x01;
prefix.set(domainSeparator, 2);
const MASK = RING_SLOTS - 1;

/** The signer's key of the voucher in `slot`, written into the slot's answer (zeros when none). */
function check(slot: number): void {
  const at = slot * ITEM_BYTES;
  // Copies: the native bindings get ordinary memory, not views of the shared buffer.
  const struct = items.slice(at, at + 160);
  const sig = items.slice(at + 160, at + 225);
  const known = items.slice(at + 225, at + ITEM_BYTES);
  const answer = slot * KEY_BYTES;
  keys.fill(0, answer, answer + KEY_BYTES);
  if (!wellFormed(sig)) return; // what the chain's ECDSA refuses
  prefix.set(keccak256(struct), 34);
  try {
    const digest = keccak256(prefix);
    if (known[0] === 0x04) {
      if (secp256k1.ecdsaVerify(sig.subarray(0, 64), digest, known)) keys.set(known, answer);
    } else {
      keys.set(secp256k1.ecdsaRecover(sig.subarray(0, 64), (sig[64] as number) - 27, digest, false), answer);
    }
  } catch {
    // no key recovers: left as zeros
  }
}

let next = 0;
while (Atomics.load(control, STOP) === 0) {
  const submitted = Atomics.load(control, SUBMITTED);
  if (submitted === next) {
    // Bounded: a stop raised between the check above and this wait is seen at the next turn.
    Atomics.wait(control, SUBMITTED, next, 250);
    continue;
  }
  // Answered one by one: the event loop may take the first answers while the thread works on the rest.
  while (next !== submitted) {
    check(next & MASK);
    next = (next + 1) | 0;
    Atomics.store(control, ANSWERED, next);
    if (Atomics.load(control, ARMED) === 1 && Atomics.exchange(control, ARMED, 0) === 1) parentPort?.postMessage(0);
  }
}
