import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The native libsecp256k1 binding. Loaded directly (not through the package's entry point, which silently falls back
 * to a pure-JS implementation 100x slower): a gateway without it should fail at start, not crawl.
 */
export const secp256k1 = require("secp256k1/bindings.js") as {
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
  ecdsaVerify(sig: Uint8Array, msg32: Uint8Array, publicKey: Uint8Array): boolean;
  ecdsaSign(msg32: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number };
};
