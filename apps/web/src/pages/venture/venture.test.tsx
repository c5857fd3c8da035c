import type { VentureRound } from "@aidao/sdk";
import { fireEvent, render, screen } from "@testing-library/react";
import { parseEther } from "viem";
import { describe, expect, it, vi } from "vitest";
import { CombinedResult } from "./CombinedResult.tsx";
import { combine, type Tally } from "./combined.ts";
import { DepositForm } from "./DepositForm.tsx";
import { checkDeposit, type DepositInput, quote } from "./depositForm.ts";
import { parseTokenUri } from "./metadata.ts";
import { claimBlocker } from "./ReceiptsTable.tsx";
import { RoundsTable } from "./RoundsTable.tsx";
import type { DepositToken, ReceiptRow } from "./useVenture.ts";

const e = (n: number) => parseEther(String(n));
const tally = (t: Partial<Tally>): Tally => ({
  investorFor: 0n,
  investorAgainst: 0n,
  investorAbstain: 0n,
  holderFor: 0n,
  holderAgainst: 0n,
  holderAbstain: 0n,
  ...t,
});
const weights = { investors: 60, holders: 40 };

describe("the 60/40 combination", () => {
  it("normalises each side to its own votes cast, then weights them 60/40 (the seeded demo's figures)", () => {
    const c = combine(
      tally({ investorFor: e(30_000), investorAgainst: e(20_000), holderFor: e(700_000), holderAgainst: e(100_000) }),
      weights,
      { investors: e(2_000), holders: e(32_000) },
    );
    expect(c.investors.forShare).toBe(60);
    expect(c.investors.forPoints).toBeCloseTo(36);
    expect(c.holders.forShare).toBe(87.5);
    expect(c.holders.forPoints).toBeCloseTo(35);
    expect(c.forPoints).toBeCloseTo(71);
    expect(c.againstPoints).toBeCloseTo(29);
    expect(c.passing).toBe(true);
  });

  it("a small side counts as much as its weight: investors 1 to 0 outweigh stakers 0 to 1,000,000", () => {
    const c = combine(tally({ investorFor: 1n, holderAgainst: e(1_000_000) }), weights, { investors: 0n, holders: 0n });
    expect(c.forPoints).toBe(60);
    expect(c.againstPoints).toBe(40);
    expect(c.passing).toBe(true);
  });

  it("a side nobody voted on adds nothing, and abstentions count only toward quorum", () => {
    const c = combine(tally({ holderFor: e(1), holderAbstain: e(5) }), weights, { investors: e(1), holders: e(6) });
    expect(c.investors.forShare).toBeNull();
    expect(c.investors.forPoints + c.investors.againstPoints).toBe(0);
    expect(c.holders.quorumReached).toBe(true);
    expect(c.investors.quorumReached).toBe(false);
    expect(c.passing).toBe(false);
  });

  it("an exact tie does not pass", () => {
    const c = combine(
      tally({ investorFor: e(1), investorAgainst: e(1), holderFor: e(3), holderAgainst: e(3) }),
      weights,
      {
        investors: 0n,
        holders: 0n,
      },
    );
    expect(c.passing).toBe(false);
  });

  it("shows both sides with their yes/no, quorum and the combined result", () => {
    const c = combine(
      tally({ investorFor: e(30_000), investorAgainst: e(20_000), holderFor: e(700_000), holderAgainst: e(100_000) }),
      weights,
      { investors: e(2_000), holders: e(1_000_000) },
    );
    render(<CombinedResult combined={c} />);
    const investors = screen.getByRole("region", { name: "Venture investors (60%)" });
    expect(investors.textContent).toContain("60% of its votes cast");
    expect(investors.textContent).toContain("reached");
    const holders = screen.getByRole("region", { name: "AIDAO stakers (40%)" });
    expect(holders.textContent).toContain("not reached");
    expect(screen.getByText("not passing")).toBeTruthy();
    expect(screen.getByText("71.00 pts for")).toBeTruthy();
  });
});

const token: DepositToken = {
  address: "0x5eb3Bc0a489C5A8288765d2336659EbCA68FCd00",
  symbol: "dUSD",
  decimals: 6,
  price: e(1),
  balance: 1_000_000_000n,
  allowance: 0n,
};
const base: DepositInput = {
  amountText: "100",
  minValueText: "",
  decimals: 6,
  symbol: "dUSD",
  price: e(1),
  balance: 1_000_000_000n,
  room: e(1_000_000),
  open: true,
};

describe("the deposit check", () => {
  it("quotes the value like the fund (amount × price, in the token's decimals)", () => {
    expect(quote(2_500_000n, e(2), 6)).toBe(e(5));
    expect(checkDeposit(base)).toEqual({ ok: true, amount: 100_000_000n, value: e(100), minValue: e(100) });
  });

  it("refuses bad amounts, a short balance, the cap, a stale price and a minimum above the value, in words", () => {
    const err = (i: Partial<DepositInput>) => {
      const r = checkDeposit({ ...base, ...i });
      return r.ok ? "ok" : r.error;
    };
    expect(err({ amountText: "abc" })).toMatch(/positive amount with at most 6 decimals/);
    expect(err({ amountText: "1.0000001" })).toMatch(/at most 6 decimals/);
    expect(err({ amountText: "2000" })).toMatch(/You hold 1,000 dUSD/);
    expect(err({ room: e(50) })).toMatch(/room for \$50 only/);
    expect(err({ price: null })).toMatch(/no current price/);
    expect(err({ minValueText: "101" })).toMatch(/worth \$100, below your minimum of \$101/);
    expect(err({ open: false })).toMatch(/no longer takes deposits/);
    expect(checkDeposit({ ...base, minValueText: "99.5" })).toMatchObject({ ok: true, minValue: e(99.5) });
  });

  it("keeps the values typed when a deposit is refused, and sends only a valid one", () => {
    const onDeposit = vi.fn(async () => false);
    const round: VentureRound = {
      roundId: 1n,
      state: "Open",
      cap: e(1_000),
      raised: e(950),
      closesAt: 10n,
      unlocksAt: 20n,
      invested: false,
    };
    render(
      <DepositForm
        rounds={[round]}
        tokens={[token]}
        connected
        tx={{ status: "idle" }}
        busy={false}
        onDeposit={onDeposit}
      />,
    );
    const amount = screen.getByLabelText("Amount of dUSD") as HTMLInputElement;
    fireEvent.change(amount, { target: { value: "60" } });
    fireEvent.click(screen.getByRole("button", { name: "Deposit" }));
    expect(onDeposit).not.toHaveBeenCalled();
    expect(screen.getByText(/room for \$50 only/)).toBeTruthy();
    expect(amount.value).toBe("60");
    fireEvent.change(amount, { target: { value: "40" } });
    expect(screen.getByText(/Credited value: \$40\./)).toBeTruthy();
    expect(screen.getByText(/first approves the fund for 40 dUSD/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Deposit" }));
    expect(onDeposit).toHaveBeenCalledWith({ roundId: 1n, token, amount: 40_000_000n, minValue: e(40) });
  });
});

describe("rounds and receipts", () => {
  it("lists a round's state in its life, raised of cap and deadlines; says when there is none", () => {
    const { rerender } = render(<RoundsTable rounds={[]} now={0} />);
    expect(screen.getByText(/No rounds yet/)).toBeTruthy();
    rerender(
      <RoundsTable
        rounds={[
          {
            roundId: 1n,
            state: "Locked",
            cap: e(1000),
            raised: e(250),
            closesAt: 100n,
            unlocksAt: 200n,
            invested: false,
          },
        ]}
        now={150}
      />,
    );
    expect(screen.getByText("$250 of $1,000")).toBeTruthy();
    expect(screen.getByRole("progressbar", { name: "Round 1: 25% of its cap raised" })).toBeTruthy();
    const current = screen.getByRole("list", { name: "Round 1 life" }).querySelector("[aria-current=step]");
    expect(current?.textContent).toBe("locked");
  });

  it("a receipt can claim only once its round distributes", () => {
    const receipt = { roundId: 1n } as ReceiptRow;
    expect(claimBlocker(receipt, { state: "Open", unlocksAt: 1_800_000_000n })).toMatch(/open for deposits/);
    expect(claimBlocker(receipt, { state: "Investing", unlocksAt: 1n })).toMatch(/investing/);
    expect(claimBlocker(receipt, { state: "Distributing", unlocksAt: 1n })).toBeNull();
  });

  it("decodes a receipt's on-chain metadata and refuses anything else", () => {
    const json = JSON.stringify({
      name: "AIDAO Venture Receipt #2",
      description: "A deposit",
      image: "data:image/svg+xml;base64,PHN2Zy8+",
      attributes: [{ trait_type: "Round", value: 1 }],
    });
    const uri = `data:application/json;base64,${btoa(json)}`;
    expect(parseTokenUri(uri)).toMatchObject({ name: "AIDAO Venture Receipt #2", attributes: [{ value: 1 }] });
    expect(parseTokenUri("https://example.com/1.json")).toBeNull();
    expect(parseTokenUri("data:application/json;base64,!!!")).toBeNull();
  });
});
