import { fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { type AppConfig, ConfigContext } from "../../config.ts";
import { CreateDaoWizard } from "./CreateDaoWizard.tsx";

const A = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
const config = { accounts: [{ address: A, label: "user" }] } as unknown as AppConfig;
const wrap = (ui: ReactNode) => render(<ConfigContext value={config}>{ui}</ConfigContext>);
const next = () => fireEvent.click(screen.getByRole("button", { name: "Next" }));
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("CreateDaoWizard", () => {
  it("refuses to leave a step with errors, keeps what was typed, and creates after the review", () => {
    const onCreate = vi.fn();
    wrap(<CreateDaoWizard protocolFeeBps={200} canCreate={null} busy={false} onCreate={onCreate} />);
    fireEvent.click(screen.getByRole("radio", { name: /Revenue sharing/ }));
    next();
    next();
    expect(screen.getByText("Give the DAO a name")).toBeTruthy();
    expect(screen.getByRole("heading", { name: /Step 2 of 5/ })).toBeTruthy();
    type("DAO name", "Vision DAO");
    next();
    type("Token name", "Vision");
    type("Token symbol", "VIS");
    type("Holder 1 address", "0xnope");
    type("Holder 1 tokens", "10");
    next();
    expect(screen.getByText("Holder 1: enter a 0x… address")).toBeTruthy();
    // Going back and forth loses nothing.
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect((screen.getByLabelText("DAO name") as HTMLInputElement).value).toBe("Vision DAO");
    next();
    expect((screen.getByLabelText("Holder 1 tokens") as HTMLInputElement).value).toBe("10");
    type("Holder 1 address", A);
    next();
    expect(screen.getByRole("heading", { name: /Step 4 of 5: Governance/ })).toBeTruthy();
    next();
    expect(screen.getByText(/pays 2% to the main AIDAO treasury/)).toBeTruthy();
    expect(screen.getByText(/10 VIS/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Create the DAO" }));
    expect(onCreate).toHaveBeenCalledTimes(1);
    expect(onCreate.mock.calls[0]?.[0]).toMatchObject({ name: "Vision DAO", holders: [{ account: A, amount: "10" }] });
  });

  it("shows a consortium's members and says why it cannot create without a wallet", () => {
    wrap(
      <CreateDaoWizard
        protocolFeeBps={0}
        canCreate="Connect a wallet to create a DAO."
        busy={false}
        onCreate={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole("radio", { name: /Consortium/ }));
    next();
    type("DAO name", "Co-op");
    next();
    expect(screen.getByLabelText("Member 1 revenue share (%)")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add a member" }));
    expect(screen.getByLabelText("Member 2 address")).toBeTruthy();
    type("Member 1 address", A);
    type("Member 1 revenue share (%)", "50");
    type("Member 2 address", "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f");
    type("Member 2 revenue share (%)", "40");
    next();
    expect(screen.getByText("The members' shares must add up to 100%, not 90%")).toBeTruthy();
    type("Member 2 revenue share (%)", "50");
    next();
    next();
    expect(screen.getByText(/incomes pay no fee/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Create the DAO" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("Connect a wallet to create a DAO.")).toBeTruthy();
  });
});
