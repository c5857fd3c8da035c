// The end-to-end harness: the whole local stack (`npm start`'s script on a fresh data directory: anvil, the
// protocol, the seeded demo, the server in mode all serving the built app) and Debian's Chromium driven by
// playwright-core. Build the app first (`npm run build -w @aidao/web`): the server serves apps/web/dist.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@aidao/contracts/anvil";
import { type Deployment, parseDeployment } from "@aidao/sdk";
import { type Browser, chromium, type Page } from "playwright-core";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const DEV = join(ROOT, "apps", "cli", "src", "dev.ts");
export const SCREENSHOTS = join(ROOT, "docs", "screenshots");
const CHROMIUM = process.env.AIDAO_CHROMIUM ?? "/usr/bin/chromium";

export type Stack = {
  /** The server (web app, hub, indexer, gateway). */
  url: string;
  rpcUrl: string;
  home: string;
  deployment: Deployment;
  /** What `npm start` printed so far. */
  output(): string;
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  /** Moves the chain's clock ahead and mines a block there. */
  travel(seconds: number): Promise<void>;
  /** Mines `n` blocks. */
  mine(n?: number): Promise<void>;
  stop(): Promise<void>;
};

/** Starts `npm start` (apps/cli/src/dev.ts) on a fresh data directory and waits until the demo is seeded. */
export async function startStack(): Promise<Stack> {
  if (!existsSync(join(ROOT, "apps", "web", "dist", "index.html"))) {
    throw new Error("the web app is not built: run `npm run build -w @aidao/web` first");
  }
  const home = mkdtempSync(join(tmpdir(), "aidao-web-e2e-"));
  const [chainPort, serverPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(process.execPath, [DEV], {
    env: {
      ...process.env,
      AIDAO_HOME: home,
      AIDAO_CHAIN_PORT: String(chainPort),
      AIDAO_GATEWAY_PORT: String(serverPort),
    },
  });
  let out = "";
  const exited = new Promise<number | null>((r) => child.on("exit", r));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`npm start was not ready in 180 s:\n${out}`));
    }, 180_000);
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes("Press Ctrl-C to stop.")) {
        clearTimeout(timer);
        if (!out.includes("demo seeded in")) {
          child.kill("SIGKILL");
          reject(new Error(`npm start did not seed the demo:\n${out}`));
        } else resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", () => {
      clearTimeout(timer);
      reject(new Error(`npm start exited:\n${out}`));
    });
  });
  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  let id = 0;
  const rpc = async (method: string, params: unknown[] = []) => {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    const json = (await response.json()) as { result?: unknown; error?: { message: string } };
    if (json.error) throw new Error(`${method}: ${json.error.message}`);
    return json.result;
  };
  return {
    url: `http://127.0.0.1:${serverPort}`,
    rpcUrl,
    home,
    deployment: parseDeployment(JSON.parse(readFileSync(join(home, "deployments", "31337.json"), "utf8"))),
    output: () => out,
    rpc,
    async travel(seconds) {
      await rpc("evm_increaseTime", [seconds]);
      await rpc("evm_mine", []);
    },
    async mine(n = 1) {
      await rpc("anvil_mine", [`0x${n.toString(16)}`]);
    },
    async stop() {
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless (TOOLCHAIN.md), with nothing reaching the network but the local stack. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A page on the app with the dev wallet connected as demo account `account`. */
export async function openApp(browser: Browser, stack: Stack, account: number, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(stack.url);
  await page.getByRole("button", { name: "Use the dev wallet" }).click();
  await actAs(page, account);
  return page;
}

/** Switches the dev wallet to demo account `account`. */
export async function actAs(page: Page, account: number): Promise<void> {
  const select = page.getByLabel("Act as demo account");
  const value = await select.locator("option").nth(account).getAttribute("value");
  if (!value) throw new Error(`no demo account ${account}`);
  await select.selectOption(value);
}

/** Opens a page of the app by its path (client-side navigation keeps the wallet connected). */
export async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.history.pushState({}, "", p);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}

/** Waits until a transaction the page started is confirmed, and fails with its reason when it failed. */
export async function confirmed(page: Page, label: string | RegExp): Promise<void> {
  // Only the transaction status lines (TxStatus): a card around them may hold another form's status too.
  const text = label instanceof RegExp ? label : new RegExp(`^${escapeRegExp(label)}(: confirmed| failed)`);
  const done = page.locator("p.tx").filter({ hasText: text });
  await done.first().waitFor({ timeout: 60_000 });
  const said = (await done.first().textContent()) ?? "";
  if (/ failed/.test(said) && !/: confirmed/.test(said)) throw new Error(said);
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Saves a screenshot of the whole page under docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
