import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ProtocolFigures } from "./ProtocolFigures.tsx";

const e18 = 10n ** 18n;

describe("ProtocolFigures", () => {
  it("shows the figures and the staked share of the supply", () => {
    render(
      <ProtocolFigures
        supply={1_000_000n * e18}
        staked={250_000n * e18}
        educationBps={800}
        daoCount={3n}
        openOnChain={2}
        openOffChain={1}
        channels={{ total: 4, open: 3, payments: 5 }}
      />,
    );
    expect(screen.getByText("1,000,000")).toBeTruthy();
    expect(screen.getByText("25% of the supply")).toBeTruthy();
    expect(screen.getByText("8%")).toBeTruthy();
    expect(screen.getByText("2 on chain, 1 off chain")).toBeTruthy();
    expect(screen.getByText("3 open, 5 paid redemptions")).toBeTruthy();
  });

  it("marks what is still being read", () => {
    render(
      <ProtocolFigures
        supply={undefined}
        staked={undefined}
        educationBps={undefined}
        daoCount={undefined}
        openOnChain={undefined}
        openOffChain={undefined}
        channels={undefined}
      />,
    );
    expect(screen.getAllByText("…").length).toBe(6);
  });
});
