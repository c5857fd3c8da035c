import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { parseEther } from "viem";
import { describe, expect, it, vi } from "vitest";
import { AmountForm, DelegateForm } from "./StakeForms.tsx";

describe("AmountForm", () => {
  const setup = () => {
    const onSubmit = vi.fn();
    render(
      <AmountForm
        label="Amount to stake"
        action="Stake"
        hint="hint"
        busy={false}
        max={{ value: parseEther("10"), message: (m) => `You hold only ${m} AIDAO.` }}
        onSubmit={onSubmit}
      />,
    );
    return onSubmit;
  };
  it("sends a valid amount in wei", () => {
    const onSubmit = setup();
    fireEvent.change(screen.getByLabelText("Amount to stake"), { target: { value: "2.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Stake" }));
    expect(onSubmit).toHaveBeenCalledWith(parseEther("2.5"));
  });
  it("explains a bad amount, sends nothing and keeps what was typed", () => {
    const onSubmit = setup();
    const input = screen.getByLabelText("Amount to stake");
    fireEvent.change(input, { target: { value: "11" } });
    fireEvent.click(screen.getByRole("button", { name: "Stake" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText("You hold only 10 AIDAO.")).toBeTruthy();
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect((input as HTMLInputElement).value).toBe("11");
  });
});

describe("AmountForm after a transaction", () => {
  it("clears the amount once confirmed, keeps it when it failed", async () => {
    let result: unknown;
    render(
      <AmountForm label="Amount to unstake" action="Unstake" hint="" busy={false} onSubmit={async () => result} />,
    );
    const input = screen.getByLabelText("Amount to unstake") as HTMLInputElement;
    fireEvent.change(input, { target: { value: "5" } });
    fireEvent.click(screen.getByRole("button", { name: "Unstake" }));
    await new Promise((r) => setTimeout(r, 0));
    expect(input.value).toBe("5");
    result = { status: "success" };
    fireEvent.click(screen.getByRole("button", { name: "Unstake" }));
    await waitFor(() => expect(input.value).toBe(""));
  });
});

describe("DelegateForm", () => {
  const self = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720" as const;
  it("refuses a malformed address and delegates to oneself in one click", () => {
    const onSubmit = vi.fn();
    render(
      <DelegateForm self={self} busy={false} warning="Part of your stake is still maturing" onSubmit={onSubmit} />,
    );
    fireEvent.change(screen.getByLabelText("Delegate to address"), { target: { value: "0xnope" } });
    fireEvent.click(screen.getByRole("button", { name: "Delegate" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText(/40 hexadecimal digits/)).toBeTruthy();
    expect(screen.getByText("Part of your stake is still maturing")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Delegate to myself" }));
    expect(onSubmit).toHaveBeenCalledWith(self);
  });
});
