// Stake → see the countdown → a premature unstake and delegation refused in words → past the staking period the
// voting power arrives → delegate. The first part of "stake → propose → vote → queue → execute".
import { stakingAbi } from "@aidao/sdk";
import type { Page } from "playwright-core";
import { type Address, createPublicClient, encodeFunctionData, erc20Abi, http, parseEther } from "viem";
import { actAs, go, type Stack, screenshot } from "../harness.ts";

/** Account 9: a demo user with no stake (the demo funds only its stakers, so the flow gives it AIDAO first). */
const USER = 9;
const DELEGATE = 7;
const AMOUNT = parseEther("1000");

export async function stakeFlow(page: Page, stack: Stack): Promise<void> {
  const c = stack.deployment.contracts;
  const chain = createPublicClient({ transport: http(stack.rpcUrl) });
  const accounts = (await stack.rpc("eth_accounts")) as Address[];
  const user = accounts[USER] as Address;
  const delegatee = accounts[DELEGATE] as Address;
  const staked = await chain.readContract({
    address: c.Staking.address,
    abi: stakingAbi,
    functionName: "stakedBalanceOf",
    args: [user],
  });
  if (staked !== 0n) throw new Error(`demo account ${USER} already has stake: the flow needs a fresh demo`);
  await fundFromReserve(stack, user, AMOUNT);

  await actAs(page, USER);
  await go(page, "/stake");
  await page.getByRole("heading", { name: "Your stake" }).waitFor();
  await page.getByText("Nothing staked yet").waitFor();

  await page.getByLabel("Amount to stake").fill("1000");
  await page.getByRole("button", { name: "Stake", exact: true }).click();
  await settled(page, "Stake");
  await page.getByRole("timer").waitFor();

  // Too early: the contract refuses, and the page says why and for how long.
  await page.getByLabel("Amount to unstake").fill("500");
  await page.getByRole("button", { name: "Unstake", exact: true }).click();
  await page.getByText(/Unstake failed: Stake not matured: .* matures in \d+ d/).waitFor({ timeout: 30_000 });
  await page.getByLabel("Delegate to address").fill(delegatee);
  await page.getByRole("button", { name: "Delegate", exact: true }).click();
  await page.getByText(/Delegate failed: Stake still maturing/).waitFor({ timeout: 30_000 });
  await screenshot(page, "stake");
  // What was typed survives the failure.
  if ((await page.getByLabel("Amount to unstake").inputValue()) !== "500")
    throw new Error("the unstake form lost its amount");

  const period = await chain.readContract({
    address: c.Staking.address,
    abi: stakingAbi,
    functionName: "minStakePeriod",
  });
  await stack.travel(Number(period) + 2);
  const power = page.locator(".stat", { hasText: "Voting power" });
  await power.getByText("1,000 AIDAO").waitFor({ timeout: 30_000 });
  await page.getByText("All of your stake counts for voting").waitFor();

  await page.getByRole("button", { name: "Delegate", exact: true }).click();
  await page.getByText(/Delegate failed/).waitFor({ state: "detached" });
  await settled(page, "Delegate");
  const onChain = await chain.readContract({
    address: c.Staking.address,
    abi: stakingAbi,
    functionName: "delegates",
    args: [user],
  });
  if (onChain.toLowerCase() !== delegatee.toLowerCase())
    throw new Error(`delegate on chain is ${onChain}, not ${delegatee}`);
  await page.locator(".stat", { hasText: "Voting power" }).getByText("0 AIDAO").waitFor();

  await go(page, "/rewards");
  await page.getByRole("heading", { name: "Rewards", level: 1 }).waitFor();
  await page.getByRole("heading", { name: "AIDAO vesting" }).waitFor();
  await screenshot(page, "rewards");
}

/**
 * Waits for one transaction status line (`<p class="tx">`) to say confirmed or failed, and throws its reason if it
 * failed. The harness's `confirmed` matches any element whose text contains the label and "confirmed", which on a
 * page with several forms can be an ancestor holding another form's "confirmed".
 */
async function settled(page: Page, label: string): Promise<void> {
  const line = page.locator("p.tx", { hasText: new RegExp(`^${label}(: confirmed| failed)`) });
  await line.first().waitFor({ timeout: 60_000 });
  const text = (await line.first().textContent()) ?? "";
  if (text.startsWith(`${label} failed`)) throw new Error(text);
}

/** Local chain only: anvil signs for the main DAO's timelock, as a passed proposal would have it transfer (the seed does the same). */
async function fundFromReserve(stack: Stack, to: Address, amount: bigint): Promise<void> {
  const timelock = stack.deployment.contracts.TimelockController.address;
  await stack.rpc("anvil_setBalance", [timelock, "0xde0b6b3a7640000"]);
  await stack.rpc("anvil_impersonateAccount", [timelock]);
  try {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, amount] });
    const hash = (await stack.rpc("eth_sendTransaction", [
      { from: timelock, to: stack.deployment.contracts.AIDAOToken.address, data },
    ])) as string;
    for (let i = 0; i < 100; i++) {
      const receipt = (await stack.rpc("eth_getTransactionReceipt", [hash])) as { status: string } | null;
      if (receipt) {
        if (receipt.status !== "0x1") throw new Error("funding the demo user from the reserve reverted");
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("funding the demo user from the reserve was not mined");
  } finally {
    await stack.rpc("anvil_stopImpersonatingAccount", [timelock]);
  }
}
