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
  openChannel,
  proposePromotion,
  queue,
  readChannel,
  redeemVouchers,
  registerModel,
  setContributorsCall,
  setEndpointCall,
  setModelStage,
  setStageCall,
  signVoucher,
  withdrawCredits,
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
    // Carol, who collected the training data, holds 20% of the model's value chain.
    const contributors = setContributorsCall(models, modelId, [
      { account: carol.account.address, role: "Data", shareBps: 2000 },
    ]);
    const description = "Promote face-detector v1 to Production at 1 AIDAO per face";
    const calls = [setStageCall(models, modelId, versionId, "Production"), endpoint, contributors];
    await run(calls, description, async () => {
      const { proposalId } = await proposePromotion(alice, {
        governor,
        modelRegistry: models,
        modelId,
        versionId,
        also: [endpoint, contributors],
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

  it("a customer pays per face through a channel; one batch redemption splits the revenue on-chain", async () => {
    const c2 = f.deployment.contracts;
    const registry = await viem.getContractAt("ModelRegistry", c2.ModelRegistry.address);
    const endpointId = await registry.read.endpointCount();
    const now = BigInt((await f.publicClient.getBlock()).timestamp);
    const channel = await openChannel(mallory, {
      usageChannels: c2.UsageChannels.address,
      modelRegistry: c2.ModelRegistry.address,
      endpointId,
      amount: parseEther("50"),
      expiresAt: now + 7n * BigInt(DAY),
    });
    assert.equal(channel.recipient, dao.treasury, "vouchers pay the DAO that owns the endpoint");
    assert.equal(channel.deposit, parseEther("50"));
    const chainId = await f.publicClient.getChainId();
    const voucher = async (faces: bigint) => ({
      channelId: channel.channelId,
      cumulativeAmount: faces * parseEther("1"),
      signature: await signVoucher(mallory, {
        usageChannels: c2.UsageChannels.address,
        chainId,
        channelId: channel.channelId,
        token: channel.token,
        recipient: channel.recipient,
        cumulativeAmount: faces * parseEther("1"),
      }),
    });
    // Two calls found 3 then 4 faces: the latest voucher covers 7; an older one redeemed after it pays nothing.
    const three = await voucher(3n);
    const seven = await voucher(7n);
    const treasuryBefore = await f.token.read.balanceOf([dao.treasury]);
    const protocolBalance = async () =>
      (await f.token.read.balanceOf([f.treasury.address])) + (await f.token.read.balanceOf([f.educationFund.address]));
    const mainBefore = await protocolBalance();
    const { paid } = await redeemVouchers(carol, { usageChannels: c2.UsageChannels.address, vouchers: [seven, three] });
    assert.equal(paid, parseEther("7"));
    // Carol's 20% of the value chain is credited; the DAO's 5.6 pays the 2% protocol fee to the main treasury.
    const usage = await viem.getContractAt("UsageChannels", c2.UsageChannels.address);
    assert.equal(await usage.read.credits([carol.account.address, f.token.address]), parseEther("1.4"));
    const fee = (parseEther("5.6") * 200n) / 10_000n;
    assert.equal((await protocolBalance()) - mainBefore, fee, "the fee reached the main treasury (8% on to education)");
    const kept = (await f.token.read.balanceOf([dao.treasury])) - treasuryBefore;
    assert.ok(kept <= parseEther("5.6") - fee, "the DAO's treasury shared the rest with its holders");
    assert.equal(
      (await readChannel(f.publicClient, { usageChannels: c2.UsageChannels.address, channelId: channel.channelId }))
        .redeemed,
      parseEther("7"),
    );
    const again = await redeemVouchers(carol, { usageChannels: c2.UsageChannels.address, vouchers: [seven] });
    assert.equal(again.paid, 0n, "a voucher pays once");
    const carolBefore = await f.token.read.balanceOf([carol.account.address]);
    await wait(await withdrawCredits(carol, { usageChannels: c2.UsageChannels.address, token: f.token.address }));
    assert.equal((await f.token.read.balanceOf([carol.account.address])) - carolBefore, parseEther("1.4"));
  });
});
