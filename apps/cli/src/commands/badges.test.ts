import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import { aidaoGovernorAbi, awardBadgeCall } from "@aidao/sdk";
import { dev, type LocalStack, startLocalStack } from "@aidao/server/testing";
import { type Hex, parseEther } from "viem";
import { type Context, connect } from "../context.ts";
import { UsageError } from "../errors.ts";
import { badgesCommands } from "./badges.ts";

const run = (name: string, ctx: Context, o: Record<string, string | boolean>) => {
  const command = badgesCommands[name];
  if (!command) throw new Error(`no command ${name}`);
  return command.run(ctx, o, []);
};

describe("aidao badges, badges award, badges revoke", () => {
  let stack: LocalStack;
  let ctx: Context;
  let proposer: Context;
  const dir = mkdtempSync(join(tmpdir(), "aidao-badges-cli-"));
  const alice = dev(7).address;
  const bob = dev(8).address;

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    ctx = await connect({ rpc: stack.chain.rpcUrl, deployments: dir, "dev-account": "7" });
    proposer = await connect({ rpc: stack.chain.rpcUrl, deployments: dir, "dev-account": "9" });
  });
  after(() => stack?.stop());

  it("says when an account holds no badge", async () => {
    assert.equal(await run("badges", ctx, {}), `${alice} holds no contributor badges`);
  });

  it("builds the award call, writes it for `aidao propose --calls`, and the main DAO's execution awards the badge", async () => {
    const out = join(dir, "award.json");
    const text = await run("badges award", ctx, { dao: "1", kind: "FirstContribution", to: alice, out });
    assert.match(text, /^Award the FirstContribution badge to 0x[0-9a-fA-F]{40}: the call DAO 1's governance makes/);
    assert.match(text, /next {3}propose it: aidao propose --title ".*" --calls .*award\.json/);
    const file = JSON.parse(readFileSync(out, "utf8")) as { targets: string[]; values: string[]; calldatas: Hex[] };
    const expected = awardBadgeCall(stack.deployment.contracts.ContributorBadges.address, {
      daoId: 1n,
      kind: "FirstContribution",
      holder: alice,
    });
    assert.deepEqual(file, { targets: [expected.target], values: ["0"], calldatas: [expected.data] });
    await stack.asDAO({ target: file.targets[0] as Hex, data: file.calldatas[0] as Hex });

    const mine = await run("badges", ctx, {});
    assert.match(
      mine,
      new RegExp(`^${alice} holds 1 contributor badge:\\n {2}#1 {2}FirstContribution {2}DAO 1 {2}${alice}`),
    );
    const listed = JSON.parse(await run("badges", ctx, { dao: "1", json: true }));
    assert.equal(listed.length, 1);
    assert.equal(listed[0].kindName, "FirstContribution");
    assert.equal(listed[0].holder, alice);
    assert.equal(listed[0].metadata.attributes[0].value, 1, "the on-chain metadata names DAO 1");
    assert.match(await run("badges", ctx, { account: bob }), /holds no contributor badges/);
  });

  it("refuses, before anything is sent, a badge already held, an unknown DAO, a bad kind or holder", async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ dao: "1", kind: "FirstContribution", to: alice }, /already holds DAO 1's FirstContribution badge \(#1\)/],
      [{ dao: "99", kind: "FirstContribution", to: alice }, /--dao: there is no DAO 99/],
      [{ dao: "1", kind: "first contribution", to: alice }, /--kind: "first contribution" is not a badge kind/],
      [{ dao: "1", to: alice }, /--kind is required/],
      [{ dao: "1", kind: "VersionPromoted", to: "0x1234" }, /--to: "0x1234" is not an address/],
      [{ dao: "0", kind: "VersionPromoted", to: alice }, /--dao: "0" is not a positive id/],
    ];
    for (const [o, message] of cases) {
      await assert.rejects(
        run("badges award", ctx, o),
        (e: Error) => e instanceof UsageError && message.test(e.message),
      );
    }
    await assert.rejects(run("badges", ctx, { dao: "42" }), /there is no DAO 42/);
    await assert.rejects(run("badges revoke", ctx, { badge: "7" }), /there is no badge #7/);
  });

  it("proposes an award in the DAO's governor with --propose", async () => {
    await stack.fund(dev(9).address, parseEther("200000"));
    await stack.stake(9, parseEther("150000"));
    await stack.travel(8 * 86_400);
    const r = JSON.parse(
      await run("badges award", proposer, {
        dao: "1",
        kind: "VersionPromoted",
        to: bob,
        propose: true,
        json: true,
        description: "For face v2",
      }),
    );
    const state = await stack.publicClient.readContract({
      address: stack.deployment.contracts.AIDAOGovernor.address,
      abi: aidaoGovernorAbi,
      functionName: "state",
      args: [BigInt(r.proposalId)],
    });
    assert.equal(state, 0, "Pending: the proposal exists");
  });

  it("revokes through the same governance call path", async () => {
    const text = await run("badges revoke", ctx, { badge: "1", reason: "duplicate account" });
    assert.match(text, /^Revoke badge #1 of 0x[0-9a-fA-F]{40}: the call DAO 1's governance makes/);
    const data = /data {3}(0x[0-9a-f]+)/.exec(text)?.[1] as Hex;
    await stack.asDAO({ target: stack.deployment.contracts.ContributorBadges.address, data });
    assert.match(await run("badges", ctx, {}), /holds no contributor badges/);
  });
});
