import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addModelVersion,
  castVote,
  claimRevenue,
  createDAO,
  depositRevenue,
  execute,
  listDAOs,
  modelRegistryAbi,
  proposePromotion,
  queue,
  registerModel,
  setEndpointCall,
  setModelStage,
  setStageCall,
} from "@aidao/sdk";
import { network } from "hardhat";
import { encodeFunctionData, keccak256, parseEther, toHex } from "viem";
import { DAY, deployFixture, fund } from "../fixture.ts";

describe("end to end with the SDK: create an AI DAO, govern its model, earn from it", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const f = await deployFixture(connection);
  const { alice, bob, carol, mallory } = f.wallets;
  const c = f.deployment.contracts;
  const wait = (hash: `0x${string}`) => f.publicClient.waitForTransactionReceipt({ hash });
  await fund(f, [mallory.account.address]);

  const dao = await createDAO(alice, {
    factory: c.AIDAOFactory.address,
    name: "Face DAO",
    daoURI: "ipfs://face-dao",
    governance: { mode: "OnChain", votingDelay: DAY, votingPeriod: 3 * DAY, quorumPercent: 10, timelockDelay: DAY },
    template: {
      template: "revenue-sharing",
      name: "Face",
      symbol: "FACE",
      holders: [
        { account: alice.account.address, amount: parseEther("600") },
        { account: bob.account.address, amount: parseEther("400") },
      ],
    },
  });

  it("lists the new DAO as a child of the main DAO", async () => {
    const children = await listDAOs(f.publicClient, { registry: c.DAORegistry.address, parentId: 1n });
    const mine = children.find((d) => d.daoId === dao.daoId);
    assert.ok(mine);
    assert.equal(mine.template, "revenue-sharing");
    assert.equal(mine.mode, "OnChain");
    assert.equal(mine.treasury, dao.treasury);
    const all = await listDAOs(f.publicClient, { registry: c.DAORegistry.address });
    assert.equal(all[0]?.template, "main");
  });

  it("promotes a model to Production with an endpoint priced per face, through the DAO's governance", async () => {
    const token = await viem.getContractAt("RevenueShareToken", dao.token);
    await token.write.delegate([alice.account.address], { account: alice.account });
    await token.write.delegate([bob.account.address], { account: bob.account });
    const models = c.ModelRegistry.address;
    // The DAO's governance makes Carol a maintainer.
    const governor = dao.governor;
    const run = async (
      calls: { target: `0x${string}`; value: bigint; data: `0x${string}` }[],
      description: string,
      propose: () => Promise<bigint>,
    ) => {
      const proposalId = await propose();
      await networkHelpers.time.increase(DAY + 1);
      await wait(await castVote(alice, { governor, proposalId, support: 1 }));
      await wait(await castVote(bob, { governor, proposalId, support: 1 }));
      await networkHelpers.time.increase(3 * DAY + 1);
      const p = {
        targets: calls.map((x) => x.target),
        values: calls.map((x) => x.value),
        calldatas: calls.map((x) => x.data),
      };
      await wait(await queue(alice, { governor, ...p, description }));
      await networkHelpers.time.increase(DAY + 1);
      await wait(await execute(alice, { governor, ...p, description }));
    };
    await networkHelpers.mine();
    const maintainer = {
      target: models,
      value: 0n,
      data: encodeFunctionData({
        abi: modelRegistryAbi,
        functionName: "setMaintainer",
        args: [dao.daoId, carol.account.address, true],
      }),
    };
    await run([maintainer], "Carol maintains our models", async () => {
      const g = await viem.getContractAt("ChildGovernor", governor);
      await wait(
        await g.write.propose([[maintainer.target], [0n], [maintainer.data], "Carol maintains our models"], {
          account: alice.account,
        }),
      );
      return g.read.hashProposal([
        [maintainer.target],
        [0n],
        [maintainer.data],
        keccak256(toHex("Carol maintains our models")),
      ]);
    });

    const { modelId } = await registerModel(carol, {
      modelRegistry: models,
      daoId: dao.daoId,
      name: "face-detector",
      metadataURI: "ipfs://face",
    });
    const { versionId } = await addModelVersion(carol, {
      modelRegistry: models,
      modelId,
      contentHash: keccak256(toHex("ssd-mobilenet-v1")),
      uri: "npm:@vladmandic/face-api/model",
      framework: "tfjs",
      license: "MIT",
      metricsURI: "ipfs://metrics",
    });
    await wait(await setModelStage(carol, { modelRegistry: models, modelId, versionId, stage: "Staging" }));
    await assert.rejects(
      setModelStage(carol, { modelRegistry: models, modelId, versionId, stage: "Production" }),
      /ModelRegistry/,
    );

    const endpoint = setEndpointCall(models, modelId, versionId, {
      url: "http://127.0.0.1:8080/v1/models/face",
      unit: "face",
      paymentToken: f.token.address,
      unitPrice: parseEther("1"),
      active: true,
    });
    const description = "Promote face-detector v1 to Production at 1 AIDAO per face";
    await run([setStageCall(models, modelId, versionId, "Production"), endpoint], description, async () => {
      const { proposalId } = await proposePromotion(alice, {
        governor,
        modelRegistry: models,
        modelId,
        versionId,
        also: [endpoint],
        description,
      });
      return proposalId;
    });
    const registry = await viem.getContractAt("ModelRegistry", models);
    assert.equal(await registry.read.productionVersion([modelId]), versionId);
    const e = await registry.read.endpoint([await registry.read.endpointCount()]);
    assert.equal(e.unit, "face");
    assert.equal(e.active, true);
  });

  it("shares revenue paid into the DAO's treasury with its holders, after the protocol fee", async () => {
    await wait(
      await depositRevenue(mallory, { treasury: dao.treasury, token: f.token.address, amount: parseEther("100") }),
    );
    const before = await f.token.read.balanceOf([bob.account.address]);
    await wait(await claimRevenue(bob, { distributor: dao.token, payoutToken: f.token.address }));
    // 2% protocol fee, then Bob holds 40%.
    assert.equal((await f.token.read.balanceOf([bob.account.address])) - before, (parseEther("98") * 40n) / 100n);
  });
});
