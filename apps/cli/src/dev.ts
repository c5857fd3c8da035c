// The main job, for now: a local chain (anvil from npm, state persisted under $AIDAO_HOME), the protocol deployed
// once (later starts find it and reuse it), the server (mode gateway) on 127.0.0.1, and the addresses printed.
// Ctrl-C stops the server (finishing in-flight calls) and the chain, and saves its state.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startAnvil } from "@aidao/contracts/anvil";
import { defaultConfig, deployProtocol, writeDeployment } from "@aidao/contracts/deploy";
import { parseDeployment } from "@aidao/sdk";
import { type RunningServer, startServer } from "@aidao/server";
import { createPublicClient, createWalletClient, http, type PublicClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";

const MNEMONIC = "test test test test test test test test test test test junk";
const home = resolve(process.env.AIDAO_HOME ?? ".aidao");
const port = Number(process.env.AIDAO_CHAIN_PORT ?? 8545);
mkdirSync(home, { recursive: true });
const stateFile = join(home, "chain-state.json");
const deploymentsDir = join(home, "deployments");

const log = (message: string) => console.log(`[aidao] ${message}`);
log(`data directory ${home}`);
log(`starting the local chain on 127.0.0.1:${port}${existsSync(stateFile) ? " (resuming saved state)" : ""}`);
const chain = await startAnvil({
  port,
  args: ["--state", stateFile, "--state-interval", "10", "--silent", "--chain-id", "31337"],
}).catch((error: Error) => {
  console.error(`[aidao] could not start the chain: ${error.message}`);
  console.error("[aidao] is another chain already on that port? Set AIDAO_CHAIN_PORT to use another.");
  process.exit(1);
});

let stopping = false;
let server: RunningServer | undefined;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
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
  const publicClient = createPublicClient({ chain: foundry, transport });
  const account = (i: number) => mnemonicToAccount(MNEMONIC, { addressIndex: i });
  const a = (i: number) => account(i).address;

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
    const walletClient = createWalletClient({ chain: foundry, transport, account: account(0) });
    const started = Date.now();
    const deployed = await deployProtocol(
      { publicClient, walletClient },
      defaultConfig({ team: a(1), advisors: a(2), incentives: a(3), safeOwners: [a(4), a(5), a(6)], safeThreshold: 2 }),
    );
    log(`deployed in ${((Date.now() - started) / 1000).toFixed(1)} s → ${writeDeployment(deploymentsDir, deployed)}`);
    deployment = parseDeployment(JSON.parse(readFileSync(file, "utf8")));
  }

  log("starting the server (mode all: gateway, hub and indexer)…");
  server = await startServer({
    mode: "all",
    publicClient: publicClient as PublicClient,
    deployment,
    dataDir: home,
    // The embedded SQLite file under the home directory, or a PostgreSQL database when DATABASE_URL is set.
    databaseUrl: process.env.DATABASE_URL || undefined,
    port: Number(process.env.AIDAO_GATEWAY_PORT ?? 8787),
    redeemWallet: createWalletClient({ chain: foundry, transport, account: account(0) }),
    log,
  });

  console.log(`\nAIDAO protocol on ${chain.rpcUrl} (chain 31337)\n`);
  for (const [name, { address, block }] of Object.entries(deployment.contracts)) {
    console.log(`  ${name.padEnd(20)} ${address}  (block ${block})`);
  }
  console.log("\nDemo accounts (anvil's well-known test mnemonic; never use them on a real network):");
  const roles = [
    "deployer",
    "team vesting beneficiary",
    "advisors beneficiary",
    "incentives beneficiary",
    "Safe owner 1",
    "Safe owner 2",
    "Safe owner 3",
    "user",
    "user",
    "user",
  ];
  for (const [i, role] of roles.entries()) console.log(`  ${a(i)}  ${role}`);
  console.log(`\nGateway: ${server.url}/v1/models  (paid model calls: aidao call <model> <file> --deposit 10)`);
  console.log(`Hub:     ${server.url}/api/hub  (Snapshot-compatible: POST ${server.url}/api/msg; space "aidao")`);
  console.log(`Indexer: ${server.url}/api/status  (events, DAOs, proposals, channels; ${server.url}/api/openapi.json)`);
  console.log("\nPress Ctrl-C to stop.");
} catch (error) {
  console.error(`[aidao] ${(error as Error).message}`);
  await stop(1);
}
