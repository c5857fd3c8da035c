// Compiles the reference contracts in reference/ with solc-js (offline), with AIDAO's compiler settings,
// so that both sides of every ratio are built the same way.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";

const require = createRequire(import.meta.url);
const solc = require("solc") as { compile(input: string, callbacks: { import(path: string): unknown }): string };
const here = dirname(fileURLToPath(import.meta.url));

export type Compiled = Record<string, { abi: Abi; bytecode: Hex }>;

export function compileReference(names: string[]): Compiled {
  const sources = Object.fromEntries(
    names.map((name) => [
      `reference/${name}.sol`,
      { content: readFileSync(join(here, "reference", `${name}.sol`), "utf8") },
    ]),
  );
  const input = {
    language: "Solidity",
    sources,
    settings: {
      optimizer: { enabled: true, runs: 10_000 },
      evmVersion: "cancun",
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (path: string) => {
        try {
          return { contents: readFileSync(require.resolve(path), "utf8") };
        } catch {
          return { error: `not found: ${path}` };
        }
      },
    }),
  ) as {
    errors?: Array<{ severity: string; formattedMessage: string }>;
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const compiled: Compiled = {};
  for (const file of Object.values(output.contracts)) {
    for (const [name, c] of Object.entries(file))
      compiled[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
  }
  return compiled;
}
