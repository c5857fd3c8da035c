import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  type Address,
  encodeAbiParameters,
  encodeFunctionData,
  type Hash,
  type Hex,
  keccak256,
  parseAbiParameters,
  parseEther,
  parseEventLogs,
  toHex,
  zeroAddress,
  zeroHash,
} from "viem";
import { TEMPLATES } from "../../deploy/factory.ts";
import { DAY, deployFixture, fund } from "../fixture.ts";

/**
 * A child DAO's governance is configured by clone arguments (ChildGovernor: delay, period, threshold, quorum;
 * ChildTimelock: founding roles, minimum delay; ChildTreasury: distribution, daoURI). Once governance changes one,
 * storage overrides the argument. These tests check the overrides behave exactly like plain storage would: events,
 * reads, history and the proposals that follow.
 */

const State = { Pending: 0, Active: 1, Defeated: 3, Succeeded: 4, Queued: 5, Executed: 7 } as const;
const ARGS = { votingDelay: DAY, votingPeriod: 3 * DAY, proposalThreshold: 0n, quorumPercent: 10, timelockDelay: DAY };

describe("child DAO governance: clone-argument settings overridden by governance", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const f = await deployFixture(connection);
  const { alice, bob, carol, mallory } = f.wallets;
  const dave = (await viem.getWalletClients())[11] as typeof alice;
  const c = f.deployment.contracts;
  const factory = await viem.getContractAt("AIDAOFactory", c.AIDAOFactory.address);
  const registry = await viem.getContractAt("DAORegistry", c.DAORegistry.address);
  const wait = (hash: Hash) => f.publicClient.waitForTransactionReceipt({ hash });
  const token = c.AIDAOToken.address;
  const now = async () => (await f.publicClient.getBlock()).timestamp;
  await fund(f, [mallory.account.address]);

  /**
   * A revenue-sharing DAO with on-chain governance (mode OnChain, or Both with a 1-of-1 Safe owned by owner1):
   * Alice 1000, Bob 1000, Carol 100 (all self-delegated).
   */
  async function createDAO(mode: 0 | 2 = 0) {
    const name = `child ${Math.random()}`;
    const params = {
      templateId: TEMPLATES["revenue-sharing"],
      version: 1,
      parentId: 0n,
      name,
      daoURI: "ipfs://argument",
      salt: keccak256(toHex(name)),
      governance:
        mode === 0
          ? { mode, ...ARGS, safeOwners: [], safeThreshold: 0n }
          : { mode, ...ARGS, safeOwners: [f.wallets.owner1.account.address], safeThreshold: 1n },
      templateData: encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[]"), [
        "Child",
        "CHLD",
        [alice.account.address, bob.account.address, carol.account.address],
        [parseEther("1000"), parseEther("1000"), parseEther("100")],
      ]),
    };
    const receipt = await wait(await factory.write.createDAO([params], { account: alice.account }));
    const [created] = parseEventLogs({ abi: factory.abi, logs: receipt.logs, eventName: "DAOCreated" });
    assert.ok(created);
    const dao = await registry.read.dao([created.args.daoId]);
    const votes = await viem.getContractAt("RevenueShareToken", dao.token);
    for (const w of [alice, bob, carol]) {
      await wait(await votes.write.delegate([w.account.address], { account: w.account }));
    }
    await networkHelpers.mine();
    return {
      daoId: created.args.daoId,
      dao,
      governor: await viem.getContractAt("ChildGovernor", dao.governor),
      timelock: await viem.getContractAt("ChildTimelock", dao.timelock),
      treasury: await viem.getContractAt("ChildTreasury", dao.treasury),
      votes,
    };
  }
  type DAO = Awaited<ReturnType<typeof createDAO>>;
  type Call = { target: Address; data: Hex };
  type Wallet = typeof alice;

  /** One proposal's lifecycle, step by step. */
  function proposal(d: DAO, calls: Call[], description: string) {
    const targets = calls.map((x) => x.target);
    const values = calls.map(() => 0n);
    const calldatas = calls.map((x) => x.data);
    const descriptionHash = keccak256(toHex(description));
    const args = [targets, values, calldatas, descriptionHash] as const;
    let id = 0n;
    return {
      get id() {
        return id;
      },
      propose: async (by: Wallet) => {
        await wait(await d.governor.write.propose([targets, values, calldatas, description], { account: by.account }));
        id = await d.governor.read.hashProposal([...args]);
        return id;
      },
      vote: async (voters: Wallet[], support = 1) => {
        for (const v of voters) await wait(await d.governor.write.castVote([id, support], { account: v.account }));
      },
      queue: async () => wait(await d.governor.write.queue([...args], { account: alice.account })),
      execute: () => d.governor.write.execute([...args], { account: alice.account }),
    };
  }

  /** Proposes as Alice, Alice and Bob vote for, queue and execute: returns the execution receipt. */
  async function pass(d: DAO, calls: Call[], description: string) {
    const p = proposal(d, calls, description);
    await p.propose(alice);
    await networkHelpers.time.increase(Number(await d.governor.read.votingDelay()) + 1);
    await p.vote([alice, bob]);
    await networkHelpers.time.increase(Number(await d.governor.read.votingPeriod()) + 1);
    assert.equal(await d.governor.read.state([p.id]), State.Succeeded);
    await p.queue();
    await networkHelpers.time.increase(Number(await d.timelock.read.getMinDelay()) + 1);
    const receipt = await wait(await p.execute());
    assert.equal(await d.governor.read.state([p.id]), State.Executed);
    return receipt;
  }

  const onGovernor = (d: DAO, functionName: string, args: unknown[]): Call => ({
    target: d.dao.governor,
    data: encodeFunctionData({ abi: d.governor.abi, functionName: functionName as never, args: args as never }),
  });
  const onTimelock = (d: DAO, functionName: string, args: unknown[]): Call => ({
    target: d.dao.timelock,
    data: encodeFunctionData({ abi: d.timelock.abi, functionName: functionName as never, args: args as never }),
  });
  const onTreasury = (d: DAO, functionName: string, args: unknown[]): Call => ({
    target: d.dao.treasury,
    data: encodeFunctionData({ abi: d.treasury.abi, functionName: functionName as never, args: args as never }),
  });
  const events = (d: DAO, receipt: Awaited<ReturnType<typeof wait>>, eventName: string) =>
    (parseEventLogs({ abi: d.governor.abi, logs: receipt.logs }) as unknown as Log[]).filter(
      (e) => e.eventName === eventName && e.address.toLowerCase() === d.dao.governor.toLowerCase(),
    );
  type Log = { eventName: string; address: Address; args: Record<string, bigint> };

  // ---------------------------------------------------------------------------------------------- settings

  describe("ChildGovernor settings (votingDelay, votingPeriod, proposalThreshold)", () => {
    it("start as the clone arguments", async () => {
      const d = await createDAO();
      assert.equal(await d.governor.read.votingDelay(), BigInt(ARGS.votingDelay));
      assert.equal(await d.governor.read.votingPeriod(), BigInt(ARGS.votingPeriod));
      assert.equal(await d.governor.read.proposalThreshold(), ARGS.proposalThreshold);
      assert.equal(await d.governor.read.quorumNumerator(), BigInt(ARGS.quorumPercent));
      assert.equal(await d.timelock.read.getMinDelay(), BigInt(ARGS.timelockDelay));
    });

    it("change through a passed proposal: events go from the argument to the new value, and the next proposals use them", async () => {
      const d = await createDAO();
      const receipt = await pass(
        d,
        [
          onGovernor(d, "setVotingDelay", [2 * DAY]),
          onGovernor(d, "setVotingPeriod", [5 * DAY]),
          onGovernor(d, "setProposalThreshold", [parseEther("500")]),
        ],
        "New settings",
      );
      // The last event of each setting carries (argument, new value): what an indexer keeps as the current value.
      const last = (name: string) => events(d, receipt, name).at(-1)?.args;
      assert.deepEqual(last("VotingDelaySet"), { oldVotingDelay: BigInt(DAY), newVotingDelay: BigInt(2 * DAY) });
      assert.deepEqual(last("VotingPeriodSet"), { oldVotingPeriod: BigInt(3 * DAY), newVotingPeriod: BigInt(5 * DAY) });
      assert.deepEqual(last("ProposalThresholdSet"), {
        oldProposalThreshold: 0n,
        newProposalThreshold: parseEther("500"),
      });
      assert.equal(await d.governor.read.votingDelay(), BigInt(2 * DAY));
      assert.equal(await d.governor.read.votingPeriod(), BigInt(5 * DAY));
      assert.equal(await d.governor.read.proposalThreshold(), parseEther("500"));

      // Carol's 100 votes are now below the threshold.
      const uri = onTreasury(d, "setDaoURI", ["ipfs://next"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        proposal(d, [uri], "Carol's proposal").propose(carol),
        d.governor,
        "GovernorInsufficientProposerVotes",
        [carol.account.address, parseEther("100"), parseEther("500")],
      );
      // Alice's proposal opens after the new delay and closes after the new period.
      const p = proposal(d, [uri], "Alice's proposal");
      await p.propose(alice);
      const proposedAt = await now();
      const snapshot = await d.governor.read.proposalSnapshot([p.id]);
      assert.equal(snapshot, proposedAt + BigInt(2 * DAY));
      assert.equal(await d.governor.read.proposalDeadline([p.id]), snapshot + BigInt(5 * DAY));
      await networkHelpers.time.increaseTo(snapshot);
      assert.equal(await d.governor.read.state([p.id]), State.Pending, "still pending at the snapshot");
      await networkHelpers.time.increase(1);
      assert.equal(await d.governor.read.state([p.id]), State.Active);

      // A second change goes from storage to storage, like any Governor's.
      const again = await pass(
        d,
        [onGovernor(d, "setVotingDelay", [DAY / 2]), onGovernor(d, "setProposalThreshold", [parseEther("50")])],
        "Settings again",
      );
      assert.deepEqual(
        events(d, again, "VotingDelaySet").map((e) => e.args),
        [{ oldVotingDelay: BigInt(2 * DAY), newVotingDelay: BigInt(DAY / 2) }],
      );
      assert.deepEqual(
        events(d, again, "ProposalThresholdSet").map((e) => e.args),
        [{ oldProposalThreshold: parseEther("500"), newProposalThreshold: parseEther("50") }],
      );
      assert.equal(await d.governor.read.votingDelay(), BigInt(DAY / 2));
      assert.equal(await d.governor.read.votingPeriod(), BigInt(5 * DAY), "unchanged settings keep their value");
      await proposal(d, [uri], "Carol again").propose(carol);
    });

    it("emit exactly one event per change, (argument, new value), on the first change too", async () => {
      const d = await createDAO();
      const receipt = await pass(
        d,
        [
          onGovernor(d, "setVotingDelay", [2 * DAY]),
          onGovernor(d, "setVotingPeriod", [5 * DAY]),
          onGovernor(d, "setProposalThreshold", [parseEther("500")]),
        ],
        "New settings, once",
      );
      assert.deepEqual(
        events(d, receipt, "VotingDelaySet").map((e) => e.args),
        [{ oldVotingDelay: BigInt(DAY), newVotingDelay: BigInt(2 * DAY) }],
      );
      assert.deepEqual(
        events(d, receipt, "VotingPeriodSet").map((e) => e.args),
        [{ oldVotingPeriod: BigInt(3 * DAY), newVotingPeriod: BigInt(5 * DAY) }],
      );
      assert.deepEqual(
        events(d, receipt, "ProposalThresholdSet").map((e) => e.args),
        [{ oldProposalThreshold: 0n, newProposalThreshold: parseEther("500") }],
      );
    });
    it("refuse invalid values like storage would: a zero voting period, a quorum above 100%", async () => {
      const d = await createDAO();
      for (const [call, error, args] of [
        [onGovernor(d, "setVotingPeriod", [0]), "GovernorInvalidVotingPeriod", [0n]],
        [onGovernor(d, "updateQuorumNumerator", [101n]), "GovernorInvalidQuorumFraction", [101n, 100n]],
      ] as const) {
        const p = proposal(d, [call], `Invalid: ${error}`);
        await p.propose(alice);
        await networkHelpers.time.increase(DAY + 1);
        await p.vote([alice, bob]);
        await networkHelpers.time.increase(3 * DAY + 1);
        await p.queue();
        await networkHelpers.time.increase(DAY + 1);
        await viem.assertions.revertWithCustomErrorWithArgs(p.execute(), d.governor, error, args as never);
      }
      assert.equal(await d.governor.read.votingPeriod(), BigInt(ARGS.votingPeriod));
      assert.equal(await d.governor.read.quorumNumerator(), BigInt(ARGS.quorumPercent));
    });
  });

  // ---------------------------------------------------------------------------------------------- quorum

  describe("ChildGovernor quorum (updateQuorumNumerator)", () => {
    it("a proposal defeated for lack of quorum stays defeated after the quorum is lowered; history reads the argument", async () => {
      const d = await createDAO();
      // Carol alone (100 of 2100 = 4.8%) cannot reach the 10% quorum (210).
      const weak = proposal(d, [onTreasury(d, "setDaoURI", ["ipfs://carol"])], "Carol's wish");
      await weak.propose(carol);
      const weakSnapshot = await d.governor.read.proposalSnapshot([weak.id]);
      await networkHelpers.time.increase(DAY + 1);
      await weak.vote([carol]);
      await networkHelpers.time.increase(3 * DAY + 1);
      assert.equal(await d.governor.read.state([weak.id]), State.Defeated);
      assert.equal(await d.governor.read.quorum([weakSnapshot]), parseEther("210"));

      // Governance lowers the quorum to 4% (84 votes).
      const receipt = await pass(d, [onGovernor(d, "updateQuorumNumerator", [4n])], "Lower the quorum");
      const changedAt = (await f.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
      assert.deepEqual(
        events(d, receipt, "QuorumNumeratorUpdated").map((e) => e.args),
        [{ oldQuorumNumerator: 10n, newQuorumNumerator: 4n }],
      );
      assert.equal(await d.governor.read.quorumNumerator(), 4n);
      // Before the change, the numerator was the argument; from it on, the new value.
      assert.equal(await d.governor.read.quorumNumerator([weakSnapshot]), 10n);
      assert.equal(await d.governor.read.quorumNumerator([changedAt - 1n]), 10n);
      assert.equal(await d.governor.read.quorumNumerator([changedAt]), 4n);
      assert.equal(await d.governor.read.quorum([weakSnapshot]), parseEther("210"));
      // The old proposal is not revived by the lower quorum.
      assert.equal(await d.governor.read.state([weak.id]), State.Defeated);
      await assert.rejects(weak.queue(), /GovernorUnexpectedProposalState/);

      // A new proposal with the same support now passes.
      const again = proposal(d, [onTreasury(d, "setDaoURI", ["ipfs://carol"])], "Carol's wish, again");
      await again.propose(carol);
      await networkHelpers.time.increase(DAY + 1);
      await again.vote([carol]);
      await networkHelpers.time.increase(3 * DAY + 1);
      assert.equal(await d.governor.read.state([again.id]), State.Succeeded);

      // A second change goes from storage to storage; the history keeps every step.
      const second = await pass(d, [onGovernor(d, "updateQuorumNumerator", [6n])], "Raise the quorum a bit");
      const secondAt = (await f.publicClient.getBlock({ blockNumber: second.blockNumber })).timestamp;
      assert.deepEqual(
        events(d, second, "QuorumNumeratorUpdated").map((e) => e.args),
        [{ oldQuorumNumerator: 4n, newQuorumNumerator: 6n }],
      );
      assert.equal(await d.governor.read.quorumNumerator([weakSnapshot]), 10n);
      assert.equal(await d.governor.read.quorumNumerator([secondAt - 1n]), 4n);
      assert.equal(await d.governor.read.quorumNumerator([secondAt]), 6n);
      assert.equal(await d.governor.read.quorumNumerator(), 6n);
    });

    it("a proposal whose snapshot precedes the change keeps the argument quorum while it is still being voted", async () => {
      const d = await createDAO();
      const lower = proposal(d, [onGovernor(d, "updateQuorumNumerator", [1n])], "Lower the quorum to 1%");
      await lower.propose(alice);
      await networkHelpers.time.increase(DAY + 1);
      await lower.vote([alice, bob]);
      await networkHelpers.time.increase(3 * DAY + 1);
      await lower.queue();
      // Carol proposes now; its snapshot (in a day) falls before the change executes (in two).
      const pending = proposal(d, [onTreasury(d, "setDaoURI", ["ipfs://pending"])], "Pending when the quorum moves");
      await pending.propose(carol);
      const snapshot = await d.governor.read.proposalSnapshot([pending.id]);
      await networkHelpers.time.increase(DAY + 1);
      await pending.vote([carol]);
      await wait(await lower.execute());
      assert.ok((await now()) > snapshot);
      assert.equal(await d.governor.read.quorumNumerator(), 1n);
      assert.equal(await d.governor.read.quorum([snapshot]), parseEther("210"), "the snapshot's quorum");
      await networkHelpers.time.increase(3 * DAY);
      assert.equal(await d.governor.read.state([pending.id]), State.Defeated);
    });
  });

  // ---------------------------------------------------------------------------------------------- timelock

  describe("ChildTimelock", () => {
    it("changes its minimum delay through a proposal (updateDelay), and the next proposals wait for it", async () => {
      const d = await createDAO();
      const receipt = await pass(d, [onTimelock(d, "updateDelay", [3n * BigInt(DAY)])], "Longer timelock");
      const changes = parseEventLogs({ abi: d.timelock.abi, logs: receipt.logs, eventName: "MinDelayChange" });
      assert.deepEqual(
        changes.map((e) => e.args),
        [{ oldDuration: BigInt(DAY), newDuration: BigInt(3 * DAY) }],
      );
      assert.equal(await d.timelock.read.getMinDelay(), BigInt(3 * DAY));

      const p = proposal(d, [onTreasury(d, "setDaoURI", ["ipfs://slow"])], "Wait three days");
      await p.propose(alice);
      await networkHelpers.time.increase(DAY + 1);
      await p.vote([alice]);
      await networkHelpers.time.increase(3 * DAY + 1);
      await p.queue();
      assert.equal(await d.governor.read.proposalEta([p.id]), (await now()) + BigInt(3 * DAY));
      await networkHelpers.time.increase(DAY + 1);
      await viem.assertions.revertWithCustomError(p.execute(), d.timelock, "TimelockUnexpectedOperationState");
      await networkHelpers.time.increase(2 * DAY);
      await wait(await p.execute());
      assert.equal(await d.treasury.read.daoURI(), "ipfs://slow");

      // Nobody schedules below the new minimum, not even the governor.
      await networkHelpers.impersonateAccount(d.dao.governor);
      await networkHelpers.setBalance(d.dao.governor, parseEther("1"));
      await viem.assertions.revertWithCustomErrorWithArgs(
        d.timelock.write.schedule([token, 0n, "0x", zeroHash, zeroHash, BigInt(DAY)], { account: d.dao.governor }),
        d.timelock,
        "TimelockInsufficientDelay",
        [BigInt(DAY), BigInt(3 * DAY)],
      );
      await networkHelpers.stopImpersonatingAccount(d.dao.governor);

      // A second change goes from storage to storage.
      const second = await pass(d, [onTimelock(d, "updateDelay", [BigInt(DAY / 2)])], "Shorter timelock");
      assert.deepEqual(
        parseEventLogs({ abi: d.timelock.abi, logs: second.logs, eventName: "MinDelayChange" }).map((e) => e.args),
        [{ oldDuration: BigInt(3 * DAY), newDuration: BigInt(DAY / 2) }],
      );
      assert.equal(await d.timelock.read.getMinDelay(), BigInt(DAY / 2));
    });

    it("grants a new role that works and can be revoked, while the founding roles cannot be revoked", async () => {
      const d = await createDAO();
      const [PROPOSER, EXECUTOR, CANCELLER] = await Promise.all([
        d.timelock.read.PROPOSER_ROLE(),
        d.timelock.read.EXECUTOR_ROLE(),
        d.timelock.read.CANCELLER_ROLE(),
      ]);
      const daveAddress = dave.account.address;
      await pass(
        d,
        [onTimelock(d, "grantRole", [PROPOSER, daveAddress]), onTimelock(d, "grantRole", [EXECUTOR, daveAddress])],
        "Dave may schedule and execute",
      );
      assert.equal(await d.timelock.read.hasRole([PROPOSER, daveAddress]), true);
      assert.equal(await d.timelock.read.hasRole([EXECUTOR, daveAddress]), true);
      assert.equal(await d.timelock.read.hasRole([CANCELLER, daveAddress]), false);

      // Dave's roles work: he schedules and executes a change of the DAO's URI himself.
      const data = onTreasury(d, "setDaoURI", ["ipfs://dave"]).data;
      const salt = keccak256(toHex("dave"));
      await wait(
        await d.timelock.write.schedule([d.dao.treasury, 0n, data, zeroHash, salt, BigInt(DAY)], {
          account: dave.account,
        }),
      );
      await networkHelpers.time.increase(DAY + 1);
      await wait(await d.timelock.write.execute([d.dao.treasury, 0n, data, zeroHash, salt], { account: dave.account }));
      assert.equal(await d.treasury.read.daoURI(), "ipfs://dave");

      // Governance revokes them.
      await pass(
        d,
        [onTimelock(d, "revokeRole", [PROPOSER, daveAddress]), onTimelock(d, "revokeRole", [EXECUTOR, daveAddress])],
        "Dave no longer",
      );
      assert.equal(await d.timelock.read.hasRole([PROPOSER, daveAddress]), false);
      assert.equal(await d.timelock.read.hasRole([EXECUTOR, daveAddress]), false);
      await viem.assertions.revertWithCustomErrorWithArgs(
        d.timelock.write.schedule([d.dao.treasury, 0n, data, zeroHash, keccak256(toHex("again")), BigInt(DAY)], {
          account: dave.account,
        }),
        d.timelock,
        "AccessControlUnauthorizedAccount",
        [daveAddress, PROPOSER],
      );

      // The governor's founding roles cannot be revoked: the proposal passes but its execution reverts.
      for (const role of [PROPOSER, EXECUTOR, CANCELLER]) {
        const p = proposal(d, [onTimelock(d, "revokeRole", [role, d.dao.governor])], `Revoke the governor ${role}`);
        await p.propose(alice);
        await networkHelpers.time.increase(DAY + 1);
        await p.vote([alice, bob]);
        await networkHelpers.time.increase(3 * DAY + 1);
        await p.queue();
        await networkHelpers.time.increase(DAY + 1);
        await viem.assertions.revertWithCustomErrorWithArgs(p.execute(), d.timelock, "ChildTimelockFoundingRole", [
          role,
          d.dao.governor,
        ]);
        assert.equal(await d.governor.read.state([p.id]), State.Queued);
        assert.equal(await d.timelock.read.hasRole([role, d.dao.governor]), true);
      }
      // Granting a founding role again stores nothing and changes nothing.
      await pass(d, [onTimelock(d, "grantRole", [PROPOSER, d.dao.governor])], "Grant the governor again");
      assert.equal(await d.timelock.read.hasRole([PROPOSER, d.dao.governor]), true);
    });
  });

  describe("moving to a new timelock (Governor.updateTimelock)", () => {
    // The founding timelock is the DAO's executor everywhere (treasury, registry, template contracts): moving the
    // governor away would strand them, so even a passed proposal cannot.
    it("is refused, even by a passed proposal", async () => {
      const d = await createDAO();
      await assert.rejects(
        pass(d, [onGovernor(d, "updateTimelock", [mallory.account.address])], "Move to another timelock"),
        /ChildGovernorTimelockFixed/,
      );
      assert.equal((await d.governor.read.timelock()).toLowerCase(), d.dao.timelock.toLowerCase());
      assert.equal((await d.treasury.read.executor()).toLowerCase(), d.dao.timelock.toLowerCase());
    });
  });

  // ---------------------------------------------------------------------------------------------- treasury

  describe("ChildTreasury", () => {
    it("setDistribution and setDaoURI through governance override the clone arguments, including to zero/empty", async () => {
      const d = await createDAO();
      const [distributor, bps] = await d.treasury.read.distribution();
      assert.equal(distributor.toLowerCase(), d.dao.token.toLowerCase());
      assert.equal(bps, 10_000);
      assert.equal(await d.treasury.read.daoURI(), "ipfs://argument");

      const receipt = await pass(
        d,
        [onTreasury(d, "setDistribution", [d.dao.token, 2500]), onTreasury(d, "setDaoURI", ["ipfs://v2"])],
        "Keep three quarters of our revenue; new metadata",
      );
      const logs = parseEventLogs({ abi: d.treasury.abi, logs: receipt.logs });
      assert.ok(logs.some((l) => l.eventName === "DistributionSet" && l.args.bps === 2500));
      assert.ok(logs.some((l) => l.eventName === "DAOURIUpdate" && l.args.daoURI === "ipfs://v2"));
      assert.deepEqual(await d.treasury.read.distribution(), [d.dao.token, 2500]);
      assert.equal(await d.treasury.read.daoURI(), "ipfs://v2");
      // The record (clone arguments) is the DAO as created.
      assert.equal((await d.treasury.read.daoRecord()).token, d.dao.token);

      const deposit = async (amount: bigint) => {
        await wait(await f.token.write.approve([d.dao.treasury, amount], { account: mallory.account }));
        const r = await wait(await d.treasury.write.deposit([token, amount], { account: mallory.account }));
        const [event] = parseEventLogs({ abi: d.treasury.abi, logs: r.logs, eventName: "IncomeReceived" });
        assert.ok(event);
        return event.args;
      };
      const first = await deposit(parseEther("1000"));
      assert.equal(first.distributed, (parseEther("980") * 2500n) / 10_000n);
      assert.equal(await f.token.read.balanceOf([d.dao.treasury]), parseEther("980") - first.distributed);

      // Turning distribution off (zero) and clearing the URI (empty) override the arguments too.
      await pass(
        d,
        [onTreasury(d, "setDistribution", [zeroAddress, 0]), onTreasury(d, "setDaoURI", [""])],
        "Keep everything; no metadata",
      );
      assert.deepEqual(await d.treasury.read.distribution(), [zeroAddress, 0]);
      assert.equal(await d.treasury.read.daoURI(), "");
      const second = await deposit(parseEther("100"));
      assert.equal(second.distributed, 0n);
      assert.equal(await d.votes.read.totalDistributed([token]), first.distributed);
    });
  });
});
