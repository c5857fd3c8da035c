import type { VentureRound } from "@aidao/sdk";
import { fireEvent, render, screen } from "@testing-library/react";
import type { Address } from "viem";
import { describe, expect, it, vi } from "vitest";
import { InvestForm, investable } from "./InvestForm.tsx";
import { checkInvestment, type Holding, type InvestInput } from "./investForm.ts";

const DUSD = "0x00000000000000000000000000000000000000d1" as Address;
const FACE = "0x00000000000000000000000000000000000000fa" as Address;
const holding: Holding = { token: DUSD, symbol: "dUSD", decimals: 6, held: 5_000_000_000n }; // 5,000 dUSD
const base: InvestInput = {
  amountText: "1000",
  holding,
  daoId: 3n,
  receiveTokenText: "",
  receiveAmountText: "",
  receiveDecimals: 18,
  terms: "ipfs://terms",
};
const round = (roundId: bigint, state: VentureRound["state"]): VentureRound => ({
  roundId,
  state,
  cap: 10n ** 24n,
  raised: 10n ** 21n,
  closesAt: 1_000n,
  unlocksAt: 2_000n,
  invested: false,
});

describe("checkInvestment", () => {
  it("accepts a positive amount within the round's holdings, in the token's decimals, with terms", () => {
    expect(checkInvestment(base)).toEqual({ ok: true, amount: 1_000_000_000n, terms: "ipfs://terms" });
    expect(checkInvestment({ ...base, amountText: "5000" })).toMatchObject({ ok: true, amount: 5_000_000_000n });
  });

  it("refuses, in words, what the fund or the governor would refuse", () => {
    const refusal = (i: Partial<InvestInput>) => {
      const c = checkInvestment({ ...base, ...i });
      return c.ok ? "accepted" : c.error;
    };
    expect(refusal({ daoId: undefined })).toMatch(/Choose the AI DAO/);
    expect(refusal({ holding: undefined })).toMatch(/holds nothing/);
    expect(refusal({ amountText: " " })).toMatch(/Enter an amount/);
    expect(refusal({ amountText: "0" })).toMatch(/positive amount with at most 6 decimals/);
    expect(refusal({ amountText: "1.0000001" })).toMatch(/at most 6 decimals/);
    expect(refusal({ amountText: "5000.000001" })).toMatch(/holds 5,000(\.0+)? dUSD, less than that/);
    expect(refusal({ terms: "  " })).toMatch(/Give the terms/);
    expect(refusal({ receiveTokenText: FACE })).toMatch(/both the token received and how much/);
    expect(refusal({ receiveAmountText: "10" })).toMatch(/both the token received and how much/);
    expect(refusal({ receiveTokenText: "0x12", receiveAmountText: "10" })).toMatch(/must be a 0x… address/);
    expect(refusal({ receiveTokenText: FACE, receiveAmountText: "-1" })).toMatch(/positive amount received/);
  });

  it("reads the amount received in that token's decimals", () => {
    expect(checkInvestment({ ...base, receiveTokenText: FACE, receiveAmountText: "2.5", receiveDecimals: 18 })).toEqual(
      {
        ok: true,
        amount: 1_000_000_000n,
        receive: { token: FACE, amount: 2_500_000_000_000_000_000n },
        terms: "ipfs://terms",
      },
    );
  });
});

describe("InvestForm", () => {
  const props = {
    holdings: [holding, { token: FACE, symbol: "FACE", decimals: 18, held: 0n }],
    targets: [
      { daoId: 3n, name: "Face DAO" },
      { daoId: 4n, name: "Grant DAO" },
    ],
    receiveDecimals: 18,
    connected: true,
    tx: { status: "idle" } as const,
    busy: false,
    onRound: () => {},
    onReceiveToken: () => {},
  };

  it("offers every round not yet distributing, and says so when none is left", () => {
    expect(
      investable([round(1n, "Distributing"), round(2n, "Locked"), round(3n, "Open")]).map((r) => r.roundId),
    ).toEqual([2n, 3n]);
    render(<InvestForm {...props} rounds={[round(1n, "Distributing")]} onPropose={vi.fn()} />);
    expect(screen.getByText(/every round is distributing/)).toBeTruthy();
  });

  it("keeps what was typed when refused, then proposes the investment with a default description", async () => {
    const onPropose = vi.fn(async () => true);
    render(<InvestForm {...props} rounds={[round(2n, "Locked")]} onPropose={onPropose} />);
    expect(screen.queryByRole("option", { name: "FACE" })).toBeNull(); // the round holds none of it
    const amount = screen.getByLabelText("Amount of dUSD") as HTMLInputElement;
    fireEvent.change(amount, { target: { value: "6000" } });
    fireEvent.click(screen.getByRole("button", { name: "Propose" }));
    expect(onPropose).not.toHaveBeenCalled();
    expect(screen.getByText(/holds 5,000(\.0+)? dUSD, less than that/)).toBeTruthy();
    expect(amount.value).toBe("6000");
    fireEvent.change(amount, { target: { value: "1000" } });
    fireEvent.change(screen.getByLabelText("Invest in"), { target: { value: "4" } });
    fireEvent.change(screen.getByLabelText("Terms"), { target: { value: "ipfs://terms" } });
    fireEvent.click(screen.getByRole("button", { name: "Propose" }));
    expect(onPropose).toHaveBeenCalledWith({
      roundId: 2n,
      daoId: 4n,
      payToken: DUSD,
      amount: 1_000_000_000n,
      terms: "ipfs://terms",
      description: "Invest 1000 dUSD of round 2 in Grant DAO",
    });
    await vi.waitFor(() => expect(amount.value).toBe(""));
  });

  it("says that a proposal for an open round executes only once its deposits close", () => {
    render(<InvestForm {...props} rounds={[round(3n, "Open")]} onPropose={vi.fn()} />);
    expect(screen.getByText(/Round 3 still takes deposits: the investment can execute once they close/)).toBeTruthy();
  });
});
