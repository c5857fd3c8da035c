import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import { stakingAbi } from "@aidao/sdk";
import { dev, type LocalStack, startLocalStack } from "@aidao/server/testing";
import { encodeFunctionData, erc20Abi, parseEther } from "viem";
import { main } from "../main.ts";
import { parseCall } from "./governance.ts";

const DAY = 86_400;

describe("aidao propose, vote, queue, execute, proposals (the main DAO, on chain)", () => {
  let stack: LocalStack;
  let args: string[];
  let proposalId: string;
  const dir = mkdtempSync(join(tmpdir(), "aidao-governance-cli-"));
  const run = (...argv: string[]) => main([...argv, ...args]);
  const payee = dev(9).address;
  const balance = () =>
    stack.publicClient.readContract({ address: stack.token, abi: erc20Abi, functionName: "balanceOf", args: [payee] });

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    // Account 5 holds 200k matured staked AIDAO (the threshold to propose is 100k), account 6 holds 50k.
    await stack.stake(5, parseEther("200000"));
    await stack.stake(6, parseEther("50000"));
    await stack.travel(7 * DAY + 10);
    args = ["--rpc", stack.chain.rpcUrl, "--deployments", dir];
  });
  after(() => stack?.stop());

  it("proposes a call of the timelock and shows when voting opens and closes", async () => {
    const r = await run(
      "propose",
      "--title",
      "Pay the auditor",
      "--description",
      "1000 AIDAO from the reserve for the staking audit.",
      "--call",
      `${stack.token}:transfer(address,uint256):${payee},1000e18`,
      "--dev-account",
      "5",
    );
    assert.equal(r.code, 0, r.out);
    proposalId = /^proposed (\d+) to the main DAO \(0x[0-9a-f]{64}, block \d+\)/.exec(r.out)?.[1] as string;
    assert.ok(proposalId, r.out);
    assert.match(r.out, /title {5}Pay the auditor/);
    assert.match(r.out, new RegExp(`call 1 {4}${stack.token} transfer\\(${payee}, 1000e18\\)`));
    assert.match(r.out, /state {5}Pending/);
    assert.match(r.out, /voting {4}opens \d{4}-\d\d-\d\dT.*Z \(in 1 d\)/);
    assert.match(r.out, /closes \d{4}-.*Z \(in 6 d\)/);
  });

  it("refuses a vote before the voting delay, saying when voting opens", async () => {
    const r = await run("vote", "--proposal", proposalId, "--support", "for", "--dev-account", "5");
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /\[GovernorUnexpectedProposalState\]/);
    assert.match(r.out, new RegExp(`proposal ${proposalId} is Pending: voting opens .* \\(in 1 d\\)`));
  });

  it("lists the proposals with their state, votes and voting window", async () => {
    const r = await run("proposals");
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`proposal ${proposalId}\\n {2}title {5}Pay the auditor\\n {2}state {5}Pending`));
    assert.match(r.out, /votes {5}for 0, against 0, abstain 0\n/);
    const listed = JSON.parse((await run("proposals", "--state", "open", "--json")).out);
    assert.equal(listed.length, 1);
    assert.equal(listed[0].proposalId, proposalId);
    assert.equal(listed[0].state, "Pending");
    assert.equal(listed[0].targets[0], stack.token);
    assert.match((await run("proposals", "--state", "executed")).out, /none of the main DAO's 1 proposals is executed/);
  });

  it("votes once voting opens, with the stake delegated at the snapshot, and refuses a second vote", async () => {
    await stack.travel(DAY + 1);
    const yes = await run(
      "vote",
      "--proposal",
      proposalId,
      "--support",
      "for",
      "--reason",
      "audits pay for themselves",
      "--dev-account",
      "5",
    );
    assert.equal(yes.code, 0, yes.out);
    assert.match(yes.out, new RegExp(`voted for on proposal ${proposalId} with 200000 AIDAO`));
    assert.match(yes.out, /state {5}Active: voting closes .* \(in 4 d 23 h\)/);
    const no = await run("vote", "--proposal", proposalId, "--support", "against", "--dev-account", "6");
    assert.equal(no.code, 0, no.out);
    assert.match(no.out, /tally {5}for 200000, against 50000, abstain 0 \(quorum 10000 AIDAO\)/);
    const nobody = await run("vote", "--proposal", proposalId, "--support", "abstain", "--dev-account", "8");
    assert.equal(nobody.code, 0, nobody.out);
    assert.match(nobody.out, /your vote weighs nothing: no matured stake was delegated/);
    const twice = await run("vote", "--proposal", proposalId, "--support", "against", "--dev-account", "5");
    assert.equal(twice.code, 1);
    assert.match(twice.out, /already voted on this proposal\. \[GovernorAlreadyCastVote\]/);
  });

  it("refuses to queue while voting is open", async () => {
    const r = await run("queue", "--proposal", proposalId, "--dev-account", "9");
    assert.equal(r.code, 1);
    assert.match(r.out, /is Active: voting closes/);
  });

  it("queues a passed proposal, refuses to execute it before the timelock delay, then executes it", async () => {
    await stack.travel(5 * DAY + 1);
    const notQueued = await run("execute", "--proposal", proposalId, "--dev-account", "9");
    assert.equal(notQueued.code, 1);
    assert.match(notQueued.out, /\[GovernorUnexpectedProposalState\]/);
    assert.match(notQueued.out, /is Succeeded but not queued: aidao queue --proposal/);

    const queued = await run("queue", "--proposal", proposalId, "--dev-account", "9");
    assert.equal(queued.code, 0, queued.out);
    assert.match(queued.out, /state {5}Succeeded → Queued/);
    assert.match(queued.out, /next {6}executable from .*Z \(in 2 d\)/);

    const early = await run("execute", "--proposal", proposalId, "--dev-account", "9");
    assert.equal(early.code, 1);
    assert.match(early.out, /The timelock has not released this operation\. \[TimelockUnexpectedOperationState\]/);
    assert.match(early.out, /is Queued: executable from .* \(in 2 d\)/);

    await stack.travel(2 * DAY + 1);
    const before = await balance();
    const done = await run("execute", "--proposal", proposalId, "--dev-account", "9", "--json");
    assert.equal(done.code, 0, done.out);
    assert.deepEqual(
      { from: JSON.parse(done.out).from, state: JSON.parse(done.out).state },
      { from: "Queued", state: "Executed" },
    );
    assert.equal((await balance()) - before, parseEther("1000"));
    const again = await run("execute", "--proposal", proposalId, "--dev-account", "9");
    assert.equal(again.code, 1);
    assert.match(again.out, /is Executed: executed: nothing left to do/);
  });

  it("proposes the calls of a --calls file, and refuses a proposer below the threshold", async () => {
    const file = join(dir, "calls.json");
    const data = encodeFunctionData({ abi: stakingAbi, functionName: "setMinStakePeriod", args: [3n * BigInt(DAY)] });
    writeFileSync(
      file,
      JSON.stringify({
        targets: [stack.deployment.contracts.Staking.address],
        values: ["0"],
        calldatas: [data],
      }),
    );
    const weak = await run("propose", "--title", "Shorter stakes", "--calls", file, "--dev-account", "8");
    assert.equal(weak.code, 1);
    assert.match(
      weak.out,
      /Not enough voting power to propose: 0 AIDAO of 100000 AIDAO\. \[GovernorInsufficientProposerVotes\]/,
    );
    assert.match(weak.out, /aidao stake show/);
    const r = await run("propose", "--title", "Shorter stakes", "--calls", file, "--dev-account", "5", "--json");
    assert.equal(r.code, 0, r.out);
    const p = JSON.parse(r.out);
    assert.equal(p.state, "Pending");
    assert.equal(p.title, "Shorter stakes");
    assert.deepEqual(p.calldatas, [data]);
    const same = await run("propose", "--title", "Shorter stakes", "--calls", file, "--dev-account", "5");
    assert.equal(same.code, 1);
    assert.match(same.out, /already proposed: proposal \d+ is Pending/);
    const pending = await run("proposals", "--state", "pending");
    assert.match(pending.out, /title {5}Shorter stakes/);
    assert.doesNotMatch(pending.out, /Pay the auditor/);
  });

  it("parses --call arguments by their ABI types", () => {
    const t = stack.token;
    assert.equal(parseCall(`${t}:pause()`).data, "0x8456cb59");
    assert.equal(parseCall(`${t}:0xdeadbeef`).data, "0xdeadbeef");
    const uri = parseCall(`${t}:setURI(string):ipfs://a,b`);
    assert.equal(uri.label, "setURI(ipfs://a,b)", "a single string takes the whole rest");
    const many = parseCall(
      `${t}:f(address[],bool,uint256,bytes32):[${payee},${payee}],true,1.5e18,0x${"ab".repeat(32)}`,
    );
    assert.equal(many.label, `f([${payee},${payee}], true, 1.5e18, 0x${"ab".repeat(32)})`);
  });

  const usage: Array<[string, string[], RegExp]> = [
    [
      "a proposal without a title",
      ["propose", "--call", "0x0000000000000000000000000000000000000001:pause()"],
      /--title is required/,
    ],
    ["a proposal without calls", ["propose", "--title", "T"], /say what the proposal does/],
    [
      "a call to something that is not an address",
      ["propose", "--title", "T", "--call", "token:pause()"],
      /"token" is not an address/,
    ],
    [
      "a call without a function",
      ["propose", "--title", "T", "--call", "0x0000000000000000000000000000000000000001"],
      /no function/,
    ],
    [
      "a call with a malformed signature",
      ["propose", "--title", "T", "--call", "0x0000000000000000000000000000000000000001:transfer(address uint256):1"],
      /is not a function signature like transfer\(address,uint256\)/,
    ],
    [
      "a call with too few arguments",
      [
        "propose",
        "--title",
        "T",
        "--call",
        "0x0000000000000000000000000000000000000001:transfer(address,uint256):0x0000000000000000000000000000000000000002",
      ],
      /transfer takes 2 arguments, got 1/,
    ],
    [
      "a call with an argument of the wrong type",
      [
        "propose",
        "--title",
        "T",
        "--call",
        "0x0000000000000000000000000000000000000001:transfer(address,uint256):0x0000000000000000000000000000000000000002,ten",
      ],
      /"ten" is not an integer/,
    ],
    [
      "a calls file that does not exist",
      ["propose", "--title", "T", "--calls", "/nonexistent/calls.json"],
      /--calls \/nonexistent\/calls.json: no such file/,
    ],
    [
      "a vote that is not for/against/abstain",
      ["vote", "--proposal", "1", "--support", "yes"],
      /--support must be for, against or abstain/,
    ],
    ["a proposal id that is not one", ["queue", "--proposal", "first"], /is not a proposal id/],
    [
      "a proposal that does not exist",
      ["execute", "--proposal", "12345", "--dev-account", "9"],
      /the main DAO has no proposal 12345/,
    ],
    ["an unknown state", ["proposals", "--state", "won"], /--state: "won" is not open or one of/],
  ];
  for (const [name, argv, message] of usage) {
    it(`refuses ${name} with exit code 2 and says why`, async () => {
      const r = await run(...argv, ...(argv.includes("--dev-account") ? [] : ["--dev-account", "5"]));
      assert.match(r.out, message);
      assert.equal(r.code, 2);
    });
  }
});
