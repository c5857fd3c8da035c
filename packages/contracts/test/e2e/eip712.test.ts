import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ballotTypes,
  delegationTypes,
  governorDomain,
  permitTypes,
  stakingDomain,
  tokenDomain,
  usageChannelsDomain,
  voucherTypes,
} from "@aidao/sdk";
import { network } from "hardhat";
import { hashTypedData, keccak256, parseEther, parseSignature, toHex } from "viem";
import { deployFixture, fund } from "../fixture.ts";

/** The SDK is the one source of the EIP-712 types: signatures made with them must verify on-chain. */
describe("the SDK's EIP-712 types match the contracts", async () => {
  const connection = await network.create();
  const f = await deployFixture(connection);
  const { alice, bob, mallory } = f.wallets;
  const chainId = f.deployment.chainId;
  await fund(f, [alice.account.address]);

  it("Ballot: the governor's BALLOT_TYPEHASH is the SDK type's hash", async () => {
    const encoded = `Ballot(${ballotTypes.Ballot.map((p) => `${p.type} ${p.name}`).join(",")})`;
    assert.equal(await f.governor.read.BALLOT_TYPEHASH(), keccak256(toHex(encoded)));
    const domain = await f.governor.read.eip712Domain();
    assert.deepEqual(
      [domain[1], domain[2], Number(domain[3])],
      [governorDomain(chainId, f.governor.address).name, "1", chainId],
    );
  });

  it("Permit in the token's domain lets staking pull tokens in one transaction", async () => {
    const amount = parseEther("10");
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 3_600 * 24 * 365);
    const nonce = await f.token.read.nonces([alice.account.address]);
    const signature = await alice.signTypedData({
      domain: tokenDomain(chainId, f.token.address),
      types: permitTypes,
      primaryType: "Permit",
      message: { owner: alice.account.address, spender: f.staking.address, value: amount, nonce, deadline },
    });
    const { v, r, s } = parseSignature(signature);
    await f.staking.write.stakeWithPermit([amount, deadline, Number(v), r, s], { account: alice.account });
    assert.equal(await f.staking.read.stakedBalanceOf([alice.account.address]), amount);
  });

  it("Delegation in the staking domain moves votes by signature, relayed by anyone", async () => {
    await connection.networkHelpers.time.increase(8 * 24 * 3_600);
    const expiry = BigInt(Math.floor(Date.now() / 1000) + 3_600 * 24 * 365);
    const message = { delegatee: bob.account.address, nonce: 0n, expiry };
    const domain = stakingDomain(chainId, f.staking.address);
    const signature = await alice.signTypedData({ domain, types: delegationTypes, primaryType: "Delegation", message });
    const { v, r, s } = parseSignature(signature);
    await f.staking.write.delegateBySig([bob.account.address, 0n, expiry, Number(v), r, s], {
      account: mallory.account,
    });
    assert.equal(
      (await f.staking.read.delegates([alice.account.address])).toLowerCase(),
      bob.account.address.toLowerCase(),
    );
    assert.equal(await f.staking.read.getVotes([bob.account.address]), parseEther("10"));
  });

  it("Voucher: UsageChannels' VOUCHER_TYPEHASH and digest are the SDK type's and domain's", async () => {
    const usage = await connection.viem.getContractAt("UsageChannels", f.deployment.contracts.UsageChannels.address);
    const encoded = `Voucher(${voucherTypes.Voucher.map((p) => `${p.type} ${p.name}`).join(",")})`;
    assert.equal(await usage.read.VOUCHER_TYPEHASH(), keccak256(toHex(encoded)));
    const message = {
      channelId: keccak256(toHex("a channel")),
      token: f.token.address,
      recipient: bob.account.address,
      cumulativeAmount: parseEther("7"),
    };
    const sdk = hashTypedData({
      domain: usageChannelsDomain(chainId, usage.address),
      types: voucherTypes,
      primaryType: "Voucher",
      message,
    });
    assert.equal(
      await usage.read.voucherDigest([message.channelId, message.token, message.recipient, message.cumulativeAmount]),
      sdk,
    );
  });
});
