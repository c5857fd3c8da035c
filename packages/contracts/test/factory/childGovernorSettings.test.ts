import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { childGovernorAbi, childTimelockAbi, childTreasuryAbi } from "@aidao/sdk";
import { network } from "hardhat";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  type Hex,
  keccak256,
  parseEther,
  parseEventLogs,
  toHex,
} from "viem";
import { TEMPLATES } from "../../deploy/factory.ts";
import { DAY, deployFixture } from "../fixture.ts";
import { governance, templateData } from "./helpers.ts";

/**
 * A child DAO's settings live in its clones' immutable arguments until its governance changes them; from then on
 * storage overrides them, exactly as if they had been stored from the start.
 */
describe("child DAO governance settings (clone arguments, then storage)", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const f = await deployFixture(connection);
  const { alice, bob, carol } = f.wallets;
  const c = f.deployment.contracts;
  const factory = await viem.getContractAt("AIDAOFactory", c.AIDAOFactory.address);
  const registry = await viem.getContractAt("DAORegistry", c.DAORegistry.address);
  await factory.write.createDAO(
    [
      {
        templateId: TEMPLATES["revenue-sharing"],
        version: 1,
        parentId: 0n,
        name: "Settings DAO",
        daoURI: "ipfs://first",
        salt: keccak256(toHex("settings")),
        governance: governance(0),
        templateData: templateData(f, "revenue-sharing", [alice.account.address, bob.account.address]),
      },
    ],
    { account: alice.account },
  );
  const dao = await registry.read.dao([await registry.read.daoCount()]);
  const governor = await viem.getContractAt("ChildGovernor", dao.governor);
  const timelock = await viem.getContractAt("ChildTimelock", dao.timelock);
  const token = await viem.getContractAt("RevenueShareToken", dao.token);
  await token.write.transfer([carol.account.address, parseEther("1")], { account: alice.account });
  for (const w of [alice, bob, carol]) await token.write.delegate([w.account.address], { account: w.account });
  await networkHelpers.mine();

  let n = 0;
  /** Proposes `calls`, has `voters` vote for, and executes it if it passed; returns the id and the receipt logs. */
  async function decide(calls: Array<{ to: Address; abi: Abi; fn: string; args: unknown[] }>, voters = [alice, bob]) {
    const targets = calls.map((x) => x.to);
    const values = calls.map(() => 0n);
    const calldatas = calls.map((x) =>
      encodeFunctionData({ abi: x.abi, functionName: x.fn, args: x.args } as never),
    ) as Hex[];
    const description = `decision ${n++}`;
    await governor.write.propose([targets, values, calldatas, description], { account: alice.account });
    const id = await governor.read.hashProposal([targets, values, calldatas, keccak256(toHex(description))]);
    await networkHelpers.time.increase(Number(await governor.read.votingDelay()) + 1);
    for (const v of voters) await governor.write.castVote([id, 1], { account: v.account });
    await networkHelpers.time.increase(Number(await governor.read.votingPeriod()) + 1);
    if ((await governor.read.state([id])) !== 4) return { id, logs: [] };
    await governor.write.queue([targets, values, calldatas, keccak256(toHex(description))], { account: alice.account });
    await networkHelpers.time.increase(Number(await timelock.read.getMinDelay()) + 1);
    const hash = await governor.write.execute([targets, values, calldatas, keccak256(toHex(description))], {
      account: alice.account,
    });
    return { id, logs: (await f.publicClient.waitForTransactionReceipt({ hash })).logs };
  }

  it("starts from the creator's choices", async () => {
    assert.equal(await governor.read.votingDelay(), BigInt(DAY));
    assert.equal(await governor.read.votingPeriod(), BigInt(3 * DAY));
    assert.equal(await governor.read.quorumNumerator(), 10n);
    assert.equal(await timelock.read.getMinDelay(), BigInt(DAY));
    assert.equal(await governor.read.name(), "Settings DAO");
  });

  it("changes voting delay, period and threshold by a passed proposal, announcing old and new values", async () => {
    const { logs } = await decide([
      { to: dao.governor, abi: childGovernorAbi as Abi, fn: "setVotingDelay", args: [2 * DAY] },
      { to: dao.governor, abi: childGovernorAbi as Abi, fn: "setVotingPeriod", args: [4 * DAY] },
      { to: dao.governor, abi: childGovernorAbi as Abi, fn: "setProposalThreshold", args: [parseEther("2")] },
    ]);
    const events = parseEventLogs({ abi: childGovernorAbi, logs });
    assert.equal(events.filter((e) => e.eventName === "VotingDelaySet").length, 1, "one event per change");
    const delay = events.find((e) => e.eventName === "VotingDelaySet") as
      | { args: { oldVotingDelay: bigint; newVotingDelay: bigint } }
      | undefined;
    assert.deepEqual([delay?.args.oldVotingDelay, delay?.args.newVotingDelay], [BigInt(DAY), BigInt(2 * DAY)]);
    assert.equal(await governor.read.votingDelay(), BigInt(2 * DAY));
    assert.equal(await governor.read.votingPeriod(), BigInt(4 * DAY));
    assert.equal(await governor.read.proposalThreshold(), parseEther("2"));
    await assert.rejects(
      governor.write.propose([[dao.treasury], [0n], ["0x"], "too small"], { account: carol.account }),
      /GovernorInsufficientProposerVotes/,
    );
  });

  it("keeps a proposal defeated for lack of quorum defeated after governance lowers the quorum", async () => {
    const lonely = await decide(
      [{ to: dao.treasury, abi: childTreasuryAbi as Abi, fn: "setDaoURI", args: ["ipfs://carol"] }],
      [carol],
    );
    assert.equal(await governor.read.state([lonely.id]), 3, "Defeated: 1 of 2000 votes is below 10%");
    const snapshot = await governor.read.proposalSnapshot([lonely.id]);
    await decide([{ to: dao.governor, abi: childGovernorAbi as Abi, fn: "updateQuorumNumerator", args: [0n] }]);
    assert.equal(await governor.read.quorumNumerator(), 0n);
    assert.equal(await governor.read.quorumNumerator([snapshot]), 10n, "the old snapshot still sees the argument");
    assert.equal(await governor.read.state([lonely.id]), 3, "still Defeated");
  });

  it("changes the timelock's delay and the treasury's daoURI and distribution through governance", async () => {
    await decide([
      { to: dao.timelock, abi: childTimelockAbi as Abi, fn: "updateDelay", args: [BigInt(2 * DAY)] },
      { to: dao.treasury, abi: childTreasuryAbi as Abi, fn: "setDaoURI", args: ["ipfs://second"] },
      { to: dao.treasury, abi: childTreasuryAbi as Abi, fn: "setDistribution", args: [dao.token, 5000] },
    ]);
    assert.equal(await timelock.read.getMinDelay(), BigInt(2 * DAY));
    const treasury = await viem.getContractAt("ChildTreasury", dao.treasury);
    assert.equal(await treasury.read.daoURI(), "ipfs://second");
    assert.deepEqual(await treasury.read.distribution(), [dao.token, 5000]);
  });

  it("lets governance grant and revoke extra timelock roles but never revoke its founding ones", async () => {
    const PROPOSER = await timelock.read.PROPOSER_ROLE();
    await decide([
      { to: dao.timelock, abi: childTimelockAbi as Abi, fn: "grantRole", args: [PROPOSER, carol.account.address] },
    ]);
    assert.equal(await timelock.read.hasRole([PROPOSER, carol.account.address]), true);
    await decide([
      { to: dao.timelock, abi: childTimelockAbi as Abi, fn: "revokeRole", args: [PROPOSER, carol.account.address] },
    ]);
    assert.equal(await timelock.read.hasRole([PROPOSER, carol.account.address]), false);
    await networkHelpers.impersonateAccount(dao.timelock);
    await networkHelpers.setBalance(dao.timelock, parseEther("1"));
    await assert.rejects(
      timelock.write.revokeRole([PROPOSER, dao.governor], { account: dao.timelock }),
      /ChildTimelockFoundingRole/,
    );
    assert.equal(await timelock.read.hasRole([PROPOSER, dao.governor]), true);
  });
});
