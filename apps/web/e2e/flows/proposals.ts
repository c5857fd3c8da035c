// Proposals: as account 7, propose a treasury transfer on chain through the page, travel past the voting delay, vote
// For as 7 and 8, travel past the voting period, queue, travel past the timelock delay, execute; then vote on the
// demo's off-chain poll and see its result chart change.
import { aidaoGovernorAbi, timelockControllerAbi } from "@aidao/sdk";
import type { Page } from "playwright-core";
import { decodeFunctionResult, encodeFunctionData, type Hex } from "viem";
import { actAs, confirmed, go, type Stack, screenshot } from "../harness.ts";

const ACCOUNT_9 = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";

async function read<T>(stack: Stack, to: string, abi: readonly unknown[], functionName: string, args: unknown[] = []) {
  const data = encodeFunctionData({ abi, functionName, args } as never);
  const result = (await stack.rpc("eth_call", [{ to, data }, "latest"])) as Hex;
  return decodeFunctionResult({ abi, functionName, data: result } as never) as T;
}

/** Re-mounts the proposal's page, so a transaction status from the previous account is not mistaken for a new one. */
async function reopen(page: Page, path: string) {
  await go(page, "/proposals");
  await page.getByRole("heading", { level: 1, name: "Proposals" }).waitFor();
  await go(page, path);
}

export async function proposalsFlow(page: Page, stack: Stack): Promise<void> {
  const governor = stack.deployment.contracts.AIDAOGovernor.address;
  const timelock = stack.deployment.contracts.TimelockController.address;
  const mode = await read<string>(stack, governor, aidaoGovernorAbi, "CLOCK_MODE");
  if (!mode.includes("timestamp")) throw new Error(`the governor's clock is not a timestamp clock: ${mode}`);
  const votingDelay = Number(await read<bigint>(stack, governor, aidaoGovernorAbi, "votingDelay"));
  const votingPeriod = Number(await read<bigint>(stack, governor, aidaoGovernorAbi, "votingPeriod"));
  const minDelay = Number(await read<bigint>(stack, timelock, timelockControllerAbi, "getMinDelay"));

  // Propose, as 7: 1,000 AIDAO from the treasury to account 9.
  await go(page, "/proposals");
  await page.getByRole("heading", { level: 1, name: "Proposals" }).waitFor();
  await page.getByLabel("Title", { exact: true }).fill(`Send 1,000 AIDAO to account 9 (e2e ${Date.now()})`);
  await page.getByLabel("What it does").selectOption("transfer");
  await page.getByLabel("Recipient").fill(ACCOUNT_9);
  await page.getByLabel("Amount (AIDAO)").fill("1000");
  await page.getByRole("button", { name: "Propose on chain" }).click();
  await confirmed(page, "Propose on chain");
  await page.getByRole("link", { name: "Open the new on-chain proposal" }).click();
  await page.waitForURL(/\/proposals\/onchain\/\d+$/);
  const path = new URL(page.url()).pathname;
  await page.getByText("On-chain proposal to the main DAO").waitFor();

  // Voting opens after the delay; 7 and 8 vote For.
  await stack.travel(votingDelay + 1);
  await page.getByRole("button", { name: "Vote For" }).click({ timeout: 30_000 });
  await confirmed(page, "Vote For");
  await actAs(page, 8);
  await reopen(page, path);
  await page.getByRole("button", { name: "Vote For" }).click({ timeout: 30_000 });
  await confirmed(page, "Vote For");
  await page.getByText(/Quorum .* reached/).waitFor();

  // Voting closes; queue, wait out the timelock (its countdown shows), execute.
  await actAs(page, 7);
  await stack.travel(votingPeriod + 1);
  await reopen(page, path);
  await page.getByRole("button", { name: "Queue in the timelock" }).click({ timeout: 30_000 });
  await confirmed(page, "Queue");
  await page.getByText(/Executable from .*: in /).waitFor({ timeout: 30_000 });
  await stack.travel(minDelay + 1);
  const executeButton = page.getByRole("button", { name: "Execute" });
  await page.waitForFunction(
    () => {
      const b = [...document.querySelectorAll("button")].find((x) => x.textContent === "Execute");
      return b && !(b as HTMLButtonElement).disabled;
    },
    undefined,
    { timeout: 30_000 },
  );
  await executeButton.click();
  await confirmed(page, "Execute");
  await page.getByText("Executed: its calls ran through the timelock.").waitFor({ timeout: 30_000 });
  const id = BigInt(path.split("/").pop() as string);
  const state = await read<number>(stack, governor, aidaoGovernorAbi, "state", [id]);
  if (state !== 7) throw new Error(`the proposal's state on chain is ${state}, not 7 (Executed)`);
  await screenshot(page, "proposal");

  // Off chain: 7 changes its vote on the demo's poll to "Speech to text"; the chart follows.
  await go(page, "/proposals");
  await page.getByRole("link", { name: "Which AI service should AIDAO Venture's next round back?" }).click();
  const bar = page
    .getByRole("figure", { name: /Off-chain results/ })
    .locator(".bar-row", { hasText: "Speech to text" })
    .locator(".bar-value");
  await bar.waitFor();
  const before = await bar.textContent();
  await page.getByRole("radio", { name: "Speech to text" }).check();
  await page.getByRole("button", { name: "Sign and vote" }).click();
  await confirmed(page, "Off-chain vote");
  await page.waitForFunction(
    (old) => {
      const row = [...document.querySelectorAll(".bar-row")].find((r) => r.textContent?.includes("Speech to text"));
      const value = row?.querySelector(".bar-value")?.textContent;
      return value !== undefined && value !== old;
    },
    before,
    { timeout: 30_000 },
  );

  await go(page, "/proposals");
  await page.getByText("Executed", { exact: true }).first().waitFor({ timeout: 30_000 });
  await screenshot(page, "proposals");
}
