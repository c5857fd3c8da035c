// Gas of AIDAO's hot paths beside the same operation on a plain OpenZeppelin reference, in one run on one chain.
//   npm run bench              print the table and compare with the committed snapshot
//   npm run bench -- --update  rewrite gas-snapshot.json (do it deliberately, and commit it)
//   --check                    exit 1 if any figure differs from the snapshot (CI)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startAnvil } from "@aidao/contracts/anvil";
import {
  createSafe,
  type DeployConfig,
  defaultConfig,
  deployArtifact,
  deployProtocol,
  readArtifact,
} from "@aidao/contracts/deploy";
import { ballotTypes, governorDomain, proposalId, rewardsDistributorAbi, stakingAbi, treasuryAbi } from "@aidao/sdk";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  type Abi,
  type Address,
  concat,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  http,
  keccak256,
  parseEther,
  toHex,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { compileReference } from "./compile.ts";
import { measureFactory } from "./factory.ts";
import { measureUsage } from "./usage.ts";
import { measureVenture } from "./venture.ts";

const here = dirname(fileURLToPath(import.meta.url));
const SNAPSHOT = join(here, "gas-snapshot.json");
const DAY = 86_400;
const GENESIS = 1_800_000_000;
/** Operations the 1.05× target applies to. */
const GOVERNANCE_OPS = new Set(["delegate", "propose", "castVote", "castVoteBySig", "queue", "execute"]);

type Row = { op: string; aidao: number; reference: number; note: string; target?: [number, number] };

async function main() {
  const mode = process.argv.includes("--update") ? "update" : process.argv.includes("--check") ? "check" : "print";
  const ref = compileReference([
    "RefERC20",
    "RefVotesToken",
    "RefGovernor",
    "RefTreasury",
    "RefMerkleDistributor",
    "RefReceiptVault",
    "BenchDepositor",
  ]);
  const chain = await startAnvil({
    args: ["--hardfork", "cancun", "--timestamp", String(GENESIS), "--silent", "--gas-limit", "100000000"],
  });
  try {
    return await run(chain.rpcUrl, ref, mode);
  } finally {
    await chain.stop();
  }
}

async function run(rpcUrl: string, ref: ReturnType<typeof compileReference>, mode: string) {
  const transport = http(rpcUrl);
  // Anvil mines each transaction at once: poll for receipts every 50 ms, not viem's default 4 s.
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 });
  type Local = ReturnType<typeof mnemonicToAccount>;
  const account = (i: number): Local =>
    mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: i });
  const [deployerAcc, ownerA, ownerB, alice, bob, carol, relayer] = [0, 1, 2, 4, 5, 6, 7].map(account) as [
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
  ];
  const wallet = (a: Local | Address) => createWalletClient({ chain: foundry, transport, account: a });
  const deployer = wallet(deployerAcc);
  const clients = { publicClient, walletClient: deployer };
  const rpc = (method: string, params: unknown[]) => publicClient.request({ method, params } as never);

  // Every transaction gets its own block 12 s after the previous one, so checkpoints and gas are reproducible.
  let now = GENESIS + 100;
  const tick = async (seconds = 12) => {
    now += seconds;
    await rpc("evm_setNextBlockTimestamp", [now]);
  };
  const gasOf = async (send: () => Promise<Hex>) => {
    await tick();
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await send() });
    if (receipt.status !== "success") throw new Error(`benchmark transaction reverted: ${receipt.transactionHash}`);
    return Number(receipt.gasUsed);
  };
  const call = (
    w: ReturnType<typeof wallet>,
    address: Address,
    abi: Abi,
    functionName: string,
    args: unknown[],
    value = 0n,
  ) => gasOf(() => w.writeContract({ address, abi, functionName, args, value } as never));
  const impersonated = async (address: Address, fn: () => Promise<unknown>) => {
    await rpc("anvil_impersonateAccount", [address]);
    await rpc("anvil_setBalance", [address, toHex(parseEther("10"))]);
    await fn();
    await rpc("anvil_stopImpersonatingAccount", [address]);
  };

  // ---- AIDAO, deployed by the real deploy module
  await tick();
  const config: DeployConfig = {
    ...defaultConfig({
      team: account(1).address,
      advisors: account(2).address,
      incentives: account(3).address,
      safeOwners: [ownerA.address, ownerB.address],
      safeThreshold: 2,
    }),
    safe: { owners: [ownerA.address, ownerB.address], threshold: 2, saltNonce: 1n },
  };
  // A fixed start: the deploy's addresses follow from its config, and the figures (calldata, hashes) from the addresses.
  config.startTime = GENESIS;
  config.vesting.team.start = GENESIS;
  config.vesting.advisors.start = GENESIS;
  config.vesting.incentives.start = GENESIS;
  const d = await deployProtocol(clients, config);
  const c = Object.fromEntries(Object.entries(d.contracts).map(([k, v]) => [k, v.address])) as Record<
    keyof typeof d.contracts,
    Address
  >;

  // ---- The reference: OZ ERC20Votes wrapper + the same Governor modules + OZ timelock, and a bare Safe.
  const compiled = (name: string) => {
    const r = ref[name];
    if (!r) throw new Error(`reference contract ${name} was not compiled`);
    return r;
  };
  const deployRef = async (name: string, args: unknown[]) => {
    const r = compiled(name);
    const hash = await deployer.deployContract({ abi: r.abi, bytecode: r.bytecode, args } as never);
    return (await publicClient.waitForTransactionReceipt({ hash })).contractAddress as Address;
  };
  const supply = parseEther("1000000000");
  const rToken = await deployRef("RefERC20", [deployerAcc.address, supply]);
  const rVotes = await deployRef("RefVotesToken", [rToken]);
  const rTimelock = (
    await deployArtifact(clients, "TimelockController", [BigInt(config.timelockDelay), [], [], deployerAcc.address])
  ).address;
  const g = config.governor;
  const rGovernor = await deployRef("RefGovernor", [
    rVotes,
    rTimelock,
    g.votingDelay,
    g.votingPeriod,
    g.proposalThreshold,
    BigInt(g.quorumPercent),
    g.lateQuorumExtension,
  ]);
  const timelockAbi = readArtifact("TimelockController").abi;
  for (const role of ["PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"]) {
    await call(deployer, rTimelock, timelockAbi, "grantRole", [keccak256(toHex(role)), rGovernor]);
  }
  const rTreasury = await deployRef("RefTreasury", []);
  const rSafe = (await createSafe(clients, d.safeInfrastructure, [ownerA.address, ownerB.address], 2, 2n)).address;

  // ---- Funding (not measured): voters get tokens on both sides; treasuries/timelocks/Safe get reserves.
  const amount = parseEther("1000000");
  await impersonated(c.TimelockController, async () => {
    for (const who of [alice, bob, carol, relayer])
      await call(wallet(c.TimelockController), c.AIDAOToken, erc20Abi, "transfer", [who.address, amount * 2n]);
    await call(wallet(c.TimelockController), c.Treasury, treasuryAbi, "setSpendingLimit", [
      c.AIDAOToken,
      parseEther("100000"),
      30 * DAY,
    ]);
  });
  for (const who of [alice, bob, carol, relayer])
    await call(deployer, rToken, erc20Abi, "transfer", [who.address, amount * 2n]);
  await call(deployer, rToken, erc20Abi, "transfer", [rTimelock, parseEther("1000000")]);
  await call(deployer, rToken, erc20Abi, "transfer", [rSafe, parseEther("1000000")]);

  const rows: Row[] = [];
  const add = (op: string, aidao: number, reference: number, note: string) => rows.push({ op, aidao, reference, note });

  // stake: AIDAO's first stake also self-delegates; the reference needs depositFor + delegate for the same power.
  const sAbi = stakingAbi as Abi;
  const vAbi = compiled("RefVotesToken").abi;
  for (const who of [alice, bob, carol]) {
    await call(wallet(who), c.AIDAOToken, erc20Abi, "approve", [c.Staking, amount * 2n]);
    await call(wallet(who), rToken, erc20Abi, "approve", [rVotes, amount * 2n]);
  }
  const stakeA = await call(wallet(alice), c.Staking, sAbi, "stake", [amount]);
  const stakeR =
    (await call(wallet(alice), rVotes, vAbi, "depositFor", [alice.address, amount])) +
    (await call(wallet(alice), rVotes, vAbi, "delegate", [alice.address]));
  add("stake", stakeA, stakeR, "first stake, self-delegating | ERC20Wrapper.depositFor + delegate");
  for (const who of [bob, carol]) {
    await call(wallet(who), c.Staking, sAbi, "stake", [amount]);
    await call(wallet(who), rVotes, vAbi, "depositFor", [who.address, amount]);
    await call(wallet(who), rVotes, vAbi, "delegate", [who.address]);
  }
  add(
    "stake again",
    await call(wallet(alice), c.Staking, sAbi, "stake", [amount]),
    await call(wallet(alice), rVotes, vAbi, "depositFor", [alice.address, amount]),
    "top-up | depositFor",
  );

  await tick(config.minStakePeriod + 1);
  add(
    "delegate",
    await call(wallet(carol), c.Staking, sAbi, "delegate", [bob.address]),
    await call(wallet(carol), rVotes, vAbi, "delegate", [bob.address]),
    "redelegate matured stake to another account",
  );

  // One identical proposal on each side: the timelock pays 1,000 tokens out of its reserve.
  const proposal = (token: Address) => ({
    targets: [token],
    values: [0n],
    calldatas: [
      encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [relayer.address, parseEther("1000")] }),
    ],
  });
  const description = "Pay 1,000 tokens from the reserve";
  const gAbi = readArtifact("AIDAOGovernor").abi;
  const rgAbi = compiled("RefGovernor").abi;
  const pA = proposal(c.AIDAOToken);
  const pR = proposal(rToken);
  const args = (p: typeof pA) => [p.targets, p.values, p.calldatas, description];
  add(
    "propose",
    await call(wallet(alice), c.AIDAOGovernor, gAbi, "propose", args(pA)),
    await call(wallet(alice), rGovernor, rgAbi, "propose", args(pR)),
    "one call",
  );
  await tick(g.votingDelay + 1);
  const idA = proposalId(pA, description);
  const idR = proposalId(pR, description);
  add(
    "castVote",
    await call(wallet(alice), c.AIDAOGovernor, gAbi, "castVote", [idA, 1]),
    await call(wallet(alice), rGovernor, rgAbi, "castVote", [idR, 1]),
    "for",
  );
  const ballot = async (governor: Address, id: bigint) =>
    wallet(bob).signTypedData({
      domain: governorDomain(31337, governor),
      types: ballotTypes,
      primaryType: "Ballot",
      message: { proposalId: id, support: 1, voter: bob.address, nonce: 0n },
    });
  // The reference governor's EIP-712 name differs; sign with its own domain.
  const refBallot = await wallet(bob).signTypedData({
    domain: { name: "Ref Governor", version: "1", chainId: 31337, verifyingContract: rGovernor },
    types: ballotTypes,
    primaryType: "Ballot",
    message: { proposalId: idR, support: 1, voter: bob.address, nonce: 0n },
  });
  add(
    "castVoteBySig",
    await call(wallet(relayer), c.AIDAOGovernor, gAbi, "castVoteBySig", [
      idA,
      1,
      bob.address,
      await ballot(c.AIDAOGovernor, idA),
    ]),
    await call(wallet(relayer), rGovernor, rgAbi, "castVoteBySig", [idR, 1, bob.address, refBallot]),
    "relayed",
  );
  await tick(g.votingPeriod + 1);
  const hashed = (p: typeof pA) => [p.targets, p.values, p.calldatas, keccak256(toHex(description))];
  add(
    "queue",
    await call(wallet(alice), c.AIDAOGovernor, gAbi, "queue", hashed(pA)),
    await call(wallet(alice), rGovernor, rgAbi, "queue", hashed(pR)),
    "into the timelock",
  );
  await tick(config.timelockDelay + 1);
  add(
    "execute",
    await call(wallet(alice), c.AIDAOGovernor, gAbi, "execute", hashed(pA)),
    await call(wallet(alice), rGovernor, rgAbi, "execute", hashed(pR)),
    "token transfer by the timelock",
  );

  // Treasury income: AIDAO forwards the education share in the same transaction.
  await call(wallet(relayer), c.AIDAOToken, erc20Abi, "approve", [c.Treasury, parseEther("10000")]);
  await call(wallet(relayer), rToken, erc20Abi, "approve", [rTreasury, parseEther("10000")]);
  add(
    "treasury deposit",
    await call(wallet(relayer), c.Treasury, treasuryAbi as Abi, "deposit", [c.AIDAOToken, parseEther("1000"), 0]),
    await call(wallet(relayer), rTreasury, compiled("RefTreasury").abi, "deposit", [rToken, parseEther("1000")]),
    "with 8% to education | plain recorded transferFrom",
  );

  // Safe spend within limit (2-of-2) vs the same Safe setup paying a plain transfer from its own balance.
  const safeAbi = readArtifact("SafeL2").abi;
  const safeExec = async (safe: Address, to: Address, data: Hex) => {
    const nonce = (await publicClient.readContract({ address: safe, abi: safeAbi, functionName: "nonce" })) as bigint;
    const txArgs = [
      to,
      0n,
      data,
      0,
      0n,
      0n,
      0n,
      "0x0000000000000000000000000000000000000000",
      "0x0000000000000000000000000000000000000000",
    ] as const;
    const hash = (await publicClient.readContract({
      address: safe,
      abi: safeAbi,
      functionName: "getTransactionHash",
      args: [...txArgs, nonce],
    })) as Hex;
    const owners = [ownerA, ownerB].sort((a, b) => (a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1));
    const sigs = concat(await Promise.all(owners.map((o) => o.sign({ hash }))));
    return call(wallet(relayer), safe, safeAbi, "execTransaction", [...txArgs, sigs]);
  };
  add(
    "Safe-limited spend",
    await safeExec(
      c.Safe,
      c.Treasury,
      encodeFunctionData({
        abi: treasuryAbi,
        functionName: "safeSpend",
        args: [c.AIDAOToken, carol.address, parseEther("1000")],
      }),
    ),
    await safeExec(
      rSafe,
      rToken,
      encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [carol.address, parseEther("1000")] }),
    ),
    "2-of-2 Safe through Treasury.safeSpend | 2-of-2 Safe paying from itself",
  );

  // Rewards claim: an epoch posted by governance, claimed with vesting, vs a one-shot Merkle airdrop.
  const leaves: [Address, bigint][] = [alice, bob, carol, relayer].map((a, i) => [
    a.address,
    parseEther(String(1000 * (i + 1))),
  ]);
  const tree = StandardMerkleTree.of(
    leaves.map(([a, v]) => [a, v.toString()]),
    ["address", "uint256"],
  );
  await impersonated(c.TimelockController, () =>
    call(wallet(c.TimelockController), c.RewardsDistributor, rewardsDistributorAbi as Abi, "postEpoch", [
      tree.root as Hex,
      parseEther("10000"),
      "ipfs://epoch-0",
    ]),
  );
  const rDistributor = await deployRef("RefMerkleDistributor", [rToken, tree.root]);
  await call(deployer, rToken, erc20Abi, "transfer", [rDistributor, parseEther("10000")]);
  await tick(30 * DAY);
  const aliceReward = parseEther("1000"); // alice's leaf
  const proof = tree.getProof(0) as Hex[];
  add(
    "rewards claim",
    await call(wallet(relayer), c.RewardsDistributor, rewardsDistributorAbi as Abi, "claim", [
      0n,
      alice.address,
      aliceReward,
      proof,
    ]),
    await call(wallet(relayer), rDistributor, compiled("RefMerkleDistributor").abi, "claim", [
      alice.address,
      aliceReward,
      proof,
    ]),
    "first claim, vesting | one-shot airdrop",
  );

  // AI DAO creation and revenue claims.
  const sendFrom = async (from: Address, to: Address, abi: Abi, functionName: string, args: unknown[]) => {
    await tick();
    const hash = await wallet(from).writeContract({ address: to, abi, functionName, args, gas: 60_000_000n } as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`benchmark transaction reverted: ${hash}`);
    return { gas: Number(receipt.gasUsed), logs: receipt.logs as unknown as { data: Hex; topics: Hex[] }[] };
  };
  rows.push(
    ...(await measureFactory({
      publicClient: publicClient as never,
      contracts: d.contracts,
      token: c.AIDAOToken,
      creator: alice.address,
      owners: [ownerA.address, ownerB.address],
      holders: [alice.address, bob.address, carol.address],
      payer: relayer.address,
      send: (from, to, abi, fn, args) => sendFrom(from, to, abi, fn, args),
      clients,
    })),
  );

  const referenceCastVote = rows.find((r) => r.op === "castVote")?.reference;
  if (referenceCastVote === undefined) throw new Error("the castVote row must come before the venture rows");
  rows.push(
    ...(await measureVenture({
      publicClient: publicClient as never,
      contracts: c,
      // A fixed gas limit: estimates run at another timestamp than the block the bench sets, so they can fall short.
      call: async (from, to, abi, fn, args) => (await sendFrom(from, to, abi, fn, args)).gas,
      impersonated,
      tick,
      deployRef,
      accounts: [alice.address, bob.address, relayer.address],
      referenceCastVote,
    })),
  );

  rows.push(
    ...(await measureUsage({
      publicClient: publicClient as never,
      rpcUrl,
      contracts: c,
      send: sendFrom,
      impersonated,
      funder: relayer.address,
    })),
  );

  report(rows, mode);
}

function report(rows: Row[], mode: string) {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `\n${"operation".padEnd(20)}${pad("AIDAO gas", 11)}${pad("reference", 11)}${pad("ratio", 8)}  target   what is compared`,
  );
  let over = 0;
  for (const r of rows) {
    const ratio = r.aidao / r.reference;
    const target = r.target ?? (GOVERNANCE_OPS.has(r.op) ? ([0, 1.05] as [number, number]) : undefined);
    const within = target ? ratio >= target[0] && ratio <= target[1] : true;
    const label = target ? (target[0] > 0 ? `±${((target[1] - 1) * 100).toFixed(0)}%` : `≤${target[1]}`) : "";
    const verdict = target ? `${label} ${within ? "ok" : "OVER"}`.padEnd(10) : "   —      ";
    if (!within) over++;
    console.log(
      `${r.op.padEnd(20)}${pad(r.aidao, 11)}${pad(r.reference, 11)}${pad(`${ratio.toFixed(3)}×`, 8)}  ${verdict} ${r.note}`,
    );
  }
  console.log(
    over
      ? `\n${over} figure(s) outside their target`
      : "\nevery figure with a target is within it (governance ≤ 1.05×, AI DAO creation ≤ 0.6× Aragon, claims ±2%)",
  );

  const snapshot = Object.fromEntries(rows.map((r) => [r.op, { aidao: r.aidao, reference: r.reference }]));
  const text = `${JSON.stringify(snapshot, null, 2)}\n`;
  if (mode === "update") {
    writeFileSync(SNAPSHOT, text);
    console.log(`wrote ${SNAPSHOT}`);
    return;
  }
  let committed: Record<string, { aidao: number; reference: number }> = {};
  try {
    committed = JSON.parse(readFileSync(SNAPSHOT, "utf8"));
  } catch {}
  const changed = rows.filter((r) => committed[r.op]?.aidao !== r.aidao || committed[r.op]?.reference !== r.reference);
  for (const r of changed) {
    const was = committed[r.op];
    console.log(`gas changed: ${r.op} ${was ? `${was.aidao}/${was.reference}` : "(new)"} → ${r.aidao}/${r.reference}`);
  }
  if (changed.length === 0) console.log("gas snapshot matches bench/gas-snapshot.json");
  else if (mode === "check") {
    console.error("gas snapshot is stale: run `npm run bench -- --update` and commit bench/gas-snapshot.json");
    process.exit(1);
  }
}

await main();
