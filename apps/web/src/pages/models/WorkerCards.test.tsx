import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConfigContext } from "../../config.ts";
import { type ContributionRow, JobsTable, metricsText, summarizeContributions } from "./WorkerCards.tsx";

const A = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const B = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
const row = (contributor: string, status: string, kind = "data"): ContributionRow => ({
  id: 0,
  contributor,
  role: "Data",
  kind,
  label: "person-1",
  licence: "CC-BY-4.0",
  status,
  artifact: "ab".repeat(32),
});

describe("the model's value chain at work", () => {
  it("sums contributions per contributor and status", () => {
    const rows = [
      row(A, "accepted"),
      row(A.toLowerCase(), "accepted"),
      row(A, "submitted"),
      row(B, "rejected", "code"),
    ];
    expect(summarizeContributions(rows)).toEqual([
      { contributor: A, role: "Data", kinds: "data", accepted: 2, submitted: 1, rejected: 0 },
      { contributor: B, role: "Data", kinds: "code", accepted: 0, submitted: 0, rejected: 1 },
    ]);
  });

  it("writes a job's metrics for people", () => {
    expect(metricsText({ accuracy: 0.94736, n_test: 37 })).toBe("accuracy 0.947 · n_test 37");
    expect(metricsText(null)).toBe("");
  });

  it("lists jobs with their state and result, or the error of a failed one", () => {
    const config = { accounts: [{ address: B, label: "trainer" }] } as never;
    render(
      <ConfigContext value={config}>
        <JobsTable
          rows={[
            {
              id: 1,
              kind: "face-recognition.train",
              submitter: B,
              state: "succeeded",
              attempts: 1,
              metrics: { accuracy: 1, n_classes: 3 },
              error: null,
              queuedAt: 1_795_000_000_000,
              finishedAt: 1_795_000_005_000,
            },
            {
              id: 2,
              kind: "face-recognition.train",
              submitter: B,
              state: "failed",
              attempts: 2,
              metrics: null,
              error: "no labelled photos",
              queuedAt: 1_795_000_010_000,
              finishedAt: 1_795_000_011_000,
            },
          ]}
        />
      </ConfigContext>,
    );
    const rows = within(screen.getByRole("table", { name: "Training and evaluation jobs" })).getAllByRole("row");
    expect(rows[1]?.textContent).toMatch(/#1.*succeeded.*accuracy 1 · n_classes 3/);
    expect(rows[2]?.textContent).toMatch(/#2.*failed \(attempt 2\).*no labelled photos/);
  });
});
