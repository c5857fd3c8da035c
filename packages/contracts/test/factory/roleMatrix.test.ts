import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { network } from "hardhat";
import {
  type Abi,
  type Address,
  encodeAbiParameters,
  encodeFunctionData,
  erc20Abi,
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
import { TEMPLATES, type TemplateName } from "../../deploy/factory.ts";
import { DAY, deployFixture, fund } from "../fixture.ts";
import { assertPanics } from "../utils/panics.ts";

/**
 * Who may call what in the factory stack and the DAOs it creates. Every privileged function added by the factory
 * work is tried from every caller below (those the DAO has); exactly the documented callers succeed, every other one
 * reverts with the contract's own authorization error, with its arguments.
 */

type CallerKey = "random" | "creator" | "safeOwner" | "safe" | "governor" | "timelock" | "mainTimelock" | "factory";
type AbiHolder = { abi: Abi };
type Denial = { contract: AbiHolder; error: string; args: unknown[] } | { panic: bigint };
type Ctx = { label: string; dao: Dao; callers: Partial<Record<CallerKey, Address>> };
type Row = {
  contract: string;
  fn: string;
  ctx: Ctx;
  /** The callers that may call the function directly (empty when nobody may). */
  allowed: CallerKey[];
  call: (from: Address) => Promise<Hash>;
  /** Checks the effect of an allowed call. */
  effect: () => Promise<void>;
  denied: (from: Address, caller: CallerKey) => Denial;
};
type Dao = {
  treasury: Address;
  token: Address;
  governor: Address;
  timelock: Address;
  safe: Address;
  module: Address;
  creator: Address;
  parentId: bigint;
  version: number;
  mode: number;
  templateId: Hex;
};

const Mode = { OnChain: 0, OffChain: 1, Both: 2 } as const;
const PANIC_EMPTY_ARRAY_POP = 0x31n;

const labels: Record<CallerKey, string> = {
  random: "a random account",
  creator: "the DAO's creator",
  safeOwner: "a Safe owner of the DAO",
  safe: "the DAO's Safe",
  governor: "the DAO's governor",
  timelock: "the DAO's timelock",
  mainTimelock: "the main timelock",
  factory: "the factory",
};

/** The raw revert data of a failed call, wherever viem put it in the cause chain. */
describe("factory role matrix", async () => {
  const connection = await network.create();
  const { networkHelpers, viem } = connection;
  const f = await deployFixture(connection);
  const c = f.deployment.contracts;
  const { alice, bob, carol, mallory, owner1, owner2 } = f.wallets;
  const extra = (await viem.getWalletClients()).slice(11, 14).map((w) => w.account.address);
  const [dave, erin, frank] = extra as [Address, Address, Address];
  const wait = (hash: Hash) => f.publicClient.waitForTransactionReceipt({ hash });
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

  const factory = await viem.getContractAt("AIDAOFactory", c.AIDAOFactory.address);
  const registry = await viem.getContractAt("DAORegistry", c.DAORegistry.address);
  const templates = await viem.getContractAt("TemplateRegistry", c.TemplateRegistry.address);
  const token = c.AIDAOToken.address;
  await fund(f, [alice.account.address, bob.account.address, carol.account.address, mallory.account.address]);

  // ---------------------------------------------------------------- DAOs of every kind, created by Carol

  const holders = [alice.account.address, bob.account.address];
  const amounts = [parseEther("1000"), parseEther("1000")];
  const data: Record<Exclude<TemplateName, "venture">, () => Hex> = {
    "revenue-sharing": () =>
      encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[]"), ["Rev", "REV", holders, amounts]),
    donation: () => encodeAbiParameters(parseAbiParameters("address[], uint256[]"), [[token], [parseEther("1")]]),
    grant: () =>
      encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[], uint48, uint256"), [
        "Grant",
        "GRNT",
        holders,
        amounts,
        3 * DAY,
        1000n,
      ]),
    // Weighted, so that setMember can change something while the shares keep summing to 100%.
    consortium: () =>
      encodeAbiParameters(parseAbiParameters("address[], uint256[], uint16[], bool"), [
        [...holders, dave],
        [3n, 2n, 1n],
        [6000, 4000, 0],
        true,
      ]),
  };
  const governance = (mode: number) => ({
    mode,
    votingDelay: DAY,
    votingPeriod: 3 * DAY,
    proposalThreshold: 0n,
    quorumPercent: 10,
    timelockDelay: DAY,
    safeOwners: mode === Mode.OnChain ? [] : [owner1.account.address, owner2.account.address],
    safeThreshold: mode === Mode.OnChain ? 0n : 2n,
  });
  async function create(template: Exclude<TemplateName, "venture">, mode: number, label: string): Promise<Ctx> {
    const params = {
      templateId: TEMPLATES[template],
      version: 1,
      parentId: 0n,
      name: label,
      daoURI: `ipfs://${label}`,
      salt: keccak256(toHex(label)),
      governance: governance(mode),
      templateData: data[template](),
    };
    const receipt = await wait(await factory.write.createDAO([params], { account: carol.account }));
    const [created] = parseEventLogs({ abi: factory.abi, logs: receipt.logs, eventName: "DAOCreated" });
    assert.ok(created, "DAOCreated");
    const dao = (await registry.read.dao([created.args.daoId])) as Dao;
    const callers: Partial<Record<CallerKey, Address>> = {
      random: mallory.account.address,
      creator: carol.account.address,
    };
    if (dao.safe !== zeroAddress) {
      callers.safeOwner = owner1.account.address;
      callers.safe = dao.safe;
    }
    if (dao.governor !== zeroAddress) {
      callers.governor = dao.governor;
      callers.timelock = dao.timelock;
    }
    callers.mainTimelock = c.TimelockController.address;
    callers.factory = c.AIDAOFactory.address;
    for (const contract of [dao.safe, dao.governor, dao.timelock]) {
      if (contract === zeroAddress) continue;
      await networkHelpers.impersonateAccount(contract);
      await networkHelpers.setBalance(contract, parseEther("10"));
    }
    return { label: `${template}, ${["OnChain", "OffChain", "Both"][mode]}`, dao, callers };
  }

  const revBoth = await create("revenue-sharing", Mode.Both, "rev-both");
  const revOn = await create("revenue-sharing", Mode.OnChain, "rev-on");
  const donOff = await create("donation", Mode.OffChain, "don-off");
  const donOn = await create("donation", Mode.OnChain, "don-on");
  const grantBoth = await create("grant", Mode.Both, "grant-both");
  const grantOff = await create("grant", Mode.OffChain, "grant-off");
  const consBoth = await create("consortium", Mode.Both, "cons-both");
  for (const contract of [c.TimelockController.address, c.AIDAOFactory.address]) {
    await networkHelpers.impersonateAccount(contract);
    await networkHelpers.setBalance(contract, parseEther("10"));
  }

  // ---------------------------------------------------------------- one base state for every cell

  // Every treasury holds tokens to spend (sent directly: not an income).
  for (const ctx of [revBoth, revOn, donOff]) {
    await wait(await f.token.write.transfer([ctx.dao.treasury, parseEther("100")], { account: mallory.account }));
  }
  // Holders of the Both revenue-sharing DAO vote (for the governor's own settings).
  for (const w of [alice, bob]) {
    const rst = await viem.getContractAt("RevenueShareToken", revBoth.dao.token);
    await wait(await rst.write.delegate([w.account.address], { account: w.account }));
  }
  // Grant programs with a budget and one grant past its veto window (Active), proposed by the committee (the Safe).
  for (const ctx of [grantBoth, grantOff]) {
    const program = await viem.getContractAt("GrantProgram", ctx.dao.module);
    await wait(await f.token.write.approve([ctx.dao.module, parseEther("1000")], { account: mallory.account }));
    await wait(await program.write.fund([token, parseEther("1000")], { account: mallory.account }));
    await wait(
      await program.write.proposeGrant([bob.account.address, token, [10n, 20n], "ipfs://grant"], {
        account: ctx.dao.safe,
      }),
    );
  }
  // Timelock operations scheduled by the governor, ready once the delay has passed.
  const approveCall = (amount: bigint) =>
    encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [bob.account.address, amount] });
  const ready = { target: token, value: 0n, data: approveCall(1n), predecessor: zeroHash, salt: keccak256(toHex("r")) };
  const readyBatch = {
    targets: [token],
    values: [0n],
    payloads: [approveCall(2n)],
    predecessor: zeroHash,
    salt: keccak256(toHex("rb")),
  };
  const readyIds: Record<Address, { single: Hex; batch: Hex }> = {};
  for (const ctx of [revBoth, revOn]) {
    const timelock = await viem.getContractAt("ChildTimelock", ctx.dao.timelock);
    const as = { account: ctx.dao.governor };
    await wait(
      await timelock.write.schedule(
        [ready.target, ready.value, ready.data, ready.predecessor, ready.salt, BigInt(DAY)],
        as,
      ),
    );
    await wait(
      await timelock.write.scheduleBatch(
        [
          readyBatch.targets,
          readyBatch.values,
          readyBatch.payloads,
          readyBatch.predecessor,
          readyBatch.salt,
          BigInt(DAY),
        ],
        as,
      ),
    );
    readyIds[ctx.dao.timelock] = {
      single: await timelock.read.hashOperation([ready.target, ready.value, ready.data, ready.predecessor, ready.salt]),
      batch: await timelock.read.hashOperationBatch([
        readyBatch.targets,
        readyBatch.values,
        readyBatch.payloads,
        readyBatch.predecessor,
        readyBatch.salt,
      ]),
    };
  }
  // A timelock for the child governor to move to.
  const otherTimelock = await viem.deployContract("TimelockController", [
    BigInt(DAY),
    [revBoth.dao.governor],
    [],
    zeroAddress,
  ]);
  await networkHelpers.time.increase(3 * DAY + 1);
  await networkHelpers.mine();
  for (const ctx of [grantBoth, grantOff]) {
    const program = await viem.getContractAt("GrantProgram", ctx.dao.module);
    assert.equal(await program.read.state([1n]), 3, "grant 1 is Active");
  }
  const base = await networkHelpers.takeSnapshot();

  beforeEach(async () => {
    await base.restore();
  });

  // ---------------------------------------------------------------- denials

  const ownable = (contract: AbiHolder) => (from: Address) => ({
    contract,
    error: "OwnableUnauthorizedAccount",
    args: [from],
  });
  const rows: Row[] = [];

  // ---------------------------------------------------------------- DAORegistry and TemplateRegistry (main DAO)

  rows.push(
    {
      contract: "DAORegistry",
      fn: "setFactory",
      ctx: revBoth,
      allowed: ["mainTimelock"],
      call: (from) => registry.write.setFactory([bob.account.address], { account: from }),
      effect: async () => assert.ok(same(await registry.read.factory(), bob.account.address)),
      denied: ownable(registry),
    },
    {
      contract: "DAORegistry",
      fn: "setProtocolFeeBps",
      ctx: revBoth,
      allowed: ["mainTimelock"],
      call: (from) => registry.write.setProtocolFeeBps([1000], { account: from }),
      effect: async () => assert.equal(await registry.read.protocolFeeBps(), 1000),
      denied: ownable(registry),
    },
    {
      contract: "DAORegistry",
      fn: "register",
      ctx: revBoth,
      allowed: ["factory"],
      call: (from) => registry.write.register([revOn.dao], { account: from }),
      effect: async () => {
        const count = await registry.read.daoCount();
        assert.equal(count, 10n, "the main DAO, AIDAO Venture, seven children and this one");
        assert.ok(same(await registry.read.treasuryOf([count]), revOn.dao.treasury));
      },
      denied: (from) => ({ contract: registry, error: "DAORegistryNotFactory", args: [from] }),
    },
    {
      contract: "TemplateRegistry",
      fn: "approveVersion",
      ctx: revBoth,
      allowed: ["mainTimelock"],
      call: (from) =>
        templates.write.approveVersion(
          [TEMPLATES["revenue-sharing"], c.RevenueSharingSetup.address, "ipfs://revenue/2"],
          {
            account: from,
          },
        ),
      effect: async () => assert.equal(await templates.read.latestVersion([TEMPLATES["revenue-sharing"]]), 2),
      denied: ownable(templates),
    },
    {
      contract: "TemplateRegistry",
      fn: "revokeVersion",
      ctx: revBoth,
      allowed: ["mainTimelock"],
      call: (from) => templates.write.revokeVersion([TEMPLATES["revenue-sharing"], 1], { account: from }),
      effect: async () => assert.equal((await templates.read.version([TEMPLATES["revenue-sharing"], 1])).active, false),
      denied: ownable(templates),
    },
  );

  // ---------------------------------------------------------------- ChildTreasury (the DAO's executor)

  for (const ctx of [revOn, donOff, revBoth]) {
    const treasury = await viem.getContractAt("ChildTreasury", ctx.dao.treasury);
    const executor: CallerKey = ctx.dao.mode === Mode.OffChain ? "safe" : "timelock";
    const notExecutor = (from: Address) => ({ contract: treasury, error: "ChildTreasuryNotExecutor", args: [from] });
    rows.push(
      {
        contract: "ChildTreasury",
        fn: "spend",
        ctx,
        allowed: [executor],
        call: (from) => treasury.write.spend([token, erin, parseEther("7")], { account: from }),
        effect: async () => assert.equal(await f.token.read.balanceOf([erin]), parseEther("7")),
        denied: notExecutor,
      },
      {
        contract: "ChildTreasury",
        fn: "setDistribution",
        ctx,
        allowed: [executor],
        call: (from) => treasury.write.setDistribution([erin, 2500], { account: from }),
        effect: async () => {
          const [distributor, bps] = await treasury.read.distribution();
          assert.ok(same(distributor, erin));
          assert.equal(bps, 2500);
        },
        denied: notExecutor,
      },
      {
        contract: "ChildTreasury",
        fn: "setDaoURI",
        ctx,
        allowed: [executor],
        call: (from) => treasury.write.setDaoURI(["ipfs://new"], { account: from }),
        effect: async () => assert.equal(await treasury.read.daoURI(), "ipfs://new"),
        denied: notExecutor,
      },
    );
  }

  // ---------------------------------------------------------------- ChildTimelock

  for (const ctx of [revOn, revBoth]) {
    const timelock = await viem.getContractAt("ChildTimelock", ctx.dao.timelock);
    const [PROPOSER, EXECUTOR, CANCELLER, ADMIN] = await Promise.all([
      timelock.read.PROPOSER_ROLE(),
      timelock.read.EXECUTOR_ROLE(),
      timelock.read.CANCELLER_ROLE(),
      timelock.read.DEFAULT_ADMIN_ROLE(),
    ]);
    const role = (r: Hex) => (from: Address) => ({
      contract: timelock,
      error: "AccessControlUnauthorizedAccount",
      args: [from, r],
    });
    // The governor, and the Safe in mode Both, propose, execute and cancel.
    const founders: CallerKey[] = ctx.dao.mode === Mode.Both ? ["governor", "safe"] : ["governor"];
    const ids = readyIds[ctx.dao.timelock] as { single: Hex; batch: Hex };
    const fresh = { data: approveCall(3n), salt: keccak256(toHex("fresh")) };
    rows.push(
      {
        contract: "ChildTimelock",
        fn: "updateDelay",
        ctx,
        allowed: ["timelock"],
        call: (from) => timelock.write.updateDelay([BigInt(5 * DAY)], { account: from }),
        effect: async () => assert.equal(await timelock.read.getMinDelay(), BigInt(5 * DAY)),
        denied: (from) => ({ contract: timelock, error: "TimelockUnauthorizedCaller", args: [from] }),
      },
      {
        contract: "ChildTimelock",
        fn: "schedule",
        ctx,
        allowed: founders,
        call: (from) =>
          timelock.write.schedule([token, 0n, fresh.data, zeroHash, fresh.salt, BigInt(DAY)], { account: from }),
        effect: async () => {
          const id = await timelock.read.hashOperation([token, 0n, fresh.data, zeroHash, fresh.salt]);
          assert.equal(await timelock.read.isOperationPending([id]), true);
        },
        denied: role(PROPOSER),
      },
      {
        contract: "ChildTimelock",
        fn: "scheduleBatch",
        ctx,
        allowed: founders,
        call: (from) =>
          timelock.write.scheduleBatch([[token], [0n], [fresh.data], zeroHash, fresh.salt, BigInt(DAY)], {
            account: from,
          }),
        effect: async () => {
          const id = await timelock.read.hashOperationBatch([[token], [0n], [fresh.data], zeroHash, fresh.salt]);
          assert.equal(await timelock.read.isOperationPending([id]), true);
        },
        denied: role(PROPOSER),
      },
      {
        contract: "ChildTimelock",
        fn: "execute",
        ctx,
        allowed: founders,
        call: (from) =>
          timelock.write.execute([ready.target, ready.value, ready.data, ready.predecessor, ready.salt], {
            account: from,
          }),
        effect: async () => {
          assert.equal(await timelock.read.isOperationDone([ids.single]), true);
          assert.equal(await f.token.read.allowance([ctx.dao.timelock, bob.account.address]), 1n);
        },
        denied: role(EXECUTOR),
      },
      {
        contract: "ChildTimelock",
        fn: "executeBatch",
        ctx,
        allowed: founders,
        call: (from) =>
          timelock.write.executeBatch(
            [readyBatch.targets, readyBatch.values, readyBatch.payloads, readyBatch.predecessor, readyBatch.salt],
            { account: from },
          ),
        effect: async () => {
          assert.equal(await timelock.read.isOperationDone([ids.batch]), true);
          assert.equal(await f.token.read.allowance([ctx.dao.timelock, bob.account.address]), 2n);
        },
        denied: role(EXECUTOR),
      },
      {
        contract: "ChildTimelock",
        fn: "cancel",
        ctx,
        allowed: founders,
        call: (from) => timelock.write.cancel([ids.single], { account: from }),
        effect: async () => assert.equal(await timelock.read.isOperation([ids.single]), false),
        denied: role(CANCELLER),
      },
      {
        contract: "ChildTimelock",
        fn: "grantRole",
        ctx,
        allowed: ["timelock"],
        call: (from) => timelock.write.grantRole([PROPOSER, erin], { account: from }),
        effect: async () => assert.equal(await timelock.read.hasRole([PROPOSER, erin]), true),
        denied: role(ADMIN),
      },
    );
    // Founding roles can never be revoked, not even by the timelock (their admin).
    const founding: Array<[string, Hex, Address]> = [
      ["the governor's proposer role", PROPOSER, ctx.dao.governor],
      ["the governor's executor role", EXECUTOR, ctx.dao.governor],
      ["the governor's canceller role", CANCELLER, ctx.dao.governor],
      ["its own admin role", ADMIN, ctx.dao.timelock],
    ];
    if (ctx.dao.mode === Mode.Both) founding.push(["the Safe's proposer role", PROPOSER, ctx.dao.safe]);
    for (const [what, r, account] of founding) {
      rows.push({
        contract: "ChildTimelock",
        fn: `revokeRole(${what})`,
        ctx,
        allowed: [],
        call: (from) => timelock.write.revokeRole([r, account], { account: from }),
        effect: async () => {},
        denied: (from, caller) =>
          caller === "timelock"
            ? { contract: timelock, error: "ChildTimelockFoundingRole", args: [r, account] }
            : role(ADMIN)(from),
      });
    }
  }

  // ---------------------------------------------------------------- template setups (factory only)

  const setups: Array<[string, Address, Exclude<TemplateName, "venture">]> = [
    ["RevenueSharingSetup", c.RevenueSharingSetup.address, "revenue-sharing"],
    ["DonationSetup", c.DonationSetup.address, "donation"],
    ["GrantSetup", c.GrantSetup.address, "grant"],
    ["ConsortiumSetup", c.ConsortiumSetup.address, "consortium"],
  ];
  for (const [name, address, template] of setups) {
    const setup = await viem.getContractAt("RevenueSharingSetup", address);
    const context = {
      creator: carol.account.address,
      salt: keccak256(toHex(`direct-${name}`)),
      treasury: frank,
      executor: frank,
      safe: zeroAddress,
      registry: c.DAORegistry.address,
      name: `direct ${name}`,
      votingDelay: 0,
      votingPeriod: 3600,
      proposalThreshold: 0n,
      quorumPercent: 4,
    };
    rows.push({
      contract: name,
      fn: "instantiate",
      ctx: revBoth,
      allowed: ["factory"],
      call: (from) => setup.write.instantiate([context, data[template]()], { account: from }),
      effect: async () => {
        const predicted = await setup.read.predict([context, data[template]()]);
        const made = predicted.module !== zeroAddress ? predicted.module : predicted.token;
        const code = await f.publicClient.getCode({ address: made });
        assert.ok(code && code !== "0x", "the template's contract was created");
      },
      denied: (from) => ({ contract: setup, error: "TemplateSetupNotFactory", args: [from] }),
    });
  }

  // ---------------------------------------------------------------- template modules, as wired by the factory

  for (const ctx of [donOn, donOff]) {
    const vault = await viem.getContractAt("DonationVault", ctx.dao.module);
    rows.push({
      contract: "DonationVault",
      fn: "setAllowedToken",
      ctx,
      allowed: [ctx.dao.mode === Mode.OffChain ? "safe" : "timelock"],
      call: (from) => vault.write.setAllowedToken([zeroAddress, parseEther("2")], { account: from }),
      effect: async () => assert.equal(await vault.read.unitsPerToken([zeroAddress]), parseEther("2")),
      denied: (from) => ({ contract: vault, error: "DonationVaultNotExecutor", args: [from] }),
    });
  }

  for (const ctx of [grantBoth, grantOff]) {
    const program = await viem.getContractAt("GrantProgram", ctx.dao.module);
    const executor: CallerKey = ctx.dao.mode === Mode.OffChain ? "safe" : "timelock";
    const notExecutor = (from: Address) => ({ contract: program, error: "GrantProgramNotExecutor", args: [from] });
    const notCommittee = (from: Address) => ({ contract: program, error: "GrantProgramNotCommittee", args: [from] });
    rows.push(
      {
        contract: "GrantProgram",
        fn: "setCommittee",
        ctx,
        allowed: [executor],
        call: (from) => program.write.setCommittee([erin], { account: from }),
        effect: async () => assert.ok(same(await program.read.committee(), erin)),
        denied: notExecutor,
      },
      {
        contract: "GrantProgram",
        fn: "setVetoParams",
        ctx,
        allowed: [executor],
        call: (from) => program.write.setVetoParams([2 * DAY, 2500n], { account: from }),
        effect: async () => {
          assert.equal(await program.read.vetoWindow(), 2 * DAY);
          assert.equal(await program.read.vetoQuorumBps(), 2500);
        },
        denied: notExecutor,
      },
      {
        contract: "GrantProgram",
        fn: "withdraw",
        ctx,
        allowed: [executor],
        call: (from) => program.write.withdraw([token, parseEther("100")], { account: from }),
        effect: async () => {
          assert.equal(await f.token.read.balanceOf([ctx.dao.treasury]), parseEther("100"));
          assert.equal(await program.read.available([token]), parseEther("900") - 30n);
        },
        denied: notExecutor,
      },
      {
        contract: "GrantProgram",
        fn: "proposeGrant",
        ctx,
        allowed: ["safe"],
        call: (from) =>
          program.write.proposeGrant([erin, token, [5n, 6n], "ipfs://g2"], {
            account: from,
          }),
        effect: async () => {
          assert.equal(await program.read.grantCount(), 2n);
          assert.equal(await program.read.state([2n]), 1, "Pending");
        },
        denied: notCommittee,
      },
      {
        contract: "GrantProgram",
        fn: "releaseMilestone",
        ctx,
        allowed: ["safe"],
        call: (from) => program.write.releaseMilestone([1n, 0n], { account: from }),
        effect: async () => {
          assert.equal((await program.read.grant([1n])).milestonesPaid, 1);
          assert.equal(await f.token.read.balanceOf([bob.account.address]), parseEther("1000000") + 10n);
        },
        denied: notCommittee,
      },
      {
        contract: "GrantProgram",
        fn: "cancelGrant",
        ctx,
        allowed: ctx.dao.mode === Mode.OffChain ? ["safe"] : ["safe", "timelock"],
        call: (from) => program.write.cancelGrant([1n], { account: from }),
        effect: async () => assert.equal(await program.read.state([1n]), 5, "Cancelled"),
        denied: (from) => ({ contract: program, error: "GrantProgramNotCommitteeOrExecutor", args: [from] }),
      },
    );
  }

  {
    const ctx = consBoth;
    const consortium = await viem.getContractAt("Consortium", ctx.dao.module);
    const notExecutor = (from: Address) => ({ contract: consortium, error: "ConsortiumNotExecutor", args: [from] });
    rows.push(
      {
        contract: "Consortium",
        fn: "addMember",
        ctx,
        allowed: ["timelock"],
        call: (from) => consortium.write.addMember([erin, 4n, 0], { account: from }),
        effect: async () => assert.equal((await consortium.read.memberInfo([erin])).units, 4n),
        denied: notExecutor,
      },
      {
        contract: "Consortium",
        fn: "removeMember",
        ctx,
        allowed: ["timelock"],
        call: (from) => consortium.write.removeMember([dave], { account: from }),
        effect: async () => assert.equal((await consortium.read.memberInfo([dave])).isMember, false),
        denied: notExecutor,
      },
      {
        contract: "Consortium",
        fn: "setMember",
        ctx,
        allowed: ["timelock"],
        call: (from) => consortium.write.setMember([bob.account.address, 7n, 4000], { account: from }),
        effect: async () => assert.equal((await consortium.read.memberInfo([bob.account.address])).units, 7n),
        denied: notExecutor,
      },
      {
        contract: "Consortium",
        fn: "setMembers",
        ctx,
        allowed: ["timelock"],
        call: (from) =>
          consortium.write.setMembers(
            [
              [alice.account.address, erin],
              [1n, 1n],
              [5000, 5000],
            ],
            { account: from },
          ),
        effect: async () => {
          assert.equal(await consortium.read.memberCount(), 2n);
          assert.equal((await consortium.read.memberInfo([erin])).shareBps, 5000);
        },
        denied: notExecutor,
      },
    );
  }

  // ---------------------------------------------------------------- run the directly callable rows

  for (const row of rows) {
    describe(`${row.contract}.${row.fn} (${row.ctx.label})`, () => {
      for (const [caller, from] of Object.entries(row.ctx.callers) as Array<[CallerKey, Address]>) {
        if (row.allowed.includes(caller)) {
          it(`succeeds from ${labels[caller]}`, async () => {
            await wait(await row.call(from));
            await row.effect();
          });
        } else {
          const denial = row.denied(from, caller);
          const name = "panic" in denial ? `Panic(${toHex(denial.panic)})` : denial.error;
          it(`reverts ${name} from ${labels[caller]}`, async () => {
            if ("panic" in denial) return assertPanics(row.call(from), denial.panic);
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

  // ---------------------------------------------------------------- the child governor's own settings

  const ctx = revBoth;
  const governor = await viem.getContractAt("ChildGovernor", ctx.dao.governor);
  const childTimelock = await viem.getContractAt("ChildTimelock", ctx.dao.timelock);

  /** Proposes `calldatas` to the governor as Alice, votes them through, queues and executes them. */
  async function passAndExecute(calldatas: Hex[], description: string) {
    const targets = calldatas.map(() => ctx.dao.governor);
    const values = calldatas.map(() => 0n);
    const descriptionHash = keccak256(toHex(description));
    await wait(await governor.write.propose([targets, values, calldatas, description], { account: alice.account }));
    const proposalId = await governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
    await networkHelpers.time.increase(DAY + 1);
    await wait(await governor.write.castVote([proposalId, 1], { account: alice.account }));
    await networkHelpers.time.increase(3 * DAY + 1);
    await wait(await governor.write.queue([targets, values, calldatas, descriptionHash], { account: alice.account }));
    await networkHelpers.time.increase(DAY + 1);
    await wait(await governor.write.execute([targets, values, calldatas, descriptionHash], { account: alice.account }));
    assert.equal(await governor.read.state([proposalId]), 7); // Executed
  }

  const g = governor;
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
      data: encodeFunctionData({ abi: g.abi, functionName: "setProposalThreshold", args: [parseEther("5")] }),
      effect: async () => assert.equal(await g.read.proposalThreshold(), parseEther("5")),
    },
    {
      fn: "updateQuorumNumerator",
      data: encodeFunctionData({ abi: g.abi, functionName: "updateQuorumNumerator", args: [25n] }),
      effect: async () => assert.equal(await g.read.quorumNumerator(), 25n),
    },
    {
      fn: "relay",
      data: encodeFunctionData({ abi: g.abi, functionName: "relay", args: [token, 0n, approveCall(4n)] }),
      effect: async () => assert.equal(await f.token.read.allowance([ctx.dao.governor, bob.account.address]), 4n),
    },
  ];

  for (const setter of setters) {
    describe(`ChildGovernor.${setter.fn} (${ctx.label})`, () => {
      const send = async (from: Address) => {
        const wallet = await viem.getWalletClient(from);
        return wallet.sendTransaction({ to: ctx.dao.governor, data: setter.data, account: from, chain: null });
      };
      for (const [caller, from] of Object.entries(ctx.callers) as Array<[CallerKey, Address]>) {
        if (caller === "timelock") {
          // onlyGovernance: the executor may call only as part of an executing proposal. Outside one, the
          // governor's queue of expected governance calls is empty and popping it panics (OpenZeppelin 5).
          it("reverts with Panic(0x31) from the DAO's timelock outside an executing proposal", async () => {
            await assertPanics(send(from), PANIC_EMPTY_ARRAY_POP);
          });
        } else {
          it(`reverts GovernorOnlyExecutor from ${labels[caller]}`, async () => {
            await viem.assertions.revertWithCustomErrorWithArgs(send(from), g, "GovernorOnlyExecutor", [from]);
          });
        }
      }
      it("reverts with Panic(0x31) when the Safe (mode Both) schedules it through the timelock", async () => {
        const salt = keccak256(toHex(`safe-${setter.fn}`));
        await wait(
          await childTimelock.write.schedule([ctx.dao.governor, 0n, setter.data, zeroHash, salt, BigInt(DAY)], {
            account: ctx.dao.safe,
          }),
        );
        await networkHelpers.time.increase(DAY + 1);
        await assertPanics(
          childTimelock.write.execute([ctx.dao.governor, 0n, setter.data, zeroHash, salt], { account: ctx.dao.safe }),
          PANIC_EMPTY_ARRAY_POP,
        );
      });
      it("succeeds from the DAO's timelock executing a passed proposal", async () => {
        await passAndExecute([setter.data], `Governance: ${setter.fn}`);
        await setter.effect();
      });
    });
  }

  // ---------------------------------------------------------------- the rest of the founding-role rule

  describe(`ChildGovernor.updateTimelock (${ctx.label})`, () => {
    // The founding timelock is the DAO's executor everywhere: nobody can move the governor away from it.
    for (const [caller, from] of Object.entries(ctx.callers) as Array<[CallerKey, Address]>) {
      it(`reverts ChildGovernorTimelockFixed from ${labels[caller]}`, async () => {
        const wallet = await viem.getWalletClient(from);
        await assert.rejects(
          wallet.sendTransaction({
            to: ctx.dao.governor,
            data: encodeFunctionData({ abi: g.abi, functionName: "updateTimelock", args: [otherTimelock.address] }),
            account: from,
            chain: null,
          }),
          /ChildGovernorTimelockFixed/,
        );
      });
    }
  });

  describe("ChildTimelock founding roles", () => {
    it("cannot be renounced by their holder either (ChildTimelockFoundingRole)", async () => {
      const PROPOSER = await childTimelock.read.PROPOSER_ROLE();
      for (const holder of [ctx.dao.governor, ctx.dao.safe]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          childTimelock.write.renounceRole([PROPOSER, holder], { account: holder }),
          childTimelock,
          "ChildTimelockFoundingRole",
          [PROPOSER, holder],
        );
      }
    });

    it("are not held by the timelock itself, the creator, the factory or the main timelock", async () => {
      const roles = await Promise.all([
        childTimelock.read.PROPOSER_ROLE(),
        childTimelock.read.EXECUTOR_ROLE(),
        childTimelock.read.CANCELLER_ROLE(),
      ]);
      for (const account of [
        ctx.dao.timelock,
        carol.account.address,
        owner1.account.address,
        c.AIDAOFactory.address,
        c.TimelockController.address,
        zeroAddress,
      ]) {
        for (const r of roles) assert.equal(await childTimelock.read.hasRole([r, account]), false);
      }
      const ADMIN = await childTimelock.read.DEFAULT_ADMIN_ROLE();
      for (const account of [ctx.dao.governor, ctx.dao.safe, carol.account.address, c.TimelockController.address]) {
        assert.equal(await childTimelock.read.hasRole([ADMIN, account]), false);
      }
      assert.equal(await childTimelock.read.hasRole([ADMIN, ctx.dao.timelock]), true);
    });
  });
});
