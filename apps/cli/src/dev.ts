// The main job: a local chain (anvil from npm, state persisted under $AIDAO_HOME), the protocol deployed once (later
// starts find it and reuse it), the server (mode all: gateway, hub, indexer) on 127.0.0.1, the demo seeded once
// (demo/seed.ts; AIDAO_DEMO=0 skips it), and the addresses, the demo's objects and the accounts printed.
// Ctrl-C stops the seeding, the server (finishing in-flight calls) and the chain, and saves its state.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { startAnvil } from "@aidao/contracts/anvil";
import { defaultConfig, deployProtocol, writeDeployment } from "@aidao/contracts/deploy";
import { parseDeployment } from "@aidao/sdk";
import { type RunningServer, startServer } from "@aidao/server";
import { createPublicClient, createWalletClient, http, type PublicClient } from "viem";
import { foundry } from "viem/chains";
import { BASE_ROLES, DEMO_SHORT_ROLES, devAccount } from "./demo/accounts.ts";
import { catchUp, demoHistorySeconds, resumeClock } from "./demo/clock.ts";
import type { Demo } from "./demo/marker.ts";
import { markerPath } from "./demo/marker.ts";
import { ensureDemo } from "./demo/seed.ts";
import { describeAccounts, describeDemo } from "./demo/summary.ts";

const startedAt = Date.now();
const home = resolve(process.env.AIDAO_HOME ?? ".aidao");
const port = Number(process.env.AIDAO_CHAIN_PORT ?? 8545);
const withDemo = process.env.AIDAO_DEMO !== "0";
mkdirSync(home, { recursive: true });
const stateFile = join(home, "chain-state.json");
const deploymentsDir = join(home, "deployments");
const a = (i: number) => devAccount(i).address;
const config = defaultConfig({
  team: a(1),
  advisors: a(2),
  incentives: a(3),
  safeOwners: [a(4), a(5), a(6)],
  safeThreshold: 2,
});
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const log = (message: string) => console.log(`[aidao] ${message}`);
log(`data directory ${home}`);
const fresh = !existsSync(stateFile);
const args = ["--state", stateFile, "--state-interval", "10", "--silent", "--chain-id", "31337"];
if (fresh && withDemo) {
  // The demo lives through governance periods (a staking period, votes, timelock delays) by moving the chain's clock
  // forward: a fresh chain starts that far back, so that the seeded demo ends at this machine's time.
  const history = demoHistorySeconds(config);
  args.push("--timestamp", String(Math.floor(Date.now() / 1000) - history));
  log(`starting the local chain on 127.0.0.1:${port} (its clock starts ${(history / 86_400).toFixed(1)} days back)`);
} else {
  log(`starting the local chain on 127.0.0.1:${port}${fresh ? "" : " (resuming saved state)"}`);
}
const portTaken = await new Promise<boolean>((done) => {
  // anvil would fail to listen, but the first answer could come from whatever already listens there.
  const socket = connect({ host: "127.0.0.1", port }, () => {
    socket.destroy();
    done(true);
  });
  socket.once("error", () => done(false));
});
const chain = await (portTaken
  ? Promise.reject(new Error(`something already listens on 127.0.0.1:${port}`))
  : startAnvil({ port, args })
).catch((error: Error) => {
  console.error(`[aidao] could not start the chain: ${error.message}`);
  console.error("[aidao] is another chain already on that port? Set AIDAO_CHAIN_PORT to use another.");
  process.exit(1);
});

let stopping = false;
let seeding = false;
const interrupt = new AbortController();
let server: RunningServer<"all"> | undefined;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  interrupt.abort();
  if (seeding) log("the demo was not finished (no marker written): the next start seeds it again");
  if (server) {
    log("stopping the server…");
    await server.close();
  }
  log("stopping the chain (its state is saved)…");
  await chain.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

try {
  const transport = http(chain.rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport }) as PublicClient;
  if (!fresh) {
    const ahead = await resumeClock(publicClient);
    if (ahead > 0)
      log(`the chain's clock was ${(ahead / 3_600).toFixed(1)} h ahead of this machine's; it goes on from there`);
  }

  const file = join(deploymentsDir, "31337.json");
  let deployment: ReturnType<typeof parseDeployment> | undefined;
  try {
    deployment = existsSync(file) ? parseDeployment(JSON.parse(readFileSync(file, "utf8"))) : undefined;
  } catch (error) {
    // A deployment written by an older AIDAO lacks contracts added since: deploy the current protocol beside it.
    log(`the saved deployment is from an older AIDAO (${(error as Error).message}); deploying the current one`);
  }
  const code = deployment
    ? await publicClient.getCode({ address: deployment.contracts.AIDAOToken.address })
    : undefined;
  if (deployment && code && code !== "0x") {
    log("the protocol is already deployed on this chain; reusing it");
  } else {
    log("deploying the protocol…");
    const walletClient = createWalletClient({ chain: foundry, transport, account: devAccount(0) });
    const started = Date.now();
    const deployed = await deployProtocol({ publicClient, walletClient }, config);
    log(`deployed in ${seconds(started)} → ${writeDeployment(deploymentsDir, deployed)}`);
    deployment = parseDeployment(JSON.parse(readFileSync(file, "utf8")));
  }

  log("starting the server (mode all: gateway, hub, indexer, worker and the web app)…");
  const running = await startServer({
    mode: "all",
    publicClient: publicClient as PublicClient,
    deployment,
    dataDir: home,
    // The embedded SQLite file under the home directory, or a PostgreSQL database when DATABASE_URL is set.
    databaseUrl: process.env.DATABASE_URL || undefined,
    port: Number(process.env.AIDAO_GATEWAY_PORT ?? 8787),
    redeemWallet: createWalletClient({ chain: foundry, transport, account: devAccount(0) }),
    // A fresh chain (its state file removed) under an old database: start the database over from the chain.
    onChainReset: "reset",
    // Trained face-recognition models become versions of their model, proposed for Staging by account 7 (the demo's
    // Face DAO maintainer) with an endpoint at the white paper's price: one AIDAO per face recognised.
    publisher: {
      wallet: createWalletClient({ chain: foundry, transport, account: devAccount(7) }),
      kinds: ["face-recognition.train"],
      endpoint: {
        url: "aidao:face-recognition#max=10",
        unit: "face recognized",
        paymentToken: deployment.contracts.AIDAOToken.address,
        unitPrice: 10n ** 18n,
        active: true,
      },
    },
    // The web app's dev wallet acts as the demo's accounts, signing through the local chain.
    web: {
      rpcUrl: chain.rpcUrl,
      local: true,
      accounts: BASE_ROLES.map((role, i) => ({
        address: devAccount(i).address,
        label: (withDemo ? DEMO_SHORT_ROLES[i] : undefined) ?? role,
      })),
    },
    log,
  });
  server = running;

  let demo: Demo | undefined;
  if (withDemo && !stopping) {
    const started = Date.now();
    seeding = true;
    try {
      const r = await ensureDemo({
        rpcUrl: chain.rpcUrl,
        deployment,
        serverUrl: running.url,
        home,
        log,
        signal: interrupt.signal,
        // The redeemer collects a channel once its oldest charge is 10 minutes old; the demo has it collect now.
        redeem: async () => {
          if (!running.redeemer) throw new Error("the server has no redeemer (it needs a wallet)");
          return running.redeemer.tick(Date.now() + 3_600_000);
        },
        // The worker checks the chain's value chains every 30 s; the demo's contributions are accepted right away.
        accept: () => running.worker.syncAcceptance(),
      });
      demo = r.demo;
      if (r.seeded) log(`demo seeded in ${seconds(started)}`);
    } catch (error) {
      if (stopping) await new Promise(() => {}); // Ctrl-C during the seeding: stop() exits
      console.error(`[aidao] the demo could not be seeded: ${(error as Error).message}`);
      console.error(
        "[aidao] no marker was written, so the next start seeds it again; the chain and the server keep running",
      );
      await catchUp(publicClient).catch(() => {});
    } finally {
      seeding = false;
    }
  }

  console.log(`\nAIDAO protocol on ${chain.rpcUrl} (chain 31337)\n`);
  for (const [name, { address, block }] of Object.entries(deployment.contracts)) {
    console.log(`  ${name.padEnd(20)} ${address}  (block ${block})`);
  }
  if (demo) console.log(`\n${describeDemo(demo, running.url, markerPath(home)).join("\n")}`);
  console.log("\nDemo accounts (anvil's well-known test mnemonic; never use them on a real network):");
  console.log(describeAccounts(demo !== undefined).join("\n"));
  console.log(`\nWeb app: ${running.url}/  (the dev wallet acts as any account above)`);
  console.log(`Worker:  ${running.url}/api/worker/jobs  (contributions, training jobs: aidao contribute, aidao jobs)`);
  console.log(`Gateway: ${running.url}/v1/models  (paid model calls: aidao call <model> <file> --deposit 10)`);
  console.log(`Hub:     ${running.url}/api/hub  (Snapshot-compatible: POST ${running.url}/api/msg; space "aidao")`);
  console.log(
    `Indexer: ${running.url}/api/status  (events, DAOs, proposals, channels; ${running.url}/api/openapi.json)`,
  );
  console.log(`\nReady in ${seconds(startedAt)}. First steps: docs/quick-start.md. Press Ctrl-C to stop.`);
} catch (error) {
  if (!stopping) {
    console.error(`[aidao] ${(error as Error).message}`);
    await stop(1);
  }
}
