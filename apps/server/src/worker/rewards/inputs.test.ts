import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress } from "viem";
import { ENGINES, testDatabase } from "../../testing/databases.ts";
import { WorkerError } from "../workerError.ts";
import { contributionsFromDatabase, contributionsFromWorker, type EpochWindow, parseContribution } from "./inputs.ts";

const alice = getAddress("0x00000000000000000000000000000000000000a1");
const bob = getAddress("0x00000000000000000000000000000000000000b0");
// A window in chain time (unix ms): after 1_700_000_000_000, up to and including 1_700_000_600_000.
const WINDOW: EpochWindow = { fromBlock: 10n, toBlock: 20n, after: 1_700_000_000_000, until: 1_700_000_600_000 };

for (const engine of ENGINES) {
  describe(`contributionsFromDatabase (${engine})`, () => {
    it("returns the contributions accepted within the epoch's window, and only those", async () => {
      const { db, drop } = await testDatabase(engine);
      try {
        const rows: Array<[string, string, string, string, number | null]> = [
          // contributor, kind, artifact, status, accepted_at
          [alice, "data", "a1", "accepted", WINDOW.after], // the instant the previous epoch ended: not this one
          [alice, "data", "a2", "accepted", WINDOW.after + 1],
          [bob, "model", "b1", "accepted", WINDOW.until],
          [bob, "data", "b2", "accepted", WINDOW.until + 1],
          [bob, "data", "b3", "submitted", null],
          [alice, "code", "a3", "rejected", null],
        ];
        for (const [contributor, kind, artifact, status, acceptedAt] of rows) {
          await db.run(
            `INSERT INTO worker_contributions (dao_id, model_id, contributor, role, kind, artifact, media_type, label,
               licence, signature, status, created_at, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              "1",
              "1",
              contributor,
              "Data",
              kind,
              artifact,
              "image/jpeg",
              null,
              "CC-BY-4.0",
              "0x",
              status,
              WINDOW.after - 5,
              acceptedAt,
            ],
          );
        }
        const got = await contributionsFromDatabase(db)(WINDOW);
        assert.deepEqual(
          got.map((c) => [c.contributor, c.kind, c.artifact, c.modelId]),
          [
            [alice, "data", "a2", 1n],
            [bob, "model", "b1", 1n],
          ],
        );
      } finally {
        await drop();
      }
    });
  });
}

describe("contributionsFromWorker", () => {
  const item = (over: Record<string, unknown> = {}) => ({
    id: 1,
    daoId: "1",
    modelId: "1",
    contributor: alice.toLowerCase(),
    kind: "data",
    artifact: "ab",
    status: "accepted",
    acceptedAt: WINDOW.until,
    ...over,
  });
  const serving = (status: number, body: unknown) =>
    (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

  it("reads a published list (a bare list or { contributions }) and keeps what was accepted in the window", async () => {
    const list = [
      item(),
      item({ id: 2, status: "submitted", acceptedAt: null }),
      item({ id: 3, acceptedAt: WINDOW.after }),
    ];
    for (const body of [list, { contributions: list }]) {
      const got = await contributionsFromWorker("http://w/", serving(200, body))(WINDOW);
      assert.deepEqual(got, [{ id: 1, modelId: 1n, contributor: alice, kind: "data", artifact: "ab" }]);
    }
  });

  it("asks for the accepted contributions at the worker's route", async () => {
    let asked = "";
    const fetcher = (async (url: string) => {
      asked = url;
      return Response.json([]);
    }) as unknown as typeof fetch;
    await contributionsFromWorker("http://worker:8787//", fetcher)(WINDOW);
    assert.equal(asked, "http://worker:8787/api/worker/contributions?status=accepted");
  });

  it("says which worker failed, and a retry can help", async () => {
    await assert.rejects(
      contributionsFromWorker("http://w", serving(500, {}))(WINDOW),
      (e: unknown) =>
        e instanceof WorkerError && e.code === "CHAIN_UNAVAILABLE" && e.retryable && /HTTP 500/.test(e.message),
    );
    await assert.rejects(
      contributionsFromWorker("http://w", serving(200, { items: [] }))(WINDOW),
      (e: unknown) => e instanceof WorkerError && e.code === "BAD_INPUT" && /did not answer a list/.test(e.message),
    );
  });

  it("rejects a malformed item, naming its field", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ contributor: "0x12" }, "contributor"],
      [{ kind: "photo" }, "kind"],
      [{ artifact: "" }, "artifact"],
      [{ modelId: "-1" }, "modelId"],
      [{ id: 1.5 }, "id"],
      [{ status: 3 }, "status"],
      [{ acceptedAt: "yesterday" }, "acceptedAt"],
    ];
    for (const [over, field] of cases) {
      assert.throws(
        () => parseContribution(item(over), "item"),
        (e: unknown) => e instanceof WorkerError && e.code === "BAD_INPUT" && e.details.field === field,
        field,
      );
    }
  });
});
