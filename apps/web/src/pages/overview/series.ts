import type { Point } from "../../ui/Charts.tsx";
import type { IndexedEvent } from "./events.ts";

/** An income into the main treasury, from its `IncomeReceived` event. */
export type Income = {
  token: string;
  from: string;
  source: number;
  amount: bigint;
  educationShare: bigint;
  time: number;
  block: number;
  tx: string;
};

export function incomesOf(events: IndexedEvent[]): Income[] {
  return events
    .filter((e) => e.event === "IncomeReceived")
    .map((e) => ({
      token: String(e.args.token).toLowerCase(),
      from: String(e.args.from),
      source: Number(e.args.source),
      amount: BigInt(String(e.args.amount)),
      educationShare: BigInt(String(e.args.educationShare)),
      time: e.blockTime,
      block: e.blockNumber,
      tx: e.transactionHash,
    }));
}

/** Per token: everything received and what went to education (its share in basis points of the income). */
export type IncomeTotals = { token: string; income: bigint; education: bigint; count: number; shareBps: number };

export function incomeTotals(incomes: Income[]): IncomeTotals[] {
  const by = new Map<string, IncomeTotals>();
  for (const i of incomes) {
    const t = by.get(i.token) ?? { token: i.token, income: 0n, education: 0n, count: 0, shareBps: 0 };
    t.income += i.amount;
    t.education += i.educationShare;
    t.count += 1;
    by.set(i.token, t);
  }
  for (const t of by.values()) t.shareBps = t.income > 0n ? Number((t.education * 10_000n) / t.income) : 0;
  return [...by.values()].sort((a, b) => b.count - a.count);
}

/** A running total over time: one point per block, in units of `decimals` (as numbers, for drawing only). */
export function cumulative(rows: Array<{ time: number; delta: bigint }>, decimals: number): Point[] {
  const points: Point[] = [];
  let sum = 0n;
  const scale = 10 ** Math.min(decimals, 18);
  for (const r of [...rows].sort((a, b) => a.time - b.time)) {
    sum += r.delta;
    const y = Number(sum) / scale;
    const last = points[points.length - 1];
    if (last && last.x === r.time) last.y = y;
    else points.push({ x: r.time, y });
  }
  return points;
}

/** Total staked over time from `Staked` (+) and `Unstaked` (−) events. */
export function stakedDeltas(events: IndexedEvent[]): Array<{ time: number; delta: bigint }> {
  return events
    .filter((e) => e.event === "Staked" || e.event === "Unstaked")
    .map((e) => {
      const amount = BigInt(String(e.args.amount));
      return { time: e.blockTime, delta: e.event === "Staked" ? amount : -amount };
    });
}

/** `part` as a share of `whole` in basis points (0 when there is no whole). */
export function shareBps(part: bigint, whole: bigint): number {
  return whole > 0n ? Number((part * 10_000n) / whole) : 0;
}

/**
 * A running total drawn as steps (flat between changes), from zero at `start` (or the first change) on to `end`: charts
 * of several tokens then share one time axis.
 */
export function steps(points: Point[], end?: number, start?: number): Point[] {
  const out: Point[] = [];
  const first = points[0];
  if (first && start !== undefined && start < first.x) out.push({ x: start, y: 0 });
  let prev = 0;
  for (const p of points) {
    out.push({ x: p.x, y: prev }, p);
    prev = p.y;
  }
  const last = points[points.length - 1];
  if (last && end !== undefined && end > last.x) out.push({ x: end, y: last.y });
  return out;
}

/** An amount for a chart's caption: small ones keep their significant digits. */
export function chartNumber(v: number): string {
  const a = Math.abs(v);
  return v.toLocaleString("en-US", { maximumFractionDigits: a === 0 || a >= 100 ? 0 : a >= 1 ? 2 : 6 });
}
