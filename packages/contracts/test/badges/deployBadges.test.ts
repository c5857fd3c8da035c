import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contributorBadgesAbi } from "@aidao/sdk";
import { network } from "hardhat";
import { getContract, parseEther, stringToHex } from "viem";
import { deployProtocol, predictProtocol } from "../../deploy/protocol.ts";
import { DeployStopped, type StepEvent } from "../../deploy/steps.ts";
import { deployFixture } from "../fixture.ts";

describe("deployProtocol: ContributorBadges", async () => {
  const connection = await network.create();
  const { networkHelpers } = connection;
  const fresh = await networkHelpers.takeSnapshot();
  const config = { startTime: 1_900_000_000 };
  const events: StepEvent[] = [];
  const f = await deployFixture(connection, config);
  const c = f.deployment.contracts;
  const badges = getContract({
    address: c.ContributorBadges.address,
    abi: contributorBadgesAbi,
    client: { public: f.publicClient, wallet: f.wallets.deployer },
  });

  it("deploys it last, at its predicted address, over the protocol's DAO registry", async () => {
    const predicted = predictProtocol(f.config, { deployer: f.wallets.deployer.account.address });
    assert.equal(c.ContributorBadges.address, predicted.contracts.ContributorBadges);
    assert.equal(Object.keys(c).at(-1), "ContributorBadges");
    assert.equal((await badges.read.daoRegistry()).toLowerCase(), c.DAORegistry.address.toLowerCase());
    assert.equal(await badges.read.name(), "AIDAO Contributor Badges");
  });

  it("lets the main DAO's timelock award a badge, and nobody else", async () => {
    const timelock = c.TimelockController.address;
    const alice = f.wallets.alice.account.address;
    const kind = stringToHex("FirstContribution", { size: 32 });
    await assert.rejects(
      badges.write.award([1n, kind, alice, ""], { account: f.wallets.alice.account }),
      /ContributorBadgesNotGovernance/,
    );
    await networkHelpers.impersonateAccount(timelock);
    await networkHelpers.setBalance(timelock, parseEther("10"));
    await badges.write.award([1n, kind, alice, "ipfs://badge"], { account: timelock });
    await networkHelpers.stopImpersonatingAccount(timelock);
    assert.deepEqual(await badges.read.badgesOf([alice]), [1n]);
    assert.equal(await badges.read.tokenURI([1n]), "ipfs://badge");
  });

  it("completes a deployment made before badges existed: every other contract stays, only the badges are new", async () => {
    await fresh.restore();
    const total = await (async () => {
      const probe = await networkHelpers.takeSnapshot();
      const all: StepEvent[] = [];
      await deployProtocol({ publicClient: f.publicClient, walletClient: f.wallets.deployer }, f.config, {
        onStep: (e) => all.push(e),
      });
      await probe.restore();
      return all.length;
    })();
    await assert.rejects(
      deployProtocol({ publicClient: f.publicClient, walletClient: f.wallets.deployer }, f.config, {
        stopAfter: total - 1,
      }),
      DeployStopped,
    );
    const resumed = await deployProtocol({ publicClient: f.publicClient, walletClient: f.wallets.deployer }, f.config, {
      onStep: (e) => events.push(e),
    });
    assert.equal(events.at(-1)?.name, "ContributorBadges");
    assert.equal(events.at(-1)?.status, "deployed");
    for (const e of events.slice(0, -1)) assert.match(e.status, /^(already there|already done|installed)$/, e.name);
    for (const [name, deployed] of Object.entries(resumed.contracts)) {
      assert.equal(deployed.address, c[name as keyof typeof c].address, name);
    }
  });
});
