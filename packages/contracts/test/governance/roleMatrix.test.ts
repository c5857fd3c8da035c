import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { network } from "hardhat";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  erc20Abi,
  type Hash,
  type Hex,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
} from "viem";
import { TIMELOCK_ROLES } from "../../deploy/protocol.ts";
import { DAY, deployFixture, fund } from "../fixture.ts";
import { assertPanics } from "../utils/panics.ts";

/**
 * Who may call what. Every privileged function of the protocol is tried from every caller below; exactly the
 * documented one succeeds, every other one reverts with the contract's own authorization error.
 */

type CallerKey = "random" | "safeOwner" | "safe" | "governor" | "timelock" | "deployer";
type AbiHolder = { abi: Abi };
type Denial = { contract: AbiHolder; error: string; args: unknown[] };
type Row = {
  contract: string;
  fn: string;
  /** The one caller that may call the function directly; null when nobody may (governor setters). */
  allowed: CallerKey | null;
  call: (from: Address) => Promise<Hash>;
  /** Checks the effect of the allowed call. */
  effect: () => Promise<void>;
  denied: (from: Address) => Denial;
};

const PANIC_EMPTY_ARRAY_POP = 0x31n;

/** The raw revert data of a failed call, wherever viem put it in the cause chain. */
describe("role matrix", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const f = await deployFixture(connection);
  const c = f.deployment.contracts;
  const { alice, bob, carol, mallory, owner1, deployer } = f.wallets;
  const wait = (hash: Hash) => f.publicClient.waitForTransactionReceipt({ hash });

  const addresses: Record<CallerKey, Address> = {
    random: mallory.account.address,
    safeOwner: owner1.account.address,
    safe: c.Safe.address,
    governor: c.AIDAOGovernor.address,
    timelock: c.TimelockController.address,
    deployer: deployer.account.address,
  };
  const labels: Record<CallerKey, string> = {
    random: "a random account",
    safeOwner: "a Safe owner",
    safe: "the Safe",
    governor: "the governor",
    timelock: "the timelock",
    deployer: "the deployer",
  };
  const callers = Object.keys(addresses) as CallerKey[];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

  // ---------------------------------------------------------------- one base state for every cell

  const token = c.AIDAOToken.address;
  const partner = carol.account.address;
  await fund(f, [alice.account.address, c.EducationFund.address]);
  for (const contract of [c.Safe.address, c.AIDAOGovernor.address, c.TimelockController.address]) {
    await networkHelpers.impersonateAccount(contract);
    await networkHelpers.setBalance(contract, parseEther("10"));
  }
  const asTimelock = { account: c.TimelockController.address };
  const asGovernor = { account: c.AIDAOGovernor.address };

  // Alice holds enough matured stake to propose and to meet quorum alone.
  const stake = parseEther("1000000");
  await wait(await f.token.write.approve([c.Staking.address, stake], { account: alice.account }));
  await wait(await f.staking.write.stake([stake], { account: alice.account }));
  // A partner to update, remove and pay; a Safe spending limit to spend within.
  await wait(await f.educationFund.write.addPartner([partner, "ipfs://partner"], asTimelock));
  await wait(await f.treasury.write.setSpendingLimit([token, parseEther("1000"), 30 * DAY], asTimelock));
  // A single and a batch operation, scheduled by the governor, ready once the delay has passed.
  const approveCall = (amount: bigint) =>
    encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [bob.account.address, amount] });
  const ready = { target: token, value: 0n, data: approveCall(1n), predecessor: zeroHash, salt: keccak256(toHex("s")) };
  const readyBatch = {
    targets: [token],
    values: [0n],
    payloads: [approveCall(2n)],
    predecessor: zeroHash,
    salt: keccak256(toHex("b")),
  };
  const delay = BigInt(f.config.timelockDelay);
  await wait(
    await f.timelock.write.schedule(
      [ready.target, ready.value, ready.data, ready.predecessor, ready.salt, delay],
      asGovernor,
    ),
  );
  await wait(
    await f.timelock.write.scheduleBatch(
      [readyBatch.targets, readyBatch.values, readyBatch.payloads, readyBatch.predecessor, readyBatch.salt, delay],
      asGovernor,
    ),
  );
  const readyId = (await f.timelock.read.hashOperation([
    ready.target,
    ready.value,
    ready.data,
    ready.predecessor,
    ready.salt,
  ])) as Hex;
  const readyBatchId = (await f.timelock.read.hashOperationBatch([
    readyBatch.targets,
    readyBatch.values,
    readyBatch.payloads,
    readyBatch.predecessor,
    readyBatch.salt,
  ])) as Hex;
  // A second timelock for the governor to move to.
  const otherTimelock = await viem.deployContract("TimelockController", [
    delay,
    [c.AIDAOGovernor.address],
    [],
    zeroAddress,
  ]);
  await networkHelpers.time.increase(f.config.minStakePeriod + 2);
  await networkHelpers.mine();
  assert.equal(await f.timelock.read.isOperationReady([readyId]), true);
  assert.equal(await f.timelock.read.isOperationReady([readyBatchId]), true);
  const base = await networkHelpers.takeSnapshot();

  // ---------------------------------------------------------------- errors

  const ownable = (contract: AbiHolder) => (from: Address) => ({
    contract,
    error: "OwnableUnauthorizedAccount",
    args: [from],
  });
  const timelockRole = (role: Hex) => (from: Address) => ({
    contract: f.timelock,
    error: "AccessControlUnauthorizedAccount",
    args: [from, role],
  });

  // ---------------------------------------------------------------- directly callable functions

  const fresh = { target: token, data: approveCall(3n), salt: keccak256(toHex("fresh")) };
  const rows: Row[] = [
    {
      contract: "Staking",
      fn: "setMinStakePeriod",
      allowed: "timelock",
      call: (from) => f.staking.write.setMinStakePeriod([BigInt(14 * DAY)], { account: from }),
      effect: async () => assert.equal(await f.staking.read.minStakePeriod(), BigInt(14 * DAY)),
      denied: ownable(f.staking),
    },
    {
      contract: "Treasury",
      fn: "spend",
      allowed: "timelock",
      call: (from) => f.treasury.write.spend([token, bob.account.address, parseEther("5")], { account: from }),
      effect: async () => assert.equal(await f.token.read.balanceOf([bob.account.address]), parseEther("5")),
      denied: ownable(f.treasury),
    },
    {
      contract: "Treasury",
      fn: "setEducationBps",
      allowed: "timelock",
      call: (from) => f.treasury.write.setEducationBps([900], { account: from }),
      effect: async () => assert.equal(await f.treasury.read.educationBps(), 900),
      denied: ownable(f.treasury),
    },
    {
      contract: "Treasury",
      fn: "setSafe",
      allowed: "timelock",
      call: (from) => f.treasury.write.setSafe([bob.account.address], { account: from }),
      effect: async () => assert.ok(same(await f.treasury.read.safe(), bob.account.address)),
      denied: ownable(f.treasury),
    },
    {
      contract: "Treasury",
      fn: "setSpendingLimit",
      allowed: "timelock",
      call: (from) => f.treasury.write.setSpendingLimit([token, parseEther("7"), 7 * DAY], { account: from }),
      effect: async () => assert.equal(await f.treasury.read.remainingAllowance([token]), parseEther("7")),
      denied: ownable(f.treasury),
    },
    {
      contract: "Treasury",
      fn: "safeSpend",
      allowed: "safe",
      call: (from) => f.treasury.write.safeSpend([token, bob.account.address, parseEther("6")], { account: from }),
      effect: async () => {
        assert.equal(await f.token.read.balanceOf([bob.account.address]), parseEther("6"));
        assert.equal(await f.treasury.read.remainingAllowance([token]), parseEther("994"));
      },
      denied: (from) => ({ contract: f.treasury, error: "TreasuryNotSafe", args: [from] }),
    },
    {
      contract: "EducationFund",
      fn: "addPartner",
      allowed: "timelock",
      call: (from) => f.educationFund.write.addPartner([bob.account.address, "ipfs://bob"], { account: from }),
      effect: async () => assert.equal(await f.educationFund.read.isPartner([bob.account.address]), true),
      denied: ownable(f.educationFund),
    },
    {
      contract: "EducationFund",
      fn: "updatePartner",
      allowed: "timelock",
      call: (from) => f.educationFund.write.updatePartner([partner, "ipfs://updated"], { account: from }),
      effect: async () => assert.equal(await f.educationFund.read.partnerURI([partner]), "ipfs://updated"),
      denied: ownable(f.educationFund),
    },
    {
      contract: "EducationFund",
      fn: "removePartner",
      allowed: "timelock",
      call: (from) => f.educationFund.write.removePartner([partner], { account: from }),
      effect: async () => assert.equal(await f.educationFund.read.isPartner([partner]), false),
      denied: ownable(f.educationFund),
    },
    {
      contract: "EducationFund",
      fn: "release",
      allowed: "timelock",
      call: (from) => f.educationFund.write.release([token, partner, parseEther("3"), "grant"], { account: from }),
      effect: async () => assert.equal(await f.token.read.balanceOf([partner]), parseEther("3")),
      denied: ownable(f.educationFund),
    },
    {
      contract: "RewardsDistributor",
      fn: "postEpoch",
      allowed: "timelock",
      call: (from) =>
        f.rewards.write.postEpoch([keccak256(toHex("root")), parseEther("100"), "ipfs://epoch"], { account: from }),
      effect: async () => assert.equal(await f.rewards.read.epochCount(), 1n),
      denied: ownable(f.rewards),
    },
    {
      contract: "TimelockController",
      fn: "schedule",
      allowed: "governor",
      call: (from) =>
        f.timelock.write.schedule([fresh.target, 0n, fresh.data, zeroHash, fresh.salt, delay], { account: from }),
      effect: async () => {
        const id = (await f.timelock.read.hashOperation([fresh.target, 0n, fresh.data, zeroHash, fresh.salt])) as Hex;
        assert.equal(await f.timelock.read.isOperationPending([id]), true);
      },
      denied: timelockRole(TIMELOCK_ROLES.proposer),
    },
    {
      contract: "TimelockController",
      fn: "scheduleBatch",
      allowed: "governor",
      call: (from) =>
        f.timelock.write.scheduleBatch([[fresh.target], [0n], [fresh.data], zeroHash, fresh.salt, delay], {
          account: from,
        }),
      effect: async () => {
        const id = (await f.timelock.read.hashOperationBatch([
          [fresh.target],
          [0n],
          [fresh.data],
          zeroHash,
          fresh.salt,
        ])) as Hex;
        assert.equal(await f.timelock.read.isOperationPending([id]), true);
      },
      denied: timelockRole(TIMELOCK_ROLES.proposer),
    },
    {
      contract: "TimelockController",
      fn: "execute",
      allowed: "governor",
      call: (from) =>
        f.timelock.write.execute([ready.target, ready.value, ready.data, ready.predecessor, ready.salt], {
          account: from,
        }),
      effect: async () => {
        assert.equal(await f.timelock.read.isOperationDone([readyId]), true);
        assert.equal(await f.token.read.allowance([c.TimelockController.address, bob.account.address]), 1n);
      },
      denied: timelockRole(TIMELOCK_ROLES.executor),
    },
    {
      contract: "TimelockController",
      fn: "executeBatch",
      allowed: "governor",
      call: (from) =>
        f.timelock.write.executeBatch(
          [readyBatch.targets, readyBatch.values, readyBatch.payloads, readyBatch.predecessor, readyBatch.salt],
          { account: from },
        ),
      effect: async () => {
        assert.equal(await f.timelock.read.isOperationDone([readyBatchId]), true);
        assert.equal(await f.token.read.allowance([c.TimelockController.address, bob.account.address]), 2n);
      },
      denied: timelockRole(TIMELOCK_ROLES.executor),
    },
    {
      contract: "TimelockController",
      fn: "cancel",
      allowed: "governor",
      call: (from) => f.timelock.write.cancel([readyId], { account: from }),
      effect: async () => assert.equal(await f.timelock.read.isOperation([readyId]), false),
      denied: timelockRole(TIMELOCK_ROLES.canceller),
    },
    {
      contract: "TimelockController",
      fn: "updateDelay",
      allowed: "timelock",
      call: (from) => f.timelock.write.updateDelay([BigInt(3 * DAY)], { account: from }),
      effect: async () => assert.equal(await f.timelock.read.getMinDelay(), BigInt(3 * DAY)),
      denied: (from) => ({ contract: f.timelock, error: "TimelockUnauthorizedCaller", args: [from] }),
    },
    {
      contract: "TimelockController",
      fn: "grantRole",
      allowed: "timelock",
      call: (from) => f.timelock.write.grantRole([TIMELOCK_ROLES.proposer, mallory.account.address], { account: from }),
      effect: async () =>
        assert.equal(await f.timelock.read.hasRole([TIMELOCK_ROLES.proposer, mallory.account.address]), true),
      denied: timelockRole(TIMELOCK_ROLES.admin),
    },
    {
      contract: "TimelockController",
      fn: "revokeRole",
      allowed: "timelock",
      call: (from) =>
        f.timelock.write.revokeRole([TIMELOCK_ROLES.proposer, c.AIDAOGovernor.address], { account: from }),
      effect: async () =>
        assert.equal(await f.timelock.read.hasRole([TIMELOCK_ROLES.proposer, c.AIDAOGovernor.address]), false),
      denied: timelockRole(TIMELOCK_ROLES.admin),
    },
  ];

  beforeEach(async () => {
    await base.restore();
  });

  for (const row of rows) {
    describe(`${row.contract}.${row.fn}`, () => {
      for (const caller of callers) {
        const from = addresses[caller];
        if (caller === row.allowed) {
          it(`succeeds from ${labels[caller]}`, async () => {
            await wait(await row.call(from));
            await row.effect();
          });
        } else {
          const denial = row.denied(from);
          it(`reverts ${denial.error} from ${labels[caller]}`, async () => {
            await viem.assertions.revertWithCustomErrorWithArgs(
              row.call(from),
              denial.contract as never,
              denial.error as never,
              denial.args as never,
            );
          });
        }
      }
    });
  }

  // ---------------------------------------------------------------- the governor's own settings (onlyGovernance)

  /** Proposes `calls` as Alice, votes them through, queues and executes them: the timelock calls the governor. */
  async function passAndExecute(targets: Address[], calldatas: Hex[], description: string) {
    const values = targets.map(() => 0n);
    const descriptionHash = keccak256(toHex(description));
    await wait(await f.governor.write.propose([targets, values, calldatas, description], { account: alice.account }));
    const proposalId = await f.governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
    await networkHelpers.time.increase(f.config.governor.votingDelay + 1);
    await wait(await f.governor.write.castVote([proposalId, 1], { account: alice.account }));
    await networkHelpers.time.increase(f.config.governor.votingPeriod + 1);
    await wait(await f.governor.write.queue([targets, values, calldatas, descriptionHash], { account: alice.account }));
    await networkHelpers.time.increase(f.config.timelockDelay + 1);
    await wait(
      await f.governor.write.execute([targets, values, calldatas, descriptionHash], { account: alice.account }),
    );
    assert.equal(await f.governor.read.state([proposalId]), 7); // Executed
  }

  const g = f.governor;
  const setters: { fn: string; data: Hex; effect: () => Promise<void> }[] = [
    {
      fn: "setVotingDelay",
      data: encodeFunctionData({ abi: g.abi, functionName: "setVotingDelay", args: [2 * DAY] }),
      effect: async () => assert.equal(await g.read.votingDelay(), BigInt(2 * DAY)),
    },
    {
      fn: "setVotingPeriod",
      data: encodeFunctionData({ abi: g.abi, functionName: "setVotingPeriod", args: [6 * DAY] }),
      effect: async () => assert.equal(await g.read.votingPeriod(), BigInt(6 * DAY)),
    },
    {
      fn: "setProposalThreshold",
      data: encodeFunctionData({ abi: g.abi, functionName: "setProposalThreshold", args: [parseEther("200000")] }),
      effect: async () => assert.equal(await g.read.proposalThreshold(), parseEther("200000")),
    },
    {
      fn: "updateQuorumNumerator",
      data: encodeFunctionData({ abi: g.abi, functionName: "updateQuorumNumerator", args: [5n] }),
      effect: async () => assert.equal(await g.read.quorumNumerator(), 5n),
    },
    {
      fn: "setLateQuorumVoteExtension",
      data: encodeFunctionData({ abi: g.abi, functionName: "setLateQuorumVoteExtension", args: [2 * DAY] }),
      effect: async () => assert.equal(await g.read.lateQuorumVoteExtension(), 2 * DAY),
    },
    {
      fn: "updateTimelock",
      data: encodeFunctionData({ abi: g.abi, functionName: "updateTimelock", args: [otherTimelock.address] }),
      effect: async () => assert.ok(same(await g.read.timelock(), otherTimelock.address)),
    },
    {
      fn: "relay",
      data: encodeFunctionData({ abi: g.abi, functionName: "relay", args: [token, 0n, approveCall(4n)] }),
      effect: async () =>
        assert.equal(await f.token.read.allowance([c.AIDAOGovernor.address, bob.account.address]), 4n),
    },
  ];

  for (const setter of setters) {
    describe(`AIDAOGovernor.${setter.fn}`, () => {
      const send = async (from: Address) => {
        const wallet = await viem.getWalletClient(from);
        return wallet.sendTransaction({ to: c.AIDAOGovernor.address, data: setter.data, account: from, chain: null });
      };
      for (const caller of callers) {
        const from = addresses[caller];
        if (caller === "timelock") {
          // onlyGovernance: the executor may call only as part of an executing proposal. Outside one, the
          // governor's queue of expected governance calls is empty and popping it panics (OpenZeppelin 5).
          it("reverts with Panic(0x31) from the timelock outside an executing proposal", async () => {
            await assertPanics(send(from), PANIC_EMPTY_ARRAY_POP);
          });
        } else {
          it(`reverts GovernorOnlyExecutor from ${labels[caller]}`, async () => {
            await viem.assertions.revertWithCustomErrorWithArgs(send(from), g, "GovernorOnlyExecutor", [from]);
          });
        }
      }
      it("succeeds from the timelock executing a passed proposal", async () => {
        await passAndExecute([c.AIDAOGovernor.address], [setter.data], `Governance: ${setter.fn}`);
        await setter.effect();
      });
    });
  }
});
