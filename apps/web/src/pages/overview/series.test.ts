import { describe, expect, it } from "vitest";
import type { IndexedEvent } from "./events.ts";
import { chartNumber, cumulative, incomesOf, incomeTotals, shareBps, stakedDeltas, steps } from "./series.ts";

const ev = (event: string, blockTime: number, args: Record<string, unknown>): IndexedEvent => ({
  id: `${blockTime}-0`,
  blockNumber: blockTime,
  blockTime,
  transactionHash: "0xabc",
  address: "0x1",
  contract: "Treasury",
  event,
  args,
});

describe("income series", () => {
  const events = [
    ev("IncomeReceived", 10, { token: "0xAA", from: "0x1", source: 0, amount: "1000", educationShare: "80" }),
    ev("SafeSet", 11, {}),
    ev("IncomeReceived", 20, { token: "0xaa", from: "0x2", source: 1, amount: "500", educationShare: "40" }),
    ev("IncomeReceived", 20, { token: "0xbb", from: "0x2", source: 1, amount: "100", educationShare: "10" }),
  ];

  it("keeps only incomes and sums them per token with the education share", () => {
    const totals = incomeTotals(incomesOf(events));
    expect(totals).toEqual([
      { token: "0xaa", income: 1500n, education: 120n, count: 2, shareBps: 800 },
      { token: "0xbb", income: 100n, education: 10n, count: 1, shareBps: 1000 },
    ]);
  });

  it("draws a running total with one point per time", () => {
    const rows = [
      { time: 20, delta: 5n },
      { time: 10, delta: 10n },
      { time: 20, delta: 5n },
    ];
    expect(cumulative(rows, 0)).toEqual([
      { x: 10, y: 10 },
      { x: 20, y: 20 },
    ]);
  });

  it("subtracts unstakes from the staked total", () => {
    const d = stakedDeltas([
      ev("Staked", 1, { account: "0x1", amount: "3000000000000000000" }),
      ev("Unstaked", 2, { account: "0x1", amount: "1000000000000000000" }),
      ev("DelegateChanged", 3, {}),
    ]);
    expect(cumulative(d, 18)).toEqual([
      { x: 1, y: 3 },
      { x: 2, y: 2 },
    ]);
  });

  it("computes shares in basis points", () => {
    expect(shareBps(25n, 100n)).toBe(2500);
    expect(shareBps(1n, 0n)).toBe(0);
  });
});

describe("steps", () => {
  it("holds each total until the next change and up to the end", () => {
    expect(
      steps(
        [
          { x: 10, y: 1 },
          { x: 20, y: 3 },
        ],
        30,
      ),
    ).toEqual([
      { x: 10, y: 0 },
      { x: 10, y: 1 },
      { x: 20, y: 1 },
      { x: 20, y: 3 },
      { x: 30, y: 3 },
    ]);
  });
  it("starts from zero at a shared start", () => {
    expect(steps([{ x: 10, y: 1 }], 10, 5)).toEqual([
      { x: 5, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 1 },
    ]);
  });
  it("writes small amounts with their digits", () => {
    expect(chartNumber(0.0056)).toBe("0.0056");
    expect(chartNumber(1234.567)).toBe("1,235");
    expect(chartNumber(12.345)).toBe("12.35");
  });
});
