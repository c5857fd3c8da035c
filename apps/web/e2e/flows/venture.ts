// Venture: account 9 deposits DemoUSD into the open round through the page and sees its new receipt; account 8
// (an investor and a staker) proposes an investment in Face DAO with the page's form (the proposal's actions checked
// on chain), votes on it and sees both sides of the 60/40 result move.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { investCall, proposalId, ventureGovernorAbi } from "@aidao/sdk";
import type { Locator, Page } from "playwright-core";
import { type Address, decodeFunctionResult, encodeFunctionData, erc20Abi } from "viem";
import { actAs, confirmed, go, type Stack, screenshot } from "../harness.ts";

type DemoFile = { demoUSD: Address; face: { daoId: string }; venture: { roundId: string } };

const ACCOUNT_9 = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";

async function call<T>(stack: Stack, to: Address, abi: readonly unknown[], functionName: string, args: unknown[]) {
  const data = encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);
  const result = (await stack.rpc("eth_call", [{ to, data }, "latest"])) as `0x${string}`;
  return decodeFunctionResult({ abi, functionName, data: result } as Parameters<typeof decodeFunctionResult>[0]) as T;
}

/** The "For" figure of one side of a proposal's 60/40 result. */
const sideFor = (card: Locator, side: RegExp) =>
  card
    .getByRole("region", { name: side })
    .locator("dt", { hasText: /^For$/ })
    .locator("xpath=following-sibling::dd[1]");

async function waitForChange(locator: Locator, before: string) {
  for (let i = 0; i < 80; i++) {
    const now = (await locator.textContent())?.trim() ?? "";
    if (now !== before) return now;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the figure stayed at ${before}`);
}

export async function ventureFlow(page: Page, stack: Stack): Promise<void> {
  const demo = JSON.parse(readFileSync(join(stack.home, "demo.json"), "utf8")) as DemoFile;
  const c = stack.deployment.contracts;

  // 9 deposits 100 DemoUSD into the open round.
  await actAs(page, 9);
  await go(page, "/venture");
  await page.getByRole("heading", { level: 1, name: "Venture" }).waitFor();
  const balanceBefore = await call<bigint>(stack, demo.demoUSD, erc20Abi, "balanceOf", [ACCOUNT_9]);
  if (balanceBefore < 100_000_000n) throw new Error(`account 9 holds only ${balanceBefore} DemoUSD units`);
  const receiptRows = page.getByRole("table", { name: "Your venture receipts" }).locator("tbody tr");
  await receiptRows.first().waitFor();
  const receiptsBefore = await receiptRows.count();
  const deposit = page.getByRole("form", { name: "Deposit into a round" });
  await deposit.getByLabel(/^Amount of/).fill("100");
  await deposit.getByText("Credited value: $100.").waitFor();
  await deposit.getByRole("button", { name: "Deposit", exact: true }).click();
  await confirmed(page, "Deposit");
  await receiptRows.nth(receiptsBefore).waitFor();
  await receiptRows.nth(receiptsBefore).getByText("$100").waitFor();
  const balanceAfter = await call<bigint>(stack, demo.demoUSD, erc20Abi, "balanceOf", [ACCOUNT_9]);
  if (balanceBefore - balanceAfter !== 100_000_000n) throw new Error("the deposit did not take 100 DemoUSD on chain");

  // 8 proposes one more investment through the form (the seeded proposal already has 8's ballot), and the clock
  // moves past the voting delay.
  await actAs(page, 8);
  const governor = c.VentureGovernor.address;
  const description = `Invest 1,000 DemoUSD of round ${demo.venture.roundId} in Face DAO (web e2e ${Date.now()})`;
  const form = page.getByRole("form", { name: "Propose an investment" });
  await form.getByLabel("Round").selectOption(demo.venture.roundId);
  await form.getByLabel("Invest in").selectOption(demo.face.daoId);
  await form.getByLabel("Amount of dUSD").fill("1000");
  await form.getByLabel("Terms").fill("ipfs://aidao-demo/web-e2e-terms");
  await form.getByLabel("Description").fill(description);
  await form.getByRole("button", { name: "Propose" }).click();
  await confirmed(page, "Propose");
  // The governor knows the proposal by exactly the invest call the form was asked for.
  const invest = investCall(c.VentureFund.address, {
    roundId: BigInt(demo.venture.roundId),
    daoId: BigInt(demo.face.daoId),
    payToken: demo.demoUSD,
    amount: 1_000_000_000n,
    terms: "ipfs://aidao-demo/web-e2e-terms",
  });
  const id = proposalId({ targets: [invest.target], values: [invest.value], calldatas: [invest.data] }, description);
  const snapshot = await call<bigint>(stack, governor, ventureGovernorAbi, "proposalSnapshot", [id]);
  if (snapshot === 0n) throw new Error("the governor has no proposal with the form's invest call");
  const delay = await call<bigint>(stack, governor, ventureGovernorAbi, "votingDelay", []);
  await stack.travel(Number(delay) + 1);

  const card = page.getByRole("article", { name: /Venture proposal/ }).filter({ hasText: description });
  await card.getByRole("button", { name: "Vote For" }).waitFor({ timeout: 60_000 });
  const investorsFor = sideFor(card, /Venture investors/);
  const holdersFor = sideFor(card, /AIDAO stakers/);
  const [investorsBefore, holdersBefore] = [await investorsFor.textContent(), await holdersFor.textContent()];
  await card.getByRole("button", { name: "Vote For" }).click();
  await confirmed(page, "Vote For");
  const investorsAfter = await waitForChange(investorsFor, investorsBefore?.trim() ?? "");
  const holdersAfter = await waitForChange(holdersFor, holdersBefore?.trim() ?? "");
  if (investorsAfter === "0" || holdersAfter === "0") throw new Error("a side of the 60/40 result did not count 8");
  await card.getByText("You have voted on this proposal.").waitFor();
  await card.getByText(/Combined: 100\.00 pts for/).waitFor();
  await screenshot(page, "venture");
}
