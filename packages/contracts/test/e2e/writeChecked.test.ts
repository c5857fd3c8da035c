import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { delegate, stake, stakingAbi, withGasMargin } from "@aidao/sdk";
import { createPublicClient, createWalletClient, custom, erc20Abi, http, parseEther, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { startAnvil } from "../../deploy/anvil.ts";
import { defaultConfig, deployProtocol } from "../../deploy/index.ts";

// `npm start` once failed on a slow machine: a stake estimated in the second of the staker's delegation (a votes
// checkpoint updated in place) was mined a second later (a new checkpoint pushed) and ran out of gas. anvil, like a
// real node, estimates against the latest block's time, so it shows the failure; Hardhat's EDR does not.
describe("SDK writes: the gas margin covers a block mined later than the estimate", async () => {
  const chain = await startAnvil();
  after(() => chain.stop());
  const dev = (i: number) =>
    mnemonicToAccount("test test test test test test test test test test test junk", { addressIndex: i });
  const a = (i: number) => dev(i).address;
  const publicClient = createPublicClient({ chain: foundry, transport: http(chain.rpcUrl), pollingInterval: 50 });
  const wallet = (i: number) =>
    createWalletClient({ chain: foundry, transport: http(chain.rpcUrl), account: dev(i), pollingInterval: 50 });
  const deployment = await deployProtocol(
    { publicClient, walletClient: wallet(0) } as never,
    defaultConfig({ team: a(1), advisors: a(2), incentives: a(3), safeOwners: [a(4), a(5), a(6)], safeThreshold: 2 }),
  );
  const staking = deployment.contracts.Staking.address;
  const token = deployment.contracts.AIDAOToken.address;
  const rpc = (method: string, params: unknown[]) =>
    publicClient.request({ method: method as never, params: params as never }) as Promise<unknown>;
  const wait = async (hash: `0x${string}`) => (await publicClient.waitForTransactionReceipt({ hash })).status;
  const amount = parseEther("1000");

  // The main DAO's reserve (its timelock) funds the staker.
  const timelock = deployment.contracts.TimelockController.address;
  await rpc("anvil_impersonateAccount", [timelock]);
  await rpc("anvil_setBalance", [timelock, toHex(parseEther("1"))]);
  const dao = createWalletClient({ chain: foundry, transport: http(chain.rpcUrl), account: timelock });
  await wait(
    await dao.writeContract({ address: token, abi: erc20Abi, functionName: "transfer", args: [a(7), 10n * amount] }),
  );

  // The staker's transactions reach the chain after its clock moved on, as when a transaction waits a block or more.
  const late = createWalletClient({
    chain: foundry,
    account: dev(7),
    pollingInterval: 50,
    transport: custom({
      async request({ method, params }) {
        if (method === "eth_sendRawTransaction") await rpc("evm_increaseTime", [5]);
        return rpc(method, params as unknown[]);
      },
    }),
  });

  it("delegates, then stakes again and again, each mined seconds after its estimate", async () => {
    assert.equal(
      await wait(
        await wallet(7).writeContract({
          address: token,
          abi: erc20Abi,
          functionName: "approve",
          args: [staking, 10n * amount],
        }),
      ),
      "success",
    );
    assert.equal(await wait(await delegate(late, { staking, delegatee: a(8) })), "success");
    for (let i = 0; i < 4; i++) assert.equal(await wait(await stake(late, { staking, amount })), "success");
    const staked = await publicClient.readContract({
      address: staking,
      abi: stakingAbi,
      functionName: "stakedBalanceOf",
      args: [a(7)],
    });
    assert.equal(staked, 4n * amount);
  });

  it("adds a quarter and room for three new checkpoints, never above the block's gas limit", () => {
    assert.equal(withGasMargin(100_000n), 100_000n + 25_000n + 66_300n);
    assert.equal(withGasMargin(29_000_000n, 30_000_000n), 30_000_000n);
  });
});
