import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import { dev, type LocalStack, startLocalStack } from "@aidao/server/testing";
import { erc20Abi, parseEther } from "viem";
import { main } from "../main.ts";

describe("aidao stake, unstake, delegate, stake show", () => {
  let stack: LocalStack;
  let args: string[];
  const dir = mkdtempSync(join(tmpdir(), "aidao-stake-cli-"));
  const run = (...argv: string[]) => main([...argv, ...args]);
  const alice = dev(7).address;
  const bob = dev(8).address;

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    await stack.fund(alice, parseEther("1000"));
    args = ["--rpc", stack.chain.rpcUrl, "--deployments", dir];
  });
  after(() => stack?.stop());

  it("stakes, approving the Staking contract first, and says when the stake counts", async () => {
    const r = await run("stake", "--amount", "100", "--dev-account", "7");
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^staked 100 AIDAO \(0x[0-9a-f]{64}\)/);
    assert.match(r.out, /counts for voting and can be withdrawn in 7 d \(.*\), after the 7 d minimum period/);
    assert.match(r.out, new RegExp(`delegate {2}${alice} \\(itself\\)`), "a first stake delegates to itself");
  });

  it("shows an account's stake: matured part, voting power now, maturity and delegate", async () => {
    const r = await run("stake", "show", "--account", alice);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /staked +100 AIDAO \(0 AIDAO matured, withdrawable\)/);
    assert.match(r.out, /maturity +100 AIDAO matures in 7 d \(/);
    assert.match(r.out, /voting +0 AIDAO of voting power now/);
    assert.match(r.out, /wallet +900 AIDAO/);
    const mine = JSON.parse((await run("stake", "show", "--json", "--dev-account", "7")).out);
    assert.equal(mine.account, alice, "without --account: the signer's own");
    assert.equal(mine.staked, parseEther("100").toString());
    assert.equal(mine.delegate, alice);
  });

  it("refuses to unstake or re-delegate a stake that has not matured, saying until when", async () => {
    const early = await run("unstake", "--amount", "10", "--dev-account", "7");
    assert.equal(early.code, 1, early.out);
    assert.match(
      early.out,
      /Stake not matured: you asked for 10 AIDAO but only 0 AIDAO .* \[StakingInsufficientMatured\]/,
    );
    assert.match(early.out, /has 100 AIDAO staked, 0 AIDAO matured; 100 AIDAO matures in 7 d/);
    const moved = await run("delegate", "--to", bob, "--dev-account", "7");
    assert.equal(moved.code, 1, moved.out);
    assert.match(moved.out, /\[StakingDelegateWhileMaturing\]/);
    assert.match(moved.out, /stake matures in 7 d .*: delegate then/);
  });

  it("counts matured stake as voting power, unstakes it, and refuses more than has matured", async () => {
    await stack.travel(7 * 86_400 + 10);
    const shown = await run("stake", "show", "--account", alice);
    assert.match(shown.out, /voting +100 AIDAO of voting power now/);
    assert.match(shown.out, /maturity +all matured/);
    const balance = () =>
      stack.publicClient.readContract({
        address: stack.token,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [alice],
      });
    const before = await balance();
    const r = await run("unstake", "--amount", "30", "--dev-account", "7");
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /unstaked 30 AIDAO/);
    assert.match(r.out, /staked {4}70 AIDAO left, 70 AIDAO matured/);
    assert.equal((await balance()) - before, parseEther("30"), "the principal comes back exactly");
    const tooMuch = await run("unstake", "--amount", "70.5", "--dev-account", "7");
    assert.equal(tooMuch.code, 1);
    assert.match(tooMuch.out, /you asked for 70\.5 AIDAO but only 70 AIDAO can be withdrawn now/);
  });

  it("delegates to another account and back to itself (the default)", async () => {
    const r = await run("delegate", "--to", bob, "--dev-account", "7");
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`delegated the stake of ${alice} \\(70 AIDAO\\) to ${bob}`));
    assert.match((await run("stake", "show", "--account", bob)).out, /voting +70 AIDAO of voting power now/);
    assert.match((await run("stake", "show", "--account", alice)).out, new RegExp(`delegate +${bob}\\n`));
    const back = await run("delegate", "--dev-account", "7");
    assert.equal(back.code, 0, back.out);
    assert.match(back.out, /to itself/);
    assert.match(back.out, /votes {5}70 AIDAO delegated to/);
  });

  it("refuses to stake more than the wallet holds, before sending anything", async () => {
    const r = await run("stake", "--amount", "5000", "--dev-account", "7");
    assert.equal(r.code, 1);
    assert.match(r.out, /Insufficient balance: .* holds 930 AIDAO, staking needs 5000 AIDAO/);
  });

  it("prints a command's usage with --help", async () => {
    const r = await main(["stake", "--help"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /usage: aidao stake --amount 100/);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ["an amount that is not one", ["stake", "--amount", "lots", "--dev-account", "7"], /is not an amount/],
    ["a zero amount", ["unstake", "--amount", "0", "--dev-account", "7"], /--amount must be more than 0/],
    ["a missing amount", ["stake", "--dev-account", "7"], /--amount is required/],
    ["a delegate that is not an address", ["delegate", "--to", "0x12", "--dev-account", "7"], /is not an address/],
    ["a read with no account and no key", ["stake", "show"], /--account is required/],
    ["a write without a key", ["stake", "--amount", "1"], /AIDAO_PRIVATE_KEY/],
    ["a verb that does not exist", ["stake", "shw", "--account", alice], /Unexpected argument 'shw'/],
  ];
  for (const [name, argv, message] of usage) {
    it(`refuses ${name} with exit code 2 and says why`, async () => {
      const r = await run(...argv);
      assert.match(r.out, message);
      assert.equal(r.code, 2);
      assert.match(r.out, /usage: aidao/);
    });
  }
});
