import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  aidaoGovernorAbi,
  readChannel,
  redeemVouchers,
  rewardsDistributorAbi,
  setContributorsCall,
  signVoucher,
} from "@aidao/sdk";
import { type Address, erc20Abi, type Hex, parseEther, zeroHash } from "viem";
import { dev, type LocalStack, startLocalStack } from "../../testing/localStack.ts";
import { WorkerError } from "../workerError.ts";
import { claimOf, computeEpoch, epochDocument, epochUri, parseEpochUri, verifyEpoch } from "./epoch.ts";
import { type ContributionInput, DEFAULT_CONFIG, type RewardConfig } from "./formula.ts";
import { type ContributionSource, contributionsFromWorker, type EpochWindow } from "./inputs.ts";
import { epochDescription, postEpochCall, proposeEpoch } from "./propose.ts";

const DAY = 86_400;
const [data, modelMaker, newcomer, photographer] = [10, 11, 12, 13].map((i) => dev(i).address) as [
  Address,
  Address,
  Address,
  Address,
];
const CONFIG: RewardConfig = { ...DEFAULT_CONFIG, budget: parseEther("1000") };

/** A worker's accepted contributions as it would publish them, each accepted at a given chain time (ms). */
const listed = (rows: Array<ContributionInput & { acceptedAt: number }>): ContributionSource => {
  return async (w: EpochWindow) =>
    rows.filter((r) => r.acceptedAt > w.after && r.acceptedAt <= w.until).map(({ acceptedAt: _, ...c }) => c);
};

describe("rewards epoch on the local stack", () => {
  let stack: LocalStack;
  let fromBlock: bigint;
  let toBlock: bigint;
  let contributions: ContributionSource;
  let rows: Array<ContributionInput & { acceptedAt: number }>;
  const addresses = () => ({
    modelRegistry: stack.deployment.contracts.ModelRegistry.address,
    modelRegistryBlock: stack.deployment.contracts.ModelRegistry.block,
    usageChannels: stack.usageChannels,
    rewardsDistributor: stack.deployment.contracts.RewardsDistributor.address,
  });

  /** Customer `i` pays `cumulative` through a channel and the provider redeems it: one RevenueSplit on chain. */
  async function pay(i: number, channelId: Hex, cumulative: bigint) {
    const c = await readChannel(stack.publicClient, { usageChannels: stack.usageChannels, channelId });
    const signature = await signVoucher(stack.wallet(i), {
      usageChannels: stack.usageChannels,
      chainId: 31337,
      channelId,
      token: c.token,
      recipient: c.recipient,
      cumulativeAmount: cumulative,
    });
    await redeemVouchers(stack.wallet(0), {
      usageChannels: stack.usageChannels,
      vouchers: [{ channelId, cumulativeAmount: cumulative, signature }],
    });
  }

  before(async () => {
    stack = await startLocalStack();
    const customer = 7;
    await stack.fund(dev(customer).address, parseEther("100"));
    await stack.mintUSD(dev(customer).address, 10_000_000n);
    const face = await stack.open(customer, stack.endpoints.face as bigint, parseEther("10"));
    const faceUsd = await stack.open(customer, stack.endpoints.faceUsd as bigint, 5_000_000n);
    // An epoch spans time as well as blocks (anvil mines blocks of the same second): a minute on each side.
    await stack.travel(60);
    fromBlock = (await stack.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
    const start = Number((await stack.publicClient.getBlock()).timestamp) * 1000;
    // 3 AIDAO for model 1 (data 20%, model 10%), 2 USD for model 2 (the same shares), then model 1's value chain
    // changes (data 20%, newcomer 30%) and it earns 2 AIDAO more.
    await pay(customer, face, parseEther("3"));
    await pay(customer, faceUsd, 2_000_000n);
    await stack.asDAO(
      setContributorsCall(stack.deployment.contracts.ModelRegistry.address, stack.modelId, [
        { account: data, role: "Data", shareBps: 2_000 },
        { account: newcomer, role: "Model", shareBps: 3_000 },
      ]),
    );
    await pay(customer, face, parseEther("5"));
    await stack.travel(60);
    toBlock = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
    const end = Number((await stack.publicClient.getBlock({ blockNumber: toBlock })).timestamp) * 1000;
    rows = [
      { id: 1, modelId: 1n, contributor: photographer, kind: "data", artifact: "aa", acceptedAt: start + 500 },
      { id: 2, modelId: 1n, contributor: photographer, kind: "data", artifact: "bb", acceptedAt: end },
      { id: 3, modelId: 1n, contributor: data, kind: "data", artifact: "cc", acceptedAt: end },
      // Resubmitted (same artifact, same model): counts once, for the first.
      { id: 4, modelId: 1n, contributor: newcomer, kind: "data", artifact: "cc", acceptedAt: end },
      // Accepted after the epoch, and for a model the registry does not have: neither counts.
      { id: 5, modelId: 1n, contributor: newcomer, kind: "data", artifact: "dd", acceptedAt: end + 1 },
      { id: 6, modelId: 99n, contributor: newcomer, kind: "data", artifact: "ee", acceptedAt: end },
    ];
    contributions = listed(rows);
  });
  after(() => stack?.stop());

  it("computes each contributor's reward from the epoch's revenue splits and accepted contributions", async () => {
    const e = await computeEpoch({
      client: stack.publicClient,
      addresses: addresses(),
      epoch: 0n,
      fromBlock,
      toBlock,
      config: CONFIG,
      contributions,
    });
    assert.equal(e.inputs.revenue.length, 3);
    assert.deepEqual(
      e.inputs.contributions.map((c) => c.id),
      [1, 2, 3, 4],
    );
    // Usage weights (whole tokens × bps): data 3×2000 + 2×2000 + 2×2000 = 14 000, model maker 3×1000 + 2×1000 =
    // 5 000, newcomer 2×3000 = 6 000, of 25 000: 800 AIDAO → 448, 160, 192. Contributions: the photographer 2, data
    // 1 of 3: 200 AIDAO → 133.33…, 66.66… (floors, and the dust wei to the larger remainder: data's .67).
    const third = parseEther("200") / 3n;
    const expected = new Map<Address, bigint>([
      [data, parseEther("448") + third + 1n],
      [modelMaker, parseEther("160")],
      [newcomer, parseEther("192")],
      [photographer, parseEther("400") / 3n],
    ]);
    assert.deepEqual(new Map(e.result.leaves.map((l) => [l.account, l.amount])), expected);
    assert.equal(e.result.total, parseEther("1000"));
    assert.equal(
      e.result.leaves.reduce((s, l) => s + l.amount, 0n),
      e.result.total,
    );
    assert.notEqual(e.root, zeroHash);
  });

  it("proposes the epoch to the main DAO with the postEpoch call, and refuses one that cannot be posted", async () => {
    const e = await computeEpoch({
      client: stack.publicClient,
      addresses: addresses(),
      epoch: 0n,
      fromBlock,
      toBlock,
      config: CONFIG,
      contributions,
    });
    const proposer = 8;
    await stack.stake(proposer, parseEther("200000"));
    await stack.travel(7 * DAY + 60);
    const governor = stack.deployment.contracts.AIDAOGovernor.address;
    const args = { governor, rewardsDistributor: addresses().rewardsDistributor, epoch: e };
    await assert.rejects(
      proposeEpoch(stack.publicClient, stack.wallet(proposer), { ...args, epoch: { ...e, epoch: 3n } }),
      (err: unknown) => err instanceof WorkerError && /next epoch to post is 0, not 3/.test(err.message),
    );
    const empty = { ...e, tree: undefined, result: { ...e.result, total: 0n, leaves: [] } };
    await assert.rejects(
      proposeEpoch(stack.publicClient, stack.wallet(proposer), { ...args, epoch: empty }),
      (err: unknown) => err instanceof WorkerError && /distributes nothing/.test(err.message),
    );
    const r = await proposeEpoch(stack.publicClient, stack.wallet(proposer), args);
    await stack.publicClient.waitForTransactionReceipt({ hash: r.hash });
    const state = await stack.publicClient.readContract({
      address: governor,
      abi: aidaoGovernorAbi,
      functionName: "state",
      args: [r.proposalId],
    });
    assert.equal(state, 0); // Pending
    assert.equal(r.description, epochDescription(e));
    assert.match(r.description, /aidao rewards epoch compute --epoch 0 --from-block/);
    assert.deepEqual(r.call, postEpochCall(args.rewardsDistributor, e));
  });

  it("is accepted by the RewardsDistributor, and a contributor claims its vested leaf with its proof", async () => {
    const e = await computeEpoch({
      client: stack.publicClient,
      addresses: addresses(),
      epoch: 0n,
      fromBlock,
      toBlock,
      config: CONFIG,
      contributions,
    });
    const distributor = addresses().rewardsDistributor;
    // What the proposal's execution does (the timelock makes the call).
    await stack.asDAO(postEpochCall(distributor, e));
    const posted = await stack.publicClient.readContract({
      address: distributor,
      abi: rewardsDistributorAbi,
      functionName: "epoch",
      args: [0n],
    });
    assert.equal(posted.root, e.root);
    assert.equal(posted.total, e.result.total);
    assert.equal(posted.uri, e.uri);

    await stack.travel(30 * DAY);
    const claim = claimOf(e, photographer);
    assert.ok(claim);
    const balance = () =>
      stack.publicClient.readContract({
        address: stack.token,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [photographer],
      });
    const before = await balance();
    const hash = await stack.wallet(0).writeContract({
      address: distributor,
      abi: rewardsDistributorAbi,
      functionName: "claim",
      args: [0n, claim.account, claim.amount, claim.proof],
    });
    const receipt = await stack.publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    const [registered, released] = await stack.publicClient.readContract({
      address: distributor,
      abi: rewardsDistributorAbi,
      functionName: "allocation",
      args: [0n, photographer],
    });
    assert.equal(registered, claim.amount);
    assert.ok(released > 0n && released < claim.amount, `released ${released} of ${claim.amount}`);
    assert.equal((await balance()) - before, released);
    // Another account's amount with this proof is not in the tree.
    await assert.rejects(
      stack.publicClient.simulateContract({
        address: distributor,
        abi: rewardsDistributorAbi,
        functionName: "claim",
        args: [0n, data, claim.amount, claim.proof],
      }),
      /RewardsDistributorInvalidProof/,
    );
  });

  it("verify recomputes the posted root from public data, and names the first difference when it does not", async () => {
    const v = await verifyEpoch({ client: stack.publicClient, addresses: addresses(), epoch: 0n, contributions });
    assert.equal(v.match, true, v.difference);
    assert.equal(v.recomputed.root, v.onChain.root);
    assert.equal(v.recomputed.params.fromBlock, fromBlock);

    // The same recomputation from the list as the worker publishes it over HTTP.
    const published = rows.map((r) => ({ ...r, modelId: r.modelId.toString(), status: "accepted", daoId: "1" }));
    const fetcher = (async () => Response.json({ contributions: published })) as unknown as typeof fetch;
    const overHttp = await verifyEpoch({
      client: stack.publicClient,
      addresses: addresses(),
      epoch: 0n,
      contributions: contributionsFromWorker("http://worker.example", fetcher),
    });
    assert.equal(overHttp.match, true, overHttp.difference);

    // A list missing the photographer's second photo gives another split of the same total: the root differs.
    const fewer = listed(rows.filter((r) => r.id !== 2));
    const wrong = await verifyEpoch({
      client: stack.publicClient,
      addresses: addresses(),
      epoch: 0n,
      contributions: fewer,
    });
    assert.equal(wrong.match, false);
    assert.match(wrong.difference ?? "", /^root: on chain 0x[0-9a-f]{64}, recomputed 0x[0-9a-f]{64} \(same total/);
    const original = await computeEpoch({
      client: stack.publicClient,
      addresses: addresses(),
      epoch: 0n,
      fromBlock,
      toBlock,
      config: CONFIG,
      contributions,
    });
    const named = await verifyEpoch({
      client: stack.publicClient,
      addresses: addresses(),
      epoch: 0n,
      contributions: fewer,
      published: epochDocument(original).tree,
    });
    // Accounts in address order: the first whose amount moved.
    const first = [data, photographer].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))[0] as Address;
    assert.match(named.difference ?? "", new RegExp(`^${first}: published \\d+, recomputed \\d+$`));
  });

  it("refuses an epoch that is not past, and an epoch that was not posted", async () => {
    const latest = await stack.publicClient.getBlockNumber({ cacheTime: 0 });
    await assert.rejects(
      computeEpoch({
        client: stack.publicClient,
        addresses: addresses(),
        epoch: 1n,
        fromBlock: 1n,
        toBlock: latest + 5n,
      }),
      (e: unknown) => e instanceof WorkerError && e.code === "BAD_INPUT" && /not mined yet/.test(e.message),
    );
    await assert.rejects(
      computeEpoch({ client: stack.publicClient, addresses: addresses(), epoch: 1n, fromBlock: 5n, toBlock: 4n }),
      /is empty/,
    );
    await assert.rejects(
      verifyEpoch({ client: stack.publicClient, addresses: addresses(), epoch: 7n }),
      /epoch 7 was not posted \(1 posted\)/,
    );
  });
});

describe("epoch URIs", () => {
  it("round-trip every parameter of the formula", () => {
    const params = {
      fromBlock: 12n,
      toBlock: 40n,
      config: {
        budget: 5n,
        usageBps: 7_000,
        kindWeights: { data: 2n, model: 3n, code: 0n },
        tokenWeights: { "0x00000000000000000000000000000000000000ab": 9n },
      },
      worker: "http://worker:8787/base?x=1&y=2",
    };
    assert.deepEqual(parseEpochUri(epochUri(params)), params);
    assert.deepEqual(parseEpochUri(epochUri({ ...params, worker: undefined })), { ...params, worker: undefined });
  });

  it("refuse what the formula did not write", () => {
    for (const uri of [
      "ipfs://epoch-0",
      "aidao-rewards:v1?from=1&to=2",
      "aidao-rewards:v1?from=1&to=2&budget=-1&usageBps=1&data=1&model=1&code=1",
      "aidao-rewards:v1?from=1&to=2&budget=1&usageBps=10001&data=1&model=1&code=1",
    ]) {
      assert.throws(
        () => parseEpochUri(uri),
        (e: unknown) => e instanceof WorkerError && e.code === "BAD_INPUT",
        uri,
      );
    }
  });
});
