import assert from "node:assert/strict";
import { describe, it } from "node:test";
import SafeKit from "@safe-global/protocol-kit";
import { network } from "hardhat";
import {
  type Abi,
  type Address,
  encodeAbiParameters,
  encodeFunctionData,
  type Hash,
  type Hex,
  keccak256,
  parseAbi,
  parseAbiParameters,
  parseEther,
  parseEventLogs,
  toHex,
  zeroAddress,
} from "viem";
import { TEMPLATES, type TemplateName } from "../../deploy/factory.ts";
import { DAY, deployFixture, fund } from "../fixture.ts";

// protocol-kit is CommonJS with a default export; under ESM it may arrive wrapped once more.
type SafeClass = typeof import("@safe-global/protocol-kit")["default"];
const Safe = ((SafeKit as unknown as { default?: SafeClass }).default ?? SafeKit) as SafeClass;

const Mode = { OnChain: 0, OffChain: 1, Both: 2 } as const;
const ProposalState = { Pending: 0, Active: 1, Defeated: 3, Succeeded: 4, Queued: 5, Executed: 7 } as const;
const GrantState = { Pending: 1, Vetoed: 2, Active: 3, Completed: 4 } as const;
const BPS = 10_000n;

/** A small deterministic PRNG (mulberry32), so the random sequences are reproducible from their seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    big: (max: bigint) =>
      (BigInt(Math.floor(next() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(next() * 2 ** 32))) % max,
  };
}

describe("AI DAO templates, created through the factory, end to end", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const f = await deployFixture(connection);
  const { alice, bob, carol, mallory, owner1, owner2 } = f.wallets;
  const extras = (await viem.getWalletClients()).slice(11, 15);
  const [dave, erin, frank, grace] = extras as [
    (typeof extras)[number],
    (typeof extras)[number],
    (typeof extras)[number],
    (typeof extras)[number],
  ];
  const c = f.deployment.contracts;
  const factory = await viem.getContractAt("AIDAOFactory", c.AIDAOFactory.address);
  const registry = await viem.getContractAt("DAORegistry", c.DAORegistry.address);
  const templates = await viem.getContractAt("TemplateRegistry", c.TemplateRegistry.address);
  const wait = (hash: Hash) => f.publicClient.waitForTransactionReceipt({ hash });
  const token = c.AIDAOToken.address;
  const feeBps = BigInt(await registry.read.protocolFeeBps());
  const educationBps = BigInt(await f.treasury.read.educationBps());
  await fund(f, [
    alice.account.address,
    bob.account.address,
    carol.account.address,
    mallory.account.address,
    dave.account.address,
  ]);

  type Wallet = typeof alice;
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

  async function create(template: TemplateName, mode: number, templateData: Hex, version = 1) {
    const name = `${template} ${Math.random()}`;
    const params = {
      templateId: TEMPLATES[template],
      version,
      parentId: 0n,
      name,
      daoURI: `ipfs://${template}`,
      salt: keccak256(toHex(name)),
      governance: governance(mode),
      templateData,
    };
    const receipt = await wait(await factory.write.createDAO([params], { account: carol.account }));
    const [created] = parseEventLogs({ abi: factory.abi, logs: receipt.logs, eventName: "DAOCreated" });
    assert.ok(created, "DAOCreated");
    const dao = await registry.read.dao([created.args.daoId]);
    assert.equal(dao.templateId, TEMPLATES[template]);
    return { daoId: created.args.daoId, dao };
  }

  const rsData = (holders: Address[], amounts: bigint[]) =>
    encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[]"), ["Face", "FACE", holders, amounts]);

  /** Mallory pays `amount` of `payout` into a DAO's treasury as income; returns its IncomeReceived event. */
  async function income(treasuryAddress: Address, amount: bigint, payout: Address = token) {
    const erc20 = await viem.getContractAt("AIDAOToken", payout);
    const treasury = await viem.getContractAt("ChildTreasury", treasuryAddress);
    await wait(await erc20.write.approve([treasuryAddress, amount], { account: mallory.account }));
    const receipt = await wait(await treasury.write.deposit([payout, amount], { account: mallory.account }));
    const [event] = parseEventLogs({ abi: treasury.abi, logs: receipt.logs, eventName: "IncomeReceived" }).filter(
      (e) => e.address.toLowerCase() === treasuryAddress.toLowerCase(),
    );
    assert.ok(event, "IncomeReceived");
    return event.args;
  }

  /** Passes `calls` through a child governor: propose, `voters` vote for, queue, execute. */
  async function pass(
    governorAddress: Address,
    calls: { target: Address; data: Hex }[],
    description: string,
    voters: Wallet[],
  ) {
    const governor = await viem.getContractAt("ChildGovernor", governorAddress);
    const targets = calls.map((call) => call.target);
    const values = calls.map(() => 0n);
    const calldatas = calls.map((call) => call.data);
    const descriptionHash = keccak256(toHex(description));
    const proposer = voters[0] as (typeof voters)[number];
    await wait(await governor.write.propose([targets, values, calldatas, description], { account: proposer.account }));
    const proposalId = await governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
    await networkHelpers.time.increase(Number(await governor.read.votingDelay()) + 1);
    for (const voter of voters) {
      await wait(await governor.write.castVote([proposalId, 1], { account: voter.account }));
    }
    await networkHelpers.time.increase(Number(await governor.read.votingPeriod()) + 1);
    assert.equal(await governor.read.state([proposalId]), ProposalState.Succeeded);
    await wait(
      await governor.write.queue([targets, values, calldatas, descriptionHash], { account: proposer.account }),
    );
    const timelock = await viem.getContractAt("ChildTimelock", await governor.read.timelock());
    await networkHelpers.time.increase(Number(await timelock.read.getMinDelay()) + 1);
    await wait(
      await governor.write.execute([targets, values, calldatas, descriptionHash], { account: proposer.account }),
    );
    assert.equal(await governor.read.state([proposalId]), ProposalState.Executed);
    return proposalId;
  }

  // ---------------------------------------------------------------------------------------------- revenue-sharing

  describe("revenue-sharing", () => {
    it("pays the protocol fee to the main treasury (8% of it to education) and the rest to holders pro rata", async () => {
      const holders = [alice.account.address, bob.account.address];
      const { dao } = await create(
        "revenue-sharing",
        Mode.OnChain,
        rsData(holders, [parseEther("3000"), parseEther("1000")]),
      );
      const rst = await viem.getContractAt("RevenueShareToken", dao.token);
      const mainBefore = await f.token.read.balanceOf([c.Treasury.address]);
      const eduBefore = await f.token.read.balanceOf([c.EducationFund.address]);

      const amount = parseEther("1000");
      const event = await income(dao.treasury, amount);
      const fee = (amount * feeBps) / BPS;
      const education = (fee * educationBps + BPS - 1n) / BPS;
      assert.equal(event.protocolFee, fee);
      assert.equal(event.distributed, amount - fee, "all of the rest goes to the holders");
      assert.equal((await f.token.read.balanceOf([c.EducationFund.address])) - eduBefore, education);
      assert.equal((await f.token.read.balanceOf([c.Treasury.address])) - mainBefore, fee - education);
      assert.equal(await f.token.read.balanceOf([dao.treasury]), 0n, "nothing stays in the DAO's treasury");

      // Alice holds 3/4, Bob 1/4.
      const net = amount - fee;
      assert.equal(await rst.read.claimable([alice.account.address, token]), (net * 3n) / 4n);
      assert.equal(await rst.read.claimable([bob.account.address, token]), net / 4n);
      const before = await f.token.read.balanceOf([bob.account.address]);
      await wait(await rst.write.claim([token], { account: bob.account }));
      assert.equal((await f.token.read.balanceOf([bob.account.address])) - before, net / 4n);
      assert.equal(await rst.read.claimable([bob.account.address, token]), 0n);
    });

    it("moves only future revenue with a transfer", async () => {
      const holders = [alice.account.address, bob.account.address];
      const { dao } = await create(
        "revenue-sharing",
        Mode.OnChain,
        rsData(holders, [parseEther("3000"), parseEther("1000")]),
      );
      const rst = await viem.getContractAt("RevenueShareToken", dao.token);
      const first = await income(dao.treasury, parseEther("1000"));
      // Alice gives a third of her tokens to Carol: what she earned before stays hers.
      await wait(await rst.write.transfer([carol.account.address, parseEther("1000")], { account: alice.account }));
      assert.equal(await rst.read.claimable([alice.account.address, token]), (first.distributed * 3n) / 4n);
      assert.equal(await rst.read.claimable([carol.account.address, token]), 0n, "no past revenue for Carol");
      const second = await income(dao.treasury, parseEther("500"));
      assert.equal(
        await rst.read.claimable([alice.account.address, token]),
        (first.distributed * 3n) / 4n + (second.distributed * 2n) / 4n,
      );
      assert.equal(await rst.read.claimable([carol.account.address, token]), second.distributed / 4n);
      assert.equal(
        await rst.read.claimable([bob.account.address, token]),
        first.distributed / 4n + second.distributed / 4n,
      );
    });

    for (const seed of [0x5eed_2024, 0xa1da0, 7]) {
      it(`never pays out more than it received: claimed + claimable = received - fees, up to bounded dust (seed ${seed})`, async () => {
        await randomSequence(seed, 80);
      });
    }
  });

  /**
   * A random sequence of incomes (in two payout tokens), transfers and claims on a fresh revenue-sharing DAO, with
   * the accounting checked after every step and the main treasury's fee income checked at the end.
   */
  async function randomSequence(seed: number, steps: number) {
    // A second payout token (test/mocks/MockERC20.sol: an ERC20 anyone can mint).
    const usd = (await viem.deployContract("MockERC20" as never, ["USD Coin", "USDC"] as never)) as {
      address: Address;
    };
    await wait(
      await mallory.writeContract({
        address: usd.address,
        abi: parseAbi(["function mint(address to, uint256 amount)"]),
        functionName: "mint",
        args: [mallory.account.address, parseEther("1000000000")],
      }),
    );
    const pool = [alice, bob, carol, dave, erin].map((w) => w.account.address);
    const { dao } = await create(
      "revenue-sharing",
      Mode.OnChain,
      rsData([alice.account.address, bob.account.address, carol.account.address], [7n, parseEther("13"), 1_000_003n]),
    );
    const rst = await viem.getContractAt("RevenueShareToken", dao.token);
    const payouts = [token, usd.address];
    const fromBlock = await f.publicClient.getBlockNumber();

    type Books = { received: bigint; fees: bigint; distributions: bigint; claimed: bigint };
    const books = Object.fromEntries(
      payouts.map((p) => [p, { received: 0n, fees: 0n, distributions: 0n, claimed: 0n }]),
    ) as Record<Address, Books>;
    const everHeld = new Set<Address>([alice.account.address, bob.account.address, carol.account.address]);

    const check = async (step: number) => {
      for (const payout of payouts) {
        const b = books[payout] as Books;
        const distributed = b.received - b.fees;
        assert.equal(await rst.read.totalDistributed([payout]), distributed, `step ${step}: all of the rest shared`);
        assert.equal(await rst.read.totalClaimed([payout]), b.claimed, `step ${step}: claims recorded`);
        let claimable = 0n;
        for (const account of pool) claimable += await rst.read.claimable([account, payout]);
        const owed = b.claimed + claimable;
        assert.ok(owed <= distributed, `step ${step}: ${owed} owed > ${distributed} received - fees`);
        const dust = distributed - owed;
        const bound = BigInt(everHeld.size) + b.distributions;
        assert.ok(dust <= bound, `step ${step}: dust ${dust} > holders + distributions ${bound}`);
        const erc20 = await viem.getContractAt("AIDAOToken", payout);
        assert.equal(await erc20.read.balanceOf([dao.token]), distributed - b.claimed, `step ${step}: funds held`);
      }
    };

    const rng = prng(seed);
    for (let step = 0; step < steps; step++) {
      const action = rng.int(3);
      const payout = payouts[rng.int(payouts.length)] as Address;
      const b = books[payout] as Books;
      if (action === 0) {
        // An income: tiny (no fee, rounding-heavy) or large.
        const amount = rng.int(2) === 0 ? 1n + rng.big(1000n) : 1n + rng.big(parseEther("50000"));
        const event = await income(dao.treasury, amount, payout);
        assert.equal(event.protocolFee, (amount * feeBps) / BPS);
        b.received += event.amount;
        b.fees += event.protocolFee;
        if (event.distributed > 0n) b.distributions += 1n;
      } else if (action === 1) {
        const from = pool[rng.int(pool.length)] as Address;
        const to = pool[rng.int(pool.length)] as Address;
        const balance = await rst.read.balanceOf([from]);
        if (balance === 0n) continue;
        const amount = 1n + rng.big(balance);
        await wait(await rst.write.transfer([to, amount], { account: from }));
        everHeld.add(to);
      } else {
        const account = pool[rng.int(pool.length)] as Address;
        const erc20 = await viem.getContractAt("AIDAOToken", payout);
        const expected = await rst.read.claimable([account, payout]);
        const before = await erc20.read.balanceOf([account]);
        await wait(await rst.write.claim([payout], { account }));
        const paid = (await erc20.read.balanceOf([account])) - before;
        assert.equal(paid, expected, "a claim pays what was claimable");
        b.claimed += paid;
      }
      await check(step);
    }
    // Everyone claims everything at the end: only dust remains.
    for (const account of pool) {
      for (const payout of payouts) {
        const before = await rst.read.claimable([account, payout]);
        await wait(await rst.write.claim([payout], { account }));
        (books[payout] as Books).claimed += before;
      }
    }
    await check(steps);
    for (const payout of payouts) {
      const b = books[payout] as Books;
      assert.ok(b.distributions > 0n, "the sequence distributed each payout token");
    }

    // The main treasury's protocol-fee income from this DAO is exactly the fees the DAO's treasury charged.
    const incomes = await f.treasury.getEvents.IncomeReceived(
      { from: dao.treasury, source: 0 },
      { fromBlock, toBlock: "latest" },
    );
    for (const payout of payouts) {
      const mine = incomes.filter((e) => e.args.token?.toLowerCase() === payout.toLowerCase());
      const received = mine.reduce((sum, e) => sum + (e.args.amount ?? 0n), 0n);
      assert.equal(received, (books[payout] as Books).fees, "main treasury income = fees charged");
      for (const e of mine) {
        assert.equal(e.args.educationShare, ((e.args.amount ?? 0n) * educationBps + BPS - 1n) / BPS);
      }
    }
    const charged = await (await viem.getContractAt("ChildTreasury", dao.treasury)).getEvents.IncomeReceived(
      {},
      { fromBlock, toBlock: "latest" },
    );
    assert.equal(
      charged.reduce((sum, e) => sum + (e.args.protocolFee ?? 0n), 0n),
      payouts.reduce((sum, p) => sum + (books[p] as Books).fees, 0n),
    );
  }

  // ---------------------------------------------------------------------------------------------- donation

  describe("donation", () => {
    it("donors get supporter votes, and a proposal of the donation DAO pays a grant from its treasury", async () => {
      const data = encodeAbiParameters(parseAbiParameters("address[], uint256[]"), [[token], [parseEther("1")]]);
      const { dao } = await create("donation", Mode.OnChain, data);
      const vault = await viem.getContractAt("DonationVault", dao.module);
      const treasury = await viem.getContractAt("ChildTreasury", dao.treasury);
      const governor = await viem.getContractAt("ChildGovernor", dao.governor);
      assert.ok((await governor.read.token()).toLowerCase() === dao.module.toLowerCase(), "votes are supporter units");
      assert.ok((await vault.read.treasury()).toLowerCase() === dao.treasury.toLowerCase());
      assert.ok((await vault.read.executor()).toLowerCase() === dao.timelock.toLowerCase());

      const mainBefore =
        (await f.token.read.balanceOf([c.Treasury.address])) +
        (await f.token.read.balanceOf([c.EducationFund.address]));
      for (const [donor, amount] of [
        [carol, parseEther("500")],
        [dave, parseEther("300")],
      ] as const) {
        await wait(await f.token.write.approve([dao.module, amount], { account: donor.account }));
        await wait(await vault.write.donate([token, amount], { account: donor.account }));
        assert.equal(await vault.read.getVotes([donor.account.address]), amount, "one vote per token donated");
      }
      const donated = parseEther("800");
      const fees = (parseEther("500") * feeBps) / BPS + (parseEther("300") * feeBps) / BPS;
      assert.equal(await f.token.read.balanceOf([dao.module]), 0n, "the vault keeps nothing");
      assert.equal(await f.token.read.balanceOf([dao.treasury]), donated - fees);
      const mainAfter =
        (await f.token.read.balanceOf([c.Treasury.address])) +
        (await f.token.read.balanceOf([c.EducationFund.address]));
      assert.equal(mainAfter - mainBefore, fees, "donations pay the protocol fee too");
      assert.equal(await vault.read.getVotes([mallory.account.address]), 0n, "no donation, no vote");

      // Carol proposes a grant to Erin, paid by the DAO's treasury; she votes for, Dave against: 500 to 300.
      const grant = parseEther("200");
      const calls = [
        {
          target: dao.treasury,
          data: encodeFunctionData({
            abi: treasury.abi,
            functionName: "spend",
            args: [token, erin.account.address, grant],
          }),
        },
      ];
      const description = "Grant 200 AIDAO to Erin's open dataset";
      const descriptionHash = keccak256(toHex(description));
      const targets = calls.map((x) => x.target);
      const calldatas = calls.map((x) => x.data);
      await wait(await governor.write.propose([targets, [0n], calldatas, description], { account: carol.account }));
      const proposalId = await governor.read.hashProposal([targets, [0n], calldatas, descriptionHash]);
      await networkHelpers.time.increase(DAY + 1);
      // A donation after the snapshot gives no say in this proposal.
      await wait(await f.token.write.approve([dao.module, parseEther("10000")], { account: mallory.account }));
      await wait(await vault.write.donate([token, parseEther("10000")], { account: mallory.account }));
      await wait(await governor.write.castVote([proposalId, 1], { account: carol.account }));
      await wait(await governor.write.castVote([proposalId, 0], { account: dave.account }));
      await wait(await governor.write.castVote([proposalId, 0], { account: mallory.account }));
      const [against, forVotes] = await governor.read.proposalVotes([proposalId]);
      assert.equal(forVotes, parseEther("500"));
      assert.equal(against, parseEther("300"), "Mallory's late donation counts for nothing here");
      await networkHelpers.time.increase(3 * DAY + 1);
      assert.equal(await governor.read.state([proposalId]), ProposalState.Succeeded);
      await wait(await governor.write.queue([targets, [0n], calldatas, descriptionHash], { account: carol.account }));
      await networkHelpers.time.increase(DAY + 1);
      const treasuryBefore = await f.token.read.balanceOf([dao.treasury]);
      const erinBefore = await f.token.read.balanceOf([erin.account.address]);
      await viem.assertions.emitWithArgs(
        governor.write.execute([targets, [0n], calldatas, descriptionHash], { account: carol.account }),
        treasury,
        "Spent",
        [token, erin.account.address, grant],
      );
      assert.equal((await f.token.read.balanceOf([erin.account.address])) - erinBefore, grant);
      assert.equal(treasuryBefore - (await f.token.read.balanceOf([dao.treasury])), grant);
    });
  });

  // ---------------------------------------------------------------------------------------------- grant

  describe("grant (off-chain governance: the DAO's Safe is the committee and the executor)", () => {
    it("the Safe funds the program and proposes grants; holders veto one, the other's milestones are paid in order", async () => {
      const holders = [alice.account.address, bob.account.address, carol.account.address];
      const data = encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[], uint48, uint256"), [
        "Grant DAO",
        "GRNT",
        holders,
        [parseEther("1000"), parseEther("1000"), parseEther("100")],
        3 * DAY,
        1000n, // 10% of the supply vetoes
      ]);
      const { dao } = await create("grant", Mode.OffChain, data);
      assert.equal(dao.governor, zeroAddress);
      const program = await viem.getContractAt("GrantProgram", dao.module);
      const treasury = await viem.getContractAt("ChildTreasury", dao.treasury);
      const grantToken = await viem.getContractAt("RevenueShareToken", dao.token);
      assert.ok((await program.read.committee()).toLowerCase() === dao.safe.toLowerCase());
      assert.ok((await program.read.executor()).toLowerCase() === dao.safe.toLowerCase());
      for (const w of [alice, bob, carol]) {
        await wait(await grantToken.write.delegate([w.account.address], { account: w.account }));
      }

      // The DAO earns an income; nothing is distributed (the grant token shares nothing until governance says so).
      const earned = await income(dao.treasury, parseEther("10000"));
      assert.equal(earned.distributed, 0n);
      assert.equal(await f.token.read.balanceOf([dao.treasury]), parseEther("9800"));

      // Two of the Safe's owners sign with protocol-kit.
      const contractNetworks = { [String(f.deployment.chainId)]: f.deployment.safeInfrastructure };
      const signer1 = await Safe.init({
        provider: connection.provider as never,
        signer: owner1.account.address,
        safeAddress: dao.safe,
        contractNetworks,
      });
      const signer2 = await signer1.connect({ signer: owner2.account.address });
      const safeExec = async (to: Address, data: Hex, abi: Abi) => {
        const tx = await signer1.createTransaction({ transactions: [{ to, value: "0", data }] });
        const signed = await signer2.signTransaction(await signer1.signTransaction(tx));
        const receipt = await wait((await signer2.executeTransaction(signed)).hash as Hash);
        assert.equal(receipt.status, "success");
        return parseEventLogs({ abi, logs: receipt.logs }).filter((l) => l.address.toLowerCase() === to.toLowerCase());
      };

      const budget = parseEther("5000");
      await safeExec(
        dao.treasury,
        encodeFunctionData({ abi: treasury.abi, functionName: "spend", args: [token, dao.module, budget] }),
        treasury.abi,
      );
      assert.equal(await program.read.available([token]), budget);
      assert.equal(await f.token.read.balanceOf([dao.treasury]), parseEther("4800"));

      const propose = async (recipient: Address, milestones: bigint[], uri: string) => {
        const logs = await safeExec(
          dao.module,
          encodeFunctionData({
            abi: program.abi,
            functionName: "proposeGrant",
            args: [recipient, token, milestones, uri],
          }),
          program.abi,
        );
        const proposed = logs.find((l) => l.eventName === "GrantProposed") as unknown as { args: { grantId: bigint } };
        return proposed.args.grantId;
      };
      const vetoed = await propose(frank.account.address, [parseEther("1500"), parseEther("500")], "ipfs://frank");
      const funded = await propose(grace.account.address, [parseEther("700"), parseEther("300")], "ipfs://grace");
      assert.equal(await program.read.committed([token]), parseEther("3000"));
      assert.equal(await program.read.state([vetoed]), GrantState.Pending);
      const quorum = await program.read.vetoQuorum([vetoed]);
      assert.equal(quorum, parseEther("210"), "10% of the 2100 tokens");

      // Carol's 100 is below the quorum: her veto of Grace's grant is recorded but does not stop it.
      await wait(await program.write.veto([funded], { account: carol.account }));
      assert.equal(await program.read.state([funded]), GrantState.Pending);
      // Alice's 1000 is above it: Frank's grant is vetoed within the window and its budget freed.
      await viem.assertions.emitWithArgs(
        program.write.veto([vetoed], { account: alice.account }),
        program,
        "GrantVetoed",
        [vetoed, parseEther("1000"), quorum],
      );
      assert.equal(await program.read.state([vetoed]), GrantState.Vetoed);
      assert.equal(await program.read.committed([token]), parseEther("1000"));
      await viem.assertions.revertWithCustomErrorWithArgs(
        program.write.veto([vetoed], { account: bob.account }),
        program,
        "GrantProgramInvalidState",
        [vetoed, GrantState.Vetoed],
      );

      // Nothing is paid during the window.
      await viem.assertions.revertWithCustomErrorWithArgs(
        program.write.releaseMilestone([funded, 0n], { account: dao.safe }),
        program,
        "GrantProgramInvalidState",
        [funded, GrantState.Pending],
      );
      await networkHelpers.time.increase(3 * DAY + 1);
      assert.equal(await program.read.state([funded]), GrantState.Active);
      await viem.assertions.revertWithCustomErrorWithArgs(
        program.write.veto([funded], { account: bob.account }),
        program,
        "GrantProgramInvalidState",
        [funded, GrantState.Active],
      );

      // The Safe releases Grace's milestones, in order only; Frank's vetoed grant never pays.
      await networkHelpers.impersonateAccount(dao.safe);
      await networkHelpers.setBalance(dao.safe, parseEther("1"));
      await viem.assertions.revertWithCustomErrorWithArgs(
        program.write.releaseMilestone([funded, 1n], { account: dao.safe }),
        program,
        "GrantProgramMilestoneOutOfOrder",
        [funded, 0n, 1n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        program.write.releaseMilestone([vetoed, 0n], { account: dao.safe }),
        program,
        "GrantProgramInvalidState",
        [vetoed, GrantState.Vetoed],
      );
      await networkHelpers.stopImpersonatingAccount(dao.safe);
      const release = (index: bigint) =>
        safeExec(
          dao.module,
          encodeFunctionData({ abi: program.abi, functionName: "releaseMilestone", args: [funded, index] }),
          program.abi,
        );
      await release(0n);
      assert.equal(await f.token.read.balanceOf([grace.account.address]), parseEther("700"));
      assert.equal(await program.read.state([funded]), GrantState.Active);
      const last = await release(1n);
      assert.ok(last.some((l) => l.eventName === "GrantCompleted"));
      assert.equal(await f.token.read.balanceOf([grace.account.address]), parseEther("1000"));
      assert.equal(await f.token.read.balanceOf([frank.account.address]), 0n);
      assert.equal(await program.read.state([funded]), GrantState.Completed);
      assert.equal(await program.read.committed([token]), 0n);
      assert.equal(await program.read.available([token]), budget - parseEther("1000"));
    });
  });

  // ---------------------------------------------------------------------------------------------- consortium

  describe("consortium", () => {
    it("members vote one member one vote to add a member; revenue is split by shares and claimed", async () => {
      const data = encodeAbiParameters(parseAbiParameters("address[], uint256[], uint16[], bool"), [
        [alice.account.address, bob.account.address],
        [],
        [6000, 4000],
        false,
      ]);
      const { dao } = await create("consortium", Mode.OnChain, data);
      const consortium = await viem.getContractAt("Consortium", dao.module);
      const governor = await viem.getContractAt("ChildGovernor", dao.governor);
      await networkHelpers.mine();
      // Shares differ, votes do not.
      assert.equal(await consortium.read.getVotes([alice.account.address]), parseEther("1"));
      assert.equal(await consortium.read.getVotes([bob.account.address]), parseEther("1"));

      const calls = [
        {
          target: dao.module,
          data: encodeFunctionData({
            abi: consortium.abi,
            functionName: "addMember",
            args: [carol.account.address, 0n, 0],
          }),
        },
        {
          target: dao.module,
          data: encodeFunctionData({
            abi: consortium.abi,
            functionName: "setMembers",
            args: [[alice.account.address, bob.account.address, carol.account.address], [], [5000, 3000, 2000]],
          }),
        },
      ];
      const proposalId = await pass(dao.governor, calls, "Carol joins the consortium with 20%", [alice, bob]);
      const [, forVotes] = await governor.read.proposalVotes([proposalId]);
      assert.equal(forVotes, parseEther("2"), "two members, two votes");
      assert.deepEqual(
        (await consortium.read.members()).map((m) => m.toLowerCase()),
        [alice, bob, carol].map((w) => w.account.address.toLowerCase()),
      );
      await networkHelpers.mine();
      assert.equal(await consortium.read.getVotes([carol.account.address]), parseEther("1"), "Carol votes now");
      assert.equal(await consortium.read.totalUnits(), parseEther("3"));

      const amount = parseEther("1000");
      const event = await income(dao.treasury, amount);
      const net = amount - (amount * feeBps) / BPS;
      assert.equal(event.distributed, net, "all of the rest goes to the members");
      const expected: Array<[typeof alice, bigint]> = [
        [alice, (net * 5000n) / BPS],
        [bob, (net * 3000n) / BPS],
        [carol, (net * 2000n) / BPS],
      ];
      let claimed = 0n;
      for (const [member, share] of expected) {
        assert.equal(await consortium.read.claimable([member.account.address, token]), share);
        const before = await f.token.read.balanceOf([member.account.address]);
        await wait(await consortium.write.claim([token], { account: member.account }));
        assert.equal((await f.token.read.balanceOf([member.account.address])) - before, share);
        claimed += share;
      }
      await viem.assertions.revertWithCustomErrorWithArgs(
        consortium.write.claim([token], { account: carol.account }),
        consortium,
        "ConsortiumNothingToClaim",
        [carol.account.address, token],
      );
      assert.equal(await consortium.read.totalClaimed([token]), claimed);
      assert.equal(
        (await consortium.read.totalClaimed([token])) + (await consortium.read.undistributed([token])),
        await consortium.read.totalDistributed([token]),
      );
    });
  });

  // ---------------------------------------------------------------------------------------------- venture

  describe("venture", () => {
    const ventureData = (weight = 60) =>
      encodeAbiParameters(parseAbiParameters("string, string, uint8"), ["Receipt", "RCPT", weight]);

    it("version 1 is the VentureSetup, over the protocol's staking", async () => {
      assert.equal(await templates.read.latestVersion([TEMPLATES.venture]), 1);
      const v1 = await templates.read.version([TEMPLATES.venture, 1]);
      assert.equal(v1.setup, c.VentureSetup.address);
      const setup = await viem.getContractAt("VentureSetup", c.VentureSetup.address);
      assert.equal(await setup.read.staking(), c.Staking.address);
    });

    it("creates a fund, its receipts and a 60/40 governor that proposes into the DAO's timelock", async () => {
      const { dao } = await create("venture", Mode.OnChain, ventureData());
      const fundContract = await viem.getContractAt("VentureFund", dao.module);
      const receipts = await viem.getContractAt("VentureReceipts", dao.token);
      const governor = await viem.getContractAt("VentureGovernor", dao.governor);
      assert.deepEqual(await fundContract.read.wiring(), [dao.token, c.DAORegistry.address, dao.timelock]);
      assert.equal(await receipts.read.fund(), dao.module);
      assert.equal(await receipts.read.name(), "Receipt");
      assert.equal(await governor.read.token(), dao.token);
      assert.equal(await governor.read.staking(), c.Staking.address);
      assert.equal(await governor.read.timelock(), dao.timelock);
      assert.deepEqual(await governor.read.sideWeights(), [60n, 40n]);
      assert.equal(await governor.read.quorumPercent(), 10n, "the factory's quorum applies to each side");
      assert.equal(await governor.read.votingPeriod(), BigInt(3 * DAY));
      const timelock = await viem.getContractAt("ChildTimelock", dao.timelock);
      assert.ok(await timelock.read.hasRole([keccak256(toHex("PROPOSER_ROLE")), dao.governor]));
    });

    it("refuses off-chain governance and an investor weight outside 1..99", async () => {
      await viem.assertions.revertWithCustomErrorWithArgs(
        create("venture", Mode.OffChain, ventureData()).then(() => "0x" as Hash),
        factory,
        "AIDAOFactoryInvalidGovernance",
        ["this template brings its own Governor: govern it on-chain"],
      );
      const setup = await viem.getContractAt("VentureSetup", c.VentureSetup.address);
      for (const weight of [0, 100]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          create("venture", Mode.OnChain, ventureData(weight)).then(() => "0x" as Hash),
          setup,
          "TemplateSetupInvalidData",
          ["investor weight: 1..99"],
        );
      }
    });
  });

  // ---------------------------------------------------------------------------------------------- all DAOs

  describe("the main treasury", () => {
    it("received as protocol fees exactly what every DAO treasury charged, and only from them", async () => {
      const count = await registry.read.daoCount();
      const treasuries: Address[] = [];
      for (let id = 2n; id <= count; id++)
        treasuries.push((await registry.read.treasuryOf([id])).toLowerCase() as Address);
      assert.equal(
        treasuries.length,
        10,
        "AIDAO Venture, and the DAOs created above: 5 revenue-sharing, 1 of every other template",
      );
      const charged = new Map<string, bigint>();
      for (const address of treasuries) {
        const treasury = await viem.getContractAt("ChildTreasury", address);
        for (const e of await treasury.getEvents.IncomeReceived({}, { fromBlock: 0n, toBlock: "latest" })) {
          const key = (e.args.token ?? zeroAddress).toLowerCase();
          charged.set(key, (charged.get(key) ?? 0n) + (e.args.protocolFee ?? 0n));
        }
      }
      const received = new Map<string, bigint>();
      const fees = await f.treasury.getEvents.IncomeReceived({ source: 0 }, { fromBlock: 0n, toBlock: "latest" });
      for (const e of fees) {
        assert.ok(treasuries.includes((e.args.from ?? zeroAddress).toLowerCase() as Address), "from a DAO treasury");
        const key = (e.args.token ?? zeroAddress).toLowerCase();
        received.set(key, (received.get(key) ?? 0n) + (e.args.amount ?? 0n));
      }
      assert.ok((charged.get(token.toLowerCase()) ?? 0n) > 0n);
      for (const [key, fee] of charged) assert.equal(received.get(key) ?? 0n, fee, `protocol fees in ${key}`);
      assert.equal(received.size, [...charged.values()].filter((fee) => fee > 0n).length);
    });
  });
});
