import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  type Address,
  decodeEventLog,
  encodeFunctionData,
  getAddress,
  type Hex,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
} from "viem";
import { TEMPLATES, type TemplateName } from "../../deploy/factory.ts";
import { DAY, deployFixture, fund } from "../fixture.ts";
import { governance, templateData } from "./helpers.ts";

const Mode = { OnChain: 0, OffChain: 1, Both: 2 } as const;

describe("AIDAOFactory", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const f = await deployFixture(connection);
  const { alice, bob, carol, owner1, owner2, mallory } = f.wallets;
  const c = f.deployment.contracts;
  const factory = await viem.getContractAt("AIDAOFactory", c.AIDAOFactory.address);
  const registry = await viem.getContractAt("DAORegistry", c.DAORegistry.address);
  const templates = await viem.getContractAt("TemplateRegistry", c.TemplateRegistry.address);
  const models = await viem.getContractAt("ModelRegistry", c.ModelRegistry.address);
  const wait = (hash: Hex) => f.publicClient.waitForTransactionReceipt({ hash });
  await fund(f, [alice.account.address, bob.account.address, carol.account.address, mallory.account.address]);

  async function create(
    template: TemplateName,
    mode: number,
    opts: { creator?: typeof alice; salt?: Hex; owners?: Address[]; account?: Address; parentId?: bigint } = {},
  ) {
    const creator = opts.creator ?? alice;
    const params = {
      templateId: TEMPLATES[template],
      version: 1,
      parentId: opts.parentId ?? 0n,
      name: `${template} DAO`,
      daoURI: `ipfs://dao/${template}`,
      salt: opts.salt ?? keccak256(toHex(`${template}-${mode}-${Math.random()}`)),
      governance: governance(
        mode,
        opts.owners ?? (mode === Mode.OnChain ? [] : [owner1.account.address, owner2.account.address]),
      ),
      templateData: templateData(f, template, [alice.account.address, bob.account.address]),
    };
    const account = opts.account ?? creator.account.address;
    const hash = await factory.write.createDAO([params], { account });
    const receipt = await wait(hash);
    const log = receipt.logs.find((l) => l.address.toLowerCase() === c.AIDAOFactory.address.toLowerCase());
    assert.ok(log, "DAOCreated emitted");
    const event = decodeEventLog({ abi: factory.abi, ...log }) as { args: { daoId: bigint } };
    const daoId = event.args.daoId;
    return { daoId, dao: await registry.read.dao([daoId]), gas: receipt.gasUsed, params };
  }

  describe("createDAO", () => {
    it("creates a revenue-sharing DAO with on-chain governance in one transaction, at predicted addresses", async () => {
      const salt = keccak256(toHex("face"));
      const { daoId, dao, params } = await create("revenue-sharing", Mode.OnChain, { salt });
      const [treasury, governor, timelock] = await factory.read.predictDAO([alice.account.address, params]);
      assert.equal(dao.treasury, getAddress(treasury));
      assert.equal(dao.governor, getAddress(governor));
      assert.equal(dao.timelock, getAddress(timelock));
      assert.equal(dao.parentId, 1n, "created by a person: a child of the main DAO");
      assert.equal(dao.templateId, TEMPLATES["revenue-sharing"]);
      assert.equal(await registry.read.executorOf([daoId]), dao.timelock);
      const registered = await registry.getEvents.DAORegistered({ parentId: 1n }, { fromBlock: 0n });
      assert.ok(
        registered.some((e) => e.args.daoId === daoId),
        "the tree is readable from events by parent",
      );
      const token = await viem.getContractAt("RevenueShareToken", dao.token);
      assert.equal(await token.read.totalSupply(), parseEther("2000"));
      const childGovernor = await viem.getContractAt("ChildGovernor", dao.governor);
      assert.equal((await childGovernor.read.token()).toLowerCase(), dao.token.toLowerCase());
      assert.equal((await childGovernor.read.timelock()).toLowerCase(), dao.timelock.toLowerCase());
      const childTreasury = await viem.getContractAt("ChildTreasury", dao.treasury);
      assert.equal(await childTreasury.read.daoURI(), "ipfs://dao/revenue-sharing");
      assert.equal((await childTreasury.read.executor()).toLowerCase(), dao.timelock.toLowerCase());
    });

    it("binds addresses to the creator: the same salt from someone else gives another DAO", async () => {
      const salt = keccak256(toHex("shared-salt"));
      const a = await create("revenue-sharing", Mode.OnChain, { salt });
      const b = await create("revenue-sharing", Mode.OnChain, { salt, creator: bob });
      assert.notEqual(a.dao.treasury, b.dao.treasury);
      await assert.rejects(create("revenue-sharing", Mode.OnChain, { salt }), /FailedDeployment|reverted/);
    });

    it("creates an off-chain DAO whose Safe executes, and a DAO governed both ways", async () => {
      const offSalt = keccak256(toHex("off-chain"));
      const off = await create("donation", Mode.OffChain, { salt: offSalt });
      const [predictedTreasury] = await factory.read.predictDAO([alice.account.address, off.params]);
      assert.equal(getAddress(predictedTreasury), off.dao.treasury, "predictable even with a Safe");
      assert.equal(off.dao.governor, zeroAddress);
      assert.equal(await registry.read.executorOf([off.daoId]), off.dao.safe);
      const safe = await viem.getContractAt("ChildTreasury", off.dao.treasury);
      assert.equal((await safe.read.executor()).toLowerCase(), off.dao.safe.toLowerCase());

      const both = await create("consortium", Mode.Both);
      const timelock = await viem.getContractAt("ChildTimelock", both.dao.timelock);
      const PROPOSER = await timelock.read.PROPOSER_ROLE();
      assert.equal(await timelock.read.hasRole([PROPOSER, both.dao.safe]), true);
      assert.equal(await timelock.read.hasRole([PROPOSER, both.dao.governor]), true);
      assert.equal(await registry.read.executorOf([both.daoId]), both.dao.timelock);
    });

    it("makes a DAO created by another DAO's governance its child (a DAO of DAOs)", async () => {
      const parent = await create("revenue-sharing", Mode.OnChain);
      await networkHelpers.impersonateAccount(parent.dao.timelock);
      await networkHelpers.setBalance(parent.dao.timelock, parseEther("1"));
      const child = await create("revenue-sharing", Mode.OnChain, {
        account: parent.dao.timelock,
        parentId: parent.daoId,
      });
      assert.equal(child.dao.parentId, parent.daoId);
      const children = await registry.getEvents.DAORegistered({ parentId: parent.daoId }, { fromBlock: 0n });
      assert.deepEqual(
        children.map((e) => e.args.daoId),
        [child.daoId],
      );
      await assert.rejects(
        create("revenue-sharing", Mode.OnChain, { parentId: parent.daoId }),
        /AIDAOFactoryNotParentExecutor/,
      );
    });

    const invalid: Array<[string, (p: Record<string, unknown>) => void, RegExp]> = [
      ["an unknown template", (p) => (p.templateId = keccak256(toHex("nope"))), /TemplateRegistryUnknownVersion/],
      ["version 0", (p) => (p.version = 0), /TemplateRegistryUnknownVersion/],
      [
        "on-chain governance without a voting period",
        (p) => ((p.governance as { votingPeriod: number }).votingPeriod = 0),
        /AIDAOFactoryInvalidGovernance/,
      ],
      [
        "a Safe threshold above its owners",
        (p) =>
          Object.assign(p.governance as object, {
            mode: Mode.OffChain,
            safeOwners: [alice.account.address],
            safeThreshold: 2n,
          }),
        /AIDAOFactoryInvalidGovernance/,
      ],
      ["template data that does not decode", (p) => (p.templateData = "0x1234"), /reverted/],
    ];
    for (const [name, mutate, error] of invalid) {
      it(`refuses ${name}`, async () => {
        const params: Record<string, unknown> = {
          templateId: TEMPLATES["revenue-sharing"],
          version: 1,
          parentId: 0n,
          name: "x",
          daoURI: "",
          salt: keccak256(toHex(name)),
          governance: governance(Mode.OnChain),
          templateData: templateData(f, "revenue-sharing", [alice.account.address]),
        };
        mutate(params);
        await assert.rejects(factory.write.createDAO([params as never], { account: alice.account }), error);
      });
    }

    it("refuses a version revoked by the main DAO's governance", async () => {
      const timelock = c.TimelockController.address;
      await networkHelpers.impersonateAccount(timelock);
      await networkHelpers.setBalance(timelock, parseEther("1"));
      const grant = TEMPLATES.grant;
      await templates.write.revokeVersion([grant, 1], { account: timelock });
      await assert.rejects(create("grant", Mode.OffChain), /TemplateRegistryRevokedVersion/);
      const setup = (await templates.read.version([grant, 1])).setup;
      await templates.write.approveVersion([grant, setup, "ipfs://grant/2"], { account: timelock });
      assert.equal(await templates.read.latestVersion([grant]), 2);
    });
  });

  describe("clones", () => {
    it("cannot be initialised again, and neither can the implementations", async () => {
      const { dao } = await create("revenue-sharing", Mode.OnChain);
      // The treasury has nothing to initialise: its record is its clone arguments.
      const treasury = await viem.getContractAt("ChildTreasury", dao.treasury);
      assert.equal((await treasury.read.daoRecord()).token, dao.token);
      for (const address of [dao.timelock, c.ChildTimelockImpl.address]) {
        const timelock = await viem.getContractAt("ChildTimelock", address);
        await assert.rejects(
          timelock.read.initialize([0n, [], [], mallory.account.address], { account: mallory.account.address }),
          /ChildTimelockNotInitializable/,
        );
      }
      for (const address of [dao.governor, c.ChildGovernorImpl.address]) {
        const governor = await viem.getContractAt("ChildGovernor", address);
        await assert.rejects(
          governor.write.initialize([dao.timelock], { account: mallory.account }),
          /InvalidInitialization/,
        );
      }
      const token = await viem.getContractAt("RevenueShareToken", dao.token);
      await assert.rejects(
        token.write.initialize(["x", "x", [mallory.account.address], [1n], mallory.account.address], {
          account: mallory.account,
        }),
        /InvalidInitialization/,
      );
    });

    it("give each DAO its own EIP-712 domain: a ballot for one governor is not valid in a sibling", async () => {
      const a = await create("revenue-sharing", Mode.OnChain);
      const b = await create("revenue-sharing", Mode.OnChain);
      const ga = await viem.getContractAt("ChildGovernor", a.dao.governor);
      const gb = await viem.getContractAt("ChildGovernor", b.dao.governor);
      const [, nameA, , , contractA] = await ga.read.eip712Domain();
      const [, nameB, , , contractB] = await gb.read.eip712Domain();
      assert.equal(nameA, nameB, "same implementation, same name");
      assert.notEqual(contractA, contractB, "but the domain binds each clone's own address");
      const message = { proposalId: 1n, support: 1, voter: alice.account.address, nonce: 0n };
      const types = {
        Ballot: [
          { name: "proposalId", type: "uint256" },
          { name: "support", type: "uint8" },
          { name: "voter", type: "address" },
          { name: "nonce", type: "uint256" },
        ],
      } as const;
      const sig = await alice.signTypedData({
        domain: { name: nameA, version: "1", chainId: 31337, verifyingContract: contractA },
        types,
        primaryType: "Ballot",
        message,
      });
      await assert.rejects(
        gb.write.castVoteBySig([1n, 1, alice.account.address, sig], { account: mallory.account }),
        /GovernorNonexistentProposal|GovernorInvalidSignature/,
      );
    });
  });

  describe("revenue", () => {
    it("pays the protocol fee to the main treasury (which gives 8% of it to education) and shares the rest with holders", async () => {
      const { dao } = await create("revenue-sharing", Mode.OnChain);
      const treasury = await viem.getContractAt("ChildTreasury", dao.treasury);
      const token = await viem.getContractAt("RevenueShareToken", dao.token);
      const income = parseEther("1000");
      const mainBefore = await f.token.read.balanceOf([c.Treasury.address]);
      const eduBefore = await f.token.read.balanceOf([c.EducationFund.address]);
      await f.token.write.approve([dao.treasury, income], { account: mallory.account });
      await treasury.write.deposit([f.token.address, income], { account: mallory.account });
      const fee = (income * 200n) / 10_000n;
      const education = (fee * 800n + 9_999n) / 10_000n;
      assert.equal((await f.token.read.balanceOf([c.EducationFund.address])) - eduBefore, education);
      assert.equal((await f.token.read.balanceOf([c.Treasury.address])) - mainBefore, fee - education);
      // Alice and Bob hold 1000 each: each is owed half of what is left after the fee.
      const each = (income - fee) / 2n;
      assert.equal(await token.read.claimable([alice.account.address, f.token.address]), each);
      const before = await f.token.read.balanceOf([bob.account.address]);
      await token.write.claim([f.token.address], { account: bob.account });
      assert.equal((await f.token.read.balanceOf([bob.account.address])) - before, each);
    });

    it("charges fees that add up exactly to what the main treasury receives, over many incomes", async () => {
      const { dao } = await create("revenue-sharing", Mode.OnChain);
      const treasury = await viem.getContractAt("ChildTreasury", dao.treasury);
      const mainBefore =
        (await f.token.read.balanceOf([c.Treasury.address])) +
        (await f.token.read.balanceOf([c.EducationFund.address]));
      let charged = 0n;
      for (const income of [1n, 49n, 50n, 12_345n, parseEther("3.333"), parseEther("77")]) {
        await f.token.write.approve([dao.treasury, income], { account: mallory.account });
        const receipt = await wait(
          await treasury.write.deposit([f.token.address, income], { account: mallory.account }),
        );
        const log = receipt.logs.find((l) => l.address.toLowerCase() === dao.treasury.toLowerCase());
        const event = decodeEventLog({ abi: treasury.abi, ...(log as NonNullable<typeof log>) }) as {
          args: { protocolFee: bigint };
        };
        assert.equal(event.args.protocolFee, (income * 200n) / 10_000n);
        charged += event.args.protocolFee;
      }
      const mainAfter =
        (await f.token.read.balanceOf([c.Treasury.address])) +
        (await f.token.read.balanceOf([c.EducationFund.address]));
      assert.equal(mainAfter - mainBefore, charged);
    });
  });

  describe("templates end to end", () => {
    it("donation: donors get supporter votes and the treasury the tokens", async () => {
      const { dao } = await create("donation", Mode.OnChain);
      const vault = await viem.getContractAt("DonationVault", dao.module);
      await f.token.write.approve([dao.module, parseEther("5")], { account: carol.account });
      await vault.write.donate([f.token.address, parseEther("5")], { account: carol.account });
      assert.equal(await vault.read.getVotes([carol.account.address]), parseEther("5"));
      assert.ok((await f.token.read.balanceOf([dao.treasury])) > 0n);
    });

    it("grant: the committee (the DAO's Safe) proposes a grant the token holders could veto", async () => {
      // Version 1 was revoked above and version 2 approved with the same setup.
      const params = {
        templateId: TEMPLATES.grant,
        version: 2,
        parentId: 0n,
        name: "Grant DAO",
        daoURI: "",
        salt: keccak256(toHex("grant")),
        governance: governance(Mode.OffChain, [owner1.account.address, owner2.account.address]),
        templateData: templateData(f, "grant", [alice.account.address, bob.account.address]),
      };
      const receipt = await wait(await factory.write.createDAO([params], { account: alice.account }));
      assert.equal(receipt.status, "success");
      const daoId = await registry.read.daoCount();
      const dao = await registry.read.dao([daoId]);
      const program = await viem.getContractAt("GrantProgram", dao.module);
      assert.equal((await program.read.committee()).toLowerCase(), dao.safe.toLowerCase());
    });

    it("consortium: members vote one member one vote and share revenue by their shares", async () => {
      const { dao } = await create("consortium", Mode.OnChain);
      const consortium = await viem.getContractAt("Consortium", dao.module);
      await networkHelpers.mine();
      assert.equal(await consortium.read.getVotes([alice.account.address]), parseEther("1"));
      const treasury = await viem.getContractAt("ChildTreasury", dao.treasury);
      await f.token.write.approve([dao.treasury, parseEther("100")], { account: mallory.account });
      await treasury.write.deposit([f.token.address, parseEther("100")], { account: mallory.account });
      const afterFee = parseEther("98");
      assert.equal(
        await consortium.read.claimable([alice.account.address, f.token.address]),
        (afterFee * 6000n) / 10_000n,
      );
      assert.equal(
        await consortium.read.claimable([bob.account.address, f.token.address]),
        (afterFee * 4000n) / 10_000n,
      );
    });

    it("revenue-sharing: the DAO's governance promotes a model to Production", async () => {
      const { daoId, dao } = await create("revenue-sharing", Mode.OnChain);
      const token = await viem.getContractAt("RevenueShareToken", dao.token);
      const governor = await viem.getContractAt("ChildGovernor", dao.governor);
      await token.write.delegate([alice.account.address], { account: alice.account });
      await token.write.delegate([bob.account.address], { account: bob.account });
      // The DAO's governance names Carol maintainer; she registers the model and a version and sends it to Staging.
      const calls = (data: Hex[]) => ({
        targets: data.map(() => models.address),
        values: data.map(() => 0n),
        calldatas: data,
      });
      const run = async (data: Hex[], description: string) => {
        const p = calls(data);
        await governor.write.propose([p.targets, p.values, p.calldatas, description], { account: alice.account });
        const id = await governor.read.hashProposal([p.targets, p.values, p.calldatas, keccak256(toHex(description))]);
        await networkHelpers.time.increase(DAY + 1);
        await governor.write.castVote([id, 1], { account: alice.account });
        await governor.write.castVote([id, 1], { account: bob.account });
        await networkHelpers.time.increase(3 * DAY + 1);
        await governor.write.queue([p.targets, p.values, p.calldatas, keccak256(toHex(description))], {
          account: alice.account,
        });
        await networkHelpers.time.increase(DAY + 1);
        await governor.write.execute([p.targets, p.values, p.calldatas, keccak256(toHex(description))], {
          account: alice.account,
        });
      };
      await networkHelpers.mine();
      await run(
        [
          encodeFunctionData({
            abi: models.abi,
            functionName: "setMaintainer",
            args: [daoId, carol.account.address, true],
          }),
        ],
        "Carol maintains our models",
      );
      await models.write.registerModel([daoId, "face-detector", "ipfs://face"], { account: carol.account });
      const modelId = await models.read.modelCount();
      await models.write.addVersion(
        [
          modelId,
          {
            contentHash: keccak256(toHex("weights-v1")),
            uri: "ipfs://w1",
            framework: "tfjs",
            license: "MIT",
            metricsURI: "ipfs://m1",
          },
        ],
        { account: carol.account },
      );
      await models.write.setStage([modelId, 1n, 1], { account: carol.account });
      await assert.rejects(models.write.setStage([modelId, 1n, 2], { account: carol.account }), /ModelRegistry/);
      await run(
        [encodeFunctionData({ abi: models.abi, functionName: "setStage", args: [modelId, 1n, 2] })],
        "Promote face-detector v1 to Production",
      );
      assert.equal(await models.read.productionVersion([modelId]), 1n);
    });
  });
});
