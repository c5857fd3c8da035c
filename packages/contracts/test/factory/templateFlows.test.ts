import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { childTreasuryAbi, consortiumAbi, grantProgramAbi } from "@aidao/sdk";
import SafeKit from "@safe-global/protocol-kit";
import { network } from "hardhat";
import { type Address, encodeFunctionData, type Hex, keccak256, parseEther, toHex } from "viem";
import { TEMPLATES } from "../../deploy/factory.ts";
import { DAY, deployFixture, fund } from "../fixture.ts";
import { governance, templateData } from "./helpers.ts";

type SafeClass = typeof import("@safe-global/protocol-kit")["default"];
const Safe = ((SafeKit as unknown as { default?: SafeClass }).default ?? SafeKit) as SafeClass;
const Mode = { OnChain: 0, OffChain: 1, Both: 2 } as const;

describe("templates created through the factory, end to end", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const f = await deployFixture(connection);
  const { alice, bob, carol, owner1, owner2, mallory } = f.wallets;
  const c = f.deployment.contracts;
  await fund(f, [alice.account.address, bob.account.address, mallory.account.address]);
  const factory = await viem.getContractAt("AIDAOFactory", c.AIDAOFactory.address);
  const registry = await viem.getContractAt("DAORegistry", c.DAORegistry.address);
  const wait = (hash: Hex) => f.publicClient.waitForTransactionReceipt({ hash });

  async function create(template: keyof typeof TEMPLATES, mode: number) {
    const params = {
      templateId: TEMPLATES[template],
      version: 1,
      parentId: 0n,
      name: `${template} flow`,
      daoURI: "",
      salt: keccak256(toHex(`${template}-flow`)),
      governance: governance(mode, mode === Mode.OnChain ? [] : [owner1.account.address, owner2.account.address]),
      templateData: templateData(f, template, [alice.account.address, bob.account.address]),
    };
    await wait(await factory.write.createDAO([params], { account: alice.account }));
    return registry.read.dao([await registry.read.daoCount()]);
  }

  /** Two of the Safe's owners sign with protocol-kit and one executes. */
  async function safeExec(safe: Address, to: Address, data: Hex) {
    const contractNetworks = { [String(f.deployment.chainId)]: f.deployment.safeInfrastructure };
    const one = await Safe.init({
      provider: connection.provider as never,
      signer: owner1.account.address,
      safeAddress: safe,
      contractNetworks,
    });
    const two = await one.connect({ signer: owner2.account.address });
    const tx = await one.createTransaction({ transactions: [{ to, value: "0", data }] });
    const signed = await two.signTransaction(await one.signTransaction(tx));
    const result = await two.executeTransaction(signed);
    const receipt = await wait(result.hash as Hex);
    assert.equal(receipt.status, "success");
  }

  it("grant: the Safe funds the program from the treasury and proposes grants; holders veto one, the other pays its milestones", async () => {
    const dao = await create("grant", Mode.OffChain);
    const token = await viem.getContractAt("RevenueShareToken", dao.token);
    const program = await viem.getContractAt("GrantProgram", dao.module);
    // Holders delegate before any grant is proposed: vetoes read votes just before the proposal.
    await token.write.delegate([alice.account.address], { account: alice.account });
    await token.write.delegate([bob.account.address], { account: bob.account });
    // An income reaches the DAO's treasury (2% to the main treasury), then the Safe moves a budget to the program.
    await f.token.write.approve([dao.treasury, parseEther("1000")], { account: mallory.account });
    const treasury = await viem.getContractAt("ChildTreasury", dao.treasury);
    await treasury.write.deposit([f.token.address, parseEther("1000")], { account: mallory.account });
    await safeExec(
      dao.safe,
      dao.treasury,
      encodeFunctionData({
        abi: childTreasuryAbi,
        functionName: "spend",
        args: [f.token.address, dao.module, parseEther("500")],
      }),
    );
    assert.equal(await f.token.read.balanceOf([dao.module]), parseEther("500"));

    await networkHelpers.mine();
    const propose = (recipient: Address, milestones: bigint[]) =>
      safeExec(
        dao.safe,
        dao.module,
        encodeFunctionData({
          abi: grantProgramAbi,
          functionName: "proposeGrant",
          args: [recipient, f.token.address, milestones, "ipfs://grant"],
        }),
      );
    await propose(carol.account.address, [parseEther("100"), parseEther("200")]);
    await propose(mallory.account.address, [parseEther("50")]);
    const [carolGrant, malloryGrant] = [1n, 2n];

    await program.write.veto([malloryGrant], { account: alice.account });
    await networkHelpers.time.increase(3 * DAY + 1);
    const release = (grantId: bigint, index: bigint) =>
      safeExec(
        dao.safe,
        dao.module,
        encodeFunctionData({ abi: grantProgramAbi, functionName: "releaseMilestone", args: [grantId, index] }),
      );
    const before = await f.token.read.balanceOf([carol.account.address]);
    await release(carolGrant, 0n);
    await release(carolGrant, 1n);
    assert.equal((await f.token.read.balanceOf([carol.account.address])) - before, parseEther("300"));
    await assert.rejects(release(malloryGrant, 0n));
    assert.equal((await f.token.read.balanceOf([mallory.account.address])) >= 0n, true);
    assert.equal(
      await program.read.available([f.token.address]),
      parseEther("200"),
      "the vetoed grant's budget is free again",
    );
  });

  it("consortium: members vote in a new member and revenue is then split by the new shares", async () => {
    const dao = await create("consortium", Mode.OnChain);
    const governor = await viem.getContractAt("ChildGovernor", dao.governor);
    const consortium = await viem.getContractAt("Consortium", dao.module);
    await networkHelpers.mine();
    const calldata = encodeFunctionData({
      abi: consortiumAbi,
      functionName: "setMembers",
      args: [
        [alice.account.address, bob.account.address, carol.account.address],
        [1n, 1n, 1n],
        [4000, 4000, 2000],
      ],
    });
    const description = "Welcome Carol with a 20% share";
    const p = [[dao.module], [0n], [calldata]] as const;
    await governor.write.propose([...p, description], { account: alice.account });
    const id = await governor.read.hashProposal([...p, keccak256(toHex(description))]);
    await networkHelpers.time.increase(DAY + 1);
    await governor.write.castVote([id, 1], { account: alice.account });
    await governor.write.castVote([id, 0], { account: bob.account });
    await networkHelpers.time.increase(3 * DAY + 1);
    // One member one vote: 1 for, 1 against → not passed.
    assert.equal(await governor.read.state([id]), 3, "a tie is defeated");

    const again = "Welcome Carol with a 20% share (second try)";
    await governor.write.propose([...p, again], { account: alice.account });
    const id2 = await governor.read.hashProposal([...p, keccak256(toHex(again))]);
    await networkHelpers.time.increase(DAY + 1);
    await governor.write.castVote([id2, 1], { account: alice.account });
    await governor.write.castVote([id2, 1], { account: bob.account });
    await networkHelpers.time.increase(3 * DAY + 1);
    await governor.write.queue([...p, keccak256(toHex(again))], { account: alice.account });
    await networkHelpers.time.increase(DAY + 1);
    await governor.write.execute([...p, keccak256(toHex(again))], { account: alice.account });
    assert.equal((await consortium.read.memberInfo([carol.account.address])).shareBps, 2000);

    const treasury = await viem.getContractAt("ChildTreasury", dao.treasury);
    await f.token.write.approve([dao.treasury, parseEther("100")], { account: mallory.account });
    await treasury.write.deposit([f.token.address, parseEther("100")], { account: mallory.account });
    assert.equal(
      await consortium.read.claimable([carol.account.address, f.token.address]),
      (parseEther("98") * 2000n) / 10_000n,
    );
    const before = await f.token.read.balanceOf([carol.account.address]);
    await consortium.write.claim([f.token.address], { account: carol.account });
    assert.equal(
      (await f.token.read.balanceOf([carol.account.address])) - before,
      (parseEther("98") * 2000n) / 10_000n,
    );
  });

  it("venture: the template id is reserved for the Venture DAO and not approved yet", async () => {
    const params = {
      templateId: TEMPLATES.venture,
      version: 1,
      parentId: 0n,
      name: "venture",
      daoURI: "",
      salt: keccak256(toHex("venture")),
      governance: governance(Mode.OnChain),
      templateData: "0x" as Hex,
    };
    await assert.rejects(
      factory.write.createDAO([params], { account: alice.account }),
      /TemplateRegistryUnknownVersion/,
    );
  });
});
