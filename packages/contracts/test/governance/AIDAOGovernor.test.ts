import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { network } from "hardhat";
import {
  type Address,
  encodeFunctionData,
  erc20Abi,
  getContract,
  type Hex,
  hexToBigInt,
  keccak256,
  parseAbi,
  parseEther,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
  zeroHash,
} from "viem";
import { TIMELOCK_ROLES } from "../../deploy/protocol.ts";
import { DAY, deployFixture, type Fixture, fund } from "../fixture.ts";

// Hardhat generates no types for contracts under test/, so the mocks' ABIs are spelled out here.
const flashVoterAbi = parseAbi([
  "function acquireStakeAndVote(address lender, uint256 amount, uint256 proposalId, uint8 support) returns (uint256)",
]);
const reentrantAbi = parseAbi([
  "function arm(address target, bytes data)",
  "function disarm()",
  "function poke() payable",
  "function pokes() view returns (uint256)",
]);

/** IGovernor.ProposalState */
const State = { Pending: 0, Active: 1, Canceled: 2, Defeated: 3, Succeeded: 4, Queued: 5, Expired: 6, Executed: 7 };
const FOR = 1;
const AGAINST = 0;

type Wallet = Fixture["wallets"]["alice"];
type Call = { target: Address; data: Hex };
type Proposal = {
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
  descriptionHash: Hex;
  id: bigint;
};

/** The proposal helpers every test below uses, bound to one deployed protocol. */
function governance(f: Fixture) {
  const { networkHelpers } = f.connection;
  const c = f.deployment.contracts;
  const { alice, bob } = f.wallets;
  const wait = (hash: Hex) => f.publicClient.waitForTransactionReceipt({ hash });
  const now = async () => Number((await f.publicClient.getBlock()).timestamp);

  /** A call that changes nothing that matters: the timelock approves Bob for `n` wei of AIDAO. */
  const harmless = (n = 1n): Call => ({
    target: c.AIDAOToken.address,
    data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [bob.account.address, n] }),
  });

  async function proposal(description: string, calls: Call[] = [harmless()]): Promise<Proposal> {
    const targets = calls.map((x) => x.target);
    const values = calls.map(() => 0n);
    const calldatas = calls.map((x) => x.data);
    const descriptionHash = keccak256(toHex(description));
    const id = await f.governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
    return { targets, values, calldatas, description, descriptionHash, id };
  }

  const propose = async (p: Proposal, proposer: Wallet = alice) =>
    wait(
      await f.governor.write.propose([p.targets, p.values, p.calldatas, p.description], { account: proposer.account }),
    );
  const vote = async (p: Proposal, voter: Wallet, support = FOR) =>
    wait(await f.governor.write.castVote([p.id, support], { account: voter.account }));
  const queue = async (p: Proposal) =>
    wait(
      await f.governor.write.queue([p.targets, p.values, p.calldatas, p.descriptionHash], { account: alice.account }),
    );
  const execute = async (p: Proposal) =>
    wait(
      await f.governor.write.execute([p.targets, p.values, p.calldatas, p.descriptionHash], { account: alice.account }),
    );
  const executeCall = (p: Proposal) =>
    f.governor.write.execute([p.targets, p.values, p.calldatas, p.descriptionHash], { account: alice.account });

  /** Moves to the first second of voting. */
  async function toVoting(p: Proposal) {
    await networkHelpers.time.increaseTo((await f.governor.read.proposalSnapshot([p.id])) + 1n);
  }
  /** Moves past the (possibly extended) deadline. */
  async function toEnd(p: Proposal) {
    await networkHelpers.time.increaseTo((await f.governor.read.proposalDeadline([p.id])) + 1n);
  }
  /** Proposes, votes For with `voters`, and queues each proposal; returns once they are ready to execute. */
  async function passAndQueue(proposals: Proposal | Proposal[], voters: Wallet[] = [alice]) {
    const ps = Array.isArray(proposals) ? proposals : [proposals];
    for (const p of ps) await propose(p);
    const last = ps[ps.length - 1] as Proposal;
    await toVoting(last);
    for (const p of ps) for (const voter of voters) await vote(p, voter);
    await toEnd(last);
    for (const p of ps) {
      assert.equal(await f.governor.read.state([p.id]), State.Succeeded);
      await queue(p);
    }
    await networkHelpers.time.increase(f.config.timelockDelay + 1);
  }

  /** The salt GovernorTimelockControl schedules a proposal's batch with: bytes20(governor) ^ descriptionHash. */
  const timelockSalt = (descriptionHash: Hex) =>
    toHex((hexToBigInt(c.AIDAOGovernor.address) << 96n) ^ hexToBigInt(descriptionHash), { size: 32 });
  const timelockBatch = (p: Proposal) =>
    [p.targets, p.values, p.calldatas, zeroHash, timelockSalt(p.descriptionHash)] as const;
  const timelockId = async (p: Proposal) => (await f.timelock.read.hashOperationBatch([...timelockBatch(p)])) as Hex;

  /** Gives `who` AIDAO from the reserve and approves the staking contract (does not stake). */
  async function fundAndApprove(who: Wallet, amount: bigint) {
    await fund(f, [who.account.address], amount);
    await wait(await f.token.write.approve([c.Staking.address, amount], { account: who.account }));
  }
  async function stake(who: Wallet, amount: bigint) {
    await fundAndApprove(who, amount);
    return wait(await f.staking.write.stake([amount], { account: who.account }));
  }
  /** Stakes and waits until the stake counts. */
  async function stakeMatured(who: Wallet, amount: bigint) {
    await stake(who, amount);
    await networkHelpers.time.increase(f.config.minStakePeriod + 2);
  }

  const voteCasts = (receipt: TransactionReceipt) =>
    parseEventLogs({ abi: f.governor.abi, logs: receipt.logs, eventName: "VoteCast" });

  return {
    wait,
    now,
    harmless,
    proposal,
    propose,
    vote,
    queue,
    execute,
    executeCall,
    toVoting,
    toEnd,
    passAndQueue,
    timelockBatch,
    timelockId,
    fundAndApprove,
    stake,
    stakeMatured,
    voteCasts,
  };
}

describe("AIDAOGovernor", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const f = await deployFixture(connection);
  const c = f.deployment.contracts;
  const { alice, bob, carol, mallory } = f.wallets;
  const g = governance(f);
  const clients = { public: f.publicClient, wallet: f.wallets.deployer };
  const deployReentrant = async () =>
    getContract({
      address: (await viem.deployContract("TimelockReentrant")).address,
      abi: reentrantAbi,
      client: clients,
    });
  const period = f.config.minStakePeriod;
  const threshold = f.config.governor.proposalThreshold;

  // Alice holds 1,000,000 matured staked AIDAO: enough to propose, and the whole matured supply.
  const aliceStake = parseEther("1000000");
  await g.stakeMatured(alice, aliceStake);
  const base = await networkHelpers.takeSnapshot();
  beforeEach(async () => {
    await base.restore();
  });

  describe("castVote", () => {
    it("counts zero for stake acquired and staked in the voting transaction", async () => {
      const p = await g.proposal("Flash-loan target");
      await g.propose(p);
      await g.toVoting(p);
      const deployed = await viem.deployContract("GovernanceFlashVoter", [
        c.AIDAOToken.address,
        c.Staking.address,
        c.AIDAOGovernor.address,
      ]);
      const attacker = getContract({ address: deployed.address, abi: flashVoterAbi, client: clients });
      // The "lender" lends far more than the quorum and the whole existing vote.
      const loan = parseEther("50000000");
      await fund(f, [mallory.account.address], loan);
      await g.wait(await f.token.write.approve([attacker.address, loan], { account: mallory.account }));
      const before = await f.governor.read.proposalVotes([p.id]);

      const receipt = await g.wait(
        await attacker.write.acquireStakeAndVote([mallory.account.address, loan, p.id, FOR], {
          account: mallory.account,
        }),
      );

      const [cast] = g.voteCasts(receipt);
      assert.ok(cast, "VoteCast emitted");
      assert.equal(cast.args.voter.toLowerCase(), attacker.address.toLowerCase());
      assert.equal(cast.args.weight, 0n);
      assert.equal(await f.staking.read.stakedBalanceOf([attacker.address]), loan);
      assert.deepEqual(await f.governor.read.proposalVotes([p.id]), before);
      assert.equal(await f.governor.read.hasVoted([p.id, attacker.address]), true);
    });

    it("counts zero for stake made after the snapshot, even once it has matured during the vote", async () => {
      // A one-day minimum period (the floor) lets the stake mature inside the five-day voting period.
      const short = await network.create();
      const s = await deployFixture(short, { minStakePeriod: DAY });
      const sg = governance(s);
      await sg.stakeMatured(s.wallets.alice, aliceStake);
      const p = await sg.proposal("Late staker");
      await sg.propose(p, s.wallets.alice);
      await sg.toVoting(p);
      const snapshot = await s.governor.read.proposalSnapshot([p.id]);

      await sg.stake(s.wallets.bob, aliceStake);
      await short.networkHelpers.time.increase(DAY + 2);
      assert.equal(await s.staking.read.getVotes([s.wallets.bob.account.address]), aliceStake, "matured");
      assert.equal(await s.governor.read.state([p.id]), State.Active);

      const [cast] = sg.voteCasts(await sg.vote(p, s.wallets.bob));
      assert.equal(cast?.args.weight, 0n);
      assert.equal(await s.governor.read.getVotes([s.wallets.bob.account.address, snapshot]), 0n);
      assert.deepEqual(await s.governor.read.proposalVotes([p.id]), [0n, 0n, 0n]);
    });

    it("counts a voter's full matured stake and only once", async () => {
      const p = await g.proposal("Ordinary vote");
      await g.propose(p);
      await g.toVoting(p);
      const [cast] = g.voteCasts(await g.vote(p, alice));
      assert.equal(cast?.args.weight, aliceStake);
      assert.deepEqual(await f.governor.read.proposalVotes([p.id]), [0n, aliceStake, 0n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.governor.write.castVote([p.id, AGAINST], { account: alice.account }),
        f.governor,
        "GovernorAlreadyCastVote",
        [alice.account.address],
      );
    });
  });

  describe("voting power at the proposal snapshot", () => {
    const cases = [
      { age: period - 1, label: "the minimum period - 1 s", counts: false },
      { age: period, label: "exactly the minimum period", counts: false },
      { age: period + 1, label: "the minimum period + 1 s", counts: true },
    ];
    for (const { age, label, counts } of cases) {
      it(`counts ${counts ? "in full" : "zero"} for stake aged ${label} at the snapshot`, async () => {
        const amount = parseEther("300000");
        await g.fundAndApprove(bob, amount);
        const stakedAt = (await g.now()) + 100;
        await networkHelpers.time.setNextBlockTimestamp(stakedAt);
        await g.wait(await f.staking.write.stake([amount], { account: bob.account }));
        // Propose so that the snapshot (proposal time + voting delay) is exactly `age` seconds after the stake.
        const p = await g.proposal(`Boundary at age ${age}`);
        await networkHelpers.time.setNextBlockTimestamp(stakedAt + age - f.config.governor.votingDelay);
        await g.propose(p);
        const snapshot = await f.governor.read.proposalSnapshot([p.id]);
        assert.equal(snapshot, BigInt(stakedAt + age));

        await g.toVoting(p);
        const expected = counts ? amount : 0n;
        assert.equal(await f.governor.read.getVotes([bob.account.address, snapshot]), expected);
        const [cast] = g.voteCasts(await g.vote(p, bob));
        assert.equal(cast?.args.weight, expected);
        assert.deepEqual(await f.governor.read.proposalVotes([p.id]), [0n, expected, 0n]);
      });
    }
  });

  describe("execute", () => {
    const EXECUTOR_ROLE = TIMELOCK_ROLES.executor;
    const ready = 1n << 2n; // TimelockController.OperationState.Ready as a state bitmap
    const queued = 1n << BigInt(State.Queued); // the governor's state bitmap

    async function reentrantProposal(description: string, extra: Call[] = []) {
      const target = await deployReentrant();
      const poke = encodeFunctionData({ abi: reentrantAbi, functionName: "poke" });
      const p = await g.proposal(description, [...extra, { target: target.address, data: poke }]);
      return { target, p };
    }

    it("reverts when a target re-enters the timelock to execute the same operation, leaving it Queued", async () => {
      const { target, p } = await reentrantProposal("Re-enter the same operation");
      await g.passAndQueue(p);
      const id = await g.timelockId(p);
      assert.equal(await f.timelock.read.isOperationReady([id]), true);
      const reenter = encodeFunctionData({
        abi: f.timelock.abi,
        functionName: "executeBatch",
        args: [...g.timelockBatch(p)],
      });
      await g.wait(await target.write.arm([c.TimelockController.address, reenter]));

      await viem.assertions.revertWithCustomErrorWithArgs(
        g.executeCall(p),
        f.timelock,
        "AccessControlUnauthorizedAccount",
        [target.address, EXECUTOR_ROLE],
      );
      assert.equal(await f.governor.read.state([p.id]), State.Queued);
      assert.equal(await f.timelock.read.isOperationReady([id]), true);
      assert.equal(await target.read.pokes(), 0n);

      // Still executable once the target stops re-entering, and then exactly once.
      await g.wait(await target.write.disarm());
      await g.execute(p);
      assert.equal(await f.governor.read.state([p.id]), State.Executed);
      assert.equal(await f.timelock.read.isOperationDone([id]), true);
      assert.equal(await target.read.pokes(), 1n);
    });

    it("reverts when a target re-enters the timelock to execute a different ready operation, leaving both Queued", async () => {
      const { target, p } = await reentrantProposal("Re-enter another operation");
      const other = await g.proposal("The other operation", [g.harmless(7n)]);
      await g.passAndQueue([p, other]);
      assert.equal(await f.timelock.read.isOperationReady([await g.timelockId(other)]), true);
      const reenter = encodeFunctionData({
        abi: f.timelock.abi,
        functionName: "executeBatch",
        args: [...g.timelockBatch(other)],
      });
      await g.wait(await target.write.arm([c.TimelockController.address, reenter]));

      await viem.assertions.revertWithCustomErrorWithArgs(
        g.executeCall(p),
        f.timelock,
        "AccessControlUnauthorizedAccount",
        [target.address, EXECUTOR_ROLE],
      );
      assert.equal(await f.governor.read.state([p.id]), State.Queued);
      assert.equal(await f.governor.read.state([other.id]), State.Queued);
      assert.equal(await f.token.read.allowance([c.TimelockController.address, bob.account.address]), 0n);
    });

    it("reverts when a target holding the executor role re-runs the same operation inside it (the timelock's own guard)", async () => {
      // The proposal first grants the target the executor role, then pokes it; the target re-runs the very batch.
      const target = await deployReentrant();
      const grantTarget = encodeFunctionData({
        abi: f.timelock.abi,
        functionName: "grantRole",
        args: [EXECUTOR_ROLE, target.address],
      });
      const p = await g.proposal("Grant and re-run", [
        { target: c.TimelockController.address, data: grantTarget },
        { target: target.address, data: encodeFunctionData({ abi: reentrantAbi, functionName: "poke" }) },
      ]);
      await g.passAndQueue(p);
      const id = await g.timelockId(p);
      const reenter = encodeFunctionData({
        abi: f.timelock.abi,
        functionName: "executeBatch",
        args: [...g.timelockBatch(p)],
      });
      await g.wait(await target.write.arm([c.TimelockController.address, reenter]));

      // The inner run marks the operation Done; the outer run then finds it no longer Ready.
      await viem.assertions.revertWithCustomErrorWithArgs(
        g.executeCall(p),
        f.timelock,
        "TimelockUnexpectedOperationState",
        [id, toHex(ready, { size: 32 })],
      );
      assert.equal(await f.governor.read.state([p.id]), State.Queued);
      assert.equal(await f.timelock.read.hasRole([EXECUTOR_ROLE, target.address]), false);
    });

    it("reverts when a target re-enters the governor to execute the same proposal", async () => {
      const { target, p } = await reentrantProposal("Re-enter the governor");
      await g.passAndQueue(p);
      const reenter = encodeFunctionData({
        abi: f.governor.abi,
        functionName: "execute",
        args: [p.targets, p.values, p.calldatas, p.descriptionHash],
      });
      await g.wait(await target.write.arm([c.AIDAOGovernor.address, reenter]));

      // The governor marks the proposal executed before calling out.
      await viem.assertions.revertWithCustomErrorWithArgs(
        g.executeCall(p),
        f.governor,
        "GovernorUnexpectedProposalState",
        [p.id, State.Executed, toHex(queued, { size: 32 })],
      );
      assert.equal(await f.governor.read.state([p.id]), State.Queued);
    });

    it("lets a target execute a different ready proposal through the governor (execution is permissionless)", async () => {
      const { target, p } = await reentrantProposal("Execute another through the governor");
      const other = await g.proposal("The nested proposal", [g.harmless(9n)]);
      await g.passAndQueue([p, other]);
      const reenter = encodeFunctionData({
        abi: f.governor.abi,
        functionName: "execute",
        args: [other.targets, other.values, other.calldatas, other.descriptionHash],
      });
      await g.wait(await target.write.arm([c.AIDAOGovernor.address, reenter]));

      await g.execute(p);
      assert.equal(await f.governor.read.state([p.id]), State.Executed);
      assert.equal(await f.governor.read.state([other.id]), State.Executed);
      assert.equal(await f.token.read.allowance([c.TimelockController.address, bob.account.address]), 9n);
    });
  });

  describe("quorum", () => {
    it("is 4% of the matured staked supply at the snapshot", async () => {
      // Bob's stake is still maturing at the snapshot, Carol's is made after it: neither counts.
      await g.stake(bob, parseEther("2000000"));
      const p = await g.proposal("Quorum base");
      await g.propose(p);
      await g.toVoting(p);
      await g.stake(carol, parseEther("3000000"));
      const snapshot = await f.governor.read.proposalSnapshot([p.id]);

      const matured = await f.staking.read.getPastTotalSupply([snapshot]);
      assert.equal(matured, aliceStake);
      assert.equal(await f.staking.read.totalStaked(), parseEther("6000000"));
      assert.equal(await f.governor.read.quorumNumerator(), 4n);
      assert.equal(await f.governor.read.quorumDenominator(), 100n);
      assert.equal(await f.governor.read.quorum([snapshot]), (matured * 4n) / 100n);

      // Once matured, both stakes are part of the base of a later proposal.
      await networkHelpers.time.increase(period + 2);
      const later = await g.proposal("Quorum base, later");
      await g.propose(later);
      await g.toVoting(later);
      const laterSnapshot = await f.governor.read.proposalSnapshot([later.id]);
      const laterMatured = await f.staking.read.getPastTotalSupply([laterSnapshot]);
      assert.equal(laterMatured, parseEther("6000000"));
      assert.equal(await f.governor.read.quorum([laterSnapshot]), (laterMatured * 4n) / 100n);
    });

    it("keeps a proposal defeated for lack of quorum defeated after governance lowers the quorum", async () => {
      // Carol's 30M makes the quorum 1.24M: Alice's 1M alone falls short.
      await g.stakeMatured(carol, parseEther("30000000"));
      const weak = await g.proposal("Supported by Alice alone");
      await g.propose(weak);
      await g.toVoting(weak);
      await g.vote(weak, alice);
      await g.toEnd(weak);
      const weakSnapshot = await f.governor.read.proposalSnapshot([weak.id]);
      const quorumBefore = await f.governor.read.quorum([weakSnapshot]);
      assert.equal(quorumBefore, parseEther("1240000"));
      assert.equal(await f.governor.read.state([weak.id]), State.Defeated);

      const lower = await g.proposal("Lower the quorum to 1%", [
        {
          target: c.AIDAOGovernor.address,
          data: encodeFunctionData({ abi: f.governor.abi, functionName: "updateQuorumNumerator", args: [1n] }),
        },
      ]);
      await g.passAndQueue(lower, [alice, carol]);
      await g.execute(lower);
      assert.equal(await f.governor.read.quorumNumerator(), 1n);

      // At 1%, Alice's votes would have been enough; but the numerator is checkpointed at the old snapshot.
      const [, forVotes] = await f.governor.read.proposalVotes([weak.id]);
      const total = await f.staking.read.getPastTotalSupply([weakSnapshot]);
      assert.ok(forVotes >= total / 100n);
      assert.equal(await f.governor.read.quorumNumerator([weakSnapshot]), 4n);
      assert.equal(await f.governor.read.quorum([weakSnapshot]), quorumBefore);
      assert.equal(await f.governor.read.state([weak.id]), State.Defeated);
      await viem.assertions.revertWithCustomError(g.queue(weak), f.governor, "GovernorUnexpectedProposalState");
    });
  });

  describe("propose", () => {
    const thresholdCases = [
      { label: "1 wei less than the threshold of matured stake", amount: threshold - 1n, matured: true, ok: false },
      { label: "exactly the threshold of matured stake", amount: threshold, matured: true, ok: true },
      { label: "ten times the threshold of stake not yet matured", amount: threshold * 10n, matured: false, ok: false },
    ];
    for (const { label, amount, matured, ok } of thresholdCases) {
      it(`${ok ? "accepts" : "reverts GovernorInsufficientProposerVotes for"} a proposer with ${label}`, async () => {
        if (matured) await g.stakeMatured(mallory, amount);
        else await g.stake(mallory, amount);
        const p = await g.proposal(`Threshold: ${label}`);
        const call = f.governor.write.propose([p.targets, p.values, p.calldatas, p.description], {
          account: mallory.account,
        });
        if (ok) {
          await g.wait(await call);
          assert.equal(await f.governor.read.state([p.id]), State.Pending);
        } else {
          await viem.assertions.revertWithCustomErrorWithArgs(call, f.governor, "GovernorInsufficientProposerVotes", [
            mallory.account.address,
            matured ? amount : 0n,
            threshold,
          ]);
        }
      });
    }

    describe("with a #proposer= description suffix", () => {
      const cases: { label: string; proposer: () => Wallet; ok: boolean }[] = [
        { label: "reverts GovernorRestrictedProposer for anyone else", proposer: () => mallory, ok: false },
        { label: "accepts the named proposer", proposer: () => alice, ok: true },
      ];
      for (const { label, proposer, ok } of cases) {
        it(label, async () => {
          // Mallory has enough votes: only the suffix stops her.
          await g.stakeMatured(mallory, threshold * 2n);
          const p = await g.proposal(`Front-run me if you can #proposer=${alice.account.address.toLowerCase()}`);
          const who = proposer();
          const call = f.governor.write.propose([p.targets, p.values, p.calldatas, p.description], {
            account: who.account,
          });
          if (ok) {
            await g.wait(await call);
            assert.equal(
              (await f.governor.read.proposalProposer([p.id])).toLowerCase(),
              alice.account.address.toLowerCase(),
            );
          } else {
            await viem.assertions.revertWithCustomErrorWithArgs(call, f.governor, "GovernorRestrictedProposer", [
              who.account.address,
            ]);
          }
        });
      }
    });
  });

  describe("late quorum protection", () => {
    const extension = BigInt(f.config.governor.lateQuorumExtension);

    it("extends the deadline by lateQuorumExtension when quorum is reached in the last second", async () => {
      const p = await g.proposal("Late quorum");
      await g.propose(p);
      const deadline = await f.governor.read.proposalDeadline([p.id]);
      await networkHelpers.time.setNextBlockTimestamp(deadline);
      const receipt = await g.vote(p, alice);
      const [extended] = parseEventLogs({ abi: f.governor.abi, logs: receipt.logs, eventName: "ProposalExtended" });
      assert.equal(extended?.args.proposalId, p.id);
      assert.equal(extended?.args.extendedDeadline, deadline + extension);
      assert.equal(await f.governor.read.proposalDeadline([p.id]), deadline + extension);

      await networkHelpers.time.increaseTo(deadline + 1n);
      assert.equal(await f.governor.read.state([p.id]), State.Active);
      await networkHelpers.time.increaseTo(deadline + extension + 1n);
      assert.equal(await f.governor.read.state([p.id]), State.Succeeded);
    });

    const noExtension = [
      { label: "when quorum is reached early", early: true, extraStake: 0n },
      { label: "when a late vote does not reach quorum", early: false, extraStake: parseEther("30000000") },
    ];
    for (const { label, early, extraStake } of noExtension) {
      it(`keeps the deadline ${label}`, async () => {
        if (extraStake > 0n) await g.stakeMatured(carol, extraStake);
        const p = await g.proposal(`No extension ${label}`);
        await g.propose(p);
        const deadline = await f.governor.read.proposalDeadline([p.id]);
        if (early) await g.toVoting(p);
        else await networkHelpers.time.setNextBlockTimestamp(deadline);
        const receipt = await g.vote(p, alice);
        assert.equal(
          parseEventLogs({ abi: f.governor.abi, logs: receipt.logs, eventName: "ProposalExtended" }).length,
          0,
        );
        assert.equal(await f.governor.read.proposalDeadline([p.id]), deadline);
        await networkHelpers.time.increaseTo(deadline + 1n);
        assert.equal(await f.governor.read.state([p.id]), early ? State.Succeeded : State.Defeated);
      });
    }
  });

  describe("castVoteBySig", () => {
    const bobStake = parseEther("500000");
    type Ballot = { proposalId: bigint; support: number; voter: Address; nonce: bigint };
    const domain = {
      name: "AIDAO Governor",
      version: "1",
      chainId: f.deployment.chainId,
      verifyingContract: c.AIDAOGovernor.address,
    };
    const types = {
      Ballot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "voter", type: "address" },
        { name: "nonce", type: "uint256" },
      ],
    } as const;
    const sign = (signer: Wallet, message: Ballot, d = domain) =>
      signer.signTypedData({ domain: d, types, primaryType: "Ballot", message });

    async function activeProposal() {
      await g.stakeMatured(bob, bobStake);
      const p = await g.proposal("Vote by signature");
      await g.propose(p);
      await g.toVoting(p);
      const nonce = await f.governor.read.nonces([bob.account.address]);
      return { p, ballot: { proposalId: p.id, support: FOR, voter: bob.account.address, nonce } };
    }

    it("exposes the EIP-712 domain the ballots are signed for", async () => {
      const [, name, version, chainId, verifyingContract] = await f.governor.read.eip712Domain();
      assert.equal(name, domain.name);
      assert.equal(version, domain.version);
      assert.equal(chainId, BigInt(domain.chainId));
      assert.equal(verifyingContract.toLowerCase(), domain.verifyingContract.toLowerCase());
    });

    it("counts a Ballot signed by the voter and relayed by anyone, and rejects its replay", async () => {
      const { p, ballot } = await activeProposal();
      const signature = await sign(bob, ballot);
      const relay = () =>
        f.governor.write.castVoteBySig([p.id, FOR, bob.account.address, signature], { account: mallory.account });

      const [cast] = g.voteCasts(await g.wait(await relay()));
      assert.equal(cast?.args.voter.toLowerCase(), bob.account.address.toLowerCase());
      assert.equal(cast?.args.support, FOR);
      assert.equal(cast?.args.weight, bobStake);
      assert.deepEqual(await f.governor.read.proposalVotes([p.id]), [0n, bobStake, 0n]);
      assert.equal(await f.governor.read.nonces([bob.account.address]), ballot.nonce + 1n);
      assert.equal(await f.governor.read.hasVoted([p.id, mallory.account.address]), false);

      // The nonce in the signed Ballot is spent: the same signature no longer verifies.
      await viem.assertions.revertWithCustomErrorWithArgs(relay(), f.governor, "GovernorInvalidSignature", [
        bob.account.address,
      ]);
      assert.deepEqual(await f.governor.read.proposalVotes([p.id]), [0n, bobStake, 0n]);
    });

    const bad: {
      label: string;
      tamper: (b: Ballot) => {
        signer?: Wallet;
        signed?: Partial<Ballot>;
        domain?: Partial<typeof domain>;
        sent?: Partial<Ballot>;
      };
    }[] = [
      { label: "a different support than signed", tamper: () => ({ sent: { support: AGAINST } }) },
      { label: "a different voter than signed", tamper: () => ({ sent: { voter: carol.account.address } }) },
      { label: "a Ballot signed by someone else for the voter", tamper: () => ({ signer: mallory }) },
      { label: "a Ballot with a future nonce", tamper: (b) => ({ signed: { nonce: b.nonce + 1n } }) },
      { label: "a Ballot for another proposal", tamper: (b) => ({ signed: { proposalId: b.proposalId + 1n } }) },
      { label: "a Ballot for another chain", tamper: () => ({ domain: { chainId: 1 } }) },
      { label: "a Ballot for another contract name", tamper: () => ({ domain: { name: "Other Governor" } }) },
      { label: "a Ballot for another governor", tamper: () => ({ domain: { verifyingContract: c.Staking.address } }) },
    ];
    for (const { label, tamper } of bad) {
      it(`reverts GovernorInvalidSignature for ${label}`, async () => {
        const { p, ballot } = await activeProposal();
        const t = tamper(ballot);
        const signature = await sign(t.signer ?? bob, { ...ballot, ...t.signed }, { ...domain, ...t.domain });
        const sent = { ...ballot, ...t.sent };
        await viem.assertions.revertWithCustomErrorWithArgs(
          f.governor.write.castVoteBySig([p.id, sent.support, sent.voter, signature], { account: mallory.account }),
          f.governor,
          "GovernorInvalidSignature",
          [sent.voter],
        );
        assert.deepEqual(await f.governor.read.proposalVotes([p.id]), [0n, 0n, 0n]);
      });
    }
  });
});
