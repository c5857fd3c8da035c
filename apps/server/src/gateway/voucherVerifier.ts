import { Worker } from "node:worker_threads";
import { usageChannelsDomain, voucherTypes } from "@aidao/sdk";
import { type Address, type Hex, hashDomain, hexToBytes, toBytes } from "viem";
import { keccak256 } from "./keccak.ts";
import { secp256k1 } from "./secp256k1.ts";
import {
  ANSWERED,
  ARMED,
  ITEM_BYTES,
  KEY_BYTES,
  RING_BYTES,
  RING_SLOTS,
  ringViews,
  STOP,
  SUBMITTED,
  wellFormed,
} from "./verifierLayout.ts";

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

type Waiting = { ctx: VoucherContext; done: (ok: boolean) => void; fail: (error: Error) => void };
type Queued = Waiting & { amount: bigint; signature: Uint8Array };

/** One verifier thread and the ring it shares with the event loop. */
type Ring = {
  worker: Worker;
  control: Int32Array;
  items: Uint8Array;
  keys: Uint8Array;
  /** Slots written (the thread's SUBMITTED) and answers taken, as wrapping int32 counters. */
  submitted: number;
  taken: number;
  waiting: Array<Waiting | undefined>;
  /** The thread is asked to post a message with its next answer (ARMED): the event loop waits for it. */
  armed: boolean;
  exited: Promise<unknown>;
};

const MASK = RING_SLOTS - 1;
const outstanding = (r: Ring) => (r.submitted - r.taken) | 0;

/**
 * The same checks as {VoucherVerifier.verify}, on worker threads: the hashing and the verification (most of a paid
 * call's CPU) leave the event loop. Each thread shares a ring with the event loop (see verifierLayout.ts): a voucher
 * is written into a slot and the thread starts on it at once, without a message or a batch to wait for. Answers are
 * taken whenever the event loop next verifies a voucher (under load that is within a request's time, where a message
 * waited for the loop's next turn), and by a message from the thread when nothing else comes.
 */
export class VoucherVerifierPool {
  private readonly verifier: VoucherVerifier;
  private readonly rings: Ring[];
  /** Vouchers waiting for a slot (every ring full: more than RING_SLOTS in flight per thread). */
  private overflow: Queued[] = [];
  private failed: Error | undefined;

  constructor(verifier: VoucherVerifier, threads: number) {
    this.verifier = verifier;
    this.rings = Array.from({ length: threads }, () => {
      const buffer = new SharedArrayBuffer(RING_BYTES);
      const worker = new Worker(new URL("./verifierThread.ts", import.meta.url), {
        workerData: { ring: buffer, domainSeparator: verifier.domainSeparator },
      });
      worker.unref(); // held while vouchers are in flight (see submit)
      const ring: Ring = {
        worker,
        ...ringViews(buffer),
        submitted: 0,
        taken: 0,
        waiting: new Array(RING_SLOTS),
        armed: false,
        exited: new Promise((resolve) => worker.once("exit", resolve)),
      };
      worker.on("message", () => this.wake(ring));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (Atomics.load(ring.control, STOP) === 0) this.fail(new Error(`a voucher verifier thread exited (${code})`));
      });
      return ring;
    });
  }

  /**
   * Resolves true iff the channel's customer signed a voucher for `amount`; rejects only if a verifier thread failed
   * (the signature is then unknown, not refused).
   */
  verify(ctx: VoucherContext, amount: bigint, signature: Uint8Array): Promise<boolean> {
    if (!wellFormed(signature)) return Promise.resolve(false);
    if (this.failed) return Promise.reject(this.failed);
    this.poll();
    return new Promise((done, fail) => {
      const ring = this.rings.reduce((a, b) => (outstanding(b) < outstanding(a) ? b : a));
      if (outstanding(ring) >= RING_SLOTS) this.overflow.push({ ctx, amount, signature, done, fail });
      else this.submit(ring, { ctx, done, fail }, amount, signature);
    });
  }

  /** Takes every answer the threads have written so far (cheap when there is none). */
  poll(): void {
    for (const ring of this.rings) if (Atomics.load(ring.control, ANSWERED) !== ring.taken) this.take(ring);
  }

  private submit(ring: Ring, w: Waiting, amount: bigint, signature: Uint8Array): void {
    const slot = ring.submitted & MASK;
    const at = slot * ITEM_BYTES;
    ring.items.set(w.ctx.struct, at);
    writeUint256(ring.items, at + 128, amount);
    ring.items.set(signature, at + 160);
    if (w.ctx.publicKey)
      ring.items.set(w.ctx.publicKey, at + 225); // verify against it, no recovery
    else ring.items.fill(0, at + 225, at + ITEM_BYTES);
    ring.waiting[slot] = w;
    if (outstanding(ring) === 0) ring.worker.ref(); // an answer is awaited: keep the process alive for it
    ring.submitted = (ring.submitted + 1) | 0;
    Atomics.store(ring.control, SUBMITTED, ring.submitted);
    Atomics.notify(ring.control, SUBMITTED);
    this.arm(ring);
  }

  private take(ring: Ring): void {
    const answered = Atomics.load(ring.control, ANSWERED);
    while (ring.taken !== answered) {
      const slot = ring.taken & MASK;
      const w = ring.waiting[slot];
      ring.waiting[slot] = undefined;
      ring.taken = (ring.taken + 1) | 0;
      if (!w) continue; // already failed (another thread's failure fails every waiting voucher)
      const key = ring.keys.slice(slot * KEY_BYTES, (slot + 1) * KEY_BYTES);
      w.done(key[0] === 0x04 && this.verifier.accept(w.ctx, key));
    }
    while (this.overflow.length > 0 && outstanding(ring) < RING_SLOTS) {
      const q = this.overflow.shift() as Queued;
      this.submit(ring, q, q.amount, q.signature);
    }
    if (outstanding(ring) === 0) ring.worker.unref();
  }

  /**
   * Asks the thread for a message with its next answer. Either the thread sees ARMED after raising ANSWERED, or this
   * sees the raised ANSWERED after setting ARMED (sequentially consistent atomics): no answer goes unnoticed.
   */
  private arm(ring: Ring): void {
    if (ring.armed) return;
    ring.armed = true;
    Atomics.store(ring.control, ARMED, 1);
    if (Atomics.load(ring.control, ANSWERED) !== ring.taken) queueMicrotask(() => this.wake(ring));
  }

  private wake(ring: Ring): void {
    ring.armed = false;
    this.take(ring);
    if (outstanding(ring) > 0) this.arm(ring);
  }

  /** Fails every waiting voucher (the counters stay: healthy threads still answer their slots, taken and skipped). */
  private fail(error: Error): void {
    this.failed ??= error;
    for (const ring of this.rings) {
      for (const w of ring.waiting) w?.fail(this.failed);
      ring.waiting.fill(undefined);
      ring.worker.unref();
    }
    for (const q of this.overflow) q.fail(this.failed);
    this.overflow = [];
  }

  /**
   * Stops the threads: each ends its loop and exits on its own (terminating a thread still loading its native modules
   * would abort the process).
   */
  async close(): Promise<void> {
    await Promise.all(
      this.rings.map((ring) => {
        Atomics.store(ring.control, STOP, 1);
        Atomics.notify(ring.control, SUBMITTED);
        return ring.exited;
      }),
    );
  }
}
