import { Worker } from "node:worker_threads";
import { usageChannelsDomain, voucherTypes } from "@aidao/sdk";
import { type Address, type Hex, hashDomain, hexToBytes, toBytes } from "viem";
import { keccak256 } from "./keccak.ts";
import { secp256k1 } from "./secp256k1.ts";
import { ITEM_BYTES, KEY_BYTES, wellFormed } from "./verifierLayout.ts";

/** The EIP-712 type string of the voucher, derived from the SDK's types (the single source of truth). */
function encodeType(): string {
  const fields = voucherTypes.Voucher.map((f) => `${f.type} ${f.name}`).join(",");
  return `Voucher(${fields})`;
}

/** What a channel's vouchers share: everything signed except the amount, precomputed once per channel. */
export type VoucherContext = {
  /** typeHash ‖ channelId ‖ token ‖ recipient ‖ (amount goes here): 160 bytes, the last 32 rewritten per voucher. */
  readonly struct: Uint8Array;
  /** 0x1901 ‖ domainSeparator ‖ (struct hash goes here): 66 bytes. */
  readonly digest: Uint8Array;
  readonly customer: Address;
  /** The customer's uncompressed public key once one voucher proved it. */
  publicKey?: Uint8Array;
};

/**
 * Checks voucher signatures at native speed. The EIP-712 digest is built from precomputed bytes (one keccak over 160
 * bytes and one over 66 per voucher, instead of re-encoding the typed data), and the signer's public key is recovered
 * with libsecp256k1, then compared with the channel's known key (an address derivation only the first time).
 * `viem.hashTypedData` gives the same digest; the tests hold the two together.
 */
export class VoucherVerifier {
  readonly domainSeparator: Uint8Array;
  private readonly typeHash = keccak256(toBytes(encodeType()));

  readonly chainId: number;

  constructor(chainId: number, usageChannels: Address) {
    this.chainId = chainId;
    const domain = usageChannelsDomain(chainId, usageChannels);
    this.domainSeparator = hexToBytes(
      hashDomain({
        domain: domain as never,
        types: {
          EIP712Domain: [
            { name: "name", type: "string" },
            { name: "version", type: "string" },
            { name: "chainId", type: "uint256" },
            { name: "verifyingContract", type: "address" },
          ],
        },
      }),
    );
  }

  /** The precomputed parts of every voucher of one channel. */
  context(channel: { channelId: Hex; token: Address; recipient: Address; customer: Address }): VoucherContext {
    const struct = new Uint8Array(160);
    struct.set(this.typeHash, 0);
    struct.set(hexToBytes(channel.channelId), 32);
    struct.set(hexToBytes(channel.token), 64 + 12);
    struct.set(hexToBytes(channel.recipient), 96 + 12);
    const digest = new Uint8Array(66);
    digest[0] = 0x19;
    digest[1] = 0x01;
    digest.set(this.domainSeparator, 2);
    return { struct, digest, customer: channel.customer };
  }

  /** The EIP-712 digest of a voucher for `amount` on the channel of `ctx`. */
  digest(ctx: VoucherContext, amount: bigint): Uint8Array {
    writeUint256(ctx.struct, 128, amount);
    ctx.digest.set(keccak256(ctx.struct), 34);
    return keccak256(ctx.digest);
  }

  /**
   * True iff `signature` (65 bytes r ‖ s ‖ v) is the channel customer's signature of a voucher for `amount`. Never
   * throws for a malformed signature: it is simply not valid.
   */
  verify(ctx: VoucherContext, amount: bigint, signature: Uint8Array): boolean {
    if (ctx.publicKey) {
      // The key is known: a plain verification (a fifth cheaper than a recovery) against it.
      if (!wellFormed(signature)) return false;
      try {
        return secp256k1.ecdsaVerify(signature.subarray(0, 64), this.digest(ctx, amount), ctx.publicKey);
      } catch {
        return false; // r or s out of range
      }
    }
    const key = this.recover(ctx, amount, signature);
    return key !== undefined && this.accept(ctx, key);
  }

  /** The signer's public key of a voucher for `amount`, or undefined when none (malformed, malleable, no point). */
  recover(ctx: VoucherContext, amount: bigint, signature: Uint8Array): Uint8Array | undefined {
    if (!wellFormed(signature)) return undefined;
    try {
      return secp256k1.ecdsaRecover(
        signature.subarray(0, 64),
        (signature[64] as number) - 27,
        this.digest(ctx, amount),
        false,
      );
    } catch {
      return undefined; // r or s out of range, or no point recovers
    }
  }

  /** True iff `key` is the channel customer's (compared with the cached key; derived and cached the first time). */
  accept(ctx: VoucherContext, key: Uint8Array): boolean {
    if (ctx.publicKey) return equalBytes(ctx.publicKey, key);
    if (addressOf(key) !== ctx.customer.toLowerCase()) return false;
    ctx.publicKey = key;
    return true;
  }
}

function writeUint256(out: Uint8Array, offset: number, value: bigint): void {
  let x = value;
  for (let i = offset + 31; i >= offset; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function addressOf(uncompressedKey: Uint8Array): string {
  const hash = keccak256(uncompressedKey.subarray(1));
  let hex = "0x";
  for (let i = 12; i < 32; i++) hex += (hash[i] as number).toString(16).padStart(2, "0");
  return hex;
}

/** Batches a verifier thread holds at once: the one it verifies and the next, already waiting in its port. */
export const PIPELINE_DEPTH = 2;

/**
 * The same checks as {VoucherVerifier.verify}, on worker threads: the hashing and the recovery (most of a paid
 * call's CPU) leave the event loop. Dispatch adapts to load like a group commit: vouchers go at once to a thread with
 * fewer than {PIPELINE_DEPTH} batches in hand, and what arrives while every thread has its fill leaves as one batch
 * the moment a thread answers. Two batches per thread keep it busy across the time its answer takes to reach the
 * event loop (measured at about twice the time the thread spends on a batch), and the messages per voucher fall as
 * the load rises.
 */
export class VoucherVerifierPool {
  private readonly verifier: VoucherVerifier;
  private readonly workers: Array<{ worker: Worker; pending: number }>;
  private readonly waiting = new Map<number, Array<{ ctx: VoucherContext; done: (ok: boolean) => void }>>();
  private queue: Array<{
    ctx: VoucherContext;
    struct: Uint8Array;
    signature: Uint8Array;
    done: (ok: boolean) => void;
  }> = [];
  private scheduled = false;
  private nextId = 1;

  constructor(verifier: VoucherVerifier, threads: number) {
    this.verifier = verifier;
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL("./verifierThread.ts", import.meta.url), {
        workerData: { domainSeparator: verifier.domainSeparator },
      });
      worker.unref();
      const entry = { worker, pending: 0 };
      worker.on("message", (m: { id: number; keys: Uint8Array }) => {
        entry.pending--;
        // Refill the thread before answering: it verifies the next batch while this one's requests go on.
        if (this.queue.length > 0 && !this.scheduled) this.flush();
        this.answer(m.id, m.keys);
      });
      return entry;
    });
  }

  /** Resolves true iff the channel's customer signed a voucher for `amount` (never rejects). */
  verify(ctx: VoucherContext, amount: bigint, signature: Uint8Array): Promise<boolean> {
    if (!wellFormed(signature)) return Promise.resolve(false);
    const struct = ctx.struct.slice();
    writeUint256(struct, 128, amount);
    return new Promise((done) => {
      this.queue.push({ ctx, struct, signature, done });
      // A thread with room takes it at the end of this microtask run (vouchers of the same task share the message);
      // with every thread full, the next answer takes it.
      if (!this.scheduled && this.workers.some((w) => w.pending < PIPELINE_DEPTH)) {
        this.scheduled = true;
        queueMicrotask(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const items = new Uint8Array(batch.length * ITEM_BYTES);
    for (const [i, b] of batch.entries()) {
      items.set(b.struct, i * ITEM_BYTES);
      items.set(b.signature, i * ITEM_BYTES + 160);
      if (b.ctx.publicKey) items.set(b.ctx.publicKey, i * ITEM_BYTES + 225); // verify against it, no recovery
    }
    const id = this.nextId++;
    this.waiting.set(
      id,
      batch.map((b) => ({ ctx: b.ctx, done: b.done })),
    );
    const target = this.workers.reduce((a, b) => (b.pending < a.pending ? b : a));
    target.pending++;
    target.worker.postMessage({ id, items }, [items.buffer]);
  }

  private answer(id: number, keys: Uint8Array): void {
    const batch = this.waiting.get(id);
    this.waiting.delete(id);
    for (const [i, b] of (batch ?? []).entries()) {
      const key = keys.subarray(i * KEY_BYTES, (i + 1) * KEY_BYTES);
      b.done(key[0] === 0x04 && this.verifier.accept(b.ctx, key.slice()));
    }
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
