import { treasuryAbi } from "@aidao/sdk";
import { decodeFunctionData, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import {
  buildOnchainProposal,
  checkHubDraft,
  countdown,
  describeChoice,
  emptyBallot,
  encodeBallot,
  type HubProposal,
  type IndexedProposal,
  mergeProposals,
  quorumReached,
  titleOf,
} from "./model.ts";

const C = {
  treasury: "0x4E28184C3F65F6B5BD815d45A2568722e0595a91",
  token: "0xba9E96d08a5173CaA9ebb5959526A88b1D81F949",
  timelock: "0xa37d903aAd4E9D89809C205fA777Ca5BF5E324c0",
} as const;

describe("buildOnchainProposal", () => {
  it("encodes a treasury transfer as Treasury.spend(AIDAO, to, amount) with a Markdown title", () => {
    const r = buildOnchainProposal(
      {
        title: " Pay 9 ",
        body: "why",
        action: "transfer",
        to: "0xa0ee7a142d267c1f36714e4a8f75612f20a79720",
        amount: "12.5",
      },
      C,
    );
    if (!r.ok) throw new Error("refused");
    expect(r.description).toBe("# Pay 9\n\nwhy");
    expect(r.calls.targets).toEqual([C.treasury]);
    const call = decodeFunctionData({ abi: treasuryAbi, data: r.calls.calldatas[0] as `0x${string}` });
    expect(call.functionName).toBe("spend");
    expect(call.args).toEqual([C.token, "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720", parseEther("12.5")]);
  });
  it("makes a text-only proposal an empty call to the timelock", () => {
    const r = buildOnchainProposal({ title: "Hello", body: "", action: "text", to: "", amount: "" }, C);
    expect(r).toEqual({
      ok: true,
      calls: { targets: [C.timelock], values: [0n], calldatas: ["0x"] },
      description: "# Hello",
    });
  });
  it("names every bad field", () => {
    const r = buildOnchainProposal({ title: " ", body: "", action: "transfer", to: "0x12", amount: "-1" }, C);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["amount", "title", "to"]);
  });
});

describe("ballots", () => {
  it("encodes each voting type as the hub wants it", () => {
    expect(encodeBallot({ type: "single-choice", choice: 2 })).toEqual({ ok: true, choice: 2, shape: "uint32" });
    expect(encodeBallot({ type: "basic", choice: null }).ok).toBe(false);
    expect(encodeBallot({ type: "approval", chosen: [3, 1] })).toEqual({ ok: true, choice: [1, 3], shape: "uint32[]" });
    expect(encodeBallot({ type: "ranked-choice", order: [2, 3, 1] })).toEqual({
      ok: true,
      choice: [2, 3, 1],
      shape: "uint32[]",
    });
    expect(encodeBallot({ type: "weighted", weights: ["2", "", "0", "1.5"] })).toEqual({
      ok: true,
      choice: '{"1":2,"4":1.5}',
      shape: "string",
    });
  });
  it("refuses empty or negative weights", () => {
    expect(encodeBallot({ type: "quadratic", weights: ["", "0"] })).toEqual({
      ok: false,
      error: "Give at least one choice a weight above 0.",
    });
    expect(encodeBallot({ type: "weighted", weights: ["-1"] }).ok).toBe(false);
  });
  it("starts a ranking in the proposal's order", () => {
    expect(emptyBallot("ranked-choice", 3)).toEqual({ type: "ranked-choice", order: [1, 2, 3] });
  });
  it("describes stored choices in words", () => {
    const names = ["A", "B", "C"];
    expect(describeChoice("single-choice", 2, names)).toBe("B");
    expect(describeChoice("ranked-choice", [3, 1], names)).toBe("1. C, 2. A");
    expect(describeChoice("approval", [1, 2], names)).toBe("A, B");
    expect(describeChoice("weighted", '{"1":2,"3":1}', names)).toBe("A 2 · C 1");
  });
});

describe("checkHubDraft", () => {
  const now = 1_800_000_000;
  const end = new Date((now + 86_400) * 1000).toISOString();
  it("accepts a poll starting now", () => {
    const r = checkHubDraft({ title: "T", body: "", type: "approval", choices: "a\n\n b ", start: "", end }, now);
    expect(r).toEqual({ ok: true, choices: ["a", "b"], start: now, end: now + 86_400 });
  });
  it("wants three choices for basic, distinct choices, and an end after the start", () => {
    const r = checkHubDraft({ title: "", body: "", type: "basic", choices: "For", start: "", end: "" }, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["choices", "end", "title"]);
    const dup = checkHubDraft({ title: "T", body: "", type: "single-choice", choices: "a\na", start: "", end }, now);
    expect(dup.ok || dup.errors.choices).toBe("Each choice must be different.");
  });
});

describe("list and figures", () => {
  it("merges both kinds, latest voting first, with their states", () => {
    const on = {
      proposalId: "5",
      description: "# Fund it\n\nmore",
      voteStart: "100",
      voteEnd: "200",
      status: "created",
      state: "Queued" as const,
    } as IndexedProposal & { state: "Queued" };
    const off = { id: "0xab", title: "Poll", state: "active", start: 150, end: 300, type: "approval", choices: ["x"] };
    const items = mergeProposals([on], [off as HubProposal], () => "tally");
    expect(items.map((i) => [i.kind, i.title, i.state])).toEqual([
      ["offchain", "Poll", "Active"],
      ["onchain", "Fund it", "Queued"],
    ]);
  });
  it("titles, quorum and countdowns", () => {
    expect(titleOf("## Hi\nbody")).toBe("Hi");
    expect(quorumReached({ for: 10n, abstain: 5n }, 15n)).toBe(true);
    expect(quorumReached({ for: 10n, abstain: 4n }, 15n)).toBe(false);
    expect(countdown(100, 100)).toBe("now");
    expect(countdown(100 + 2 * 86_400 + 3600, 100)).toBe("2 d 1 h");
    expect(countdown(100 + 5400, 100)).toBe("1 h 30 min");
    expect(countdown(145, 100)).toBe("45 s");
  });
});
