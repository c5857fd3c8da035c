import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import { hubProposalTypes, hubVoteTypes, SNAPSHOT_DOMAIN } from "@aidao/sdk";
import { type RunningServer, startServer } from "@aidao/server";
import { dev, type LocalStack, startLocalStack } from "@aidao/server/testing";
import { encodeFunctionData, erc20Abi, type Hex, parseEther } from "viem";
import { main } from "../main.ts";

describe("aidao hub", () => {
  let stack: LocalStack;
  let server: RunningServer<"hub">;
  let args: string[];
  let proposal: Hex;
  /** When the first votes were signed (unix s): a vote replacing one must be stamped later. */
  let votedAt = 0;
  /** Seconds the hub's clock is ahead of this machine's (a vote can close without waiting). */
  let offset = 0;
  const dir = mkdtempSync(join(tmpdir(), "aidao-hub-cli-"));

  /** Signs and posts a message as dev account `i`, as any Snapshot client would. */
  const send = async (i: number, types: typeof hubProposalTypes | typeof hubVoteTypes, message: object) => {
    const account = dev(i);
    const primaryType = Object.keys(types)[0] as "Proposal" | "Vote";
    const sig = await account.signTypedData({ domain: SNAPSHOT_DOMAIN, types, primaryType, message } as never);
    const r = await fetch(`${server.url}/api/msg`, {
      method: "POST",
      body: JSON.stringify({ address: account.address, sig, data: { domain: SNAPSHOT_DOMAIN, types, message } }),
    });
    assert.equal(r.status, 200, await r.clone().text());
    return ((await r.json()) as { id: Hex }).id;
  };

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    await stack.stake(5, parseEther("100"));
    await stack.stake(6, parseEther("40"));
    await stack.travel(7 * 86_400 + 10);
    const snapshot = Number(await stack.publicClient.getBlockNumber({ cacheTime: 0 }));
    await stack.travel(1);
    server = await startServer({
      mode: "hub",
      publicClient: stack.publicClient,
      deployment: stack.deployment,
      dataDir: mkdtempSync(join(tmpdir(), "aidao-hub-cli-db-")),
      hubClock: () => Math.floor(Date.now() / 1000) + offset,
    });
    const ts = Math.floor(Date.now() / 1000);
    const from5 = dev(5).address;
    proposal = await send(5, hubProposalTypes, {
      from: from5,
      space: "aidao",
      timestamp: ts,
      type: "single-choice",
      title: "Fund the education partner",
      body: "",
      discussion: "",
      choices: ["Yes", "No"],
      labels: [],
      start: ts,
      end: ts + 3_600,
      snapshot,
      plugins: "{}",
      privacy: "",
      app: "",
    });
    const ballot = { space: "aidao", timestamp: ts, proposal, reason: "", app: "", metadata: "{}" };
    votedAt = ts;
    await send(5, hubVoteTypes, { ...ballot, from: from5, choice: 1 });
    await send(6, hubVoteTypes, { ...ballot, from: dev(6).address, choice: 2 });
    args = ["--rpc", stack.chain.rpcUrl, "--deployments", dir, "--hub", server.url];
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
  });

  it("lists a space's proposals", async () => {
    const r = await main(["hub", "proposals", "--space", "aidao", ...args]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`${proposal}\\s+active\\s+single-choice\\s+Fund the education partner`));
  });

  it("verifies a hub by rebuilding its state from its log", async () => {
    const r = await main(["hub", "verify", "--json", ...args]);
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(JSON.parse(r.out), { messages: 3, proposals: 1, mismatches: [], verified: true });
    const text = await main(["hub", "verify", ...args]);
    assert.match(text.out, /verified 3 messages and 1 proposals/);
  });

  it("sets a space's settings as its admin, and refuses anyone else with the hub's reason", async () => {
    const settings = '{"name":"AIDAO main","votingTypes":["basic","single-choice"],"voting":{"quorum":50}}';
    const byOwner = await main([
      "hub",
      "settings",
      "--space",
      "aidao",
      "--set",
      settings,
      "--dev-account",
      "4",
      ...args,
    ]);
    assert.equal(byOwner.code, 0, byOwner.out);
    assert.match(byOwner.out, /settings of aidao set/);
    assert.match(byOwner.out, /voting types {2}basic, single-choice/);
    assert.match(byOwner.out, /quorum 50/);
    const byOther = await main([
      "hub",
      "settings",
      "--space",
      "aidao",
      "--set",
      settings,
      "--dev-account",
      "7",
      ...args,
    ]);
    assert.equal(byOther.code, 2);
    assert.match(byOther.out, /only an admin of aidao/);
    const bad = await main([
      "hub",
      "settings",
      "--space",
      "aidao",
      "--set",
      "{not json",
      "--dev-account",
      "4",
      ...args,
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.out, /not valid JSON|no such file/);
  });

  it("votes off-chain, writing the choice as the proposal's type wants it", async () => {
    // A later vote replaces an earlier one: stamp it a second after the first.
    while (Math.floor(Date.now() / 1000) <= votedAt) await new Promise((r) => setTimeout(r, 50));
    const r = await main([
      "hub",
      "vote",
      "--proposal",
      proposal,
      "--choice",
      "2",
      "--reason",
      "changed my mind",
      "--dev-account",
      "5",
      ...args,
    ]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /scores now \[0,140\]/);
    const bad = await main(["hub", "vote", "--proposal", proposal, "--choice", "3", "--dev-account", "5", ...args]);
    assert.equal(bad.code, 2);
    assert.match(bad.out, /not a choice of 1\.\.2/);
    const none = await main(["hub", "vote", "--proposal", proposal, "--choice", "1", "--dev-account", "8", ...args]);
    assert.equal(none.code, 2);
    assert.match(none.out, /no voting power/);
  });

  it("says clearly when the hub cannot be reached or the space does not exist", async () => {
    const unreachable = await main(["hub", "verify", ...args, "--hub", "http://127.0.0.1:9"]);
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.out, /cannot reach the hub/);
    const nowhere = await main(["hub", "proposals", "--space", "nowhere", ...args]);
    assert.equal(nowhere.code, 2);
    assert.match(nowhere.out, /no space "nowhere"/);
  });

  it("proposes with a Safe payload, and once it passes, owners sign and anyone executes it", async () => {
    const safe = stack.deployment.contracts.Safe.address;
    await stack.fund(safe, parseEther("50"));
    const payee = dev(8).address;
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [payee, parseEther("5")] });
    const payload = JSON.stringify({ transactions: [{ to: stack.token, value: "0", data }] });
    const proposed = await main([
      "hub",
      "propose",
      "--space",
      "aidao",
      "--title",
      "Pay the auditor",
      "--period",
      "1h",
      "--payload",
      payload,
      "--dev-account",
      "5",
      ...args,
    ]);
    assert.equal(proposed.code, 0, proposed.out);
    assert.match(proposed.out, /executes on the Safe if it passes/);
    const id = /proposal (0x[0-9a-f]{64})/.exec(proposed.out)?.[1] as Hex;
    const ts = Math.floor(Date.now() / 1000);
    const ballot = { space: "aidao", timestamp: ts, proposal: id, reason: "", app: "", metadata: "{}" };
    await send(5, hubVoteTypes, { ...ballot, from: dev(5).address, choice: 1 });
    await send(6, hubVoteTypes, { ...ballot, from: dev(6).address, choice: 2 });
    const early = await main(["hub", "sign", "--proposal", id, "--dev-account", "4", ...args]);
    assert.equal(early.code, 2);
    assert.match(early.out, /not collecting signatures: voting/);

    offset = 3_601;
    const status = await main(["hub", "execution", "--proposal", id, ...args]);
    assert.match(status.out, /collecting/);
    assert.match(status.out, /signed by 0 of 2 needed/);
    const notOwner = await main(["hub", "sign", "--proposal", id, "--dev-account", "7", ...args]);
    assert.equal(notOwner.code, 2);
    assert.match(notOwner.out, /not an owner/i);
    for (const owner of ["4", "6"]) {
      const r = await main(["hub", "sign", "--proposal", id, "--dev-account", owner, ...args]);
      assert.equal(r.code, 0, r.out);
    }
    const balance = () =>
      stack.publicClient.readContract({
        address: stack.token,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [payee],
      });
    const before = await balance();
    const executed = await main(["hub", "execute", "--proposal", id, "--dev-account", "9", ...args]);
    assert.equal(executed.code, 0, executed.out);
    assert.match(executed.out, /executed proposal/);
    assert.equal((await balance()) - before, parseEther("5"));
    assert.match((await main(["hub", "execution", "--proposal", id, ...args])).out, /: executed/);
    const again = await main(["hub", "execute", "--proposal", id, "--dev-account", "9", ...args]);
    assert.equal(again.code, 2);
    assert.match(again.out, /not ready to execute: executed/);
  });
});
