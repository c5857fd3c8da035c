import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther } from "viem";
import { TIMELOCK_ROLES } from "../../deploy/protocol.ts";
import { deployFixture } from "../fixture.ts";

describe("deployProtocol", async () => {
  const connection = await network.create();
  const f = await deployFixture(connection);
  const c = f.deployment.contracts;

  it("mints the whole supply once, to the seven allocation recipients", async () => {
    const supply = parseEther("1000000000");
    assert.equal(await f.token.read.totalSupply(), supply);
    const share = (bps: bigint) => (supply * bps) / 10_000n;
    assert.equal(await f.token.read.balanceOf([c.RewardsDistributor.address]), share(3900n));
    assert.equal(await f.token.read.balanceOf([c.TeamVesting.address]), share(2000n));
    assert.equal(await f.token.read.balanceOf([c.Treasury.address]), share(1600n));
    assert.equal(await f.token.read.balanceOf([c.AdvisorsVesting.address]), share(600n));
    assert.equal(await f.token.read.balanceOf([c.IncentivesVesting.address]), share(500n));
    // Venture (7%) and reserved (7%) both sit with the timelock until governance moves them.
    assert.equal(await f.token.read.balanceOf([c.TimelockController.address]), share(1400n));
  });

  it("leaves the timelock to the governor alone", async () => {
    const { timelock, governor } = f;
    const deployer = f.wallets.deployer.account.address;
    assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.admin, deployer]), false);
    assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.admin, c.TimelockController.address]), true);
    for (const role of [TIMELOCK_ROLES.proposer, TIMELOCK_ROLES.executor, TIMELOCK_ROLES.canceller]) {
      assert.equal(await timelock.read.hasRole([role, governor.address]), true);
      assert.equal(await timelock.read.hasRole([role, deployer]), false);
    }
    for (const owned of [f.staking, f.treasury, f.educationFund, f.rewards]) {
      assert.equal((await owned.read.owner()).toLowerCase(), c.TimelockController.address.toLowerCase());
    }
  });

  it("creates the Safe with the configured owners and threshold and names it in the treasury", async () => {
    const owners = (await f.safe.read.getOwners()) as string[];
    assert.deepEqual(
      owners.map((o) => o.toLowerCase()).sort(),
      f.config.safe.owners.map((o) => o.toLowerCase()).sort(),
    );
    assert.equal(await f.safe.read.getThreshold(), 2n);
    assert.equal((await f.treasury.read.safe()).toLowerCase(), c.Safe.address.toLowerCase());
  });
});
