import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Chain,
  createPublicClient,
  createWalletClient,
  getAddress,
  type Hex,
  http,
  isAddress,
  keccak256,
  type PublicClient,
  toHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { DeployClients } from "./clients.ts";
import { type DeployConfig, parseDeployConfig } from "./config.ts";
import { DeployInputError, decryptKeystore, parseDeployerKey } from "./keys.ts";
import {
  DEFAULT_SALT,
  deployProtocol,
  PROTOCOL_CONTRACTS,
  type ProtocolDeployment,
  verifyDeployment,
  writeDeployment,
} from "./protocol.ts";
import { DeployStepError, formatStep, type StepEvent } from "./steps.ts";
import type { CodeCheck } from "./verify.ts";

/** What `aidao deploy` and `npm run deploy -w @aidao/contracts` are asked, as parsed from their command line. */
export type DeployCommandOptions = {
  rpc?: string | undefined;
  /** A JSON DeployConfig (see config.ts); `startTime` is required. */
  config?: string | undefined;
  /** Any text (hashed) or 32 bytes of hex; default "aidao". */
  salt?: string | undefined;
  /** Where `<chainId>.json` goes (and, with `verifyOnly`, is read from). */
  out: string;
  /** An encrypted JSON keystore; otherwise the key is `$AIDAO_DEPLOYER_KEY`. */
  keystore?: string | undefined;
  verifyOnly?: boolean | undefined;
  json?: boolean | undefined;
};

/** The command's surroundings, injectable for tests. */
export type DeployIO = {
  env: Record<string, string | undefined>;
  /** Prints a progress line as it happens. */
  progress(line: string): void;
  /** Asks for the keystore password without echoing it; absent when nobody is at a terminal to answer. */
  askPassword?: ((question: string) => Promise<string>) | undefined;
};

/** The text of `--salt`: 32 bytes of hex as they are, any other text hashed (`--salt aidao` is the default). */
export function parseSalt(value: string | undefined): Hex {
  if (value === undefined) return DEFAULT_SALT;
  if (value === "") throw new DeployInputError("--salt must not be empty");
  return /^0x[0-9a-fA-F]{64}$/.test(value) ? (value as Hex) : keccak256(toHex(value));
}

function readConfig(path: string): DeployConfig {
  let config: DeployConfig;
  try {
    config = parseDeployConfig(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    throw new DeployInputError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (config.startTime === undefined) {
    throw new DeployInputError(
      `${path}: deploy config: startTime is required (Unix seconds when vesting and the rewards programme start, e.g. ${Math.floor(Date.now() / 86_400_000) * 86_400} for today 00:00 UTC): it fixes the addresses, so a re-run resumes the same deployment`,
    );
  }
  return config;
}

async function deployerKey(options: DeployCommandOptions, io: DeployIO): Promise<Hex> {
  if (options.keystore !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.keystore, "utf8");
    } catch (error) {
      throw new DeployInputError(`cannot read --keystore ${options.keystore}: ${(error as Error).message}`);
    }
    let password = io.env.AIDAO_KEYSTORE_PASSWORD;
    if (password === undefined) {
      if (!io.askPassword) {
        throw new DeployInputError(
          `--keystore ${options.keystore}: set AIDAO_KEYSTORE_PASSWORD (no terminal to ask for the password)`,
        );
      }
      password = await io.askPassword(`password for ${options.keystore}: `);
    }
    return decryptKeystore(text, password, options.keystore);
  }
  const key = io.env.AIDAO_DEPLOYER_KEY;
  if (!key) {
    throw new DeployInputError(
      "no deployer key: set AIDAO_DEPLOYER_KEY to the deployer's private key (0x…) or pass --keystore FILE",
    );
  }
  return parseDeployerKey(key);
}

/** Reads `<dir>/<chainId>.json` back for `--verify-only`. */
function readDeployment(dir: string, chainId: number): ProtocolDeployment {
  const path = join(dir, `${chainId}.json`);
  let json: ProtocolDeployment;
  try {
    json = JSON.parse(readFileSync(path, "utf8")) as ProtocolDeployment;
  } catch (error) {
    throw new DeployInputError(`--verify-only: cannot read ${path}: ${(error as Error).message}`);
  }
  if (typeof json !== "object" || json === null) throw new DeployInputError(`${path} is not a deployment file`);
  if (json.chainId !== chainId) throw new DeployInputError(`${path} is for chain ${json.chainId}, not ${chainId}`);
  for (const name of PROTOCOL_CONTRACTS) {
    const address = json.contracts?.[name]?.address;
    if (typeof address !== "string" || !isAddress(address)) {
      throw new DeployInputError(`${path}: contracts.${name}.address is missing or not an address`);
    }
    json.contracts[name].address = getAddress(address);
  }
  json.safeInfrastructure ??= {} as ProtocolDeployment["safeInfrastructure"];
  return json;
}

const table = (checks: CodeCheck[]) =>
  checks.map((c) => `  ${c.ok ? "ok  " : "BAD "} ${c.name.padEnd(28)} ${c.address}  ${c.detail}`).join("\n");
const jsonText = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? Number(v) : v), 2);

/**
 * Deploys the protocol (or with `verifyOnly` checks a deployment), printing a line per step through `io.progress`,
 * and returns the exit code and the final report (human, or one JSON document with `json`). Throws
 * {DeployInputError} for what the caller got wrong (exit code 2). A step the chain refuses ends with code 1 and says
 * that running the same command again resumes from that step.
 */
export async function runDeploy(options: DeployCommandOptions, io: DeployIO): Promise<{ code: 0 | 1; out: string }> {
  const rpc = options.rpc ?? io.env.AIDAO_RPC;
  if (!rpc) throw new DeployInputError("--rpc URL is required");
  if (!/^https?:\/\/\S+$/.test(rpc)) throw new DeployInputError(`--rpc: "${rpc}" is not an http(s) URL`);
  if (options.verifyOnly) {
    const { publicClient, chainId } = await connect(rpc);
    return verifyOnly(publicClient, readDeployment(options.out, chainId), options);
  }
  const salt = parseSalt(options.salt);
  if (!options.config) {
    throw new DeployInputError("--config FILE is required (a JSON DeployConfig, see deploy/example.config.json)");
  }
  const config = readConfig(options.config);
  const account = privateKeyToAccount(await deployerKey(options, io));
  const { publicClient, chain, transport, chainId } = await connect(rpc);
  const clients = {
    publicClient,
    walletClient: createWalletClient({ chain, transport, account, pollingInterval: 500 }),
  } as unknown as DeployClients;

  io.progress(`deploying AIDAO to chain ${chainId} from ${account.address} (salt ${salt})`);
  const steps: StepEvent[] = [];
  let deployment: ProtocolDeployment;
  try {
    deployment = await deployProtocol(clients, config, {
      salt,
      onStep(event) {
        steps.push(event);
        io.progress(formatStep(event));
      },
    });
  } catch (error) {
    if (!(error instanceof DeployStepError)) throw error;
    const message = `${error.message}\nEverything before it is on chain: run the same command again to resume from this step.`;
    return { code: 1, out: options.json ? jsonText({ chainId, ok: false, error: message, steps }) : message };
  }
  const checks = await verifyDeployment(publicClient, deployment);
  const bad = checks.filter((c) => !c.ok);
  const file = writeDeployment(options.out, deployment);
  const code = bad.length ? 1 : 0;
  if (options.json) return { code, out: jsonText({ chainId, ok: !bad.length, salt, file, steps, checks, deployment }) };
  const sent = steps.filter((s) => s.status === "deployed" || s.status === "done" || s.status === "installed").length;
  const lines = [
    `deployed AIDAO on chain ${chainId}: ${steps.length} steps, ${sent} done now, ${steps.length - sent} found done already`,
    bad.length
      ? `VERIFICATION FAILED: ${bad.length} contract(s) differ from this build:\n${table(bad)}`
      : `verified ${checks.length} contracts against this build's bytecode`,
    `wrote ${file}`,
    ...Object.entries(deployment.contracts).map(([name, { address }]) => `  ${name.padEnd(22)} ${address}`),
  ];
  return { code, out: lines.join("\n") };
}

async function connect(rpc: string) {
  const transport = http(rpc);
  let chainId: number;
  try {
    chainId = await createPublicClient({ transport }).getChainId();
  } catch (error) {
    throw new DeployInputError(`cannot reach the chain at ${rpc}: ${(error as Error).message.split("\n")[0]}`);
  }
  const chain: Chain = {
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  };
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 500 }) as PublicClient;
  return { publicClient, chain, transport, chainId };
}

async function verifyOnly(
  publicClient: PublicClient,
  deployment: ProtocolDeployment,
  options: DeployCommandOptions,
): Promise<{ code: 0 | 1; out: string }> {
  const checks = await verifyDeployment(publicClient, deployment);
  const bad = checks.filter((c) => !c.ok);
  const code = bad.length ? 1 : 0;
  if (options.json) return { code, out: jsonText({ chainId: deployment.chainId, ok: !bad.length, checks }) };
  const verdict = bad.length
    ? `${bad.length} contract(s) differ from this build: ${bad.map((c) => c.name).join(", ")}`
    : `all ${checks.length} contracts match this build's bytecode`;
  return { code, out: `${table(checks)}\n${verdict}` };
}
