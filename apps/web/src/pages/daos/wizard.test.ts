import { createDAOParams } from "@aidao/sdk";
import { describe, expect, it } from "vitest";
import {
  initialWizard,
  parseDuration,
  percentToBps,
  toCreateParameters,
  validateAll,
  validateStep,
  type WizardState,
} from "./wizard.ts";

const A = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
const B = "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f";
const FACTORY = "0x2B6fbcC2ed4d41B8311d0e1f9903302AC2fB7d1D";

const valid = (patch: Partial<WizardState> = {}): WizardState => ({
  ...initialWizard(),
  name: "Vision DAO",
  tokenName: "Vision",
  symbol: "VIS",
  holders: [
    { account: A, amount: "600" },
    { account: B, amount: "400.5" },
  ],
  ...patch,
});

describe("parseDuration / percentToBps", () => {
  it("reads durations like the CLI", () => {
    expect(parseDuration("3600")).toBe(3600);
    expect(parseDuration("30m")).toBe(1800);
    expect(parseDuration("12h")).toBe(43_200);
    expect(parseDuration("7d")).toBe(604_800);
    expect(parseDuration("7 days")).toBeNull();
    expect(parseDuration("-1h")).toBeNull();
  });
  it("turns percentages into basis points within bounds", () => {
    expect(percentToBps("12.5", 0, 10_000)).toBe(1250);
    expect(percentToBps("100", 0, 10_000)).toBe(10_000);
    expect(percentToBps("100.01", 0, 10_000)).toBeNull();
    expect(percentToBps("0", 1, 10_000)).toBeNull();
    expect(percentToBps("1.234", 0, 10_000)).toBeNull();
  });
});

describe("validateStep", () => {
  it("asks for a name", () => {
    expect(validateStep(1, valid({ name: "  " }))).toEqual({ name: "Give the DAO a name" });
    expect(validateStep(1, valid({ daoURI: "not a uri" })).daoURI).toMatch(/https/);
    expect(validateStep(1, valid())).toEqual({});
  });
  it("checks every holder's address and amount, and duplicates", () => {
    const e = validateStep(
      2,
      valid({
        holders: [
          { account: "0x123", amount: "0" },
          { account: A, amount: "5" },
          { account: A.toLowerCase(), amount: "abc" },
        ],
      }),
    );
    expect(e["holders.0.account"]).toBe("Holder 1: enter a 0x… address");
    expect(e["holders.0.amount"]).toBe("Holder 1: enter a positive amount of tokens");
    expect(e["holders.1.account"]).toBeUndefined();
    expect(e["holders.2.account"]).toBe("Holder 3 is listed twice");
    expect(e["holders.2.amount"]).toMatch(/positive amount/);
  });
  it("needs at least one holder and a symbol", () => {
    const e = validateStep(2, valid({ holders: [], symbol: "TOO-LONG-SYMBOL" }));
    expect(e.holders).toMatch(/at least one holder/);
    expect(e.symbol).toMatch(/1 to 11/);
  });
  it("wants a consortium's shares to add up to 100%", () => {
    const members = [
      { account: A, amount: "60", weight: "1" },
      { account: B, amount: "30", weight: "1" },
    ];
    expect(validateStep(2, valid({ template: "consortium", members })).members).toBe(
      "The members' shares must add up to 100%, not 90%",
    );
    members[1] = { account: B, amount: "40", weight: "1" };
    expect(validateStep(2, valid({ template: "consortium", members }))).toEqual({});
  });
  it("checks a grant's veto and a donation's tokens", () => {
    const g = validateStep(2, valid({ template: "grant", vetoWindow: "soon", vetoQuorumPercent: "0" }));
    expect(Object.keys(g).sort()).toEqual(["vetoQuorumPercent", "vetoWindow"]);
    const d = validateStep(2, valid({ template: "donation", allowed: [{ account: "BTC", amount: "1" }] }));
    expect(d["allowed.0.account"]).toMatch(/ETH or a token/);
  });
  it("checks governance for the chosen mode only", () => {
    expect(validateStep(3, valid({ votingPeriod: "0" })).votingPeriod).toMatch(/positive duration/);
    expect(validateStep(3, valid({ quorumPercent: "101" })).quorumPercent).toMatch(/0 to 100/);
    expect(validateStep(3, valid({ mode: "OffChain", votingPeriod: "0" }))).toEqual({
      safeOwners: "List the Safe's owners, separated by commas",
    });
    expect(validateStep(3, valid({ mode: "Both", safeOwners: `${A}, ${B}`, safeThreshold: "3" })).safeThreshold).toBe(
      "A number of signatures from 1 to 2",
    );
  });
});

describe("toCreateParameters", () => {
  it("gives the SDK what the CLI would for a revenue-sharing DAO", () => {
    const s = valid({ votingDelay: "1h", votingPeriod: "2d", quorumPercent: "10" });
    expect(validateAll(s)).toEqual({});
    const p = toCreateParameters(s, FACTORY, "salt");
    expect(p.governance).toEqual({
      mode: "OnChain",
      votingDelay: 3600,
      votingPeriod: 172_800,
      quorumPercent: 10,
      proposalThreshold: 0n,
      timelockDelay: 172_800,
    });
    expect(p.template).toEqual({
      template: "revenue-sharing",
      name: "Vision",
      symbol: "VIS",
      holders: [
        { account: A, amount: 600n * 10n ** 18n },
        { account: B, amount: 4005n * 10n ** 17n },
      ],
    });
    expect(() => createDAOParams(p)).not.toThrow();
  });
  it("encodes an off-chain consortium the SDK accepts", () => {
    const s = valid({
      template: "consortium",
      weighted: true,
      members: [
        { account: A, amount: "75", weight: "3" },
        { account: B, amount: "25", weight: "1" },
      ],
      mode: "OffChain",
      safeOwners: `${A},${B}`,
      safeThreshold: "2",
    });
    expect(validateAll(s)).toEqual({});
    const p = toCreateParameters(s, FACTORY, "salt");
    expect(p.template).toMatchObject({ weightedByStake: true, members: [{ revenueShareBps: 7500, weight: 3n }, {}] });
    expect(createDAOParams(p).governance.safeThreshold).toBe(2n);
  });
});
