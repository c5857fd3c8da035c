import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  type Abi,
  type Address,
  encodeAbiParameters,
  keccak256,
  parseAbiParameters,
  parseEther,
  toHex,
  zeroAddress,
} from "viem";
import { TEMPLATES } from "../../deploy/factory.ts";
import { deployFixture, fund } from "../fixture.ts";
import { governance, templateData } from "./helpers.ts";

const Mode = { OnChain: 0, OffChain: 1, Both: 2 } as const;

/**
 * Every privileged function the factory work added, called by every kind of caller: only the documented one succeeds.
 */
describe("role matrix of the AI DAO factory, its registries, child DAOs and templates", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;
  const f = await deployFixture(connection);
  const { alice, bob, owner1, owner2, mallory } = f.wallets;
  const c = f.deployment.contracts;
  await fund(f, [alice.account.address, bob.account.address]);
  const factory = await viem.getContractAt("AIDAOFactory", c.AIDAOFactory.address);
  const registry = await viem.getContractAt("DAORegistry", c.DAORegistry.address);
  const owners = [owner1.account.address, owner2.account.address];

  async function create(template: keyof typeof TEMPLATES, mode: number) {
    const params = {
      templateId: TEMPLATES[template],
      version: 1,
      parentId: 0n,
      name: `${template} roles`,
      daoURI: "",
      salt: keccak256(toHex(`${template}-${mode}`)),
      governance: governance(mode, mode === Mode.OnChain ? [] : owners),
      templateData: templateData(f, template, [alice.account.address, bob.account.address]),
    };
    await factory.write.createDAO([params], { account: alice.account });
    return registry.read.dao([await registry.read.daoCount()]);
  }
  const onChain = await create("revenue-sharing", Mode.OnChain);
  const offChain = await create("grant", Mode.OffChain);
  const both = await create("consortium", Mode.Both);
  const donation = await create("donation", Mode.OnChain);

  const callers: Record<string, Address> = {
    "a random account": mallory.account.address,
    "the DAO's creator": alice.account.address,
    "a Safe owner": owner1.account.address,
    "the DAO's Safe": offChain.safe,
    "the DAO's governor": onChain.governor,
    "the DAO's timelock": onChain.timelock,
    "the main timelock": c.TimelockController.address,
    "the factory": c.AIDAOFactory.address,
  };
  for (const address of Object.values(callers)) {
    await networkHelpers.impersonateAccount(address);
    await networkHelpers.setBalance(address, parseEther("10"));
  }
  await networkHelpers.impersonateAccount(both.safe);
  await networkHelpers.setBalance(both.safe, parseEther("10"));
  await networkHelpers.impersonateAccount(both.governor);
  await networkHelpers.setBalance(both.governor, parseEther("10"));
  await networkHelpers.impersonateAccount(both.timelock);
  await networkHelpers.setBalance(both.timelock, parseEther("10"));
  await networkHelpers.impersonateAccount(offChain.safe);
  await networkHelpers.impersonateAccount(donation.timelock);
  await networkHelpers.setBalance(donation.timelock, parseEther("10"));
  // Funds the tested spends can move.
  await f.token.write.transfer([onChain.treasury, parseEther("10")], { account: alice.account });
  await f.token.write.transfer([offChain.treasury, parseEther("10")], { account: alice.account });
  await f.token.write.transfer([offChain.module, parseEther("10")], { account: alice.account });

  const at = async (name: string, address: Address) =>
    (await viem.getContractAt(name as never, address)) as unknown as { abi: Abi; address: Address };
  const [
    childTreasuryA,
    childTreasuryB,
    timelockA,
    timelockBoth,
    governorA,
    templates,
    setup,
    vault,
    program,
    consortium,
  ] = await Promise.all([
    at("ChildTreasury", onChain.treasury),
    at("ChildTreasury", offChain.treasury),
    at("ChildTimelock", onChain.timelock),
    at("ChildTimelock", both.timelock),
    at("ChildGovernor", onChain.governor),
    at("TemplateRegistry", c.TemplateRegistry.address),
    at("RevenueSharingSetup", c.RevenueSharingSetup.address),
    at("DonationVault", donation.module),
    at("GrantProgram", offChain.module),
    at("Consortium", both.module),
  ]);
  const PROPOSER = keccak256(toHex("PROPOSER_ROLE"));
  const rsData = encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[]"), [
    "X",
    "X",
    [alice.account.address],
    [1n],
  ]);
  const ctx = {
    creator: alice.account.address,
    salt: keccak256(toHex("direct")),
    treasury: onChain.treasury,
    executor: onChain.timelock,
    safe: zeroAddress,
    registry: c.DAORegistry.address,
  };
  const record = { ...onChain, parentId: 1n };
  const grantMilestones = [parseEther("1")];

  type Cell = {
    contract: { abi: Abi; address: Address };
    fn: string;
    args: unknown[];
    allowed: Address[];
    error: RegExp;
    extra?: Record<string, Address>;
  };
  const table: Record<string, Cell> = {
    "DAORegistry.setFactory": {
      contract: await at("DAORegistry", c.DAORegistry.address),
      fn: "setFactory",
      args: [c.AIDAOFactory.address],
      allowed: [c.TimelockController.address],
      error: /OwnableUnauthorizedAccount/,
    },
    "DAORegistry.setProtocolFeeBps": {
      contract: await at("DAORegistry", c.DAORegistry.address),
      fn: "setProtocolFeeBps",
      args: [300],
      allowed: [c.TimelockController.address],
      error: /OwnableUnauthorizedAccount/,
    },
    "DAORegistry.register": {
      contract: await at("DAORegistry", c.DAORegistry.address),
      fn: "register",
      args: [record],
      allowed: [c.AIDAOFactory.address],
      error: /DAORegistryNotFactory/,
    },
    "TemplateRegistry.approveVersion": {
      contract: templates,
      fn: "approveVersion",
      args: [TEMPLATES.venture, c.RevenueSharingSetup.address, "ipfs://v"],
      allowed: [c.TimelockController.address],
      error: /OwnableUnauthorizedAccount/,
    },
    "TemplateRegistry.revokeVersion": {
      contract: templates,
      fn: "revokeVersion",
      args: [TEMPLATES.donation, 1],
      allowed: [c.TimelockController.address],
      error: /OwnableUnauthorizedAccount/,
    },
    "RevenueSharingSetup.instantiate": {
      contract: setup,
      fn: "instantiate",
      args: [ctx, rsData],
      allowed: [c.AIDAOFactory.address],
      error: /TemplateSetupNotFactory/,
    },
    "ChildTreasury.spend (on-chain DAO)": {
      contract: childTreasuryA,
      fn: "spend",
      args: [f.token.address, bob.account.address, 1n],
      allowed: [onChain.timelock],
      error: /ChildTreasuryNotExecutor/,
    },
    "ChildTreasury.setDistribution": {
      contract: childTreasuryA,
      fn: "setDistribution",
      args: [onChain.token, 5000],
      allowed: [onChain.timelock],
      error: /ChildTreasuryNotExecutor/,
    },
    "ChildTreasury.setDaoURI": {
      contract: childTreasuryA,
      fn: "setDaoURI",
      args: ["ipfs://new"],
      allowed: [onChain.timelock],
      error: /ChildTreasuryNotExecutor/,
    },
    "ChildTreasury.spend (off-chain DAO)": {
      contract: childTreasuryB,
      fn: "spend",
      args: [f.token.address, bob.account.address, 1n],
      allowed: [offChain.safe],
      error: /ChildTreasuryNotExecutor/,
    },
    "ChildTimelock.updateDelay": {
      contract: timelockA,
      fn: "updateDelay",
      args: [3600n],
      allowed: [onChain.timelock],
      error: /TimelockUnauthorizedCaller/,
    },
    "ChildTimelock.schedule (on-chain)": {
      contract: timelockA,
      fn: "schedule",
      args: [bob.account.address, 0n, "0x", `0x${"00".repeat(32)}`, keccak256(toHex("s")), 86_400n],
      allowed: [onChain.governor],
      error: /AccessControlUnauthorizedAccount/,
    },
    "ChildTimelock.schedule (both ways)": {
      contract: timelockBoth,
      fn: "schedule",
      args: [bob.account.address, 0n, "0x", `0x${"00".repeat(32)}`, keccak256(toHex("s")), 86_400n],
      allowed: [both.governor, both.safe],
      error: /AccessControlUnauthorizedAccount/,
      extra: { "the both-ways DAO's Safe": both.safe, "the both-ways DAO's governor": both.governor },
    },
    "ChildTimelock.revokeRole (founding)": {
      contract: timelockA,
      fn: "revokeRole",
      args: [PROPOSER, onChain.governor],
      allowed: [],
      error: /ChildTimelockFoundingRole|AccessControlUnauthorizedAccount/,
    },
    "ChildGovernor.setVotingDelay (outside a proposal)": {
      contract: governorA,
      fn: "setVotingDelay",
      args: [1],
      allowed: [],
      error: /GovernorOnlyExecutor|0x31|Panic/,
    },
    "DonationVault.setAllowedToken": {
      contract: vault,
      fn: "setAllowedToken",
      args: [zeroAddress, parseEther("1")],
      allowed: [donation.timelock],
      error: /DonationVaultNotExecutor/,
      extra: { "the donation DAO's timelock": donation.timelock },
    },
    "GrantProgram.setCommittee": {
      contract: program,
      fn: "setCommittee",
      args: [bob.account.address],
      allowed: [offChain.safe],
      error: /GrantProgramNotExecutor/,
    },
    "GrantProgram.setVetoParams": {
      contract: program,
      fn: "setVetoParams",
      args: [7200, 500n],
      allowed: [offChain.safe],
      error: /GrantProgramNotExecutor/,
    },
    "GrantProgram.withdraw": {
      contract: program,
      fn: "withdraw",
      args: [f.token.address, 1n],
      allowed: [offChain.safe],
      error: /GrantProgramNotExecutor/,
    },
    "GrantProgram.proposeGrant": {
      contract: program,
      fn: "proposeGrant",
      args: [bob.account.address, f.token.address, grantMilestones, "ipfs://g"],
      allowed: [offChain.safe],
      error: /GrantProgramNotCommittee/,
    },
    "Consortium.addMember": {
      contract: consortium,
      fn: "addMember",
      args: [mallory.account.address, 1n, 0],
      allowed: [both.timelock],
      error: /ConsortiumNotExecutor/,
      extra: { "the both-ways DAO's timelock": both.timelock },
    },
    "Consortium.setMembers": {
      contract: consortium,
      fn: "setMembers",
      args: [
        [alice.account.address, bob.account.address],
        [1n, 1n],
        [5000, 5000],
      ],
      allowed: [both.timelock],
      error: /ConsortiumNotExecutor/,
      extra: { "the both-ways DAO's timelock": both.timelock },
    },
  };

  for (const [name, cell] of Object.entries(table)) {
    describe(name, () => {
      for (const [who, caller] of Object.entries({ ...callers, ...(cell.extra ?? {}) })) {
        const allowed = cell.allowed.some((a) => a.toLowerCase() === caller.toLowerCase());
        it(`${allowed ? "succeeds" : "reverts"} for ${who}`, async () => {
          const snapshot = await networkHelpers.takeSnapshot();
          try {
            const wallet = await viem.getWalletClient(caller);
            const send = wallet.writeContract({
              address: cell.contract.address,
              abi: cell.contract.abi,
              functionName: cell.fn,
              args: cell.args,
            } as never);
            if (allowed) {
              const receipt = await (await viem.getPublicClient()).waitForTransactionReceipt({ hash: await send });
              assert.equal(receipt.status, "success");
            } else {
              await assert.rejects(send, cell.error);
            }
          } finally {
            await snapshot.restore();
          }
        });
      }
    });
  }
});
