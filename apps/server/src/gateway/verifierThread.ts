// Voucher signature checks on another core. Each message is a batch of vouchers packed in one buffer: per voucher
// its 160-byte EIP-712 struct (type hash, channel, token, recipient, amount), its 65-byte signature and the
// channel's known public key (65 zero bytes when not known yet). The thread hashes each into its EIP-712 digest,
// refuses what the chain's ECDSA refuses, then verifies against the known key or recovers the signer's key with
// libsecp256k1, and answers the keys (65 zero bytes where the signature fails) in one buffer.
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { keccak256 } from "./keccak.ts";
import { ITEM_BYTES, KEY_BYTES } from "./verifierLayout.ts";

const require = createRequire(import.meta.url);
const secp256k1 = require("secp256k1/bindings.js") as {
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
  ecdsaVerify(sig: Uint8Array, msg32: Uint8Array, publicKey: Uint8Array): boolean;
};
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

const prefix = new Uint8Array(66);
prefix[0] = 0x19;
prefix[1] = 0x01;
prefix.set(workerData.domainSeparator as Uint8Array, 2);

function sOf(sig: Uint8Array): bigint {
  let x = 0n;
  for (let i = 32; i < 64; i++) x = (x << 8n) | BigInt(sig[i] as number);
  return x;
}

parentPort?.on("message", ({ id, items }: { id: number; items: Uint8Array }) => {
  const n = items.length / ITEM_BYTES;
  const keys = new Uint8Array(n * KEY_BYTES);
  for (let i = 0; i < n; i++) {
    const struct = items.subarray(i * ITEM_BYTES, i * ITEM_BYTES + 160);
    const sig = items.subarray(i * ITEM_BYTES + 160, i * ITEM_BYTES + 225);
    const known = items.subarray(i * ITEM_BYTES + 225, (i + 1) * ITEM_BYTES);
    const v = sig[64] as number;
    if ((v !== 27 && v !== 28) || sOf(sig) > HALF_N) continue; // what the chain's ECDSA refuses
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
