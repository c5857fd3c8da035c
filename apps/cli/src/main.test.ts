import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type LocalChain, startAnvil } from "@aidao/contracts/anvil";
import { defaultConfig, deployProtocol, writeDeployment } from "@aidao/contracts/deploy";
import { createPublicClient, createWalletClient, erc20Abi, http, parseEther, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { main } from "./main.ts";

const dev = (i: number) =>
  mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: i });

describe("aidao (the CLI) against a local chain", () => {
  let chain: LocalChain;
  let args: string[];
  const dir = mkdtempSync(join(tmpdir(), "aidao-cli-"));

  before(async () => {
    chain = await startAnvil();
    const transport = http(chain.rpcUrl);
    const publicClient = createPublicClient({ chain: foundry, transport });
    const walletClient = createWalletClient({ chain: foundry, transport, account: dev(0) });
    const a = (i: number) => dev(i).address;
    const deployment = await deployProtocol(
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
      args: [a(9), parseEther("1000")],
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
    assert.match(r.out, /created DAO 2 in 0x/);
    const list = await run("dao", "list", "--parent", "1");
    assert.equal(list.code, 0, list.out);
    assert.match(list.out, /2 {2}parent {3}1 {2}revenue-sharing/);
  });

  it("pays revenue into the DAO and lets a holder claim it", async () => {
    const paid = await run("revenue", "deposit", "--dao", "2", "--amount", "100", "--dev-account", "9");
    assert.equal(paid.code, 0, paid.out);
    const claimed = await run("revenue", "claim", "--dao", "2", "--dev-account", "8");
    assert.equal(claimed.code, 0, claimed.out);
  });

  it("explains why the chain refused, with exit code 1", async () => {
    const r = await run("model", "register", "--dao", "2", "--name", "face", "--dev-account", "8");
    assert.equal(r.code, 1);
    assert.match(r.out, /ModelRegistryNotMaintainerOrGovernance/);
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
    ["a write without a key", ["revenue", "claim", "--dao", "2"], /AIDAO_PRIVATE_KEY/],
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
