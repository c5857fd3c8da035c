import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { RevenueCard } from "./RevenueCard.tsx";

const USD = "0x5eb3Bc0a489C5A8288765d2336659EbCA68FCd00";
const props = {
  loading: false,
  shares: true,
  bps: 10_000,
  protocolFeeBps: 200,
  incomes: [{ token: USD as `0x${string}`, amount: 280_000n, fee: 5_600n, distributed: 274_400n, count: 1 }],
  meta: () => ({ symbol: "dUSD", decimals: 6 }),
  payouts: [{ token: USD, symbol: "dUSD", decimals: 6, distributed: 274_400n, claimable: 164_640n }],
  connected: true,
  busy: false,
  depositTokens: [{ value: USD, label: "dUSD" }],
  status: null,
};

describe("RevenueCard", () => {
  it("shows the deposited and claimable revenue and claims it", () => {
    const onClaim = vi.fn();
    render(<RevenueCard {...props} onClaim={onClaim} onDeposit={vi.fn()} />);
    expect(screen.getByText("0.28")).toBeTruthy();
    expect(screen.getByText(/fee 0.0056, shared 0.2744/)).toBeTruthy();
    expect(screen.getByText("0.16464")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Claim dUSD revenue" }));
    expect(onClaim).toHaveBeenCalledWith(props.payouts[0]);
  });
  it("disables Claim when nothing is claimable and refuses a bad deposit in words", () => {
    const onDeposit = vi.fn();
    render(
      <RevenueCard
        {...props}
        payouts={[{ ...props.payouts[0], token: USD, claimable: 0n } as (typeof props.payouts)[0]]}
        onClaim={vi.fn()}
        onDeposit={onDeposit}
      />,
    );
    expect((screen.getByRole("button", { name: "Claim dUSD revenue" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Revenue amount"), { target: { value: "abc" } });
    fireEvent.click(screen.getByRole("button", { name: "Deposit revenue" }));
    expect(screen.getByText("Enter a positive amount, e.g. 10 or 2.5")).toBeTruthy();
    expect(onDeposit).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText("Revenue amount"), { target: { value: "2.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Deposit revenue" }));
    expect(onDeposit).toHaveBeenCalledWith(USD, 2_500_000n);
    expect((screen.getByLabelText("Revenue amount") as HTMLInputElement).value).toBe("2.5");
  });
  it("says when no income was paid yet", () => {
    render(<RevenueCard {...props} incomes={[]} payouts={[]} onClaim={vi.fn()} onDeposit={vi.fn()} />);
    expect(screen.getByText(/No income has been paid/)).toBeTruthy();
    expect(screen.getByText(/Nothing has been shared/)).toBeTruthy();
  });
});
