import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { MemoryRouter } from "react-router";
import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { BallotInput } from "./BallotInput.tsx";
import { type Ballot, emptyBallot, encodeBallot } from "./model.ts";
import { OnchainResults, OnchainTimeline } from "./OnchainResults.tsx";
import { ProposalList } from "./ProposalList.tsx";

function Harness({ type, onBallot }: { type: Ballot["type"]; onBallot(b: Ballot): void }) {
  const [b, setB] = useState<Ballot>(emptyBallot(type, 3));
  return (
    <BallotInput
      ballot={b}
      choices={["A", "B", "C"]}
      onChange={(x) => {
        setB(x);
        onBallot(x);
      }}
    />
  );
}

describe("BallotInput", () => {
  let last: Ballot | undefined;
  const keep = (b: Ballot) => {
    last = b;
  };
  it("single choice: one radio", () => {
    render(<Harness type="single-choice" onBallot={keep} />);
    fireEvent.click(screen.getByRole("radio", { name: "B" }));
    expect(last && encodeBallot(last)).toEqual({ ok: true, choice: 2, shape: "uint32" });
  });
  it("approval: checkboxes", () => {
    render(<Harness type="approval" onBallot={keep} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "C" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "A" }));
    expect(last && encodeBallot(last)).toEqual({ ok: true, choice: [1, 3], shape: "uint32[]" });
  });
  it("ranked choice: moves choices up and down", () => {
    render(<Harness type="ranked-choice" onBallot={keep} />);
    fireEvent.click(screen.getByRole("button", { name: "Move C up" }));
    fireEvent.click(screen.getByRole("button", { name: "Move A down" }));
    expect(last).toEqual({ type: "ranked-choice", order: [3, 1, 2] });
    expect(screen.getByRole("button", { name: "Move C up" })).toHaveProperty("disabled", true);
  });
  it("weighted: a weight for each choice", () => {
    render(<Harness type="weighted" onBallot={keep} />);
    fireEvent.change(screen.getByLabelText("Weight for B"), { target: { value: "3" } });
    expect(last && encodeBallot(last)).toEqual({ ok: true, choice: '{"2":3}', shape: "string" });
  });
});

describe("OnchainResults", () => {
  it("charts the tally and says whether the quorum is reached", () => {
    render(
      <OnchainResults
        votes={{ for: parseEther("700"), against: parseEther("100"), abstain: 0n }}
        quorum={parseEther("800")}
      />,
    );
    expect(screen.getByRole("figure", { name: "On-chain votes (staked AIDAO)" }).textContent).toContain("700");
    expect(screen.getByText(/Quorum 800 AIDAO/).textContent).toContain("not reached");
  });
  it("shows the timelock's countdown while queued", () => {
    render(<OnchainTimeline state="Queued" snapshot={0} deadline={10} eta={1000 + 7200} now={1000} delay={7200} />);
    expect(screen.getByText("in 2 h")).toBeTruthy();
  });
});

describe("ProposalList", () => {
  it("says what to do when there is nothing", () => {
    render(<ProposalList items={[]} />);
    expect(screen.getByText(/No proposals yet/)).toBeTruthy();
  });
  it("links each proposal to its page with its kind and state", () => {
    render(
      <MemoryRouter>
        <ProposalList
          items={[{ kind: "offchain", id: "0xab", title: "Poll", state: "Active", start: 1, end: 2, summary: "s" }]}
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole("link", { name: "Poll" }).getAttribute("href")).toBe("/proposals/offchain/0xab");
    expect(screen.getByText("Off-chain")).toBeTruthy();
  });
});
