import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type LocalChain, startAnvil } from "@aidao/contracts/anvil";
import { defaultConfig, deployProtocol, writeDeployment } from "@aidao/contracts/deploy";
import { daoRegistryAbi, modelRegistryAbi, stakingAbi, writeChecked } from "@aidao/sdk";
import { createPublicClient, createWalletClient, erc20Abi, http, parseEther, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { main } from "./main.ts";

const dev = (i: number) =>
  mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: i });

describe("aidao (the CLI) against a local chain", () => {
  let chain: LocalChain;
  let args: string[];
  let deployment: Awaited<ReturnType<typeof deployProtocol>>;
  const dir = mkdtempSync(join(tmpdir(), "aidao-cli-"));

  before(async () => {
    chain = await startAnvil();
    const transport = http(chain.rpcUrl);
    const publicClient = createPublicClient({ chain: foundry, transport });
    const walletClient = createWalletClient({ chain: foundry, transport, account: dev(0) });
    const a = (i: number) => dev(i).address;
    deployment = await deployProtocol(
      { publicClient, walletClient },
      defaultConfig({ team: a(1), advisors: a(2), incentives: a(3), safeOwners: [a(4), a(5), a(6)], safeThreshold: 2 }),
    );
    writeDeployment(dir, deployment);
    // Give account 9 some AIDAO from the timelock's reserve so it can pay revenue.
    const timelock = deployment.contracts.TimelockController.address;
    await publicClient.request({ method: "anvil_impersonateAccount" as never, params: [timelock] as never });
    await publicClient.request({
      method: "anvil_setBalance" as never,
      params: [timelock, toHex(parseEther("1"))] as never,
    });
    const asTimelock = createWalletClient({ chain: foundry, transport, account: timelock });
    const hash = await asTimelock.writeContract({
      address: deployment.contracts.AIDAOToken.address,
      abi: erc20Abi,
      functionName: "transfer",
      args: [a(9), parseEther("300000")],
    });
    await publicClient.waitForTransactionReceipt({ hash });
    args = ["--rpc", chain.rpcUrl, "--deployments", dir];
  });
  after(() => chain.stop());

  const run = (...argv: string[]) => main([...argv, ...args]);

  it("prints help, and refuses an unknown command with exit code 2", async () => {
    assert.equal((await main(["help"])).code, 0);
    const r = await main(["dao", "destroy"]);
    assert.equal(r.code, 2);
    assert.match(r.out, /unknown command "dao destroy"/);
  });

  it("creates a revenue-sharing AI DAO and lists it under the main DAO", async () => {
    const r = await run(
      "dao",
      "create",
      "--template",
      "revenue-sharing",
      "--name",
      "Face DAO",
      "--holders",
      `${dev(7).address}=600,${dev(8).address}=400`,
      "--dev-account",
      "7",
    );
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /created DAO 3 in 0x/);
    const list = await run("dao", "list", "--parent", "1");
    assert.equal(list.code, 0, list.out);
    assert.match(list.out, /2 {2}parent {3}1 {2}venture/, "AIDAO Venture is DAO 2");
    assert.match(list.out, /3 {2}parent {3}1 {2}revenue-sharing/);
  });

  it("pays revenue into the DAO and lets a holder claim it", async () => {
    const paid = await run("revenue", "deposit", "--dao", "3", "--amount", "100", "--dev-account", "9");
    assert.equal(paid.code, 0, paid.out);
    const claimed = await run("revenue", "claim", "--dao", "3", "--dev-account", "8");
    assert.equal(claimed.code, 0, claimed.out);
  });

  it("explains why the chain refused, with exit code 1", async () => {
    const r = await run("model", "register", "--dao", "3", "--name", "face", "--dev-account", "8");
    assert.equal(r.code, 1);
    assert.match(r.out, /ModelRegistryNotMaintainerOrGovernance/);
  });

  it("runs a venture round: propose, vote, queue, execute, deposit, list, withdraw earnings", async () => {
    const rpc = (method: string, params: unknown[]) =>
      createPublicClient({ chain: foundry, transport: http(chain.rpcUrl) }).request({
        method: method as never,
        params: params as never,
      });
    const travel = async (seconds: number) => {
      await rpc("evm_increaseTime", [seconds]);
      await rpc("evm_mine", []);
    };
    // Account 9 stakes 200k AIDAO: above the 100k proposal threshold once matured, and the only holder who votes.
    const token = deployment.contracts.AIDAOToken.address;
    const staking = deployment.contracts.Staking.address;
    const wallet = createWalletClient({ chain: foundry, transport: http(chain.rpcUrl), account: dev(9) });
    const pc = createPublicClient({ chain: foundry, transport: http(chain.rpcUrl) });
    const stakeAmount = parseEther("200000");
    for (const call of [
      { address: token, abi: erc20Abi, functionName: "approve", args: [staking, stakeAmount] },
      { address: staking, abi: stakingAbi, functionName: "stake", args: [stakeAmount] },
      { address: staking, abi: stakingAbi, functionName: "delegate", args: [dev(9).address] },
    ] as const) {
      // As the SDK sends (its gas margin: a stake's checkpoint can cost more a second after its estimate), and checked.
      const receipt = await pc.waitForTransactionReceipt({ hash: await writeChecked(wallet, call as never) });
      assert.equal(receipt.status, "success", `${call.functionName} reverted`);
    }
    await travel(8 * 86_400);
    const proposed = await run(
      "venture",
      "propose",
      "--accept-token",
      token,
      "--price",
      "0.5",
      "--max-age",
      "365d",
      "--open-round",
      "--cap",
      "10000",
      "--deposit-period",
      "30d",
      "--lock",
      "90d",
      "--dev-account",
      "9",
    );
    assert.equal(proposed.code, 0, proposed.out);
    const proposalId = /proposed (\d+)/.exec(proposed.out)?.[1];
    assert.ok(proposalId);
    await travel(86_400 + 1);
    const voted = await run("venture", "vote", "--proposal", proposalId, "--support", "for", "--dev-account", "9");
    assert.equal(voted.code, 0, voted.out);
    await travel(5 * 86_400 + 1);
    const result = await run("venture", "result", "--proposal", proposalId);
    assert.match(result.out, /Succeeded/);
    assert.match(result.out, /combined: 40 for \/ 0 against/, "only holders voted: their 40 points");
    assert.equal((await run("venture", "queue", "--proposal", proposalId, "--dev-account", "9")).code, 0);
    await travel(2 * 86_400 + 1);
    const executed = await run("venture", "execute", "--proposal", proposalId, "--dev-account", "9");
    assert.equal(executed.code, 0, executed.out);
    const rounds = await run("venture", "rounds");
    assert.match(rounds.out, /round 1 {2}Open/);

    const deposited = await run(
      "venture",
      "deposit",
      "--round",
      "1",
      "--token",
      token,
      "--amount",
      "100",
      "--dev-account",
      "9",
    );
    assert.equal(deposited.code, 0, deposited.out);
    assert.match(deposited.out, /receipt 1: .* worth 50 /);
    const mine = await run("venture", "receipts", "--owner", dev(9).address);
    assert.match(mine.out, /receipt 1 {2}round 1 .* value 50/);
    const tooMuch = await run(
      "venture",
      "deposit",
      "--round",
      "1",
      "--token",
      token,
      "--amount",
      "20001",
      "--dev-account",
      "9",
    );
    assert.equal(tooMuch.code, 1);
    assert.match(tooMuch.out, /raise round 1 to 10050\.5 of its 10000 cap/);
    const early = await run("venture", "claim", "--receipt", "1", "--dev-account", "9");
    assert.match(early.out, /nothing to claim/);
    const locked = await run("venture", "withdraw", "--receipt", "1", "--dev-account", "9");
    assert.equal(locked.code, 1);
    assert.match(locked.out, /Round 1 is open: its earnings can be withdrawn from/);
    await travel(121 * 86_400);
    const before = await pc.readContract({
      address: token,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [dev(9).address],
    });
    const withdrawn = await run("venture", "withdraw", "--receipt", "1", "--dev-account", "9");
    assert.equal(withdrawn.code, 0, withdrawn.out);
    const after = await pc.readContract({
      address: token,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [dev(9).address],
    });
    assert.equal(after - before, parseEther("100"), "the only receipt gets the whole uninvested round back");
    assert.match((await run("venture", "withdraw", "--receipt", "1", "--dev-account", "9")).out, /nothing left/);
  });

  it("opens a pay-per-use channel to a model endpoint, shows it, tops it up and extends it", async () => {
    // Setup outside the CLI: DAO 3's governance (its timelock, impersonated) registers a model with an endpoint.
    const pc = createPublicClient({ chain: foundry, transport: http(chain.rpcUrl) });
    const registry = await pc.readContract({
      address: deployment.contracts.DAORegistry.address,
      abi: daoRegistryAbi,
      functionName: "dao",
      args: [3n],
    });
    const timelock = registry.timelock;
    await pc.request({ method: "anvil_impersonateAccount" as never, params: [timelock] as never });
    await pc.request({ method: "anvil_setBalance" as never, params: [timelock, toHex(parseEther("1"))] as never });
    const dao = createWalletClient({ chain: foundry, transport: http(chain.rpcUrl), account: timelock });
    const models = deployment.contracts.ModelRegistry.address;
    for (const [functionName, args] of [
      ["registerModel", [3n, "face", "ipfs://face"]],
      [
        "addVersion",
        [
          1n,
          {
            contentHash: toHex("v1", { size: 32 }),
            uri: "npm:face",
            framework: "tfjs",
            license: "MIT",
            metricsURI: "",
          },
        ],
      ],
      ["setStage", [1n, 1n, 1]],
      [
        "setEndpoint",
        [
          1n,
          1n,
          {
            url: "http://127.0.0.1:8080/v1/models/face",
            unit: "face",
            paymentToken: deployment.contracts.AIDAOToken.address,
            unitPrice: parseEther("1"),
            active: true,
          },
        ],
      ],
    ] as const) {
      const hash = await dao.writeContract({ address: models, abi: modelRegistryAbi, functionName, args } as never);
      assert.equal((await pc.waitForTransactionReceipt({ hash })).status, "success", functionName);
    }
    const opened = await run(
      "channel",
      "open",
      "--endpoint",
      "1",
      "--amount",
      "5",
      "--for",
      "7d",
      "--dev-account",
      "9",
    );
    assert.equal(opened.code, 0, opened.out);
    assert.match(opened.out, /endpoint 1 \(face at 1 each\)/);
    const channel = /opened channel (0x[0-9a-f]{64})/.exec(opened.out)?.[1];
    assert.ok(channel);
    const topped = await run(
      "channel",
      "topup",
      "--channel",
      channel,
      "--amount",
      "2",
      "--for",
      "1d",
      "--dev-account",
      "9",
    );
    assert.equal(topped.code, 0, topped.out);
    const shown = await run("channel", "show", "--channel", channel);
    assert.match(shown.out, /deposit 7, redeemed 0, left 7/);
    const early = await run("channel", "close", "--channel", channel, "--dev-account", "9");
    assert.equal(early.code, 1);
    assert.match(early.out, /UsageChannelsNotReclaimable|reclaim/i);
  });

  const usage: Array<[string, string[], RegExp]> = [
    [
      "a missing name",
      ["dao", "create", "--template", "donation", "--allow", "ETH=1", "--dev-account", "7"],
      /--name is required/,
    ],
    [
      "an unknown template",
      ["dao", "create", "--template", "lottery", "--name", "x", "--dev-account", "7"],
      /--template must be/,
    ],
    [
      "a malformed holder",
      ["dao", "create", "--template", "revenue-sharing", "--name", "x", "--holders", "0x12=5", "--dev-account", "7"],
      /is not an address/,
    ],
    [
      "shares that do not add up",
      [
        "dao",
        "create",
        "--template",
        "consortium",
        "--name",
        "x",
        "--members",
        `${dev(7).address}=5000`,
        "--dev-account",
        "7",
      ],
      /add up to 10000/,
    ],
    [
      "an off-chain DAO without Safe owners",
      [
        "dao",
        "create",
        "--template",
        "donation",
        "--name",
        "x",
        "--allow",
        "ETH=1",
        "--mode",
        "OffChain",
        "--dev-account",
        "7",
      ],
      /Safe owners/,
    ],
    ["a write without a key", ["revenue", "claim", "--dao", "3"], /AIDAO_PRIVATE_KEY/],
    ["a channel id that is not one", ["channel", "show", "--channel", "0x1234"], /is not a channel id/],
    [
      "a vote that is not for/against/abstain",
      ["venture", "vote", "--proposal", "1", "--support", "yes"],
      /--support must be/,
    ],
    ["an empty venture proposal", ["venture", "propose", "--dev-account", "9"], /say what to propose/],
    [
      "a deposit in something that is not a token",
      [
        "venture",
        "deposit",
        "--round",
        "1",
        "--token",
        "0x0000000000000000000000000000000000000001",
        "--amount",
        "1.0000000000000000001",
        "--dev-account",
        "9",
      ],
      /is not an ERC-20 token/,
    ],
    [
      "a venture command on a DAO that is not a venture DAO",
      ["venture", "rounds", "--dao", "1"],
      /is not a venture DAO/,
    ],
    ["an unknown option", ["dao", "list", "--colour", "red"], /Unknown option/],
    [
      "a stage that does not exist",
      ["model", "stage", "--model", "1", "--version", "1", "--stage", "Live", "--dev-account", "7"],
      /--stage must be one of/,
    ],
  ];
  for (const [name, argv, message] of usage) {
    it(`refuses ${name} with exit code 2 and says why`, async () => {
      const r = await run(...argv);
      assert.match(r.out, message);
      assert.equal(r.code, 2);
    });
  }

  it("says when no deployment exists for the chain", async () => {
    const r = await main(["dao", "list", "--rpc", chain.rpcUrl, "--deployments", join(dir, "nowhere")]);
    assert.equal(r.code, 1);
    assert.match(r.out, /No AIDAO deployment for chain 31337/);
  });

  it("says when the chain cannot be reached", async () => {
    const r = await main(["dao", "list", "--rpc", "http://127.0.0.1:1", "--deployments", dir]);
    assert.equal(r.code, 2);
    assert.match(r.out, /Cannot reach the chain/);
  });
});
