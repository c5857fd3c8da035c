import { render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { type AppConfig, ConfigContext } from "../../config.ts";
import { ContributorTable, EndpointTable, LifecycleTimeline, ModelTable, StagePath } from "./ModelViews.tsx";
import { type IndexedEvent, paidUnitsSeries, revenueSeries, stepped, timelineOf, usageStart } from "./modelData.ts";

const config = {
  accounts: [{ address: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", label: "data" }],
} as unknown as AppConfig;
const wrap = (ui: ReactNode) =>
  render(
    <ConfigContext.Provider value={config}>
      <MemoryRouter>{ui}</MemoryRouter>
    </ConfigContext.Provider>,
  );

let n = 0;
const ev = (contract: string, event: string, args: Record<string, unknown>, time = 1000 + n): IndexedEvent => ({
  id: `${++n}-0`,
  blockNumber: n,
  blockTime: time,
  transactionHash: "0x",
  contract,
  event,
  args,
});

describe("timelineOf", () => {
  it("keeps the model's own events, endpoint events included, and names the stage moves", () => {
    const events = [
      ev("ModelRegistry", "ModelRegistered", { modelId: "1", daoId: "3", name: "faces" }),
      ev("ModelRegistry", "ModelRegistered", { modelId: "2", daoId: "4", name: "other" }),
      ev("ModelRegistry", "VersionStageChanged", { modelId: "1", versionId: "1", from: 1, to: 2 }),
      ev("ModelRegistry", "EndpointCreated", { endpointId: "7", modelId: "1", versionId: "1" }),
      ev("ModelRegistry", "EndpointActiveSet", { endpointId: "7", active: false }),
      ev("ModelRegistry", "EndpointActiveSet", { endpointId: "8", active: false }),
    ];
    const titles = timelineOf(events, "1").map((e) => e.title);
    expect(titles).toEqual([
      'Registered "faces" by DAO 3',
      "Version 1: Staging → Production",
      "Endpoint 7 opened for version 1",
      "Endpoint 7 switched off",
    ]);
  });
});

describe("usage and revenue series", () => {
  const events = [
    ev("UsageChannels", "Redeemed", { channelId: "0xA", paid: "400000" }, 100),
    ev(
      "UsageChannels",
      "RevenueSplit",
      { modelId: "1", token: "0xT", total: "400000", toContributors: "120000", toDAO: "280000" },
      100,
    ),
    ev("UsageChannels", "Redeemed", { channelId: "0xB", paid: "999" }, 150),
    ev("UsageChannels", "Redeemed", { channelId: "0xa", paid: "150000" }, 200),
    ev(
      "UsageChannels",
      "RevenueSplit",
      { modelId: "2", token: "0xT", total: "5", toContributors: "0", toDAO: "5" },
      200,
    ),
  ];
  it("sums the model's revenue splits and its parts", () => {
    const r = revenueSeries(events, "1", "0xt");
    expect(r.total).toBe(400000n);
    expect(r.toContributors).toBe(120000n);
    expect(r.toDAO).toBe(280000n);
    expect(r.points).toEqual([{ x: 100, y: 400000 }]);
  });
  it("counts paid units per redemption on the model's channels at the endpoint's price", () => {
    const channels = [
      { channelId: "0xa", endpointId: "1", customer: "0x", deposit: "0", paid: "0" },
      { channelId: "0xb", endpointId: "9", customer: "0x", deposit: "0", paid: "0" },
    ];
    const u = paidUnitsSeries(events, channels, new Map([["1", 50000n]]));
    expect(u.total).toBe(11n);
    expect(u.points).toEqual([
      { x: 100, y: 8 },
      { x: 200, y: 11 },
    ]);
  });
  it("draws steps from the start to now", () => {
    expect(stepped([{ x: 100, y: 8 }], 50, 300)).toEqual([
      { x: 50, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 8 },
      { x: 300, y: 8 },
    ]);
    expect(stepped([], 50, 300)).toEqual([]);
  });
});

describe("model views", () => {
  it("lists models with their owner and production version, and says when there are none", () => {
    wrap(
      <ModelTable
        models={[{ id: 1n, name: "faces", daoId: 3n, metadataURI: "", versionCount: 2n, productionVersion: 1n }]}
        daoNames={new Map([["3", "Face DAO"]])}
      />,
    );
    const link = screen.getByRole("link", { name: /faces/ });
    expect(link.getAttribute("href")).toBe("/models/1");
    const row = link.closest("tr") as HTMLElement;
    expect(within(row).getByRole("link", { name: "Face DAO" }).getAttribute("href")).toBe("/daos/3");
    expect(within(row).getByText("v1")).toBeTruthy();
    wrap(<ModelTable models={[]} />);
    expect(screen.getByText(/No model is registered yet/)).toBeTruthy();
  });

  it("shows where each version stands on the stage path", () => {
    wrap(
      <StagePath
        versions={[
          { versionId: 1n, contentHash: "0x", uri: "a", framework: "", license: "", metricsURI: "", stage: 2 },
          { versionId: 2n, contentHash: "0x", uri: "b", framework: "", license: "", metricsURI: "", stage: 1 },
        ]}
      />,
    );
    const path = screen.getByRole("list", { name: "Lifecycle stages" });
    expect(within(path).getByText("Production").closest("li")?.textContent).toContain("v1");
    expect(within(path).getByText("Staging").closest("li")?.textContent).toContain("v2");
    expect(within(path).getByText("Draft").closest("li")?.className).not.toBe("reached");
  });

  it("prints the timeline with times, or an empty state", () => {
    wrap(
      <LifecycleTimeline
        entries={[{ id: "1", time: 1_700_000_000, block: 85, title: "Version 1: Staging → Production" }]}
      />,
    );
    const list = screen.getByRole("list", { name: "Lifecycle timeline" });
    expect(list.textContent).toContain("Staging → Production");
    expect(list.textContent).toContain("block 85");
    expect(list.textContent).toContain("2023");
    wrap(<LifecycleTimeline entries={[]} />);
    expect(screen.getByText(/No event indexed/)).toBeTruthy();
  });

  it("prices endpoints in their token and marks those the gateway serves", () => {
    wrap(
      <EndpointTable
        endpoints={[
          {
            endpointId: 1n,
            versionId: 1n,
            url: "aidao:face-detection",
            unit: "face",
            paymentToken: "0x5eb3Bc0a489C5A8288765d2336659EbCA68FCd00",
            unitPrice: 50000n,
            active: true,
          },
          {
            endpointId: 2n,
            versionId: 1n,
            url: "https://x",
            unit: "call",
            paymentToken: "0x5eb3Bc0a489C5A8288765d2336659EbCA68FCd00",
            unitPrice: 1n,
            active: false,
          },
        ]}
        tokens={new Map([["0x5eb3bc0a489c5a8288765d2336659ebca68fcd00", { symbol: "dUSD", decimals: 6 }]])}
        served={new Set(["1"])}
      />,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows[0]?.textContent).toContain("0.05 dUSD per face");
    expect(rows[0]?.textContent).toContain("served by the gateway");
    expect(rows[1]?.textContent).toContain("inactive");
    expect(rows[1]?.textContent).not.toContain("served by the gateway");
  });

  it("lists contributors with role and share, and the treasury's rest", () => {
    wrap(
      <ContributorTable
        contributors={[
          { account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", role: 0, shareBps: 2000 },
          { account: "0x90F79bf6EB2c4f870365E785982E1f101E93b906", role: 1, shareBps: 1000 },
        ]}
      />,
    );
    const rows = screen.getAllByRole("row");
    expect(rows[1]?.textContent).toMatch(/\(data\).*Data.*20%/);
    expect(rows[2]?.textContent).toMatch(/Model.*10%/);
    expect(rows[3]?.textContent).toContain("70%");
  });
});

describe("usageStart", () => {
  it("is the first channel opened to one of the model's endpoints", () => {
    const events = [
      ev("UsageChannels", "ChannelOpened", { endpointId: "9" }, 10),
      ev("UsageChannels", "ChannelOpened", { endpointId: "1" }, 20),
      ev("UsageChannels", "ChannelOpened", { endpointId: "1" }, 30),
    ];
    expect(usageStart(events, new Map([["1", 1n]]))).toBe(20);
    expect(usageStart(events, new Map([["2", 1n]]))).toBeNull();
  });
});
