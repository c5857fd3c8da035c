import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { usageChannelsDomain, voucherTypes } from "@aidao/sdk";
import { type Address, bytesToHex, getAddress, type Hex, hashTypedData, hexToBytes, recoverAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { blockUntil, microtasks } from "../testing/threads.ts";
import { secp256k1 } from "./secp256k1.ts";
import { ANSWERED, RING_SLOTS } from "./verifierLayout.ts";
import { type VoucherContext, VoucherVerifier, VoucherVerifierPool } from "./voucherVerifier.ts";

/** The secp256k1 group order. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const MAX_UINT256 = 2n ** 256n - 1n;

const CHAIN_ID = 31337;
const CONTRACT = getAddress(bytesToHex(randomBytes(20)));
const customer = privateKeyToAccount(generatePrivateKey());
const stranger = privateKeyToAccount(generatePrivateKey());

const randomHex = (bytes: number): Hex => bytesToHex(randomBytes(bytes));
/** A random address, sometimes lower-case and sometimes checksummed (both are valid spellings). */
const randomAddress = (): Address => {
  const lower = randomHex(20);
  return (randomBytes(1)[0] as number) & 1 ? getAddress(lower) : lower;
};
/** A random uint256 of random bit length, so that small and large amounts are both common. */
const randomAmount = (): bigint => {
  const length = (randomBytes(1)[0] as number) % 33;
  return length === 0 ? 0n : BigInt(randomHex(length));
};

type Channel = { channelId: Hex; token: Address; recipient: Address; customer: Address };
const randomChannel = (): Channel => ({
  channelId: randomHex(32),
  token: randomAddress(),
  recipient: randomAddress(),
  customer: customer.address,
});

type Signer = { signTypedData: typeof customer.signTypedData };

async function sign(
  signer: Signer,
  channel: Channel,
  amount: bigint,
  p: { chainId?: number; contract?: Address } = {},
): Promise<Uint8Array> {
  const signature = await signer.signTypedData({
    domain: usageChannelsDomain(p.chainId ?? CHAIN_ID, p.contract ?? CONTRACT),
    types: voucherTypes,
    primaryType: "Voucher",
    message: {
      channelId: channel.channelId,
      token: channel.token,
      recipient: channel.recipient,
      cumulativeAmount: amount,
    },
  });
  return hexToBytes(signature);
}

const sOf = (sig: Uint8Array): bigint => BigInt(bytesToHex(sig.subarray(32, 64)));
const withS = (sig: Uint8Array, s: bigint, v: number): Uint8Array => {
  const out = sig.slice();
  out.set(hexToBytes(`0x${s.toString(16).padStart(64, "0")}`), 32);
  out[64] = v;
  return out;
};

describe("VoucherVerifier", () => {
  const verifier = new VoucherVerifier(CHAIN_ID, CONTRACT);
  const fresh = (channel: Channel): VoucherContext => verifier.context(channel);

  describe("digest", () => {
    it("equals viem's hashTypedData of the voucher for 200 random channels and amounts", () => {
      const amounts = [0n, 1n, MAX_UINT256, MAX_UINT256 - 1n, 2n ** 255n];
      for (let i = 0; i < 200; i++) {
        const channel = randomChannel();
        const amount = i < amounts.length ? (amounts[i] as bigint) : randomAmount();
        const expected = hashTypedData({
          domain: usageChannelsDomain(CHAIN_ID, CONTRACT),
          types: voucherTypes,
          primaryType: "Voucher",
          message: {
            channelId: channel.channelId,
            token: channel.token,
            recipient: channel.recipient,
            cumulativeAmount: amount,
          },
        });
        assert.equal(bytesToHex(verifier.digest(fresh(channel), amount)), expected, `case ${i}: amount ${amount}`);
      }
    });

    it("gives each amount its own digest when one context is reused for many amounts", () => {
      const channel = randomChannel();
      const ctx = fresh(channel);
      for (const amount of [MAX_UINT256, 0n, 12345n, MAX_UINT256, 1n]) {
        const expected = hashTypedData({
          domain: usageChannelsDomain(CHAIN_ID, CONTRACT),
          types: voucherTypes,
          primaryType: "Voucher",
          message: { ...channel, cumulativeAmount: amount },
        });
        assert.equal(bytesToHex(verifier.digest(ctx, amount)), expected);
      }
    });

    it("depends on the chain id and the contract of the domain", () => {
      const channel = randomChannel();
      const here = bytesToHex(verifier.digest(fresh(channel), 7n));
      const otherChain = new VoucherVerifier(CHAIN_ID + 1, CONTRACT);
      const otherContract = new VoucherVerifier(CHAIN_ID, randomAddress());
      assert.notEqual(bytesToHex(otherChain.digest(otherChain.context(channel), 7n)), here);
      assert.notEqual(bytesToHex(otherContract.digest(otherContract.context(channel), 7n)), here);
    });
  });

  describe("verify", () => {
    it("accepts a voucher signed by the channel's customer with v = 27 or 28", async () => {
      const seen = new Set<number>();
      for (let i = 0; i < 16; i++) {
        const channel = randomChannel();
        const amount = randomAmount();
        const sig = await sign(customer, channel, amount);
        seen.add(sig[64] as number);
        assert.ok(verifier.verify(fresh(channel), amount, sig), `v = ${sig[64]}`);
      }
      assert.deepEqual([...seen].sort(), [27, 28], "both recovery ids were exercised");
    });

    it("refuses the same signatures with v = 0 or 1, as the chain's ECDSA (OpenZeppelin) does", async () => {
      const seen = new Set<number>();
      for (let i = 0; i < 16; i++) {
        const channel = randomChannel();
        const amount = randomAmount();
        const sig = await sign(customer, channel, amount);
        const ctx = fresh(channel);
        assert.ok(verifier.verify(ctx, amount, sig), "valid with v = 27/28 (and the key is now known)");
        sig[64] = (sig[64] as number) - 27;
        seen.add(sig[64] as number);
        assert.equal(verifier.verify(ctx, amount, sig), false, `v = ${sig[64]} with the key known`);
        assert.equal(verifier.verify(fresh(channel), amount, sig), false, `v = ${sig[64]} with no key yet`);
      }
      assert.deepEqual([...seen].sort(), [0, 1], "both recovery ids were exercised");
    });

    it("accepts the amounts 0 and 2^256 - 1", async () => {
      const channel = randomChannel();
      for (const amount of [0n, MAX_UINT256]) {
        assert.ok(verifier.verify(fresh(channel), amount, await sign(customer, channel, amount)));
      }
    });

    it("caches the customer's public key after the first valid voucher and still accepts later ones", async () => {
      const channel = randomChannel();
      const ctx = fresh(channel);
      assert.equal(ctx.publicKey, undefined);
      assert.ok(verifier.verify(ctx, 1n, await sign(customer, channel, 1n)));
      const key = ctx.publicKey as Uint8Array | undefined; // (the assertion above narrowed it to undefined)
      assert.ok(key, "the key is cached");
      assert.equal(key.length, 65);
      assert.equal(key[0], 0x04, "uncompressed");
      for (const amount of [2n, 10n, 1_000_000n]) {
        assert.ok(verifier.verify(ctx, amount, await sign(customer, channel, amount)));
      }
      assert.equal(ctx.publicKey, key, "the cached key is kept");
    });

    it("does not cache a key when the voucher is refused", async () => {
      const channel = randomChannel();
      const ctx = fresh(channel);
      assert.equal(verifier.verify(ctx, 1n, await sign(stranger, channel, 1n)), false);
      assert.equal(ctx.publicKey, undefined);
      assert.ok(verifier.verify(ctx, 1n, await sign(customer, channel, 1n)));
    });

    it("refuses a voucher signed by someone else, before and after the customer's key is cached", async () => {
      const channel = randomChannel();
      const ctx = fresh(channel);
      assert.equal(verifier.verify(ctx, 5n, await sign(stranger, channel, 5n)), false, "before caching");
      assert.ok(verifier.verify(ctx, 5n, await sign(customer, channel, 5n)));
      assert.equal(verifier.verify(ctx, 6n, await sign(stranger, channel, 6n)), false, "after caching");
    });

    it("refuses a voucher checked for another amount than the signed one", async () => {
      const channel = randomChannel();
      const sig = await sign(customer, channel, 100n);
      assert.equal(verifier.verify(fresh(channel), 101n, sig), false);
      assert.equal(verifier.verify(fresh(channel), 99n, sig), false);
      assert.equal(verifier.verify(fresh(channel), 100n + 2n ** 128n, sig), false);
      const ctx = fresh(channel);
      assert.ok(verifier.verify(ctx, 100n, sig));
      assert.equal(verifier.verify(ctx, 101n, sig), false, "also once the key is cached");
    });

    it("refuses a voucher signed for another chain id", async () => {
      const channel = randomChannel();
      const ctx = fresh(channel);
      assert.ok(verifier.verify(ctx, 3n, await sign(customer, channel, 3n)));
      assert.equal(verifier.verify(fresh(channel), 3n, await sign(customer, channel, 3n, { chainId: 1 })), false);
      assert.equal(verifier.verify(ctx, 4n, await sign(customer, channel, 4n, { chainId: CHAIN_ID + 1 })), false);
    });

    it("refuses a voucher signed for another contract", async () => {
      const channel = randomChannel();
      const ctx = fresh(channel);
      assert.ok(verifier.verify(ctx, 3n, await sign(customer, channel, 3n)));
      const contract = randomAddress();
      assert.equal(verifier.verify(fresh(channel), 3n, await sign(customer, channel, 3n, { contract })), false);
      assert.equal(verifier.verify(ctx, 4n, await sign(customer, channel, 4n, { contract })), false);
    });

    it("refuses a voucher signed for another channel, token or recipient", async () => {
      const channel = randomChannel();
      const ctx = fresh(channel);
      assert.ok(verifier.verify(ctx, 8n, await sign(customer, channel, 8n)));
      const others: Channel[] = [
        { ...channel, channelId: randomHex(32) },
        { ...channel, token: randomAddress() },
        { ...channel, recipient: randomAddress() },
      ];
      for (const other of others) {
        const sig = await sign(customer, other, 8n);
        assert.equal(verifier.verify(fresh(channel), 8n, sig), false);
        assert.equal(verifier.verify(ctx, 8n, sig), false, "also once the key is cached");
        assert.ok(verifier.verify(fresh(other), 8n, sig), "the signature is valid for the channel it names");
      }
    });

    it("refuses signatures of 64 or 66 bytes (and other lengths) without throwing", async () => {
      const channel = randomChannel();
      const sig = await sign(customer, channel, 9n);
      const ctx = fresh(channel);
      const longer = new Uint8Array(66);
      longer.set(sig);
      for (const bad of [sig.subarray(0, 64), longer, new Uint8Array(0), new Uint8Array(130)]) {
        assert.equal(verifier.verify(ctx, 9n, bad), false, `${bad.length} bytes`);
      }
      assert.equal(ctx.publicKey, undefined);
      assert.ok(verifier.verify(ctx, 9n, sig), "the 65-byte signature is valid");
    });

    it("refuses v = 29 and other recovery bytes", async () => {
      const channel = randomChannel();
      const sig = await sign(customer, channel, 9n);
      for (const v of [29, 30, 2, 3, 26, 255]) {
        const bad = sig.slice();
        bad[64] = v;
        assert.equal(verifier.verify(fresh(channel), 9n, bad), false, `v = ${v}`);
      }
    });

    it("refuses the high-s twin of a valid signature (s' = n - s, v flipped), like OpenZeppelin's ECDSA", async () => {
      const channel = randomChannel();
      for (let i = 0; i < 8; i++) {
        const amount = randomAmount();
        const sig = await sign(customer, channel, amount);
        const s = sOf(sig);
        assert.ok(s <= N / 2n, "viem signs with a low s");
        const flipped = (sig[64] as number) === 27 ? 28 : 27;
        const twin = withS(sig, N - s, flipped);
        // The twin is a valid signature of the same digest by the same key: only the malleability rule refuses it.
        const hash = bytesToHex(verifier.digest(fresh(channel), amount));
        assert.equal(
          await recoverAddress({ hash, signature: bytesToHex(twin) }),
          customer.address,
          "the twin recovers the customer",
        );
        const ctx = fresh(channel);
        assert.equal(verifier.verify(ctx, amount, twin), false, "refused before caching");
        assert.equal(verifier.verify(ctx, amount, withS(sig, N - s, flipped - 27)), false, "refused with v = 0/1 too");
        assert.ok(verifier.verify(ctx, amount, sig));
        assert.equal(verifier.verify(ctx, amount, twin), false, "refused after caching");
      }
    });

    it("puts the malleability bound exactly at s = n/2: s = n/2 recovers a key, s = n/2 + 1 does not", async () => {
      // With the r of a real signature (a valid x coordinate), any non-zero s recovers some key: only the bound refuses.
      const channel = randomChannel();
      const sig = await sign(customer, channel, 1n);
      const ctx = fresh(channel);
      const atBound = verifier.recover(ctx, 1n, withS(sig, N / 2n, sig[64] as number));
      assert.equal(atBound?.length, 65, "s = n/2 is low enough");
      assert.equal(verifier.recover(ctx, 1n, withS(sig, N / 2n + 1n, sig[64] as number)), undefined);
      assert.equal(verifier.recover(ctx, 1n, withS(sig, N - 1n, sig[64] as number)), undefined);
      assert.equal(verifier.verify(ctx, 1n, withS(sig, N / 2n, sig[64] as number)), false, "not the customer's");
    });

    it("returns false, never throws, for r = 0, s = 0, r >= n and garbage bytes", async () => {
      const channel = randomChannel();
      const good = await sign(customer, channel, 11n);
      const rZero = good.slice();
      rZero.fill(0, 0, 32);
      const sZero = withS(good, 0n, good[64] as number);
      const rN = good.slice();
      rN.set(hexToBytes(`0x${N.toString(16)}`), 0);
      const rMax = good.slice();
      rMax.fill(0xff, 0, 32);
      const zeros = new Uint8Array(65);
      const cases: Array<[string, Uint8Array]> = [
        ["r = 0", rZero],
        ["s = 0", sZero],
        ["r = n", rN],
        ["r = 2^256 - 1", rMax],
        ["all zeros", zeros],
      ];
      for (let i = 0; i < 200; i++) {
        const garbage = new Uint8Array(randomBytes(65));
        garbage[64] = [0, 1, 27, 28][i % 4] as number;
        cases.push([`garbage ${bytesToHex(garbage)}`, garbage]);
      }
      const ctx = fresh(channel);
      for (const [name, sig] of cases) {
        let result: boolean | undefined;
        assert.doesNotThrow(() => {
          result = verifier.verify(ctx, 11n, sig);
        }, name);
        assert.equal(result, false, name);
      }
      assert.equal(ctx.publicKey, undefined, "no garbage key was cached");
      assert.ok(verifier.verify(ctx, 11n, good));
    });
  });
});

describe("VoucherVerifierPool (the same checks on a worker thread)", () => {
  const verifier = new VoucherVerifier(CHAIN_ID, CONTRACT);

  it("agrees with the in-thread verifier: recovers first, then verifies against the known key", async () => {
    const pool = new VoucherVerifierPool(verifier, 1);
    try {
      const channel = randomChannel();
      const ctx = verifier.context(channel);
      assert.equal(await pool.verify(ctx, 5n, await sign(stranger, channel, 5n)), false, "a stranger, no key yet");
      assert.equal(ctx.publicKey, undefined);
      assert.ok(await pool.verify(ctx, 5n, await sign(customer, channel, 5n)), "the customer: key recovered");
      assert.ok(ctx.publicKey, "and cached");
      const batch = await Promise.all(
        [6n, 7n, 8n, 9n].map(async (amount) => [
          await pool.verify(ctx, amount, await sign(customer, channel, amount)),
          await pool.verify(ctx, amount, await sign(stranger, channel, amount)),
        ]),
      );
      assert.deepEqual(batch, [
        [true, false],
        [true, false],
        [true, false],
        [true, false],
      ]);
      const good = await sign(customer, channel, 10n);
      assert.equal(await pool.verify(ctx, 11n, good), false, "another amount than signed");
      const v01 = good.slice();
      v01[64] = (v01[64] as number) - 27;
      assert.equal(await pool.verify(ctx, 10n, v01), false, "v = 0/1, as the chain refuses");
    } finally {
      await pool.close();
    }
  });

  it("answers more vouchers than the rings hold (wrapping slots, the overflow queue), each one right", async () => {
    const pool = new VoucherVerifierPool(verifier, 2);
    try {
      const customerKey = hexToBytes(generatePrivateKey());
      const strangerKey = hexToBytes(generatePrivateKey());
      const owner = privateKeyToAccount(bytesToHex(customerKey)).address;
      const channels = Array.from({ length: 8 }, () => verifier.context({ ...randomChannel(), customer: owner }));
      /** A voucher for `amount` signed natively (thousands of viem signatures would take the test's time). */
      const signed = (ctx: VoucherContext, amount: bigint, key: Uint8Array) => {
        const { signature, recid } = secp256k1.ecdsaSign(verifier.digest(ctx, amount), key);
        return Uint8Array.from([...signature, 27 + recid]);
      };
      const total = 2 * RING_SLOTS + 600;
      // Every seventh is a stranger's and every eleventh is checked for another amount than signed.
      const expected = Array.from({ length: total }, (_, i) => i % 7 !== 3 && i % 11 !== 5);
      const answers = await Promise.all(
        expected.map((_, i) => {
          const ctx = channels[i % channels.length] as VoucherContext;
          const amount = BigInt(i + 1);
          const sig = signed(ctx, amount, i % 7 === 3 ? strangerKey : customerKey);
          return pool.verify(ctx, i % 11 === 5 ? amount + 1n : amount, sig);
        }),
      );
      assert.deepEqual(answers, expected);
      // And again, now that every channel's key is known (verification instead of recovery), across the wrap.
      const again = await Promise.all(
        expected.map((_, i) => {
          const ctx = channels[i % channels.length] as VoucherContext;
          const amount = BigInt(total + i);
          return pool.verify(
            ctx,
            i % 11 === 5 ? amount + 1n : amount,
            signed(ctx, amount, i % 7 === 3 ? strangerKey : customerKey),
          );
        }),
      );
      assert.deepEqual(again, expected);
    } finally {
      await pool.close();
    }
  });

  it("answers at a poll, without waiting for the event loop's next turn", async () => {
    const pool = new VoucherVerifierPool(verifier, 1);
    try {
      const channel = randomChannel();
      const ctx = verifier.context(channel);
      const sig = await sign(customer, channel, 3n);
      let answer: boolean | undefined;
      const pending = pool.verify(ctx, 3n, sig).then((ok) => {
        answer = ok;
      });
      // Block this thread until the verifier thread has answered: no turn of the event loop happens meanwhile.
      const control = (pool as unknown as { rings: Array<{ control: Int32Array }> }).rings[0]?.control as Int32Array;
      blockUntil(control, ANSWERED, 1);
      await microtasks();
      assert.equal(answer, undefined, "answered by the thread, not yet taken");
      pool.poll();
      await microtasks();
      assert.equal(answer, true, "taken by the poll");
      await pending;
    } finally {
      await pool.close();
    }
  });

  it("fails the vouchers waiting when a thread dies, keeps the healthy thread's answers safe, and refuses later ones", async () => {
    const pool = new VoucherVerifierPool(verifier, 2);
    const channel = randomChannel();
    const ctx = verifier.context(channel);
    const sig = await sign(customer, channel, 1n);
    const pending = Array.from({ length: 200 }, () => pool.verify(ctx, 1n, sig));
    const rings = (pool as unknown as { rings: Array<{ worker: { terminate(): Promise<number> } }> }).rings;
    await rings[0]?.worker.terminate();
    const results = await Promise.allSettled(pending);
    for (const r of results) {
      if (r.status === "rejected") assert.match(String(r.reason), /verifier thread exited/);
      else assert.equal(r.value, true);
    }
    assert.ok(
      results.some((r) => r.status === "rejected"),
      "the dead thread's vouchers are failed, not lost",
    );
    await assert.rejects(pool.verify(ctx, 1n, sig), /verifier thread exited/);
    await new Promise((r) => setTimeout(r, 50)); // the healthy thread's late answers are taken without a throw
    await pool.close();
  });
});
