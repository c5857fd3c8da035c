#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadDeployment } from "@aidao/sdk/node";
import { type Chain, createPublicClient, createWalletClient, type Hex, http, type PublicClient } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { DEFAULT_LIMITS, type HubLimits } from "./hub/hub.ts";
import { type RunningServer, startServer } from "./server.ts";

const HELP = `aidao-server --mode gateway|hub|indexer|worker|all [options]

  --mode MODE             what to run: gateway (paid model calls), hub (off-chain governance), indexer (chain events
                          under /api), worker (contributions and training jobs under /api/worker), all (the four,
                          and the web app on /)
  --rpc URL               the chain (default $AIDAO_RPC or http://127.0.0.1:8545)
  --public-rpc URL        the RPC the web app's browsers use (default: --rpc; set it when browsers reach the chain
                          elsewhere, e.g. a public endpoint)
  --deployments DIR       where <chainId>.json is (default $AIDAO_HOME/deployments)
  --data-dir DIR          the embedded database's directory (default $AIDAO_HOME, i.e. .aidao)
  --database-url URL      a PostgreSQL database instead (default $DATABASE_URL; postgres://user:pass@host/db)
  --reset-database        if the chain was reset since the database was written, empty it and rebuild from the chain
  --replica-id NAME       this replica's name when several serve one PostgreSQL (default host:data-dir); unique
                          per running replica, kept across its restarts
  --host HOST --port N    where to listen (default 127.0.0.1:8787)
  --dev-account N         redeem with dev account N (local chain only); else $AIDAO_GATEWAY_KEY if set
  --durability full|normal  fsync every commit (default) or leave it to the OS (survives kill -9, not power loss)
  --hub-limits K=V,...    the hub's limits (defaults: Snapshot's sequencer's): maxBodyBytes, titleChars, bodyChars,
                          choices, proposalsPerDay, proposalsPerMonth, activeProposalsPerAuthor, futureSeconds,
                          pastSeconds, requestsPerMinute (per IP)
  --writer inline|thread  commit on the event loop or on a writer thread (default: inline on 2 cores or fewer)
  --verifier-threads N    threads checking voucher signatures (default: cores - 1; 0 checks them on the event loop)
  --artifacts SPEC        the worker's artifact store: a directory, or s3://bucket/prefix?endpoint=URL&region=R with
                          AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (default <data-dir>/artifacts)
  --executor in-process|process  run each job in the server's process (default) or in its own OS process
  --worker-concurrency N  jobs the worker runs at once (default 1)
  --config FILE           options from a JSON file ({"mode": "all", "database-url": "…", "hub-limits": {…}});
                          command-line options override it (default $AIDAO_CONFIG)
  --log text|json         log lines for people, or one JSON object per line (default $AIDAO_LOG_FORMAT or text)

Example: aidao-server --mode gateway --rpc http://127.0.0.1:8545 --dev-account 0`;

/** Parses the command line and environment into a running server; returns undefined after printing help. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunningServer | undefined> {
  const { values } = parseArgs({
    args: [...configArgs(argv, env), ...argv],
    options: OPTIONS,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return undefined;
  }
  const format = values.log ?? env.AIDAO_LOG_FORMAT ?? "text";
  if (format !== "text" && format !== "json") throw new Error("--log must be text or json");
  const log = logger(format, values.mode ?? "gateway");
  return start(values, env, log);
}

const OPTIONS = {
  mode: { type: "string", default: "gateway" },
  rpc: { type: "string" },
  "public-rpc": { type: "string" },
  deployments: { type: "string" },
  "data-dir": { type: "string" },
  "database-url": { type: "string" },
  "replica-id": { type: "string" },
  "reset-database": { type: "boolean" },
  host: { type: "string" },
  port: { type: "string" },
  "dev-account": { type: "string" },
  durability: { type: "string" },
  "verifier-threads": { type: "string" },
  writer: { type: "string" },
  "hub-limits": { type: "string" },
  artifacts: { type: "string" },
  executor: { type: "string" },
  "worker-concurrency": { type: "string" },
  config: { type: "string" },
  log: { type: "string" },
  help: { type: "boolean" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>["values"];

/**
 * The options of a `--config` JSON file as command-line arguments (placed before the real ones, which override them).
 * Unknown keys and values of the wrong type are refused, naming the key.
 */
function configArgs(argv: string[], env: NodeJS.ProcessEnv): string[] {
  const at = argv.indexOf("--config");
  const file = at >= 0 ? argv[at + 1] : (argv.find((a) => a.startsWith("--config="))?.slice(9) ?? env.AIDAO_CONFIG);
  if (!file) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`--config ${file}: ${(error as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new Error(`--config ${file}: not a JSON object`);
  const out: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    const option = OPTIONS[key as keyof typeof OPTIONS];
    if (!option || key === "config" || key === "help") {
      throw new Error(
        `--config ${file}: unknown key "${key}" (known: ${Object.keys(OPTIONS)
          .filter((k) => k !== "config" && k !== "help")
          .join(", ")})`,
      );
    }
    if (option.type === "boolean") {
      if (typeof value !== "boolean") throw new Error(`--config ${file}: "${key}" must be true or false`);
      if (value) out.push(`--${key}`);
    } else if (key === "hub-limits" && typeof value === "object" && value !== null && !Array.isArray(value)) {
      out.push(
        `--${key}`,
        Object.entries(value)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(","),
      );
    } else if (typeof value === "string" || typeof value === "number") {
      out.push(`--${key}`, String(value));
    } else {
      throw new Error(`--config ${file}: "${key}" must be a string or a number`);
    }
  }
  return out;
}

/** Log lines for people, or one JSON object per line (time, level, message, mode) for a log pipeline. */
function logger(format: "text" | "json", mode: string): (message: string) => void {
  if (format === "text") return (m) => console.log(m);
  return (m) => {
    const level = /failed|error|refused/i.test(m) ? "warn" : "info";
    console.log(JSON.stringify({ time: new Date().toISOString(), level, mode, msg: m }));
  };
}

async function start(values: Values, env: NodeJS.ProcessEnv, log: (message: string) => void): Promise<RunningServer> {
  const mode = values.mode;
  if (mode !== "gateway" && mode !== "hub" && mode !== "indexer" && mode !== "worker" && mode !== "all") {
    throw new Error(`--mode ${mode} is not a mode: gateway, hub, indexer, worker or all`);
  }
  const executor = values.executor ?? env.AIDAO_EXECUTOR ?? "in-process";
  if (executor !== "in-process" && executor !== "process") throw new Error("--executor must be in-process or process");
  const workerConcurrency =
    values["worker-concurrency"] === undefined ? undefined : Number(values["worker-concurrency"]);
  if (
    workerConcurrency !== undefined &&
    (!Number.isInteger(workerConcurrency) || workerConcurrency < 1 || workerConcurrency > 64)
  )
    throw new Error("--worker-concurrency must be 1..64");
  const home = env.AIDAO_HOME ?? ".aidao";
  const rpc = values.rpc ?? env.AIDAO_RPC ?? "http://127.0.0.1:8545";
  const port = Number(values.port ?? env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port must be 0..65535");
  const durability = values.durability ?? "full";
  if (durability !== "full" && durability !== "normal") throw new Error("--durability must be full or normal");
  const transport = http(rpc);
  const probe = createPublicClient({ transport });
  let chainId: number;
  try {
    chainId = await probe.getChainId();
  } catch {
    throw new Error(`cannot reach the chain at ${rpc}`);
  }
  const chain: Chain = {
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  };
  const deployment = loadDeployment(resolve(values.deployments ?? `${home}/deployments`), chainId);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 500 }) as PublicClient;
  let account: ReturnType<typeof privateKeyToAccount> | ReturnType<typeof mnemonicToAccount> | undefined;
  if (values["dev-account"] !== undefined) {
    if (chainId !== 31337) throw new Error("--dev-account uses public test keys: only on a local chain (31337)");
    account = mnemonicToAccount("test test test test test test test test test test test junk", {
      addressIndex: Number(values["dev-account"]),
    });
  } else if (env.AIDAO_GATEWAY_KEY) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(env.AIDAO_GATEWAY_KEY))
      throw new Error("AIDAO_GATEWAY_KEY must be 0x + 64 hex digits");
    account = privateKeyToAccount(env.AIDAO_GATEWAY_KEY as Hex);
  }
  const threads = values["verifier-threads"] === undefined ? undefined : Number(values["verifier-threads"]);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 0 || threads > 64)) {
    throw new Error("--verifier-threads must be 0..64");
  }
  const writer = values.writer;
  if (writer !== undefined && writer !== "inline" && writer !== "thread") {
    throw new Error("--writer must be inline or thread");
  }
  const { hubLimits, requestsPerMinute } = parseHubLimits(values["hub-limits"]);
  const replicaId = values["replica-id"] ?? env.AIDAO_REPLICA_ID;
  const failpoint = env.AIDAO_FAILPOINT === "gateway.afterCharge" ? "afterCharge" : undefined;
  const server = await startServer({
    mode,
    publicClient,
    deployment,
    dataDir: resolve(values["data-dir"] ?? home),
    databaseUrl: values["database-url"] ?? (env.DATABASE_URL || undefined),
    ...(replicaId ? { replicaId } : {}),
    ...(values["reset-database"] ? { onChainReset: "reset" as const } : {}),
    durability,
    host: values.host ?? "127.0.0.1",
    port,
    redeemWallet: account ? createWalletClient({ chain, transport, account }) : undefined,
    ...(failpoint ? { failpoint } : {}),
    ...(threads !== undefined ? { verifierThreads: threads } : {}),
    ...(writer !== undefined ? { writer } : {}),
    hubLimits,
    artifacts: values.artifacts ?? (env.AIDAO_ARTIFACTS || undefined),
    executor,
    ...(workerConcurrency !== undefined ? { workerConcurrency } : {}),
    ...(requestsPerMinute !== undefined ? { requestsPerMinute } : {}),
    web: { rpcUrl: values["public-rpc"] ?? env.AIDAO_PUBLIC_RPC ?? rpc },
    log,
  });
  log(
    mode === "hub" || mode === "indexer" || mode === "worker"
      ? `${mode} listening on ${server.url} (chain ${chainId}, ${mode === "hub" ? "POST /api/msg" : mode === "worker" ? "/api/worker" : "GET /api/status"})`
      : `${mode === "all" ? "server" : "gateway"} listening on ${server.url} (chain ${chainId}, UsageChannels ${deployment.contracts.UsageChannels.address})`,
  );
  return server;
}

/** Runs the server until SIGINT/SIGTERM (then closes it cleanly); exits 2 with the reason when it cannot start. */
export async function run(argv: string[]): Promise<void> {
  try {
    const server = await main(argv);
    if (server) {
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    }
  } catch (error) {
    console.error(`aidao server: ${(error as Error).message}`);
    process.exit(2);
  }
}

if (import.meta.main) await run(process.argv.slice(2));

/** `--hub-limits key=value,...`: positive integers for the hub's limits (and its per-IP request rate). */
function parseHubLimits(raw: string | undefined): { hubLimits: Partial<HubLimits>; requestsPerMinute?: number } {
  const hubLimits: Partial<HubLimits> = {};
  let requestsPerMinute: number | undefined;
  for (const pair of raw ? raw.split(",") : []) {
    const [key, value] = pair.split("=");
    const n = Number(value);
    if (!key || !Number.isSafeInteger(n) || n < 0) throw new Error(`--hub-limits: "${pair}" is not key=integer`);
    if (key === "requestsPerMinute") requestsPerMinute = n;
    else if (key in DEFAULT_LIMITS) hubLimits[key as keyof HubLimits] = n;
    else
      throw new Error(
        `--hub-limits: no limit "${key}" (${[...Object.keys(DEFAULT_LIMITS), "requestsPerMinute"].join(", ")})`,
      );
  }
  return requestsPerMinute === undefined ? { hubLimits } : { hubLimits, requestsPerMinute };
}
