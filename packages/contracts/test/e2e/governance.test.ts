import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  castVote,
  castVoteBySig,
  delegate,
  depositToTreasury,
  execute,
  propose,
  queue,
  signBallot,
  stake,
  treasuryAbi,
} from "@aidao/sdk";
import SafeKit from "@safe-global/protocol-kit";
import { network } from "hardhat";
import { encodeFunctionData, erc20Abi, parseEther } from "viem";
import { DAY, deployFixture, fund } from "../fixture.ts";

// protocol-kit is CommonJS with a default export; under ESM it may arrive wrapped once more.
type SafeClass = typeof import("@safe-global/protocol-kit")["default"];
const Safe = ((SafeKit as unknown as { default?: SafeClass }).default ?? SafeKit) as SafeClass;

describe("end to end: stake → delegate → propose → vote → queue → execute, and the Safe within its limits", async () => {
  const connection = await network.create();
  const { networkHelpers } = connection;
  const f = await deployFixture(connection);
  const { alice, bob, carol, owner1, owner2, mallory } = f.wallets;
  const c = f.deployment.contracts;
  const wait = (hash: `0x${string}`) => f.publicClient.waitForTransactionReceipt({ hash });

  await fund(f, [alice.account.address, bob.account.address, carol.account.address]);
  const amount = parseEther("1000000");

  it("gives power only after the minimum staking period, to the chosen delegate", async () => {
    for (const w of [alice, bob, carol]) {
      await wait(
        await w.writeContract({
          address: c.AIDAOToken.address,
          abi: erc20Abi,
          functionName: "approve",
          args: [c.Staking.address, amount],
        }),
      );
      await wait(await stake(w, { staking: c.Staking.address, amount }));
    }
    assert.equal(await f.staking.read.getVotes([alice.account.address]), 0n);
    await networkHelpers.time.increase(7 * DAY + 1);
    assert.equal(await f.staking.read.getVotes([alice.account.address]), amount);
    // Carol lets Bob vote for her once her stake has matured.
    await wait(await delegate(carol, { staking: c.Staking.address, delegatee: bob.account.address }));
    assert.equal(await f.staking.read.getVotes([bob.account.address]), 2n * amount);
    assert.equal(await f.staking.read.getVotes([carol.account.address]), 0n);
    await networkHelpers.mine();
  });

  const grant = parseEther("250000");
  const limit = parseEther("100000");
  const calls = {
    targets: [c.Treasury.address, c.Treasury.address],
    values: [0n, 0n],
    calldatas: [
      encodeFunctionData({
        abi: treasuryAbi,
        functionName: "spend",
        args: [c.AIDAOToken.address, mallory.account.address, grant],
      }),
      encodeFunctionData({
        abi: treasuryAbi,
        functionName: "setSpendingLimit",
        args: [c.AIDAOToken.address, limit, 30 * DAY],
      }),
    ],
  };
  const description = "Grant 250k AIDAO to the demo builder and let the Safe spend 100k AIDAO per 30 days";

  it("passes a treasury proposal through vote, queue and timelocked execution", async () => {
    const { proposalId } = await propose(alice, { governor: c.AIDAOGovernor.address, ...calls, description });
    assert.equal(await f.governor.read.state([proposalId]), 0); // Pending
    await networkHelpers.time.increase(DAY + 1);
    assert.equal(await f.governor.read.state([proposalId]), 1); // Active

    await wait(await castVote(alice, { governor: c.AIDAOGovernor.address, proposalId, support: 1 }));
    // Bob votes by signature; a relayer (mallory) pays the gas, Bob's delegated power counts.
    const ballot = await signBallot(bob, { governor: c.AIDAOGovernor.address, proposalId, support: 1 });
    await wait(await castVoteBySig(mallory, { governor: c.AIDAOGovernor.address, proposalId, support: 1, ...ballot }));
    const [against, forVotes] = await f.governor.read.proposalVotes([proposalId]);
    assert.equal(forVotes, 3n * amount);
    assert.equal(against, 0n);

    await networkHelpers.time.increase(5 * DAY);
    assert.equal(await f.governor.read.state([proposalId]), 4); // Succeeded
    await wait(await queue(alice, { governor: c.AIDAOGovernor.address, ...calls, description }));
    assert.equal(await f.governor.read.state([proposalId]), 5); // Queued
    await assert.rejects(
      execute(alice, { governor: c.AIDAOGovernor.address, ...calls, description }),
      /TimelockUnexpectedOperationState|not in the right state/,
    );

    await networkHelpers.time.increase(2 * DAY + 1);
    const before = await f.token.read.balanceOf([mallory.account.address]);
    await wait(await execute(alice, { governor: c.AIDAOGovernor.address, ...calls, description }));
    assert.equal(await f.governor.read.state([proposalId]), 7); // Executed
    assert.equal((await f.token.read.balanceOf([mallory.account.address])) - before, grant);
    assert.equal(await f.treasury.read.remainingAllowance([c.AIDAOToken.address]), limit);
  });

  it("routes at least 8% of an income to the education fund through the SDK", async () => {
    const income = parseEther("1000");
    const before = await f.token.read.balanceOf([c.EducationFund.address]);
    await wait(
      await depositToTreasury(mallory, {
        treasury: c.Treasury.address,
        token: c.AIDAOToken.address,
        amount: income,
        source: "ProtocolFee",
      }),
    );
    assert.equal((await f.token.read.balanceOf([c.EducationFund.address])) - before, parseEther("80"));
  });

  it("explains a revert from a nested contract in words", async () => {
    await assert.rejects(
      depositToTreasury(alice, {
        treasury: c.Treasury.address,
        token: c.AIDAOToken.address,
        amount: 1n,
        source: "Donation",
      }),
      (e: Error & { errorName?: string; shortMessage?: string }) =>
        e.errorName === "ERC20InsufficientBalance" && /Insufficient balance/.test(e.shortMessage ?? ""),
    );
  });

  it("lets two of three Safe owners spend within the limit, signed with protocol-kit, and refuses above it", async () => {
    const chainId = String(f.deployment.chainId);
    const contractNetworks = { [chainId]: f.deployment.safeInfrastructure };
    const signer1 = await Safe.init({
      provider: connection.provider as never,
      signer: owner1.account.address,
      safeAddress: c.Safe.address,
      contractNetworks,
    });
    const signer2 = await signer1.connect({ signer: owner2.account.address });
    const safeSpend = (value: bigint) =>
      encodeFunctionData({
        abi: treasuryAbi,
        functionName: "safeSpend",
        args: [c.AIDAOToken.address, carol.account.address, value],
      });

    const within = await signer1.createTransaction({
      transactions: [{ to: c.Treasury.address, value: "0", data: safeSpend(parseEther("60000")) }],
    });
    const signedOnce = await signer1.signTransaction(within);
    const signedTwice = await signer2.signTransaction(signedOnce);
    const before = await f.token.read.balanceOf([carol.account.address]);
    const result = await signer2.executeTransaction(signedTwice);
    await wait(result.hash as `0x${string}`);
    assert.equal((await f.token.read.balanceOf([carol.account.address])) - before, parseEther("60000"));
    assert.equal(await f.treasury.read.remainingAllowance([c.AIDAOToken.address]), parseEther("40000"));

    // 50k more would exceed the 100k per 30 days: the Safe transaction itself reverts.
    const above = await signer1.createTransaction({
      transactions: [{ to: c.Treasury.address, value: "0", data: safeSpend(parseEther("50000")) }],
    });
    const aboveSigned = await signer2.signTransaction(await signer1.signTransaction(above));
    await assert.rejects(signer2.executeTransaction(aboveSigned));
    assert.equal(await f.treasury.read.remainingAllowance([c.AIDAOToken.address]), parseEther("40000"));

    // A single owner's signature is not enough (threshold 2).
    const lone = await signer1.signTransaction(
      await signer1.createTransaction({ transactions: [{ to: c.Treasury.address, value: "0", data: safeSpend(1n) }] }),
    );
    await assert.rejects(signer1.executeTransaction(lone));
  });
});
