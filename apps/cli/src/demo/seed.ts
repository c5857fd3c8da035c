// The demo `npm start` seeds once: every object made by the calls a user makes — the SDK's actions against the chain,
// the gateway's paid calls, the hub's signed messages — never by writing a database. Two local-chain shortcuts, said
// where they are used: anvil moves the clock through governance periods, and stands in for the main DAO's timelock
// to hand out AIDAO from its reserve (a passed proposal would; but no one has votes before anyone holds AIDAO).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { deployDemoUSD } from "@aidao/contracts/deploy";
import {
  acceptTokenCall,
  addModelVersion,
  aidaoGovernorAbi,
  approveIfShort,
  ChannelPayer,
  type ContributorInput,
  castVote,
  createDAO,
  type Deployment,
  delegate,
  demoUsdAbi,
  execute,
  type GatewayEndpoint,
  type GovernanceCall,
  hubProposalTypes,
  hubVoteTypes,
  investCall,
  listGatewayModels,
  listRounds,
  modelRegistryAbi,
  openChannel,
  openRoundCall,
  proposalId,
  propose,
  proposePromotion,
  queue,
  readChannel,
  registerModel,
  revenueShareTokenAbi,
  SNAPSHOT_DOMAIN,
  type Support,
  setContributorsCall,
  setEndpointCall,
  setModelStage,
  setPriceCall,
  setStageCall,
  stake,
  stakingAbi,
  timelockControllerAbi,
  treasuryAbi,
  usageChannelsAbi,
  ventureDeposit,
  ventureFundAbi,
  ventureReceiptsAbi,
  writeChecked,
} from "@aidao/sdk";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  type Hash,
  type Hex,
  http,
  type PublicClient,
  parseEther,
} from "viem";
import { foundry } from "viem/chains";
import { devAccount, type Wallet } from "./accounts.ts";
import { catchUp, chainTime, FACE_GOVERNANCE, travel } from "./clock.ts";
import { type Demo, markerPath, onChain, readMarker, writeMarker } from "./marker.ts";
import { contributePhotos, submitTraining, TRAINING_KIND, whenAccepted } from "./valueChain.ts";

const DAY = 86_400n;
/** DemoUSD has USDC's 6 decimals. */
const usd = (dollars: number) => BigInt(dollars) * 1_000_000n;
/** What the Face DAO charges per face found: 0.05 DemoUSD. */
const FACE_PRICE = 50_000n;
/** Stakers of the main DAO and their stakes (account 4 delegates to 7 before staking). */
const STAKES: Array<[number, bigint]> = [
  [4, parseEther("100000")],
  [5, parseEther("100000")],
  [7, parseEther("400000")],
  [8, parseEther("200000")],
];
/** Venture investors and their deposits into round 1. */
const DEPOSITS: Array<[number, bigint]> = [
  [8, usd(30_000)],
  [9, usd(20_000)],
];
/** How long round 1 takes deposits after the demo is seeded. */
const DEPOSIT_WINDOW = 4n * DAY;
const STEPS = 14;

// face-api ships with the server's face model: its weights (hashed into the model version) and its sample photos.
const faceApi = dirname(
  createRequire(import.meta.resolve("@aidao/server")).resolve("@vladmandic/face-api/package.json"),
);
const WEIGHTS = join(faceApi, "model", "ssd_mobilenetv1_model.bin");
/** face-api's sample photos the customer sends: 3 faces, then 5. */
const DEMO_PHOTOS = ["sample1.jpg", "sample5.jpg"].map((name) => join(faceApi, "demo", name));

export type SeedOptions = {
  rpcUrl: string;
  deployment: Deployment;
  /** The running server in mode all: its gateway serves the paid calls, its hub takes the poll. */
  serverUrl: string;
  /** Has the gateway's operator collect what it charged, now (npm start: the server's redeemer, dev account 0). */
  redeem: () => Promise<unknown>;
  /**
   * Has the worker check the chain's value chains now, accepting the contributions whose contributor the chain lists
   * (npm start: the server's worker, `worker.syncAcceptance()`); without it, the seeding waits for the worker's own
   * check, every 30 s.
   */
  accept?: () => Promise<unknown>;
  log?: (message: string) => void;
  /** Stops the seeding before its next step (Ctrl-C). */
  signal?: AbortSignal;
};

/** A failed seeding, naming the step that failed. */
export class DemoSeedError extends Error {
  override name = "DemoSeedError";
  readonly step: string;
  constructor(step: string, cause: unknown) {
    // viem's and the SDK's errors carry a one-line `shortMessage`; their `message` adds pages of details.
    const short = (cause as { shortMessage?: unknown } | undefined)?.shortMessage;
    const reason = typeof short === "string" ? short : cause instanceof Error ? cause.message : String(cause);
    super(`step "${step}" failed: ${reason.split("\n")[0]}`, { cause });
    this.step = step;
  }
}

/**
 * Seeds the demo unless it is already there: a marker in `home` naming a Face DAO that this chain has. A restart
 * seeds nothing; a fresh chain (or a seeding that stopped half-way, which leaves no marker) is seeded again.
 */
export async function ensureDemo(o: SeedOptions & { home: string }): Promise<{ seeded: boolean; demo: Demo }> {
  const log = o.log ?? (() => {});
  const marker = readMarker(o.home);
  const client = createPublicClient({ chain: foundry, transport: http(o.rpcUrl) }) as PublicClient;
  if (marker && (await onChain(client, o.deployment, marker))) {
    log(`the demo is already seeded on this chain (${markerPath(o.home)}); not seeding it again`);
    return { seeded: false, demo: marker };
  }
  if (marker) log(`${markerPath(o.home)} names a Face DAO this chain does not have (a fresh chain): seeding again`);
  const demo = await seedDemo(o);
  writeMarker(o.home, demo);
  return { seeded: true, demo };
}

/** Seeds the whole demo (see the steps below) and returns its objects. Throws a {DemoSeedError} naming the step. */
export async function seedDemo(o: SeedOptions): Promise<Demo> {
  const started = Date.now();
  const log = o.log ?? (() => {});
  const transport = http(o.rpcUrl);
  const client = createPublicClient({ chain: foundry, transport, pollingInterval: 50 }) as PublicClient;
  const chainId = await client.getChainId();
  if (chainId !== foundry.id) throw new Error(`the demo is for a local chain (${foundry.id}), not chain ${chainId}`);
  const wallet = (i: number): Wallet =>
    createWalletClient({ chain: foundry, transport, account: devAccount(i), pollingInterval: 50 });
  const a = (i: number) => devAccount(i).address;
  const c = o.deployment.contracts;
  const token = c.AIDAOToken.address;
  const models = c.ModelRegistry.address;
  const usageChannels = c.UsageChannels.address;
  const fund = c.VentureFund.address;

  const mined = async (pending: Hash | Promise<Hash>) => {
    const receipt = await client.waitForTransactionReceipt({ hash: await pending });
    if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };
  let n = 0;
  const step = async <T>(title: string, run: () => Promise<T>): Promise<T> => {
    if (o.signal?.aborted) throw new DemoSeedError(title, new Error("interrupted"));
    log(`demo ${++n}/${STEPS}: ${title}`);
    try {
      return await run();
    } catch (error) {
      throw new DemoSeedError(title, error);
    }
  };

  /** A governor's voting delay and period, and its timelock's delay (seconds), read from the chain. */
  const timing = async (governor: Address, timelock: Address) => {
    const [delay, period, minDelay] = await Promise.all([
      client.readContract({ address: governor, abi: aidaoGovernorAbi, functionName: "votingDelay" }),
      client.readContract({ address: governor, abi: aidaoGovernorAbi, functionName: "votingPeriod" }),
      client.readContract({ address: timelock, abi: timelockControllerAbi, functionName: "getMinDelay" }),
    ]);
    return { delay, period, minDelay };
  };
  const asProposal = (calls: GovernanceCall[]) => ({
    targets: calls.map((x) => x.target),
    values: calls.map((x) => x.value),
    calldatas: calls.map((x) => x.data),
  });
  /** A whole vote (any OpenZeppelin governor): propose, voting delay, ballots, voting period, queue, delay, execute. */
  const decide = async (p: {
    governor: Address;
    timelock: Address;
    calls: GovernanceCall[];
    description: string;
    ballots: ReadonlyArray<readonly [number, Support]>;
    propose?: () => Promise<{ hash: Hash; proposalId: bigint }>;
  }) => {
    const t = await timing(p.governor, p.timelock);
    const proposal = { governor: p.governor, ...asProposal(p.calls), description: p.description };
    const proposed = await (p.propose ? p.propose() : propose(wallet(7), proposal));
    await mined(proposed.hash);
    await travel(client, t.delay + 1n);
    for (const [voter, support] of p.ballots) {
      await mined(castVote(wallet(voter), { governor: p.governor, proposalId: proposed.proposalId, support }));
    }
    await travel(client, t.period + 1n);
    await mined(queue(wallet(7), proposal));
    await travel(client, t.minDelay + 1n);
    await mined(execute(wallet(7), proposal));
    return proposed.proposalId;
  };

  const demoUSD = await step(
    "accounts: the main DAO's reserve funds the stakers; DemoUSD for users 7, 8, 9",
    async () => {
      // Local chain only: anvil signs for the main DAO's timelock, as a passed proposal would have it transfer.
      const timelock = c.TimelockController.address;
      await mined(wallet(0).sendTransaction({ to: timelock, value: parseEther("1") })); // its gas
      await client.request({ method: "anvil_impersonateAccount" as never, params: [timelock] as never });
      try {
        const reserve = createWalletClient({ chain: foundry, transport, account: timelock, pollingInterval: 50 });
        for (const [i, amount] of STAKES) {
          await mined(
            reserve.writeContract({ address: token, abi: erc20Abi, functionName: "transfer", args: [a(i), amount] }),
          );
        }
      } finally {
        await client.request({ method: "anvil_stopImpersonatingAccount" as never, params: [timelock] as never });
      }
      const { address } = await deployDemoUSD({ publicClient: client, walletClient: wallet(0) }, a(0));
      for (const [i, amount] of [
        [7, usd(1_000)],
        [8, usd(31_000)],
        [9, usd(21_000)],
      ] as const) {
        await mined(writeChecked(wallet(0), { address, abi: demoUsdAbi, functionName: "mint", args: [a(i), amount] }));
      }
      return address;
    },
  );

  const staking = c.Staking.address;
  await step("main DAO: 4 delegates to 7; 4, 5, 7 and 8 stake AIDAO (it votes after the staking period)", async () => {
    await mined(delegate(wallet(4), { staking, delegatee: a(7) }));
    for (const [i, amount] of STAKES) {
      await approveIfShort(wallet(i), { token, spender: staking, amount });
      await mined(stake(wallet(i), { staking, amount }));
    }
  });
  const stakedAt = await chainTime(client);

  const face = await step(
    "Face DAO: 7 creates it through the factory (revenue-sharing: 600 FACE to 7, 400 to 8)",
    async () => {
      const dao = await createDAO(wallet(7), {
        factory: c.AIDAOFactory.address,
        name: "Face DAO",
        daoURI: "ipfs://aidao-demo/face-dao",
        // A new salt per seeding: a seeding that stopped half-way leaves its DAO, and the next one makes another.
        salt: `aidao-demo-face-dao-${await client.getBlockNumber({ cacheTime: 0 })}`,
        governance: { mode: "OnChain", ...FACE_GOVERNANCE },
        template: {
          template: "revenue-sharing",
          name: "Face",
          symbol: "FACE",
          holders: [
            { account: a(7), amount: parseEther("600") },
            { account: a(8), amount: parseEther("400") },
          ],
        },
      });
      for (const i of [7, 8]) {
        const args = [a(i)] as const;
        await mined(
          writeChecked(wallet(i), { address: dao.token, abi: revenueShareTokenAbi, functionName: "delegate", args }),
        );
      }
      return dao;
    },
  );
  const faceVote = {
    governor: face.governor,
    timelock: face.timelock,
    ballots: [
      [7, 1],
      [8, 1],
    ] as const,
  };

  const model = await step(
    `Face DAO: its vote makes 7 a maintainer; 7 registers model "faces" v1 (Staging)`,
    async () => {
      const maintainerProposalId = await decide({
        ...faceVote,
        calls: [
          {
            target: models,
            value: 0n,
            data: encodeFunctionData({
              abi: modelRegistryAbi,
              functionName: "setMaintainer",
              args: [face.daoId, a(7), true],
            }),
          },
        ],
        description: "Account 7 maintains Face DAO's models",
      });
      const { modelId } = await registerModel(wallet(7), {
        modelRegistry: models,
        daoId: face.daoId,
        name: "faces",
        metadataURI: "ipfs://aidao-demo/faces",
      });
      const { versionId } = await addModelVersion(wallet(7), {
        modelRegistry: models,
        modelId,
        contentHash: `0x${createHash("sha256").update(readFileSync(WEIGHTS)).digest("hex")}`,
        uri: "npm:@vladmandic/face-api/model/ssd_mobilenetv1_model.bin",
        framework: "tfjs-4.22 (SSD MobileNet v1)",
        license: "MIT",
        metricsURI: "",
      });
      await mined(setModelStage(wallet(7), { modelRegistry: models, modelId, versionId, stage: "Staging" }));
      return { modelId, versionId, maintainerProposalId };
    },
  );

  const contributors: ContributorInput[] = [
    { account: a(2), role: "Data", shareBps: 2_000 },
    { account: a(3), role: "Model", shareBps: 1_000 },
  ];
  const promotion = await step(
    "Face DAO: its vote promotes faces v1 to Production, priced per face, with contributors' shares",
    async () => {
      const { modelId, versionId } = model;
      const also = [
        setEndpointCall(models, modelId, versionId, {
          url: "aidao:face-detection#max=20",
          unit: "face",
          paymentToken: demoUSD,
          unitPrice: FACE_PRICE,
          active: true,
        }),
        setContributorsCall(models, modelId, contributors),
      ];
      const description =
        "Promote faces v1 to Production at 0.05 DemoUSD per face; its data (20%) and model (10%) contributors share its revenue";
      const proposalId = await decide({
        ...faceVote,
        calls: [setStageCall(models, modelId, versionId, "Production"), ...also],
        description,
        propose: () =>
          proposePromotion(wallet(7), {
            governor: face.governor,
            modelRegistry: models,
            modelId,
            versionId,
            also,
            description,
          }),
      });
      const [production, endpoints] = await Promise.all([
        client.readContract({
          address: models,
          abi: modelRegistryAbi,
          functionName: "productionVersion",
          args: [modelId],
        }),
        client.readContract({
          address: models,
          abi: modelRegistryAbi,
          functionName: "endpointsOf",
          args: [modelId, versionId],
        }),
      ]);
      const endpointId = endpoints.at(-1);
      if (production !== versionId || endpointId === undefined) throw new Error("the promotion did not take effect");
      return { proposalId, endpointId };
    },
  );

  await step("time: the stakes mature (the chain's clock passes the 7-day staking period)", async () => {
    const period = await client.readContract({ address: staking, abi: stakingAbi, functionName: "minStakePeriod" });
    const due = stakedAt + period + 2n;
    const now = await chainTime(client);
    if (now < due) await travel(client, due - now);
  });

  const venture = { governor: c.VentureGovernor.address, timelock: c.VentureTimelock.address };
  const ventureTiming = await timing(venture.governor, venture.timelock);
  const round = await step("AIDAO Venture: the 60/40 vote accepts DemoUSD at $1 and opens round 1", async () => {
    const t = ventureTiming;
    // Deposits stay open DEPOSIT_WINDOW after the demo is seeded (this vote, then the investment's voting delay),
    // and close before the investment proposed below can be executed (its vote and timelock delay take longer).
    const closesAt = (await chainTime(client)) + t.delay + t.period + t.minDelay + t.delay + DEPOSIT_WINDOW;
    const unlocksAt = closesAt + 180n * DAY;
    const proposalId = await decide({
      ...venture,
      calls: [
        acceptTokenCall(fund, { token: demoUSD, maxAgeSeconds: 365 * 86_400 }),
        setPriceCall(fund, demoUSD, parseEther("1")),
        openRoundCall(fund, { cap: parseEther("1000000"), closesAt, unlocksAt }),
      ],
      description: "AIDAO Venture round 1: up to 1,000,000 DemoUSD (at $1) for AI DAOs",
      ballots: [
        [7, 1],
        [8, 1],
        [5, 0],
      ],
    });
    const roundId = await client.readContract({ address: fund, abi: ventureFundAbi, functionName: "roundCount" });
    return { proposalId, roundId, closesAt, unlocksAt };
  });

  const receipts = await step(
    "AIDAO Venture: 8 and 9 deposit DemoUSD into round 1 and vote with their receipts",
    async () => {
      const out: Demo["venture"]["receipts"] = [];
      for (const [i, amount] of DEPOSITS) {
        const r = await ventureDeposit(wallet(i), { fund, roundId: round.roundId, token: demoUSD, amount });
        await mined(r.hash);
        const args = [a(i)] as const;
        await mined(
          writeChecked(wallet(i), {
            address: c.VentureReceipts.address,
            abi: ventureReceiptsAbi,
            functionName: "delegate",
            args,
          }),
        );
        out.push({ receiptId: r.receiptId.toString(), owner: a(i), amount: amount.toString() });
      }
      return out;
    },
  );

  const investment = usd(25_000);
  const open = await step(
    "proposals: the main DAO's (Safe's spending limit) and the venture's investment in Face DAO, with votes",
    async () => {
      let mainDescription = "Let the Safe spend up to 50,000 AIDAO from the treasury every 30 days";
      const limit = encodeFunctionData({
        abi: treasuryAbi,
        functionName: "setSpendingLimit",
        args: [token, parseEther("50000"), 30 * 86_400],
      });
      const mainCalls = asProposal([{ target: c.Treasury.address, value: 0n, data: limit }]);
      // The other proposals name this seeding's own DAO, token or round; this one could repeat one made by a seeding
      // that stopped half-way, and a governor takes each (calls, description) once.
      const taken = await client.readContract({
        address: c.AIDAOGovernor.address,
        abi: aidaoGovernorAbi,
        functionName: "proposalSnapshot",
        args: [proposalId(mainCalls, mainDescription)],
      });
      if (taken !== 0n) mainDescription += ` (seeded again at block ${await client.getBlockNumber({ cacheTime: 0 })})`;
      const main = await propose(wallet(7), {
        governor: c.AIDAOGovernor.address,
        ...mainCalls,
        description: mainDescription,
      });
      await mined(main.hash);
      const investDescription = `Invest 25,000 DemoUSD of round ${round.roundId} in Face DAO (DAO ${face.daoId}) for its face-detection service`;
      const invest = await propose(wallet(7), {
        governor: venture.governor,
        ...asProposal([
          investCall(fund, {
            roundId: round.roundId,
            daoId: face.daoId,
            payToken: demoUSD,
            amount: investment,
            terms: "ipfs://aidao-demo/face-dao-terms: 25,000 DemoUSD to grow Face DAO's face-detection service",
          }),
        ]),
        description: investDescription,
      });
      await mined(invest.hash);
      const mainDelay = await client.readContract({
        address: c.AIDAOGovernor.address,
        abi: aidaoGovernorAbi,
        functionName: "votingDelay",
      });
      await travel(client, Math.max(Number(mainDelay), Number(ventureTiming.delay)) + 1);
      const ballots: Array<[Address, number, Support, string]> = [
        [c.AIDAOGovernor.address, 7, 1, "a bounded allowance lets the Safe pay small bills without a vote"],
        [c.AIDAOGovernor.address, 5, 0, "every spend should go through governance"],
        [c.AIDAOGovernor.address, 8, 1, ""],
        [venture.governor, 8, 1, "Face DAO already earns per face"],
        [venture.governor, 9, 0, "too early"],
        [venture.governor, 7, 1, ""],
        [venture.governor, 5, 0, ""],
      ];
      for (const [governor, voter, support, reason] of ballots) {
        const proposalId = governor === venture.governor ? invest.proposalId : main.proposalId;
        await mined(castVote(wallet(voter), { governor, proposalId, support, ...(reason ? { reason } : {}) }));
      }
      const caughtUp = await catchUp(client);
      if (caughtUp > 0)
        log(`demo: the chain's clock caught up with this machine's (+${Math.round(caughtUp / 60)} min)`);
      return { main: main.proposalId, mainDescription, invest: invest.proposalId };
    },
  );

  const channel = await step(
    "customer: 9 opens a channel to Face DAO's endpoint and detects faces in 2 photos",
    async () => {
      const opened = await openChannel(wallet(9), {
        usageChannels,
        modelRegistry: models,
        endpointId: promotion.endpointId,
        amount: usd(5),
        expiresAt: (await chainTime(client)) + 30n * DAY,
      });
      const endpoint = await servedEndpoint(o.serverUrl, promotion.endpointId);
      const payer = new ChannelPayer({
        client: wallet(9),
        gatewayUrl: o.serverUrl,
        chainId,
        usageChannels,
        channel: { channelId: opened.channelId, token: opened.token, recipient: opened.recipient },
        deposit: opened.deposit,
      });
      let faces = 0;
      for (const photo of DEMO_PHOTOS) {
        const answer = await payer.invoke(endpoint, readFileSync(photo), "image/jpeg");
        faces += answer.usage.units;
      }
      return { opened, faces, charged: payer.charged, calls: DEMO_PHOTOS.length };
    },
  );

  const redeemed = await step(
    "gateway: its operator (account 0) redeems the channel; the chain splits the revenue",
    async () => {
      await o.redeem();
      const after = await readChannel(client, { usageChannels, channelId: channel.opened.channelId });
      if (after.redeemed !== channel.charged) {
        throw new Error(
          `the gateway charged ${channel.charged} but ${after.redeemed} was redeemed on chain (see the server's log)`,
        );
      }
      const credited = await client.readContract({
        address: usageChannels,
        abi: usageChannelsAbi,
        functionName: "credits",
        args: [a(2), demoUSD],
      });
      if (credited === 0n) throw new Error("the redemption credited nothing to the model's contributors");
      return after.redeemed;
    },
  );

  const hubTitle = "Which AI service should AIDAO Venture's next round back?";
  const hub = await step(
    "hub: 7 opens an off-chain poll in space aidao (signed, Snapshot-style); 7, 8 and 5 vote",
    async () => {
      const snapshot = Number(await client.getBlockNumber({ cacheTime: 0 }));
      const now = Math.floor(Date.now() / 1000);
      const poll = await hubSend(o.serverUrl, wallet(7), hubProposalTypes, {
        from: a(7),
        space: "aidao",
        timestamp: now,
        type: "single-choice",
        title: hubTitle,
        body: "A non-binding poll of AIDAO's stakers, counted with their matured staked AIDAO at the snapshot block.",
        discussion: "",
        choices: ["Face detection", "Speech to text", "Translation"],
        labels: [],
        start: now,
        end: now + 3 * 86_400,
        snapshot,
        plugins: "{}",
        privacy: "",
        app: "aidao-demo",
      });
      const votes: Array<[number, number]> = [
        [7, 1],
        [8, 2],
        [5, 3],
      ];
      for (const [i, choice] of votes) {
        await hubSend(o.serverUrl, wallet(i), hubVoteTypes, {
          from: a(i),
          space: "aidao",
          timestamp: now,
          proposal: poll,
          choice,
          reason: "",
          app: "aidao-demo",
          metadata: "{}",
        });
      }
      return { poll, voters: votes.length };
    },
  );

  // The AI value chain: account 2 is already the Face model's Data contributor (the promotion listed it on chain).
  const workerChain = { chainId, modelRegistry: models };
  const contributed = await step(
    `worker: 2 contributes labelled photos to model "faces" (signed); the worker accepts them (the chain lists 2)`,
    async () => {
      const sent = await contributePhotos({
        serverUrl: o.serverUrl,
        chain: workerChain,
        contributor: wallet(2),
        daoId: face.daoId,
        modelId: model.modelId,
      });
      return whenAccepted({
        serverUrl: o.serverUrl,
        modelId: model.modelId,
        contributor: a(2),
        ids: sent.map((x) => x.id),
        accept: o.accept,
        signal: o.signal,
        onWait: () => log("demo: waiting for the worker's acceptance check (it runs every 30 s)"),
      });
    },
  );

  const job = await step(
    `worker: 7 submits a ${TRAINING_KIND} job (signed); it trains in the background, then 7 proposes the version`,
    () =>
      submitTraining({
        serverUrl: o.serverUrl,
        chain: workerChain,
        submitter: wallet(7),
        daoId: face.daoId,
        modelId: model.modelId,
      }),
  );

  const [roundNow] = (await listRounds(client, { fund })).filter((r) => r.roundId === round.roundId);
  return {
    chainId,
    seededAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    demoUSD,
    main: {
      daoId: "1",
      governor: c.AIDAOGovernor.address,
      proposalId: open.main.toString(),
      description: open.mainDescription,
      hubPoll: hub.poll,
      hubTitle,
      hubVoters: hub.voters,
    },
    face: {
      daoId: face.daoId.toString(),
      name: "Face DAO",
      treasury: face.treasury,
      token: face.token,
      governor: face.governor,
      timelock: face.timelock,
      modelId: model.modelId.toString(),
      modelName: "faces",
      versionId: model.versionId.toString(),
      endpointId: promotion.endpointId.toString(),
      unitPrice: FACE_PRICE.toString(),
      maintainerProposalId: model.maintainerProposalId.toString(),
      promotionProposalId: promotion.proposalId.toString(),
      contributors: contributors.map((x) => ({ account: x.account, role: x.role, shareBps: x.shareBps })),
    },
    channel: {
      channelId: channel.opened.channelId,
      customer: a(9),
      deposit: channel.opened.deposit.toString(),
      calls: channel.calls,
      faces: channel.faces,
      charged: channel.charged.toString(),
      redeemed: redeemed.toString(),
    },
    worker: {
      contributor: a(2),
      contributions: contributed.map((x) => ({ id: x.id, label: x.label ?? "", artifact: x.artifact })),
      jobId: job.id,
      jobKind: job.kind,
      submitter: a(7),
    },
    venture: {
      daoId: "2",
      governor: venture.governor,
      fund,
      roundId: round.roundId.toString(),
      closesAt: Number(round.closesAt),
      unlocksAt: Number(round.unlocksAt),
      raised: (roundNow?.raised ?? 0n).toString(),
      openProposalId: round.proposalId.toString(),
      investProposalId: open.invest.toString(),
      investment: investment.toString(),
      receipts,
    },
  };
}

/**
 * The gateway's listing of an endpoint. The gateway re-reads the registry every few seconds, and at once when a
 * request names an endpoint it does not know: an unpaid request (answered 402 with the price) makes a new one appear.
 */
async function servedEndpoint(gatewayUrl: string, endpointId: bigint): Promise<GatewayEndpoint> {
  const find = async () =>
    (await listGatewayModels(gatewayUrl)).endpoints.find((e) => e.endpointId === endpointId.toString());
  const listed = await find();
  if (listed) return listed;
  await fetch(new URL(`/v1/endpoints/${endpointId}`, gatewayUrl), { method: "POST" });
  const again = await find();
  if (!again) throw new Error(`the gateway at ${gatewayUrl} does not serve endpoint ${endpointId}`);
  return again;
}

/** Signs a hub message in Snapshot's domain and posts it to the hub's /api/msg, as any Snapshot client does. */
async function hubSend(
  hubUrl: string,
  signer: Wallet,
  types: typeof hubProposalTypes | typeof hubVoteTypes,
  message: Record<string, unknown>,
): Promise<Hex> {
  const primaryType = Object.keys(types)[0] as "Proposal" | "Vote";
  const sig = await signer.signTypedData({ domain: SNAPSHOT_DOMAIN, types, primaryType, message } as never);
  const response = await fetch(new URL("/api/msg", hubUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      address: signer.account.address,
      sig,
      data: { domain: SNAPSHOT_DOMAIN, types, message },
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { id?: Hex; error_description?: string };
  if (!response.ok || !body.id) {
    throw new Error(`the hub refused the ${primaryType.toLowerCase()}: ${body.error_description ?? response.status}`);
  }
  return body.id;
}
