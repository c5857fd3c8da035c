// Deposit an income into the main treasury from the Treasury page and check that the education fund received its
// share (on the page and on chain); screenshots of the Treasury and Overview pages. A Safe execution is not driven
// here: an off-chain proposal needs at least an hour of wall-clock voting before the hub prepares its SafeTx, so
// signing and executing are covered by the component tests (src/pages/treasury/*.test.ts*).
import type { Page } from "playwright-core";
import { type Address, formatEther, parseEther } from "viem";
import { actAs, confirmed, go, type Stack, screenshot } from "../harness.ts";

/** Account 8: a demo user; every dev account has ETH, so the flow needs nothing seeded for it. */
const PAYER = 8;

async function ethOf(stack: Stack, address: Address): Promise<bigint> {
  return BigInt((await stack.rpc("eth_getBalance", [address, "latest"])) as string);
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function treasuryFlow(page: Page, stack: Stack): Promise<void> {
  const c = stack.deployment.contracts;
  const fund = c.EducationFund.address as Address;
  await actAs(page, PAYER);
  await go(page, "/treasury");
  await page.getByRole("heading", { name: "Treasury", level: 1 }).waitFor();
  const form = page.getByRole("form", { name: "Deposit income" });
  await form.waitFor();

  // A bad amount is refused in words and stays in the field.
  const amount = form.getByLabel("Amount", { exact: true });
  await form.getByLabel("Token", { exact: true }).selectOption({ label: "ETH" });
  await amount.fill("one");
  await form.getByRole("button", { name: "Deposit", exact: true }).click();
  await form.getByText(/Enter a positive number/).waitFor();
  if ((await amount.inputValue()) !== "one") throw new Error("the bad amount was lost");

  const before = await ethOf(stack, fund);
  await amount.fill("1");
  await form.getByText(/goes to the education fund/).waitFor();
  await form.getByRole("button", { name: "Deposit", exact: true }).click();
  await confirmed(page, "Deposit income");
  const note = form.getByText(/The education fund received [\d.]+ ETH of 1 ETH/);
  await note.waitFor();
  const shown = /received ([\d.]+) ETH/.exec((await note.textContent()) ?? "")?.[1] ?? "";

  // On chain: the fund got exactly what the page says, and at least 8% of the income.
  const got = (await ethOf(stack, fund)) - before;
  if (got !== parseEther(shown))
    throw new Error(`the education fund got ${formatEther(got)} ETH, the page says ${shown}`);
  if (got * 10_000n < parseEther("1") * 800n)
    throw new Error(`the education share ${formatEther(got)} ETH is below 8%`);

  // The page's balances and its income split show it too (after the next read).
  const after = formatEther(before + got);
  const ethRow = page.getByRole("region", { name: "Balances" }).getByRole("row", { name: /^ETH/ });
  await until("the education fund's ETH balance on the page", async () =>
    ((await ethRow.textContent()) ?? "").includes(after),
  );
  // Every ETH the fund holds came as education shares of incomes, so the indexed split adds up to its balance.
  const split = page.getByRole("region", { name: "Education share" }).getByRole("row", { name: /^ETH/ });
  await until("the indexed education share", async () =>
    (await split.count()) > 0 ? ((await split.textContent()) ?? "").includes(after) : false,
  );
  await page.getByRole("region", { name: "Flows" }).getByText("1 ETH").first().waitFor();
  await screenshot(page, "treasury");

  await go(page, "/");
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
  await page.getByText(`Education fund's share in ETH, cumulative: ${after}`).waitFor();
  await page.getByText(/Total staked AIDAO/).waitFor();
  await screenshot(page, "overview");
}
