// Voucher signature checks on another core. Each message is a batch of vouchers packed in one buffer: per voucher
// its 160-byte EIP-712 struct (type hash, channel, token, recipient, amount), its 65-byte signature and the
// channel's known public key (65 zero bytes when not known yet). The thread hashes each into its EIP-712 digest,
// refuses what the chain's ECDSA refuses, then verifies against the known key or recovers the signer's key with
// libsecp256k1, and answers the keys (65 zero bytes where the signature fails) in one buffer.
import { parentPort, workerData } from "node:worker_threads";
import { keccak256 } from "./keccak.ts";
import { secp256k1 } from "./secp256k1.ts";
import { ITEM_BYTES, KEY_BYTES, wellFormed } from "./verifierLayout.ts";

const prefix = new Uint8Array(66);
prefix[0] = 0x19;
prefix[1] = 0x01;
prefix.set(workerData.domainSeparator as Uint8Array, 2);

parentPort?.on("message", ({ id, items }: { id: number; items: Uint8Array }) => {
  const n = items.length / ITEM_BYTES;
  const keys = new Uint8Array(n * KEY_BYTES);
  for (let i = 0; i < n; i++) {
    const struct = items.subarray(i * ITEM_BYTES, i * ITEM_BYTES + 160);
    const sig = items.subarray(i * ITEM_BYTES + 160, i * ITEM_BYTES + 225);
    const known = items.subarray(i * ITEM_BYTES + 225, (i + 1) * ITEM_BYTES);
    const v = sig[64] as number;
    if (!wellFormed(sig)) continue; // what the chain's ECDSA refuses
    const recid = v - 27;
    prefix.set(keccak256(struct), 34);
    try {
      const digest = keccak256(prefix);
      if (known[0] === 0x04) {
        if (secp256k1.ecdsaVerify(sig.subarray(0, 64), digest, known)) keys.set(known, i * KEY_BYTES);
      } else {
        keys.set(secp256k1.ecdsaRecover(sig.subarray(0, 64), recid, digest, false), i * KEY_BYTES);
      }
    } catch {
      // no key recovers: left as zeros
    }
  }
  parentPort?.postMessage({ id, keys }, [keys.buffer]);
});
