import { join } from "node:path";
import { parseArgs } from "node:util";
import { DeployInputError, type DeployIO, runDeploy } from "@aidao/contracts/deploy";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";

export const deployOptions = {
  config: { type: "string" },
  salt: { type: "string" },
  out: { type: "string" },
  keystore: { type: "string" },
  "verify-only": { type: "boolean" },
  json: { type: "boolean" },
} as const;

export const deployUsage =
  "deploy --rpc URL --config FILE [--salt TEXT] [--keystore FILE] [--out DIR] [--json]\n" +
  "    signs with $AIDAO_DEPLOYER_KEY, or --keystore FILE (password: $AIDAO_KEYSTORE_PASSWORD, else asked);\n" +
  "    the same config, salt and key give the same addresses on every chain; run it again to resume\n" +
  "  aidao deploy --rpc URL --verify-only [--out DIR] [--json]   (compare the deployed bytecode with this build)";

/** What the command reads and writes besides the chain: injectable for tests. */
export type DeployCommandIO = {
  env: Record<string, string | undefined>;
  /** A progress line, as it happens (stdout; stderr with --json, which keeps stdout for the one JSON document). */
  progress(line: string, json: boolean): void;
  /** The JSON document of a failed --json run (stdout), before the command fails. */
  result(json: string): void;
  askPassword?: ((question: string) => Promise<string>) | undefined;
};

/** Reads a password from the terminal without echoing it (raw mode; Enter ends it, Ctrl-C cancels). */
export function askHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      stderr.write("\n");
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          finish();
          reject(new UsageError("no password given (cancelled)"));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

const processIO: DeployCommandIO = {
  env: process.env,
  progress: (line, json) => (json ? process.stderr : process.stdout).write(`${line}\n`),
  result: (json) => process.stdout.write(`${json}\n`),
  askPassword: process.stdin.isTTY ? askHidden : undefined,
};

/**
 * `aidao deploy`: deploys the protocol (deterministic addresses, resumable, bytecode verified) and writes
 * `<out>/<chainId>.json`, by default where the other commands look (--deployments DIR, else $AIDAO_HOME/deployments).
 * Returns the report; throws {UsageError} for bad inputs (exit code 2), an Error when the chain refused a step or the
 * bytecode differs (exit code 1).
 */
export async function deploy(
  o: Record<string, string | boolean | undefined>,
  io: DeployCommandIO = processIO,
): Promise<string> {
  const text = (name: string) => (typeof o[name] === "string" ? (o[name] as string) : undefined);
  if (o["dev-account"] !== undefined) {
    throw new UsageError("deploy signs with $AIDAO_DEPLOYER_KEY or --keystore FILE, not --dev-account");
  }
  const json = o.json === true;
  const out = text("out") ?? text("deployments") ?? join(io.env.AIDAO_HOME ?? ".aidao", "deployments");
  const dio: DeployIO = { env: io.env, progress: (line) => io.progress(line, json), askPassword: io.askPassword };
  let result: { code: 0 | 1; out: string };
  try {
    result = await runDeploy(
      {
        rpc: text("rpc"),
        config: text("config"),
        salt: text("salt"),
        out,
        keystore: text("keystore"),
        verifyOnly: o["verify-only"] === true,
        json,
      },
      dio,
    );
  } catch (error) {
    if (error instanceof DeployInputError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  if (result.code === 0) return result.out;
  if (!json) throw new Error(result.out);
  io.result(result.out);
  throw new Error(o["verify-only"] ? "the deployed bytecode differs from this build" : "the deploy did not finish");
}

/** The command table entry for main.ts (`deploy` takes no verb and needs no deployment to connect to). */
export const deployCommand = {
  run: (_ctx: Context | undefined, o: Record<string, string | boolean | undefined>) => deploy(o),
  options: deployOptions,
  usage: deployUsage,
};

/**
 * Runs `aidao deploy <argv>` as main.ts runs a command (exit code 0 done, 1 the chain refused or the bytecode
 * differs, 2 wrong usage), without connecting to a deployment first: there is none yet.
 */
export async function deployMain(argv: string[], io?: DeployCommandIO): Promise<{ code: number; out: string }> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        rpc: { type: "string" },
        deployments: { type: "string" },
        "dev-account": { type: "string" },
        ...deployOptions,
      },
      strict: true,
    });
    return { code: 0, out: await deploy(values, io) };
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      return { code: 2, out: `aidao: ${(error as Error).message}\nusage: aidao ${deployUsage}` };
    }
    return { code: 1, out: `aidao: ${(error as Error).message}` };
  }
}
