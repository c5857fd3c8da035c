import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Address, getContractAddress, keccak256, parseEther, recoverTransactionAddress, toHex } from "viem";
import { defaultConfig } from "../../deploy/config.ts";
import {
  CREATE2_PROXY_CODE,
  CREATE2_PROXY_DEPLOYMENT,
  DETERMINISTIC_DEPLOYMENT_PROXY,
} from "../../deploy/deterministic.ts";
import {
  deployProtocol,
  PROTOCOL_CONTRACTS,
  predictProtocol,
  TIMELOCK_ROLES,
  verifyDeployment,
} from "../../deploy/protocol.ts";
import { DeployStopped, type StepEvent } from "../../deploy/steps.ts";

const require = createRequire(import.meta.url);

describe("deployProtocol: deterministic and resumable", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const [deployer, team, advisors, incentives, owner1, owner2] = await viem.getWalletClients();
  if (!deployer || !team || !advisors || !incentives || !owner1 || !owner2) throw new Error("too few accounts");
  const clients = { publicClient, walletClient: deployer };
  const config = {
    ...defaultConfig({
      team: team.account.address,
      advisors: advisors.account.address,
      incentives: incentives.account.address,
      safeOwners: [owner1.account.address, owner2.account.address],
      safeThreshold: 2,
    }),
    startTime: 1_900_000_000,
  };
  const fresh = await networkHelpers.takeSnapshot();
  const events: StepEvent[] = [];
  const full = await deployProtocol(clients, config, { onStep: (e) => events.push(e) });
  const nonce = () => publicClient.getTransactionCount({ address: deployer.account.address });
  const fullNonce = await nonce();

  it("installs the deterministic-deployment proxy on a chain without it (Hardhat's has none)", () => {
    assert.equal(events[0]?.name, "deterministic-deployment proxy");
    assert.equal(events[0]?.status, "installed");
    assert.match(events[0]?.note ?? "", /development chain: set its code with hardhat_setCode/);
  });

  it("puts every contract at the address predicted from the config, the deployer and the salt", () => {
    const predicted = predictProtocol(config, { deployer: deployer.account.address });
    for (const [name, address] of Object.entries(predicted.contracts)) {
      assert.equal(full.contracts[name as keyof typeof full.contracts].address, address, name);
    }
  });

  it("puts Safe 1.4.1 at its canonical addresses", () => {
    const deployments = require("@safe-global/safe-deployments") as Record<
      string,
      (f: { version: string }) => { deployments: { canonical: { address: Address } } }
    >;
    const canonical = (getter: string) => deployments[getter]?.({ version: "1.4.1" }).deployments.canonical.address;
    assert.equal(full.safeInfrastructure.safeSingletonAddress, canonical("getSafeL2SingletonDeployment"));
    assert.equal(full.safeInfrastructure.safeProxyFactoryAddress, canonical("getProxyFactoryDeployment"));
    assert.equal(full.safeInfrastructure.multiSendCallOnlyAddress, canonical("getMultiSendCallOnlyDeployment"));
  });

  it("finds everything done when run again, and sends nothing", async () => {
    const again: StepEvent[] = [];
    const second = await deployProtocol(clients, config, { onStep: (e) => again.push(e) });
    assert.deepEqual(second, full);
    assert.deepEqual(new Set(again.map((e) => e.status)), new Set(["already there", "already done"]));
    assert.equal(await nonce(), fullNonce);
  });

  it("verifies every deployed contract's bytecode", async () => {
    const checks = await verifyDeployment(publicClient, full);
    assert.equal(checks.length, PROTOCOL_CONTRACTS.length + 8);
    for (const check of checks) assert.ok(check.ok, `${check.name}: ${check.detail}`);
  });

  it("gives a disjoint deployment for another salt or another config: nothing of the first is reused", async () => {
    const bySalt = await deployProtocol(clients, config, { salt: keccak256(toHex("another")) });
    const byConfig = await deployProtocol(clients, { ...config, minStakePeriod: config.minStakePeriod + 1 });
    for (const other of [bySalt, byConfig]) {
      for (const name of PROTOCOL_CONTRACTS)
        assert.notEqual(other.contracts[name].address, full.contracts[name].address);
    }
  });

  // Interrupted after the proxy, the Create3Deployer, Safe's contracts, the timelock, the token (CREATE3), between two
  // role grants, after the admin renounced, before the factory (CREATE3), the Venture DAO and the last contract.
  for (const stop of [1, 2, 10, 11, 19, 22, 25, 42, 44, 45]) {
    it(`resumes a deploy stopped after step ${stop}: the same deployment, no transaction twice`, async () => {
      await fresh.restore();
      await assert.rejects(deployProtocol(clients, config, { stopAfter: stop }), DeployStopped);
      const resumed: StepEvent[] = [];
      const deployment = await deployProtocol(clients, config, { onStep: (e) => resumed.push(e) });
      // Blocks included: a resumed run finds where each contract it skips was created.
      assert.deepEqual(deployment, full);
      assert.equal(await nonce(), fullNonce);
      for (const e of resumed.slice(0, stop)) assert.match(e.status, /^(already there|already done|installed)$/);
      for (const e of resumed.slice(stop)) assert.match(e.status, /^(deployed|done)$/);
      const timelock = await viem.getContractAt("TimelockController", deployment.contracts.TimelockController.address);
      for (const role of Object.values(TIMELOCK_ROLES)) {
        assert.equal(await timelock.read.hasRole([role, deployer.account.address]), false);
      }
    });
  }

  it("has the proxy's pre-signed deployment create exactly the proxy, from its keyless signer", async () => {
    const { transaction, signer, cost } = CREATE2_PROXY_DEPLOYMENT;
    assert.equal(await recoverTransactionAddress({ serializedTransaction: transaction }), signer);
    assert.equal(getContractAddress({ from: signer, nonce: 0n }), DETERMINISTIC_DEPLOYMENT_PROXY);
    await fresh.restore();
    await networkHelpers.setBalance(signer, cost);
    const hash = await publicClient.request({ method: "eth_sendRawTransaction", params: [transaction] });
    await publicClient.waitForTransactionReceipt({ hash });
    assert.equal(await publicClient.getCode({ address: DETERMINISTIC_DEPLOYMENT_PROXY }), CREATE2_PROXY_CODE);
    assert.ok((await publicClient.getBalance({ address: signer })) < parseEther("0.01"));
  });
});
