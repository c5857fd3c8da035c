import { fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import type { Address } from "viem";
import { describe, expect, it, vi } from "vitest";
import { type AppConfig, ConfigContext } from "../../config.ts";
import { SafeTxCard } from "./SafeTxCard.tsx";
import { type ExecutionStatus, safeActions } from "./safeTx.ts";

const owner4 = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as Address;
const owner5 = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" as Address;
const owner6 = "0x976EA74026E726554dB657fA54763abd0C3a0aa9" as Address;
const safe = "0xD9984D2cA81a6d294Db9825818D136078c4393e9" as Address;

const config = {
  accounts: [
    { address: owner4, label: "Safe owner 1" },
    { address: owner5, label: "Safe owner 2" },
  ],
} as unknown as AppConfig;
const wrap = (ui: ReactNode) => render(<ConfigContext value={config}>{ui}</ConfigContext>);

const status: ExecutionStatus = {
  proposal: "0xabc",
  state: "collecting",
  payload: { safe, chainId: 31337, transactions: [{ to: owner6, value: "1500000000000000000", data: "0x" }] },
  owners: [owner4, owner5, owner6],
  threshold: 2,
  signatures: [{ owner: owner4, signature: "0x01" }],
};

describe("SafeTxCard", () => {
  it("shows who signed and lets an owner who has not signed sign", () => {
    const onSign = vi.fn();
    const can = safeActions(status, owner5);
    wrap(
      <SafeTxCard
        title="Pay the auditor"
        status={status}
        canSign={can.sign}
        canExecute={can.execute}
        busy={false}
        onSign={onSign}
        onExecute={() => {}}
      />,
    );
    expect(screen.getByText("Signed by 1 of 2 needed")).toBeTruthy();
    expect(screen.getByRole("list", { name: "Owners' signatures" }).textContent).toMatch(
      /Safe owner 1.*signed.*not yet/,
    );
    expect(screen.getByText(/with 1.5 ETH/)).toBeTruthy();
    const execute = screen.getByRole("button", { name: "Execute" }) as HTMLButtonElement;
    expect(execute.disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Sign as owner" }));
    expect(onSign).toHaveBeenCalledOnce();
  });

  it("refuses a second signature from the same owner and says why", () => {
    const can = safeActions(status, owner4);
    wrap(
      <SafeTxCard
        title="Pay the auditor"
        status={status}
        canSign={can.sign}
        canExecute={can.execute}
        busy={false}
        onSign={() => {}}
        onExecute={() => {}}
      />,
    );
    expect((screen.getByRole("button", { name: "Sign as owner" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/You have signed it/)).toBeTruthy();
  });

  it("lets anyone execute once the threshold is met", () => {
    const ready: ExecutionStatus = {
      ...status,
      state: "ready",
      signatures: [...(status.signatures ?? []), { owner: owner5, signature: "0x02" }],
      execute: { to: safe, data: "0x6a761202" },
    };
    const onExecute = vi.fn();
    const can = safeActions(ready, "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955");
    wrap(
      <SafeTxCard
        title="Pay the auditor"
        status={ready}
        canSign={can.sign}
        canExecute={can.execute}
        busy={false}
        onSign={() => {}}
        onExecute={onExecute}
      />,
    );
    expect(screen.getByText("ready to execute")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Execute" }));
    expect(onExecute).toHaveBeenCalledOnce();
  });
});
