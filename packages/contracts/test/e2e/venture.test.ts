import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  acceptTokenCall,
  castVote,
  combinedResult,
  createDAO,
  execute,
  investCall,
  listReceipts,
  listRounds,
  openRoundCall,
  propose,
  queue,
  setPriceCall,
  ventureClaim,
  ventureDeposit,
  ventureDistribute,
  withdrawEarnings,
} from "@aidao/sdk";
import { network } from "hardhat";
import {
  type Address,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  getContract,
  type Hex,
  keccak256,
  parseAbi,
  parseEther,
  toHex,
} from "viem";
import { DAY, deployFixture, fund } from "../fixture.ts";

type Call = { target: Address; value: bigint; data: Hex };

describe("end to end: AIDAO Venture invests a round in an AI DAO under the 60/40 vote and pays its investors", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const f = await deployFixture(connection);
  const { alice, bob, carol, mallory } = f.wallets;
  const extra = (await viem.getWalletClients())[11];
  assert.ok(extra);
  const dave = extra;
  const c = f.deployment.contracts;
  const wait = (hash: Hex) => f.publicClient.waitForTransactionReceipt({ hash });
  const venture = {
    fund: c.VentureFund.address,
    receipts: c.VentureReceipts.address,
    governor: c.VentureGovernor.address,
  };
  const fundContract = await viem.getContractAt("VentureFund", venture.fund);
  const governorContract = await viem.getContractAt("VentureGovernor", venture.governor);
  // test/mocks/MockERC20.sol: an ERC20 anyone can mint.
  const deployedUsd = (await viem.deployContract("MockERC20" as never, ["Test USD", "TUSD"] as never)) as {
    address: Address;
  };
  const usd = getContract({
    address: deployedUsd.address,
    abi: [...erc20Abi, ...parseAbi(["function mint(address to, uint256 amount)"])],
    client: { public: f.publicClient, wallet: f.wallets.deployer },
  });

  // AIDAO holders: Alice and Bob stake (the 40% side); Carol and Mallory will invest (the 60% side).
  await fund(f, [alice.account.address, bob.account.address]);
  for (const [who, amount] of [
    [alice, parseEther("300000")],
    [bob, parseEther("100000")],
  ] as const) {
    await wait(await f.token.write.approve([c.Staking.address, amount], { account: who.account }));
    await wait(await f.staking.write.stake([amount], { account: who.account }));
    await wait(await f.staking.write.delegate([who.account.address], { account: who.account }));
  }
  await networkHelpers.time.increase(f.config.minStakePeriod + 1);

  /** Runs a venture proposal through the 60/40 vote: `votes` maps each voter to its ballot. */
  async function decide(calls: Call[], description: string, votes: Array<[typeof alice, 0 | 1 | 2]>) {
    const p = {
      targets: calls.map((x) => x.target),
      values: calls.map((x) => x.value),
      calldatas: calls.map((x) => x.data),
    };
    const { proposalId } = await propose(alice, { governor: venture.governor, ...p, description });
    await networkHelpers.time.increase(f.config.governor.votingDelay + 1);
    for (const [voter, support] of votes) {
      await wait(await castVote(voter, { governor: venture.governor, proposalId, support }));
    }
    await networkHelpers.time.increase(f.config.governor.votingPeriod + 1);
    const result = await combinedResult(f.publicClient, { governor: venture.governor, proposalId });
    if ((await governorContract.read.state([proposalId])) === 4) {
      await wait(await queue(alice, { governor: venture.governor, ...p, description }));
      await networkHelpers.time.increase(f.config.timelockDelay + 1);
      await wait(await execute(alice, { governor: venture.governor, ...p, description }));
    }
    return { proposalId, result, state: await governorContract.read.state([proposalId]) };
  }

  it("is DAO 2, a child of the main DAO, created from the venture template", async () => {
    const registry = await viem.getContractAt("DAORegistry", c.DAORegistry.address);
    const dao = await registry.read.dao([2n]);
    assert.equal(dao.module, venture.fund);
    assert.equal(dao.token, venture.receipts);
    assert.equal(dao.governor, venture.governor);
    assert.equal(dao.parentId, 1n);
    assert.deepEqual(await governorContract.read.sideWeights(), [60n, 40n]);
  });

  let closesAt = 0n;
  let unlocksAt = 0n;
  it("holders alone accept a token and open a round while no receipt exists (the investor side is empty)", async () => {
    const now = BigInt((await f.publicClient.getBlock()).timestamp);
    // The vote takes delay + period + timelock delay; the round opens for deposits for 20 days after that.
    closesAt = now + BigInt(30 * DAY);
    unlocksAt = closesAt + BigInt(180 * DAY);
    const { result, state } = await decide(
      [
        acceptTokenCall(venture.fund, { token: usd.address, maxAgeSeconds: 365 * DAY }),
        setPriceCall(venture.fund, usd.address, parseEther("1")),
        openRoundCall(venture.fund, { cap: parseEther("1000000"), closesAt, unlocksAt }),
      ],
      "Round 1: up to 1M TUSD for AI DAOs",
      [
        [alice, 1],
        [bob, 0],
      ],
    );
    assert.equal(state, 7, "executed");
    assert.equal(result.forPoints, parseEther("30"), "holders 300k for / 100k against of their 40 → 30 for");
    assert.equal(result.againstPoints, parseEther("10"));
    const [round] = await listRounds(f.publicClient, { fund: venture.fund });
    assert.equal(round?.state, "Open");
    assert.equal(round?.cap, parseEther("1000000"));
  });

  const receiptsOf: Record<string, bigint> = {};
  it("investors deposit and get receipts valued by price, up to the round's cap", async () => {
    for (const [who, amount] of [
      [carol, parseEther("600000")],
      [mallory, parseEther("300000")],
      [dave, parseEther("50000")],
    ] as const) {
      await wait(await usd.write.mint([who.account.address, amount]));
      const { receiptId, value } = await ventureDeposit(who, {
        fund: venture.fund,
        roundId: 1n,
        token: usd.address,
        amount,
        minValue: amount,
      });
      assert.equal(value, amount);
      receiptsOf[who.account.address] = receiptId;
    }
    await wait(await usd.write.mint([dave.account.address, parseEther("100001")]));
    await assert.rejects(
      ventureDeposit(dave, { fund: venture.fund, roundId: 1n, token: usd.address, amount: parseEther("100001") }),
      (e: { errorName?: string }) => e.errorName === "VentureFundCapExceeded",
    );
    const mine = await listReceipts(f.publicClient, { receipts: venture.receipts, owner: carol.account.address });
    assert.deepEqual(
      mine.map((r) => [r.roundId, r.token, r.amount, r.value]),
      [[1n, getAddress(usd.address), parseEther("600000"), parseEther("600000")]],
    );
    assert.equal((await fundContract.read.round([1n])).raised, parseEther("950000"));
    const receipts = await viem.getContractAt("VentureReceipts", venture.receipts);
    for (const who of [carol, mallory]) {
      await wait(await receipts.write.delegate([who.account.address], { account: who.account }));
    }
    const uri = await receipts.read.tokenURI([receiptsOf[carol.account.address] as bigint]);
    const json = JSON.parse(Buffer.from(uri.replace("data:application/json;base64,", ""), "base64").toString());
    assert.equal(
      json.attributes.find((a: { trait_type: string }) => a.trait_type === "value").value,
      "600000000000000000000000",
    );
  });

  let faceDao: Awaited<ReturnType<typeof createDAO>>;
  it("an AI DAO's governance offers its tokens to the fund; the 60/40 vote invests the round in it", async () => {
    await networkHelpers.time.increaseTo(closesAt);
    faceDao = await createDAO(bob, {
      factory: c.AIDAOFactory.address,
      name: "Face DAO",
      governance: { mode: "OnChain", votingDelay: DAY, votingPeriod: 3 * DAY, quorumPercent: 10, timelockDelay: DAY },
      template: {
        template: "revenue-sharing",
        name: "Face",
        symbol: "FACE",
        holders: [{ account: bob.account.address, amount: parseEther("1000") }],
      },
    });
    // Face DAO's governance moves 200 FACE to its timelock and approves the venture fund for them.
    const face = await viem.getContractAt("RevenueShareToken", faceDao.token);
    await wait(await face.write.transfer([faceDao.timelock, parseEther("200")], { account: bob.account }));
    await wait(await face.write.delegate([bob.account.address], { account: bob.account }));
    await networkHelpers.mine();
    const approve: Call = {
      target: faceDao.token,
      value: 0n,
      data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [venture.fund, parseEther("200")] }),
    };
    const faceGov = await viem.getContractAt("ChildGovernor", faceDao.governor);
    const text = "Sell 200 FACE to AIDAO Venture for 500k TUSD";
    await wait(await faceGov.write.propose([[approve.target], [0n], [approve.data], text], { account: bob.account }));
    const faceProposal = await faceGov.read.hashProposal([
      [approve.target],
      [0n],
      [approve.data],
      keccak256(toHex(text)),
    ]);
    await networkHelpers.time.increase(DAY + 1);
    await wait(await castVote(bob, { governor: faceDao.governor, proposalId: faceProposal, support: 1 }));
    await networkHelpers.time.increase(3 * DAY + 1);
    const fp = { targets: [approve.target], values: [0n], calldatas: [approve.data] };
    await wait(await queue(bob, { governor: faceDao.governor, ...fp, description: text }));
    await networkHelpers.time.increase(DAY + 1);
    await wait(await execute(bob, { governor: faceDao.governor, ...fp, description: text }));

    const invest = investCall(venture.fund, {
      roundId: 1n,
      daoId: faceDao.daoId,
      payToken: usd.address,
      amount: parseEther("500000"),
      receiveToken: faceDao.token,
      receiveAmount: parseEther("200"),
      terms: "ipfs://face-dao-seed-terms",
    });
    // Investors: Carol 600k for, Mallory 300k against → 40 for / 20 against of their 60.
    // Holders: Alice 300k for, Bob 100k against → 30 for / 10 against of their 40. Combined 70 / 30: it passes.
    const { result, state } = await decide([invest], "Invest 500k TUSD of round 1 in Face DAO for 200 FACE", [
      [carol, 1],
      [mallory, 0],
      [alice, 1],
      [bob, 0],
    ]);
    assert.equal(result.forPoints, parseEther("70"));
    assert.equal(result.againstPoints, parseEther("30"));
    assert.equal(state, 7, "executed");
    const treasury = faceDao.treasury;
    assert.equal(await usd.read.balanceOf([treasury]), parseEther("500000"), "Face DAO's treasury was paid");
    const book = await fundContract.read.book([1n, faceDao.token]);
    assert.equal(book.held, parseEther("200"), "the FACE belong to round 1");
    assert.equal((await fundContract.read.book([1n, usd.address])).held, parseEther("450000"));
    assert.equal(await fundContract.read.roundState([1n]), 2, "Investing");
  });

  it("after the lock, everything the round holds is distributed pro rata to its receipts, once", async () => {
    await assert.rejects(
      ventureClaim(carol, {
        fund: venture.fund,
        receiptId: receiptsOf[carol.account.address] as bigint,
        tokens: [usd.address],
      }),
      (e: { errorName?: string; shortMessage?: string }) =>
        e.errorName === "VentureFundWrongState" && /is investing/.test(e.shortMessage ?? ""),
    );
    await networkHelpers.time.increaseTo(unlocksAt);
    for (const token of [usd.address, faceDao.token]) {
      await wait(await ventureDistribute(dave, { fund: venture.fund, roundId: 1n, token }));
    }
    const face = await viem.getContractAt("RevenueShareToken", faceDao.token);
    for (const [who, value] of [
      [carol, parseEther("600000")],
      [mallory, parseEther("300000")],
    ] as const) {
      const receiptId = receiptsOf[who.account.address] as bigint;
      await wait(await ventureClaim(who, { fund: venture.fund, receiptId, tokens: [usd.address, faceDao.token] }));
      const total = parseEther("950000");
      assert.equal(await usd.read.balanceOf([who.account.address]), (parseEther("450000") * value) / total);
      assert.equal(await face.read.balanceOf([who.account.address]), (parseEther("200") * value) / total);
      const before = await usd.read.balanceOf([who.account.address]);
      await wait(await ventureClaim(who, { fund: venture.fund, receiptId, tokens: [usd.address] }));
      assert.equal(await usd.read.balanceOf([who.account.address]), before, "a second claim pays nothing");
    }
    // Dave withdraws his earnings in one call (nothing left to distribute: it only claims).
    const dave50k = parseEther("50000");
    const before = await usd.read.balanceOf([dave.account.address]);
    const r = await withdrawEarnings(dave, {
      fund: venture.fund,
      receipts: venture.receipts,
      receiptId: receiptsOf[dave.account.address] as bigint,
    });
    assert.equal(r.paid.length, 2, "TUSD and FACE");
    assert.equal(
      (await usd.read.balanceOf([dave.account.address])) - before,
      (parseEther("450000") * dave50k) / parseEther("950000"),
    );
    assert.ok((await usd.read.balanceOf([venture.fund])) <= 2n, "at most dust stays in the fund");
  });
});
