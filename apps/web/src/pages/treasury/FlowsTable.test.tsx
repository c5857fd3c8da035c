import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type AppConfig, ConfigContext } from "../../config.ts";
import type { TokenInfo } from "../../lib/useTokenInfo.ts";
import type { IndexedEvent } from "../overview/events.ts";
import { FlowsTable } from "./FlowsTable.tsx";

const config = { accounts: [] } as unknown as AppConfig;
const usd = "0x5eb3bc0a489c5a8288765d2336659ebca68fcd00";
const info = new Map<string, TokenInfo>([[usd, { address: usd, symbol: "dUSD", decimals: 6 }]]);
const ev = (event: string, id: string, args: Record<string, unknown>): IndexedEvent => ({
  id,
  blockNumber: 1,
  blockTime: 1_700_000_000,
  transactionHash: "0x1",
  address: "0x2",
  contract: "Treasury",
  event,
  args,
});

describe("FlowsTable", () => {
  it("lists incomes with their education share and spends, newest first", () => {
    render(
      <ConfigContext value={config}>
        <FlowsTable
          info={info}
          events={[
            ev("IncomeReceived", "1-0", {
              token: usd,
              from: "0x81661c6d4722f8C92dE2AeA2e56817C56e90Cc80",
              source: 1,
              amount: "5600000",
              educationShare: "448000",
            }),
            ev("SafeSet", "1-1", {}),
            ev("Spent", "2-0", {
              token: usd,
              to: "0x81661c6d4722f8C92dE2AeA2e56817C56e90Cc80",
              amount: "1000000",
              bySafe: true,
            }),
          ]}
        />
      </ConfigContext>,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toMatch(/out · by the Safe.*1 dUSD/);
    expect(rows[1]?.textContent).toMatch(/in · donation.*5.6 dUSD.*0.448 dUSD/);
  });

  it("says so when nothing moved", () => {
    render(<FlowsTable info={info} events={[ev("SafeSet", "1-1", {})]} />);
    expect(screen.getByText(/No money has moved/)).toBeTruthy();
  });
});
