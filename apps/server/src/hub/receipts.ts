import type { Address, Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { keccak256 } from "../gateway/keccak.ts";
import { secp256k1 } from "../gateway/secp256k1.ts";

const PREFIX = Buffer.from("\x19Ethereum Signed Message:\n32");

/**
 * Signs the hub's receipts: an EIP-191 personal-message signature of the 32-byte message id (what viem's
 * `signMessage({ message: { raw: id } })` makes, and `recoverMessageAddress` checks), with libsecp256k1: viem's
 * JavaScript signer took about a millisecond, the largest single cost of accepting a vote.
 */
export class ReceiptSigner {
  readonly address: Address;
  private readonly key: Buffer;

  constructor(privateKey: Hex) {
    this.key = Buffer.from(privateKey.slice(2), "hex");
    this.address = privateKeyToAddress(privateKey);
  }

  sign(id: Hex): Hex {
    const digest = keccak256(Buffer.concat([PREFIX, Buffer.from(id.slice(2), "hex")]));
    const { signature, recid } = secp256k1.ecdsaSign(digest, this.key);
    return `0x${Buffer.from(signature).toString("hex")}${(27 + recid).toString(16)}`;
  }
}
