import { type Address, encodeDeployData, encodePacked, type Hex, keccak256 } from "viem";
import { readArtifact } from "./artifacts.ts";
import type { DeployClients } from "./clients.ts";
import {
  codeAt,
  create2Address,
  create3Address,
  creationBlock,
  DETERMINISTIC_DEPLOYMENT_PROXY,
  ensureCreate2Proxy,
  sendCreate2,
} from "./deterministic.ts";
import { checkCode, type ExpectedCode } from "./verify.ts";

/** What a step found or did. */
export type StepStatus = "deployed" | "already there" | "installed" | "done" | "already done";

/** One step's report, as `onStep` receives it and {formatStep} prints it. */
export type StepEvent = {
  /** 1-based. */
  step: number;
  total: number;
  name: string;
  status: StepStatus;
  address?: Address;
  hash?: Hex;
  note?: string;
};

/** What running a step returns; `block` is where a contract step's contract was created. */
export type StepOutcome = Omit<StepEvent, "step" | "total" | "name"> & { block?: bigint };

/**
 * A contract at an address fixed in advance: the step finds it there (with the expected code) or creates it, through
 * a CREATE2 proxy (`create2`) or `Create3Deployer` (`create3`, for a contract whose address others need before its
 * own constructor arguments exist).
 */
export type ContractStep = {
  kind: "contract";
  name: string;
  address: Address;
  initCode: Hex;
  via: { kind: "create2"; proxy: Address; salt: Hex } | { kind: "create3"; deployer: Address; salt: Hex };
  expected: ExpectedCode;
  /** Whether the deployment file records it (then a resumed run looks up the block it was created in). */
  recorded: boolean;
};

/** Anything else (a role to grant, a DAO to create): `run` checks whether it is done, and does it if not. */
export type ActionStep = { kind: "action"; name: string; run(clients: DeployClients): Promise<StepOutcome> };

export type Step = ContractStep | ActionStep;

/** Thrown by {runSteps} when `stopAfter` steps have run: an interrupted deploy, on purpose (tests). */
export class DeployStopped extends Error {
  override name = "DeployStopped";
}

/** Thrown by {runSteps} when a step fails; its message names the step. Re-running resumes from it. */
export class DeployStepError extends Error {
  override name = "DeployStepError";
  readonly step: number;
  readonly stepName: string;
  constructor(step: number, total: number, stepName: string, cause: unknown) {
    // viem's errors carry a one-line `shortMessage` beside their multi-line message.
    const reason = (cause as { shortMessage?: string }).shortMessage ?? (cause as Error).message;
    super(`step ${step}/${total} (${stepName}) failed: ${reason}`, { cause });
    this.step = step;
    this.stepName = stepName;
  }
}

/** A progress line: `[3/46] Treasury 0x… deployed (tx 0x…)`, `[3/46] Treasury 0x… already there`. */
export function formatStep(e: StepEvent): string {
  const details = [e.hash ? `tx ${e.hash}` : undefined, e.note].filter(Boolean).join("; ");
  return `[${e.step}/${e.total}] ${e.name}${e.address ? ` ${e.address}` : ""} ${e.status}${details ? ` (${details})` : ""}`;
}

const CREATE3_DEPLOYER_ABI = [
  {
    type: "function",
    name: "deploy",
    stateMutability: "payable",
    inputs: [
      { name: "salt", type: "bytes32" },
      { name: "initCode", type: "bytes" },
    ],
    outputs: [{ name: "deployed", type: "address" }],
  },
] as const;

async function runContractStep(clients: DeployClients, step: ContractStep): Promise<StepOutcome> {
  const { publicClient, walletClient } = clients;
  if ((await codeAt(publicClient, step.address)) !== "0x") {
    const check = await checkCode(publicClient, step.name, step.address, step.expected);
    if (!check.ok) throw new Error(`${step.address} already holds other code: ${check.detail}`);
    if (!step.recorded) return { status: "already there", address: step.address };
    const { block, exact } = await creationBlock(publicClient, step.address);
    const note = exact ? undefined : "the node keeps no history: its creation block is recorded as the latest";
    return { status: "already there", address: step.address, block, ...(note ? { note } : {}) };
  }
  const { via } = step;
  if (via.kind === "create2") {
    let note: string | undefined;
    if (via.proxy !== DETERMINISTIC_DEPLOYMENT_PROXY) {
      const proxy = await ensureCreate2Proxy(clients, via.proxy);
      if (proxy.status === "installed") note = `first installed the CREATE2 factory ${via.proxy}: ${proxy.note}`;
    }
    const { address, hash, block } = await sendCreate2(clients, via.proxy, via.salt, step.initCode);
    if (address !== step.address) throw new Error(`landed at ${address}, not at the predicted ${step.address}`);
    return { status: "deployed", address, hash, block, ...(note ? { note } : {}) };
  }
  const hash = await walletClient.writeContract({
    address: via.deployer,
    abi: CREATE3_DEPLOYER_ABI,
    functionName: "deploy",
    args: [via.salt, step.initCode],
    account: walletClient.account,
    chain: walletClient.chain,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || (await codeAt(publicClient, step.address)) === "0x") {
    throw new Error(`Create3Deployer did not create it at ${step.address} (transaction ${hash})`);
  }
  return { status: "deployed", address: step.address, hash, block: receipt.blockNumber };
}

/**
 * Runs `steps` in order, each one skipped when its work is already on chain, and reports each through `onStep`.
 * Returns every step's outcome. `stopAfter` stops (throws {DeployStopped}) after that many steps.
 */
export async function runSteps(
  clients: DeployClients,
  steps: Step[],
  options: { onStep?: ((event: StepEvent) => void) | undefined; stopAfter?: number | undefined } = {},
): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  for (const [i, step] of steps.entries()) {
    if (options.stopAfter !== undefined && i >= options.stopAfter) {
      throw new DeployStopped(`stopped after step ${i} of ${steps.length} (stopAfter)`);
    }
    let outcome: StepOutcome;
    try {
      outcome = step.kind === "contract" ? await runContractStep(clients, step) : await step.run(clients);
    } catch (error) {
      throw new DeployStepError(i + 1, steps.length, step.name, error);
    }
    outcomes.push(outcome);
    const { block: _, ...event } = outcome;
    options.onStep?.({ step: i + 1, total: steps.length, name: step.name, ...event });
  }
  return outcomes;
}

/**
 * Builds the contract steps of one deployment: `id` names it (a re-run with the same id finds its contracts), and
 * every address follows from `id`, the deployer and the contracts' code, never from a nonce.
 */
export function contractPlanner(deployer: Address, id: Hex, create3Deployer: Address) {
  const initCode = (artifact: string, args: readonly unknown[]) => {
    const { abi, bytecode } = readArtifact(artifact);
    return encodeDeployData({ abi, bytecode, args } as Parameters<typeof encodeDeployData>[0]);
  };
  // The CREATE3 salt also commits to the creation code: a rebuilt contract gets a new address, as with CREATE2.
  const create3Salt = (name: string, artifact: string) =>
    keccak256(encodePacked(["bytes32", "string", "bytes32"], [id, name, keccak256(readArtifact(artifact).bytecode)]));
  return {
    /** Through the deterministic-deployment proxy: the address commits to the init code, arguments included. */
    create2(name: string, artifact: string, args: readonly unknown[] = []): ContractStep {
      const code = initCode(artifact, args);
      const salt = keccak256(encodePacked(["bytes32", "string"], [id, name]));
      return {
        kind: "contract",
        name,
        address: create2Address(DETERMINISTIC_DEPLOYMENT_PROXY, salt, code),
        initCode: code,
        via: { kind: "create2", proxy: DETERMINISTIC_DEPLOYMENT_PROXY, salt },
        expected: { artifact },
        recorded: true,
      };
    },
    /** Where {create3} will put `name`: known before its constructor arguments are. */
    create3Address(name: string, artifact: string): Address {
      return create3Address(create3Deployer, deployer, create3Salt(name, artifact));
    },
    /** Through `Create3Deployer`, for a contract whose address others need before its own arguments exist. */
    create3(name: string, artifact: string, args: readonly unknown[] = []): ContractStep {
      const salt = create3Salt(name, artifact);
      return {
        kind: "contract",
        name,
        address: create3Address(create3Deployer, deployer, salt),
        initCode: initCode(artifact, args),
        via: { kind: "create3", deployer: create3Deployer, salt },
        expected: { artifact },
        recorded: true,
      };
    },
  };
}

export type ContractPlanner = ReturnType<typeof contractPlanner>;
