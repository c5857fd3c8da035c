import type { ContributorBadge } from "@aidao/sdk";
import { render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { type AppConfig, ConfigContext } from "../../config.ts";
import { BadgeCard, DaoBadgeTables, HeldBadges } from "./BadgeViews.tsx";
import { badgeTotals, extraAttributes, groupByDAO, kindLabel, metadataHref } from "./badgeData.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const config = { accounts: [{ address: BOB, label: "data" }] } as unknown as AppConfig;
const wrap = (ui: ReactNode) => render(<ConfigContext.Provider value={config}>{ui}</ConfigContext.Provider>);
const daoName = (id: bigint) => (id === 1n ? "Main DAO" : `DAO ${id}`);

const badge = (over: Partial<ContributorBadge>): ContributorBadge => ({
  tokenId: 1n,
  daoId: 1n,
  kind: "0x",
  kindName: "FirstContribution",
  holder: ALICE,
  awardedAt: 1_900_000_000n,
  uri: "",
  tokenURI: "",
  metadata: null,
  ...over,
});

describe("kindLabel", () => {
  it.each([
    ["FirstContribution", "First contribution"],
    ["VersionPromoted", "Version promoted"],
    ["Top10Labeller", "Top10 labeller"],
    ["top-labeller_2026", "top-labeller_2026"],
    ["A", "A"],
  ])("%s → %s", (name, label) => expect(kindLabel(name)).toBe(label));
});

describe("groupByDAO", () => {
  it("groups by DAO in id order, each DAO's newest badge first", () => {
    const groups = groupByDAO([
      badge({ tokenId: 1n, daoId: 3n, awardedAt: 10n }),
      badge({ tokenId: 2n, daoId: 1n, awardedAt: 10n }),
      badge({ tokenId: 3n, daoId: 3n, awardedAt: 30n }),
      badge({ tokenId: 4n, daoId: 1n, awardedAt: 10n }),
    ]);
    expect(groups.map((g) => [g.daoId, g.badges.map((b) => b.tokenId)])).toEqual([
      [1n, [4n, 2n]],
      [3n, [3n, 1n]],
    ]);
  });

  it("is empty for no badges", () => expect(groupByDAO([])).toEqual([]));
});

describe("metadata helpers", () => {
  it("links only URIs a browser opens", () => {
    expect(metadataHref(badge({ uri: "https://dao.example/b/1.json" }))).toBe("https://dao.example/b/1.json");
    expect(metadataHref(badge({ uri: "ipfs://bafy" }))).toBeNull();
    expect(metadataHref(badge({ uri: "" }))).toBeNull();
  });

  it("keeps the attributes the page does not already show", () => {
    const b = badge({
      metadata: {
        attributes: [
          { trait_type: "DAO", value: 1 },
          { trait_type: "Kind", value: "FirstContribution" },
          { trait_type: "Dataset", value: "faces-2026" },
          { trait_type: "Empty" },
        ],
      },
    });
    expect(extraAttributes(b)).toEqual([{ label: "Dataset", value: "faces-2026" }]);
  });

  it("counts badges, distinct holders and kinds", () => {
    const list = [
      badge({ holder: ALICE }),
      badge({ holder: ALICE.toLowerCase() as `0x${string}`, kindName: "VersionPromoted" }),
      badge({ holder: BOB }),
    ];
    expect(badgeTotals(list)).toEqual({ badges: 3, holders: 2, kinds: 2 });
  });
});

describe("BadgeCard", () => {
  it("names the kind, the DAO, the id, what it was for, and where its metadata lives", () => {
    wrap(<BadgeCard badge={badge({ tokenId: 7n, daoId: 2n })} daoName={daoName} />);
    const card = screen.getByRole("article", { name: "First contribution badge #7 from DAO 2" });
    expect(within(card).getByRole("heading", { name: "First contribution" })).toBeTruthy();
    expect(card.textContent).toMatch(/From DAO 2 · #7 · /);
    expect(card.textContent).toMatch(/Awarded because their first contribution to the DAO's model was accepted\./);
    expect(card.textContent).toMatch(/metadata on chain/);
  });

  it("links https metadata and shows a DAO's own description", () => {
    wrap(
      <BadgeCard
        badge={badge({
          kindName: "top-labeller",
          uri: "https://dao.example/1.json",
          metadata: { description: "Labelled 1,000 faces" },
        })}
        daoName={daoName}
      />,
    );
    expect(screen.getByRole("link", { name: "metadata" }).getAttribute("href")).toBe("https://dao.example/1.json");
    expect(screen.getByText("Labelled 1,000 faces")).toBeTruthy();
    expect(screen.queryByText(/Awarded because/)).toBeNull();
  });
});

describe("HeldBadges", () => {
  it("says how badges are earned when the account holds none", () => {
    wrap(<HeldBadges badges={[]} daoName={daoName} />);
    expect(screen.getByText(/You hold no badges yet/)).toBeTruthy();
  });

  it("lists each badge", () => {
    wrap(
      <HeldBadges
        badges={[badge({ tokenId: 1n }), badge({ tokenId: 2n, kindName: "VersionPromoted" })]}
        daoName={daoName}
      />,
    );
    const list = screen.getByRole("list", { name: "Your badges" });
    expect(within(list).getAllByRole("article")).toHaveLength(2);
  });
});

describe("DaoBadgeTables", () => {
  it("shows one table per DAO with kind, holder (with demo role) and date", () => {
    const groups = groupByDAO([badge({ tokenId: 1n, holder: BOB }), badge({ tokenId: 2n, daoId: 4n })]);
    wrap(<DaoBadgeTables groups={groups} daoName={daoName} />);
    const main = screen.getByRole("table", { name: "Badges awarded by Main DAO" });
    const rows = within(main).getAllByRole("row");
    expect(rows).toHaveLength(2);
    expect(rows[1]?.textContent).toMatch(/#1First contribution.*\(data\)/);
    expect(screen.getByRole("table", { name: "Badges awarded by DAO 4" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Main DAO (1 badge)" })).toBeTruthy();
  });

  it("says how to award one when no DAO has", () => {
    wrap(<DaoBadgeTables groups={[]} daoName={daoName} />);
    expect(screen.getByText(/No DAO has awarded a badge yet/)).toBeTruthy();
  });
});
