import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { type LocalChain, startAnvil } from "@aidao/contracts/anvil";
import { type ProtocolDeployment, parseDeployConfig, predictProtocol } from "@aidao/contracts/deploy";
import { parseDeployment } from "@aidao/sdk";
import { type Address, createPublicClient, http, parseEther, toHex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { type DeployCommandIO, deployMain } from "./deploy.ts";

const require = createRequire(import.meta.url);
const CONFIG = join(dirname(require.resolve("@aidao/contracts/deploy")), "example.config.json");
/** anvil's first well-known test key (public; funded only on local chains). */
const KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DEPLOYER = privateKeyToAddress(KEY);
const STEPS = 47;

// The Web3 Secret Storage test vectors (ethereum.org): the formats geth and `cast wallet` write, password
// "testpassword", key 0x7a28b5ba…. Decrypting them shows the KDFs, the MAC and the cipher are the standard ones.
const SCRYPT_KEYSTORE = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "83dbcc02d8ccb40e466191a123791e0e" },
    ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
    kdf: "scrypt",
    kdfparams: {
      dklen: 32,
      n: 262144,
      p: 8,
      r: 1,
      salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
    },
    mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};
const PBKDF2_KEYSTORE = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "6087dab2f9fdbbfaddc31a909735c1e6" },
    ciphertext: "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
    kdf: "pbkdf2",
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: "hmac-sha256",
      salt: "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd",
    },
    mac: "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};
const KEYSTORE_ADDRESS = privateKeyToAddress("0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d");

/** Runs `aidao deploy <argv>` in-process with `env`, collecting its progress lines. */
async function deploy(argv: string[], env: Record<string, string | undefined>, askPassword?: () => Promise<string>) {
  const lines: string[] = [];
  const results: string[] = [];
  const io: DeployCommandIO = {
    env,
    progress: (line) => lines.push(line),
    result: (json) => results.push(json),
    askPassword,
  };
  const r = await deployMain(argv, io);
  return { ...r, lines, results };
}

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const read = (dir: string, chainId = 31337) =>
  JSON.parse(readFileSync(join(dir, `${chainId}.json`), "utf8")) as ProtocolDeployment;
const addresses = (d: { contracts: Record<string, { address: Address }> }) =>
  Object.fromEntries(Object.entries(d.contracts).map(([name, c]) => [name, c.address]));

describe("aidao deploy", () => {
  let a: LocalChain;
  let b: LocalChain;
  const outA = tmp("aidao-deploy-a-");
  const config = parseDeployConfig(JSON.parse(readFileSync(CONFIG, "utf8")));

  before(async () => {
    [a, b] = await Promise.all([startAnvil(), startAnvil()]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("deploys with $AIDAO_DEPLOYER_KEY at the predicted addresses, a line per step, and writes <out>/<chainId>.json", async () => {
    const r = await deploy(["--rpc", a.rpcUrl, "--config", CONFIG, "--out", outA], { AIDAO_DEPLOYER_KEY: KEY });
    assert.equal(r.code, 0, r.out);
    const steps = r.lines.filter((l) => l.startsWith("["));
    assert.equal(steps.length, STEPS, r.lines.join("\n"));
    assert.equal(
      steps[0],
      `[1/${STEPS}] deterministic-deployment proxy 0x4e59b44847b379578588920cA78FbF26c0B4956C already there`,
    );
    assert.match(r.lines.join("\n"), /^\[\d+\/47\] Treasury 0x[0-9a-fA-F]{40} deployed \(tx 0x[0-9a-f]{64}\)$/m);
    assert.match(r.lines.join("\n"), /^\[25\/47\] TimelockController: the deployer renounces its admin role done/m);
    assert.match(r.out, /verified 45 contracts against this build's bytecode/);

    const written = parseDeployment(read(outA));
    assert.equal(written.deployer, DEPLOYER);
    const predicted = predictProtocol(config, { deployer: DEPLOYER });
    for (const [name, address] of Object.entries(predicted.contracts)) {
      assert.equal(written.contracts[name as keyof typeof written.contracts].address, address, name);
    }
    assert.deepEqual(written.safeInfrastructure, predicted.safeInfrastructure);
  });

  it("deploys the same addresses on a second fresh chain with the same config and key (--json)", async () => {
    const out = tmp("aidao-deploy-b-");
    const r = await deploy(["--rpc", b.rpcUrl, "--config", CONFIG, "--out", out, "--json"], {
      AIDAO_DEPLOYER_KEY: KEY,
    });
    assert.equal(r.code, 0, r.out);
    const report = JSON.parse(r.out) as { ok: boolean; file: string; steps: unknown[]; deployment: ProtocolDeployment };
    assert.equal(report.ok, true);
    assert.equal(report.steps.length, STEPS);
    assert.deepEqual(addresses(report.deployment), addresses(read(outA)));
    assert.deepEqual(addresses(read(out)), addresses(read(outA)));
  });

  it("deploys with an encrypted keystore, the password from $AIDAO_KEYSTORE_PASSWORD", async () => {
    const keystore = join(tmp("aidao-keystore-"), "scrypt.json");
    writeFileSync(keystore, JSON.stringify(SCRYPT_KEYSTORE));
    const client = createPublicClient({ transport: http(b.rpcUrl) });
    await client.request({
      method: "anvil_setBalance" as never,
      params: [KEYSTORE_ADDRESS, toHex(parseEther("10"))] as never,
    });
    const out = tmp("aidao-deploy-keystore-");
    const r = await deploy(["--rpc", b.rpcUrl, "--config", CONFIG, "--out", out, "--keystore", keystore], {
      AIDAO_KEYSTORE_PASSWORD: "testpassword",
    });
    assert.equal(r.code, 0, r.out);
    const written = read(out);
    assert.equal(written.deployer, KEYSTORE_ADDRESS);
    // Another deployer, other addresses (nobody can take another deployer's); Safe's canonical contracts are shared.
    assert.notEqual(written.contracts.AIDAOToken.address, read(outA).contracts.AIDAOToken.address);
    assert.deepEqual(written.safeInfrastructure, read(outA).safeInfrastructure);
    assert.match(r.lines.join("\n"), /\[3\/47\] SafeL2 0x29fcB43b46531BcA003ddC8FCB67FFE91900C762 already there/);

    // The same key from a PBKDF2 keystore, its password typed at the terminal: everything is found already done.
    const pbkdf2 = join(dirname(keystore), "pbkdf2.json");
    writeFileSync(pbkdf2, JSON.stringify(PBKDF2_KEYSTORE));
    let asked = 0;
    const again = await deploy(
      ["--rpc", b.rpcUrl, "--config", CONFIG, "--out", out, "--keystore", pbkdf2],
      {},
      async () => {
        asked++;
        return "testpassword";
      },
    );
    assert.equal(again.code, 0, again.out);
    assert.equal(asked, 1);
    const steps = again.lines.filter((l) => l.startsWith("["));
    assert.equal(steps.length, STEPS);
    for (const line of steps) assert.match(line, /(already there|already done)$/);
    assert.deepEqual(addresses(read(out)), addresses(written));
  });

  it("resumes a deploy killed mid-way and finishes it, duplicating nothing", async () => {
    const c = await startAnvil();
    try {
      const out = tmp("aidao-deploy-c-");
      const argv = ["--rpc", c.rpcUrl, "--config", CONFIG, "--out", out];
      // The command as its own process, killed (SIGKILL: no clean-up) right after it reports step 20.
      const entry = pathToFileURL(join(import.meta.dirname, "deploy.ts")).href;
      const script = `const { deployMain } = await import(${JSON.stringify(entry)}); const r = await deployMain(process.argv.slice(1)); console.log(r.out); process.exit(r.code);`;
      const child = spawn(process.execPath, ["--input-type=module", "-e", script, "--", ...argv], {
        env: { ...process.env, AIDAO_DEPLOYER_KEY: KEY },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let printed = "";
      const killed = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.stdout.on("data", (d) => {
        printed += d;
        if (printed.includes("[20/47]")) child.kill("SIGKILL");
      });
      child.stderr.on("data", (d) => (printed += d));
      await killed;
      assert.match(printed, /\[20\/47\] Staking/);
      assert.doesNotMatch(printed, /\[47\/47\]/);

      const r = await deploy(argv, { AIDAO_DEPLOYER_KEY: KEY });
      assert.equal(r.code, 0, r.out);
      const steps = r.lines.filter((l) => l.startsWith("["));
      for (const line of steps.slice(0, 20)) assert.match(line, /(already there|already done)$/);
      assert.match(steps[45] ?? "", /UsageChannels 0x[0-9a-fA-F]{40} deployed/);
      assert.deepEqual(addresses(read(out)), addresses(read(outA)));
      // Exactly the transactions of an uninterrupted deploy: nothing was sent twice.
      const nonce = (url: string) =>
        createPublicClient({ transport: http(url) }).getTransactionCount({ address: DEPLOYER });
      assert.equal(await nonce(c.rpcUrl), await nonce(a.rpcUrl));
    } finally {
      await c.stop();
    }
  });

  it("--verify-only passes on the real deployment", async () => {
    const r = await deploy(["--rpc", a.rpcUrl, "--verify-only", "--out", outA], {});
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /ok {3}Treasury +0x[0-9a-fA-F]{40} {2}matches Treasury/);
    assert.match(r.out, /ok {3}VentureTreasury .* clone of ChildTreasuryImpl/);
    assert.match(r.out, /all 45 contracts match this build's bytecode/);
  });

  it("--verify-only fails, naming the contract, where the code differs from this build", async () => {
    const out = tmp("aidao-deploy-tampered-");
    const tampered = read(outA);
    tampered.contracts.Treasury.address = tampered.contracts.EducationFund.address;
    tampered.contracts.VentureGovernor.address = tampered.contracts.VentureTimelock.address;
    writeFileSync(join(out, "31337.json"), JSON.stringify(tampered));
    const r = await deploy(["--rpc", a.rpcUrl, "--verify-only", "--out", out], {});
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /BAD +Treasury +0x[0-9a-fA-F]{40} {2}its code \(\d+ bytes\) is not Treasury's/);
    assert.match(r.out, /BAD +VentureGovernor .*a clone of 0x[0-9a-f]{40}, not of VentureGovernorImpl/);
    assert.match(r.out, /2 contract\(s\) differ from this build: Treasury, VentureGovernor/);

    const json = await deploy(["--rpc", a.rpcUrl, "--verify-only", "--out", out, "--json"], {});
    assert.equal(json.code, 1);
    const report = JSON.parse(json.results[0] ?? "{}") as { ok: boolean; checks: Array<{ name: string; ok: boolean }> };
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.checks.filter((c) => !c.ok).map((c) => c.name),
      ["Treasury", "VentureGovernor"],
    );
  });

  it("stops with exit code 1 at a step the chain refuses, saying a re-run resumes from it", async () => {
    const broke = "0x0123456789012345678901234567890123456789012345678901234567890123";
    const r = await deploy(["--rpc", a.rpcUrl, "--config", CONFIG, "--out", tmp("aidao-deploy-broke-")], {
      AIDAO_DEPLOYER_KEY: broke,
    });
    assert.equal(r.code, 1, r.out);
    // Safe's contracts and Create3Deployer are already there (shared); the first transaction of its own is refused.
    assert.match(r.out, /step 11\/47 \(TimelockController\) failed: .*exceeds the balance of the account/);
    assert.match(r.out, /run the same command again to resume from this step/);
  });

  it("refuses bad inputs with exit code 2 and the reason", async () => {
    const dir = tmp("aidao-deploy-bad-");
    const file = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
      return path;
    };
    const example = JSON.parse(readFileSync(CONFIG, "utf8")) as Record<string, unknown>;
    const { startTime: _, ...noStart } = example;
    const ok = { AIDAO_DEPLOYER_KEY: KEY };
    const keystore = file("pbkdf2.json", PBKDF2_KEYSTORE);
    const rpc = ["--rpc", a.rpcUrl, "--out", dir];
    const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
      [
        "no key",
        [...rpc, "--config", CONFIG],
        {},
        /no deployer key: set AIDAO_DEPLOYER_KEY .* or pass --keystore FILE/,
      ],
      ["a malformed key", [...rpc, "--config", CONFIG], { AIDAO_DEPLOYER_KEY: "0x12" }, /64 hex digits/],
      [
        "a wrong keystore password",
        [...rpc, "--config", CONFIG, "--keystore", keystore],
        { AIDAO_KEYSTORE_PASSWORD: "hunter2" },
        /wrong password for .*pbkdf2\.json \(its MAC does not match\)/,
      ],
      [
        "a keystore that is not JSON",
        [...rpc, "--config", CONFIG, "--keystore", file("broken.json", "{ nope")],
        { AIDAO_KEYSTORE_PASSWORD: "x" },
        /broken\.json is not a usable keystore: it is not JSON/,
      ],
      [
        "a keystore with an unknown KDF",
        [
          ...rpc,
          ...["--config", CONFIG, "--keystore"],
          file("argon.json", { ...PBKDF2_KEYSTORE, crypto: { ...PBKDF2_KEYSTORE.crypto, kdf: "argon2" } }),
        ],
        { AIDAO_KEYSTORE_PASSWORD: "x" },
        /kdf "argon2", neither scrypt nor pbkdf2/,
      ],
      [
        "a missing keystore",
        [...rpc, "--config", CONFIG, "--keystore", join(dir, "nope.json")],
        { AIDAO_KEYSTORE_PASSWORD: "x" },
        /cannot read --keystore .*nope\.json/,
      ],
      [
        "a keystore without a password and no terminal",
        [...rpc, "--config", CONFIG, "--keystore", keystore],
        {},
        /set AIDAO_KEYSTORE_PASSWORD \(no terminal to ask for the password\)/,
      ],
      [
        "an unreachable RPC",
        ["--rpc", "http://127.0.0.1:1", "--config", CONFIG],
        ok,
        /cannot reach the chain at http:\/\/127\.0\.0\.1:1/,
      ],
      ["no --rpc", ["--config", CONFIG], ok, /--rpc URL is required/],
      ["no --config", rpc, ok, /--config FILE is required/],
      ["a config that is not JSON", [...rpc, "--config", file("bad.json", "{")], ok, /cannot read .*bad\.json/],
      [
        "a config without startTime",
        [...rpc, "--config", file("no-start.json", noStart)],
        ok,
        /startTime is required \(Unix seconds/,
      ],
      [
        "a Safe threshold above its owners",
        [...rpc, "--config", file("no-safe.json", { ...example, safe: { owners: [], threshold: 1 } })],
        ok,
        /safe\.threshold must be at most the number of owners/,
      ],
      ["--dev-account", [...rpc, "--config", CONFIG, "--dev-account", "0"], ok, /not --dev-account/],
      ["--verify-only without a deployment", [...rpc, "--verify-only"], {}, /--verify-only: cannot read .*31337\.json/],
      ["an unknown option", [...rpc, "--config", CONFIG, "--force"], ok, /Unknown option '--force'/],
    ];
    for (const [name, argv, env, message] of cases) {
      const r = await deploy(argv, env);
      assert.equal(r.code, 2, `${name}: ${r.out}`);
      assert.match(r.out, message, name);
      assert.match(r.out, /usage: aidao deploy --rpc URL --config FILE/, name);
    }
  });
});
