// The DAOs pages: as account 7, create a revenue-sharing AI DAO through the wizard (holders 7 and 8), then find it
// on its own page and in the DAO tree; and the demo's Face DAO page with its model, contributors and revenue.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { actAs, confirmed, go, type Stack, screenshot } from "../harness.ts";

type AppConfig = { accounts: Array<{ address: string }> };

export async function daosFlow(page: Page, stack: Stack): Promise<void> {
  await actAs(page, 7);
  const { accounts } = (await (await fetch(`${stack.url}/api/app/config`)).json()) as AppConfig;
  const [holder7, holder8] = [accounts[7]?.address, accounts[8]?.address];
  assert.ok(holder7 && holder8, "demo accounts 7 and 8");
  const name = `Vision DAO ${Date.now() % 100_000}`;

  await go(page, "/daos");
  await page.getByRole("heading", { level: 1, name: "DAOs" }).waitFor();
  const tree = page.getByRole("list", { name: "DAO tree" });
  await tree.getByRole("link", { name: "Face DAO" }).waitFor();
  await tree.getByRole("link", { name: "AIDAO Venture" }).waitFor();

  // Step 1: the template.
  await page.getByRole("radio", { name: /Revenue sharing/ }).check();
  await page.getByRole("button", { name: "Next" }).click();
  // Step 2: a missing name is refused in words, then the name.
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Give the DAO a name").waitFor();
  await page.getByLabel("DAO name").fill(name);
  await page.getByRole("button", { name: "Next" }).click();
  // Step 3: the token and its holders; a bad amount is refused first.
  await page.getByLabel("Token name").fill("Vision");
  await page.getByLabel("Token symbol").fill("VIS");
  await page.getByLabel("Holder 1 address").fill(holder7);
  await page.getByLabel("Holder 1 tokens").fill("-5");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByText("Holder 1: enter a positive amount of tokens").waitFor();
  await page.getByLabel("Holder 1 tokens").fill("600");
  await page.getByRole("button", { name: "Add a holder" }).click();
  await page.getByLabel("Holder 2 address").fill(holder8);
  await page.getByLabel("Holder 2 tokens").fill("400");
  await page.getByRole("button", { name: "Next" }).click();
  // Step 4: governance on chain with short periods.
  await page.getByLabel("Voting delay").fill("1h");
  await page.getByLabel("Voting period").fill("2d");
  await page.getByRole("button", { name: "Next" }).click();
  // Step 5: review (with the protocol fee) and create.
  const review = page.getByRole("definition").filter({ hasText: /main AIDAO treasury|no fee/ });
  await review.waitFor();
  await screenshot(page, "daos");
  await page.getByRole("button", { name: "Create the DAO" }).click();
  await confirmed(page, `Create ${name}`);

  // Its page: token, holders, governance.
  await page.getByRole("link", { name: new RegExp(`Open ${name}`) }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
  const holders = page.getByRole("table", { name: "Holders" });
  await holders.getByText("600 VIS").waitFor({ timeout: 30_000 });
  await holders.getByText("400 VIS").waitFor();
  await page.getByText("Supply").locator("..").getByText("1,000").waitFor();
  await page.getByText("Voting period").locator("..").getByText(/2 ?d/).waitFor();

  // And in the tree, under the main DAO.
  await go(page, "/daos");
  await tree
    .getByRole("list", { name: /Children of AIDAO/ })
    .getByRole("link", { name })
    .waitFor({ timeout: 30_000 });

  // The demo's Face DAO: a model with contributors, and revenue shared with its holders.
  await tree.getByRole("link", { name: "Face DAO" }).click();
  await page.getByRole("heading", { level: 1, name: "Face DAO" }).waitFor();
  await page.getByRole("link", { name: "faces", exact: true }).waitFor();
  await page
    .getByRole("table", { name: "Contributors of faces" })
    .getByRole("cell", { name: "Data", exact: true })
    .waitFor();
  await page.getByRole("table", { name: "Revenue shared with holders" }).waitFor();
  await page
    .getByText(/Revenue deposited/)
    .first()
    .waitFor();
  await page
    .getByRole("status")
    .filter({ hasText: /Loading/ })
    .first()
    .waitFor({ state: "detached" });
  await screenshot(page, "dao");

  // Account 7 holds 60% of FACE: it claims its share of the revenue, which leaves nothing more to claim.
  // (On a fresh demo there is always something to claim; a reused chain may have claimed it already.)
  const claim = page.getByRole("table", { name: "Revenue shared with holders" }).getByRole("button").first();
  if (await claim.isEnabled()) {
    await claim.click();
    await confirmed(page, /Claim \S+ revenue(: confirmed| failed)/);
    await claim.and(page.locator(":disabled")).waitFor();
  }
}
