import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { recoverMessageAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { ReceiptSigner } from "./receipts.ts";

describe("ReceiptSigner", () => {
  it("signs a message id as viem's signMessage does (EIP-191), recoverable to the hub's address", async () => {
    for (let i = 0; i < 20; i++) {
      const key = generatePrivateKey();
      const signer = new ReceiptSigner(key);
      const id = generatePrivateKey(); // any 32 bytes
      const sig = signer.sign(id);
      assert.equal(signer.address, privateKeyToAccount(key).address);
      assert.equal(await recoverMessageAddress({ message: { raw: id }, signature: sig }), signer.address);
      assert.equal(
        sig,
        await privateKeyToAccount(key).signMessage({ message: { raw: id } }),
        "deterministic (RFC 6979)",
      );
    }
  });
});
