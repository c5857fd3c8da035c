import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { actAs, confirmed, go, type Stack, screenshot } from "../harness.ts";

// face-api's own sample photo: three faces.
const SAMPLE = join(
  dirname(createRequire(import.meta.resolve("@aidao/server")).resolve("@vladmandic/face-api/package.json")),
  "demo",
  "sample1.jpg",
);

/**
 * The demo's customer (account 9, who holds DemoUSD) opens a channel to Face DAO's face detection in the playground,
 * uploads a photo with three faces and is charged 3 × the unit price; then the models pages.
 */
export async function playgroundFlow(page: Page, stack: Stack): Promise<void> {
  await actAs(page, 9);
  await go(page, "/playground");
  const endpoint = page.getByLabel("Endpoint");
  // The price shows once the token's decimals are read.
  await endpoint
    .locator("option", { hasText: /: [\d.,]+ \S+ per face/ })
    .first()
    .waitFor({ state: "attached" });
  const label = (await endpoint.locator("option:checked").textContent()) ?? "";
  const price = /: ([\d.,]+) (\S+) per face/.exec(label);
  if (!price) throw new Error(`the playground does not list the face endpoint with its price: "${label}"`);
  const [unitPrice, symbol] = [Number((price[1] as string).replace(/,/g, "")), price[2] as string];

  await page.getByLabel(/^Deposit/).fill("2");
  await page.getByLabel("Lasts (days)").fill("3");
  await page.getByRole("button", { name: "Open channel" }).click();
  await confirmed(page, "Open channel");
  // The new channel, not an older one of account 9: nothing charged on it yet.
  await page
    .getByTestId("channel-charged")
    .getByText(/^0 \S+$/)
    .waitFor();

  await page.getByLabel("Photo").setInputFiles(SAMPLE);
  await page.getByRole("button", { name: "Detect faces" }).click();
  await page.getByText("3 faces found").waitFor({ timeout: 60_000 });
  const boxes = await page.getByRole("img", { name: /^Face \d/ }).count();
  if (boxes !== 3) throw new Error(`expected 3 boxed faces, saw ${boxes}`);
  const charge = (await page.locator(".charge").textContent()) ?? "";
  const expected = `= ${+(3 * unitPrice).toFixed(6)} ${symbol}`;
  if (!charge.includes("3 faces") || !charge.includes(expected)) {
    throw new Error(`expected a charge of 3 × ${unitPrice} ${symbol} (${expected}), the page says "${charge}"`);
  }
  await page
    .getByTestId("channel-charged")
    .getByText(`${+(3 * unitPrice).toFixed(6)} ${symbol}`)
    .waitFor();
  await screenshot(page, "playground");

  await go(page, "/models");
  await page.getByRole("link", { name: /faces/ }).first().waitFor();
  await screenshot(page, "models");
  await page.getByRole("link", { name: /faces/ }).first().click();
  await page
    .getByRole("list", { name: "Lifecycle timeline" })
    .getByText(/Staging → Production/)
    .waitFor();
  await page.getByText("served by the gateway").first().waitFor();
  // The demo's value chain at work: account 2's labelled photos and the training job account 7 queued.
  await page
    .getByRole("table", { name: "Contributions to this model" })
    .getByRole("row")
    .filter({ hasText: "Data" })
    .first()
    .waitFor();
  await page
    .getByRole("table", { name: "Training and evaluation jobs" })
    .getByRole("row")
    .filter({ hasText: "face-recognition.train" })
    .first()
    .waitFor();
  await screenshot(page, "model");
  void stack;
}
