import { redeemVouchers } from "@aidao/sdk";
import type { Account, Address, Chain, Hex, Transport, WalletClient } from "viem";
import type { ChannelLedger } from "./ledger.ts";
import type { ChannelRecord, GatewayStore } from "./store.ts";

export type RedeemerOptions = {
  ledger: ChannelLedger;
  store: GatewayStore;
  wallet: WalletClient<Transport, Chain, Account>;
  usageChannels: Address;
  /** Redeem a channel once this much is charged and not collected (default: 0, i.e. by age only). */
  minAmount?: bigint;
  /** ...or once its oldest uncollected charge is this old (default 10 min). */
  maxAgeMs?: number;
  /** ...or when its redemption window closes within this many seconds (default 1 h). */
  closingMarginSeconds?: number;
  /** The contract's grace window after expiry (UsageChannels.GRACE). */
  graceSeconds: bigint;
  batchSize?: number;
  intervalMs?: number;
  log?: (message: string) => void;
};

/**
 * Collects what the gateway charged: redeems the highest voucher of every due channel with claim = charged, up to
 * `batchSize` channels per transaction (one revenue split per model and token). Cumulative vouchers make every retry
 * safe (a redemption already mined pays nothing the second time), so it simply retries failed batches with backoff,
 * splitting a failing batch to isolate a bad voucher, and resumes from the database after a restart.
 */
export class Redeemer {
  private readonly o: RedeemerOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly backoff = new Map<Hex, { until: number; delay: number }>();

  constructor(o: RedeemerOptions) {
    this.o = o;
  }

  start(): void {
    const loop = () => {
      this.timer = setTimeout(async () => {
        await this.tick().catch((e) => this.o.log?.(`redeemer: ${(e as Error).message}`));
        if (this.timer) loop();
      }, this.o.intervalMs ?? 5_000);
      this.timer.unref();
    };
    loop();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** The channels due now. */
  async due(now = Date.now()): Promise<ChannelRecord[]> {
    const minAmount = this.o.minAmount ?? 0n;
    const maxAge = this.o.maxAgeMs ?? 600_000;
    const margin = BigInt(this.o.closingMarginSeconds ?? 3_600);
    const nowSeconds = BigInt(Math.floor(now / 1000));
    return (await this.o.store.unredeemed()).filter((r) => {
      const b = this.backoff.get(r.channelId);
      if (b && b.until > now) return false;
      const owed = r.charged - r.redeemed;
      if (minAmount > 0n && owed >= minAmount) return true;
      if (r.unredeemedSince !== null && now - r.unredeemedSince >= maxAge) return true;
      return r.expiresAt + this.o.graceSeconds - nowSeconds <= margin;
    });
  }

  /** Redeems everything due (one pass at a time). Returns what the chain paid. */
  tick(now = Date.now()): Promise<bigint> {
    const pass = (this.running ?? Promise.resolve()).then(async () => this.redeemAll(await this.due(now)));
    this.running = pass.then(
      () => undefined,
      () => undefined,
    );
    return pass;
  }

  private async redeemAll(records: ChannelRecord[]): Promise<bigint> {
    const size = this.o.batchSize ?? 50;
    let paid = 0n;
    for (let i = 0; i < records.length; i += size) paid += await this.redeemBatch(records.slice(i, i + size));
    return paid;
  }

  private async redeemBatch(batch: ChannelRecord[]): Promise<bigint> {
    const claimed = batch.reduce((s, r) => s + (r.charged - r.redeemed), 0n);
    try {
      const r = await redeemVouchers(this.o.wallet, {
        usageChannels: this.o.usageChannels,
        vouchers: batch.map((c) => ({
          channelId: c.channelId,
          cumulativeAmount: c.voucherAmount,
          claim: c.charged,
          signature: c.voucherSignature as Hex,
        })),
      });
      for (const c of batch) {
        this.backoff.delete(c.channelId);
        await this.o.ledger.markRedeemed(c.channelId, c.charged);
      }
      await this.o.store.logRedemption({ txHash: r.hash, channels: batch.length, claimed, status: "mined" });
      this.o.log?.(`redeemed ${batch.length} channel(s): ${r.paid} paid (${r.hash})`);
      return r.paid;
    } catch (error) {
      const message = (error as Error).message.split("\n")[0] ?? "failed";
      if (batch.length > 1) {
        // One bad voucher (a reclaimed channel, a closed window) must not hold the others back.
        const half = Math.ceil(batch.length / 2);
        return (await this.redeemBatch(batch.slice(0, half))) + (await this.redeemBatch(batch.slice(half)));
      }
      const c = batch[0] as ChannelRecord;
      const prev = this.backoff.get(c.channelId)?.delay ?? 5_000;
      const delay = Math.min(prev * 2, 3_600_000);
      this.backoff.set(c.channelId, { until: Date.now() + delay, delay });
      await this.o.store.logRedemption({ txHash: null, channels: 1, claimed, status: "failed", error: message });
      this.o.log?.(`redemption of ${c.channelId} failed (retry in ${delay / 1000} s): ${message}`);
      return 0n;
    }
  }
}
