import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Hex, keccak256, numberToHex, parseSignature, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type OwnerSignature, packSignatures, verifyOwnerSignature } from "./signatures.ts";

const [alice, bob, carol, mallory] = [1, 2, 3, 4].map((i) => privateKeyToAccount(numberToHex(i, { size: 32 })));
if (!alice || !bob || !carol || !mallory) throw new Error("accounts");
const owners = [alice.address, bob.address, carol.address];
const hash = keccak256(toHex("a SafeTx"));
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** Signs the hash directly (what an EIP-712 signature of the SafeTx amounts to). */
const sign = (a: typeof alice) => a.sign({ hash });
const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

describe("verifyOwnerSignature()", () => {
  it("accepts an owner's EIP-712 signature and Safe's eth_sign flavour (v + 4 over the EIP-191 hash)", async () => {
    assert.deepEqual(await verifyOwnerSignature(hash, await sign(alice), { owners }), {
      owner: alice.address,
      signature: (await sign(alice)).toLowerCase(),
      kind: "eip712",
    });
    const personal = parseSignature(await bob.signMessage({ message: { raw: hash } }));
    const ethSign =
      `${(await bob.signMessage({ message: { raw: hash } })).slice(0, 130)}${(Number(personal.v) + 4).toString(16)}` as Hex;
    const verified = await verifyOwnerSignature(hash, ethSign, { owners });
    assert.equal(verified.owner, bob.address);
    assert.equal(verified.kind, "eth_sign");
  });

  it("refuses a non-owner, a second signature of the same owner, and a malleable high-s twin", async () => {
    await assert.rejects(verifyOwnerSignature(hash, await sign(mallory), { owners }), code("NOT_OWNER"));
    const first = await verifyOwnerSignature(hash, await sign(alice), { owners });
    await assert.rejects(
      verifyOwnerSignature(hash, await sign(alice), { owners, collected: [first] }),
      code("DUPLICATE_SIGNER"),
    );
    const { r, s, v } = parseSignature(await sign(alice));
    const twin = `${r}${numberToHex(N - BigInt(s), { size: 32 }).slice(2)}${(v === 27n ? 28 : 27).toString(16)}` as Hex;
    await assert.rejects(verifyOwnerSignature(hash, twin, { owners }), code("SIGNATURE_HIGH_S"));
  });

  const good = `0x${"11".repeat(32)}${"22".repeat(32)}1b`;
  const malformed: Array<[string, string]> = [
    ["64 bytes", good.slice(0, -2)],
    ["66 bytes", `${good}00`],
    ["not hex", `${good.slice(0, -2)}zz`],
    ["v 0 (a contract signature)", `${good.slice(0, -2)}00`],
    ["v 1 (an approved hash)", `${good.slice(0, -2)}01`],
    ["a zero r", `0x${"00".repeat(32)}${"22".repeat(32)}1b`],
  ];
  for (const [name, signature] of malformed) {
    it(`refuses a signature with ${name} as SIGNATURE_MALFORMED`, async () => {
      await assert.rejects(verifyOwnerSignature(hash, signature as Hex, { owners }), code("SIGNATURE_MALFORMED"));
    });
  }
});

describe("packSignatures()", () => {
  it("orders signatures by owner address ascending, whatever the order they were collected in", async () => {
    const collected: OwnerSignature[] = [];
    for (const a of [carol, alice, bob]) collected.push(await verifyOwnerSignature(hash, await sign(a), { owners }));
    const byAddress = [...collected].sort((x, y) => (BigInt(x.owner) < BigInt(y.owner) ? -1 : 1));
    assert.equal(packSignatures(collected, 2), `0x${byAddress.map((s) => s.signature.slice(2)).join("")}`);
    assert.equal(packSignatures([...collected].reverse(), 2), packSignatures(collected, 2));
  });

  it("refuses fewer signatures than the threshold, and the same owner twice", async () => {
    const one = await verifyOwnerSignature(hash, await sign(alice), { owners });
    assert.throws(() => packSignatures([one], 2), { code: "BELOW_THRESHOLD", retryable: true });
    assert.throws(() => packSignatures([one, one], 2), { code: "DUPLICATE_SIGNER" });
  });
});
