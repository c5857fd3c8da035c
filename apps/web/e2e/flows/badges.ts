// The Badges page: a demo account holds no badge, the main DAO's governance awards it one (its timelock executes the
// call, impersonated here: voting it through takes days of chain time, and the proposals flow covers voting), and the
// page shows the badge among the account's own and in the main DAO's table; screenshot of the Badges page.
import { awardBadgeCall } from "@aidao/sdk";
import type { Page } from "playwright-core";
import { type Address, getAddress, toHex } from "viem";
import { actAs, go, type Stack, screenshot } from "../harness.ts";

/** Account 9: a demo user that the seeded demo awards nothing. */
const HOLDER = 9;

async function awardAsMainDAO(stack: Stack, holder: Address): Promise<void> {
  const c = stack.deployment.contracts;
  const timelock = c.TimelockController.address;
  const call = awardBadgeCall(c.ContributorBadges.address, { daoId: 1n, kind: "FirstContribution", holder });
  await stack.rpc("anvil_impersonateAccount", [timelock]);
  await stack.rpc("anvil_setBalance", [timelock, toHex(10n ** 18n)]);
  const hash = await stack.rpc("eth_sendTransaction", [{ from: timelock, to: call.target, data: call.data }]);
  await stack.rpc("anvil_stopImpersonatingAccount", [timelock]);
  // Mined at once on anvil, but the receipt may not be readable yet while the chain is busy: wait for it (bounded).
  let receipt: { status: string } | null = null;
  for (let i = 0; i < 100 && !receipt; i++) {
    receipt = (await stack.rpc("eth_getTransactionReceipt", [hash])) as { status: string } | null;
    if (!receipt) await new Promise((r) => setTimeout(r, 100));
  }
  if (receipt?.status !== "0x1") throw new Error(`the main DAO's award reverted or was not mined (${String(hash)})`);
}

export async function badgesFlow(page: Page, stack: Stack): Promise<void> {
  await actAs(page, HOLDER);
  const value = await page.getByLabel("Act as demo account").locator("option").nth(HOLDER).getAttribute("value");
  if (!value) throw new Error(`no demo account ${HOLDER}`);
  const holder = getAddress(value);
  await go(page, "/badges");
  await page.getByRole("heading", { name: "Badges", level: 1 }).waitFor();
  const mine = page.getByRole("region", { name: "Your badges" });
  await mine.getByText(/You hold no badges yet/).waitFor();

  await awardAsMainDAO(stack, holder);
  // The page polls the chain every 4 s: the new badge appears without a reload.
  const card = mine.getByRole("article", { name: /^First contribution badge #\d+ from Main DAO$/ });
  await card.waitFor({ timeout: 30_000 });
  const text = (await card.textContent()) ?? "";
  if (!/Awarded because their first contribution/.test(text)) throw new Error(`the badge lacks its meaning: ${text}`);
  const table = page.getByRole("table", { name: "Badges awarded by Main DAO" });
  await table.getByRole("row").filter({ hasText: "First contribution" }).first().waitFor();
  await screenshot(page, "badges");
}
