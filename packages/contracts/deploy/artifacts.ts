import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";

/** A compiled contract: what deploying it needs, and what checking a deployed copy needs. */
export type Artifact = {
  contractName: string;
  abi: Abi;
  bytecode: Hex;
  /** The runtime code, with zeros where the constructor writes immutables. */
  deployedBytecode: Hex;
  /** Where the immutables sit in `deployedBytecode` (by AST id); absent from Safe's older artifacts. */
  immutableReferences?: Record<string, Array<{ start: number; length: number }>>;
};

const require = createRequire(import.meta.url);
const ARTIFACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "artifacts");
const SAFE_ARTIFACTS_DIR = join(
  dirname(require.resolve("@safe-global/safe-contracts/package.json")),
  "build",
  "artifacts",
  "contracts",
);

let index: Map<string, string> | undefined;
const cache = new Map<string, Artifact>();

function walk(dir: string, into: Map<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "build-info") walk(path, into);
    } else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) {
      into.set(entry.name.slice(0, -".json".length), path);
    }
  }
}

/**
 * Reads a compiled artifact by contract name: ours from Hardhat's `artifacts/`, Safe's from the npm package.
 * Throws with the build command to run when the contracts were not compiled.
 */
export function readArtifact(contractName: string): Artifact {
  const cached = cache.get(contractName);
  if (cached) return cached;
  if (!index) {
    index = new Map();
    try {
      walk(ARTIFACTS_DIR, index);
    } catch {
      throw new Error(`No compiled contracts in ${ARTIFACTS_DIR}: run \`npm run build\` first.`);
    }
    walk(SAFE_ARTIFACTS_DIR, index);
  }
  const path = index.get(contractName);
  if (!path) throw new Error(`Unknown contract artifact "${contractName}": run \`npm run build\` first.`);
  const json = JSON.parse(readFileSync(path, "utf8")) as Omit<Artifact, "contractName">;
  const artifact: Artifact = {
    contractName,
    abi: json.abi,
    bytecode: json.bytecode,
    deployedBytecode: json.deployedBytecode,
    ...(json.immutableReferences ? { immutableReferences: json.immutableReferences } : {}),
  };
  cache.set(contractName, artifact);
  return artifact;
}
