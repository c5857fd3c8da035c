import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ENGINES, type TestDatabase, testDatabase } from "../testing/databases.ts";
import { getContribution, listContributions, rejectContribution, validateContribution } from "./contributions.ts";
import type { WorkerError } from "./workerError.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

for (const engine of ENGINES) {
  describe(`listContributions() (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await testDatabase(engine);
      // Rows as submitContribution writes them (its chain checks are tested over HTTP in worker.test.ts).
      const rows: Array<[string, string, string, string, number]> = [
        ["1", "10", ALICE, "submitted", 1_000],
        ["1", "10", BOB, "accepted", 2_000],
        ["1", "11", ALICE, "rejected", 3_000],
        ["2", "20", BOB, "submitted", 4_000],
      ];
      for (const [i, [dao, model, who, status, at]] of rows.entries())
        await t.db.run(
          `INSERT INTO worker_contributions (dao_id, model_id, contributor, role, kind, artifact, media_type, label,
             licence, signature, status, created_at, accepted_at)
           VALUES (?, ?, ?, 'Data', 'data', ?, 'image/jpeg', ?, 'CC-BY-4.0', '0x', ?, ?, ?)`,
          [
            dao,
            model,
            who,
            String(i).repeat(64),
            i === 0 ? null : "bob",
            status,
            at,
            status === "accepted" ? at : null,
          ],
        );
    });
    after(() => t.drop());

    it("filters by model, status and time window, oldest first", async () => {
      const ids = async (filter: Parameters<typeof listContributions>[1]) =>
        (await listContributions(t.db, filter)).map((c) => c.createdAt);
      assert.deepEqual(await ids({}), [1_000, 2_000, 3_000, 4_000]);
      assert.deepEqual(await ids({ modelId: 10n }), [1_000, 2_000]);
      assert.deepEqual(await ids({ status: "accepted" }), [2_000]);
      assert.deepEqual(await ids({ since: 2_000, until: 4_000 }), [2_000, 3_000]);
      assert.deepEqual(await ids({ modelId: 20n, status: "submitted", since: 0, until: 5_000 }), [4_000]);
      assert.deepEqual(await ids({ modelId: 99n }), []);
    });

    it("returns typed rows: bigint ids, numbers, null label and acceptance", async () => {
      const [first, second] = await listContributions(t.db, { modelId: 10n });
      assert.equal(first?.daoId, 1n);
      assert.equal(first?.modelId, 10n);
      assert.equal(first?.label, null);
      assert.equal(first?.acceptedAt, null);
      assert.equal(second?.acceptedAt, 2_000);
      assert.equal(second?.contributor, BOB);
    });

    it("rejectContribution() rejects a submitted contribution only", async () => {
      const [submitted] = await listContributions(t.db, { modelId: 10n, status: "submitted" });
      assert.equal((await rejectContribution(t.db, submitted?.id as number)).status, "rejected");
      await assert.rejects(
        rejectContribution(t.db, submitted?.id as number),
        (e: WorkerError) => e.code === "BAD_INPUT",
      );
      await assert.rejects(getContribution(t.db, 12345), (e: WorkerError) => e.code === "UNKNOWN_CONTRIBUTION");
    });
  });
}

describe("validateContribution()", () => {
  const good = {
    daoId: 1n,
    modelId: 1n,
    contributor: ALICE,
    role: "Data",
    kind: "data",
    mediaType: "image/jpeg",
    label: "alice",
    licence: "CC-BY-4.0",
  } as const;
  const cases: Array<[string, Record<string, unknown>]> = [
    ["daoId", { daoId: 0n }],
    ["modelId", { modelId: 0n }],
    ["contributor", { contributor: "0x123" }],
    ["role", { role: "Chef" }],
    ["kind", { kind: "video" }],
    ["mediaType", { mediaType: "jpeg" }],
    ["licence", { licence: "" }],
    ["licence", { licence: "<script>" }],
    ["label", { label: "x".repeat(201) }],
    ["label", { label: "line\nbreak" }],
    ["signature", { signature: "0x12" }],
  ];
  for (const [field, change] of cases)
    it(`refuses a bad ${field} (${JSON.stringify(change, (_, v) => (typeof v === "bigint" ? `${v}n` : v)).slice(0, 40)})`, () => {
      assert.throws(
        () => validateContribution({ ...good, ...change } as never),
        (e: WorkerError) => e.code === "BAD_INPUT" && e.details.field === field,
      );
    });
  it("accepts a good one", () => validateContribution(good));
});
