// Compiler warnings are errors: fails (exit 1) if the build that produced the current artifacts warned about any
// source of ours (contracts/ and test/). Hardhat only prints warnings, so this reads its build-info output.
// Test files may exceed the contract size limit (they are never deployed); that warning alone is allowed there.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

type SolcError = { severity: string; formattedMessage: string; sourceLocation?: { file: string } };
const root = join(import.meta.dirname, "..", "artifacts");
// A build info lists warnings for every source in its compilation job, including sources compiled again later in
// another job: only trust, for each source, the build that produced its current artifact.
const latest = new Map<string, string>(); // input source name → build info id
const ids = new Set<string>();
(function collect(dir: string) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "build-info") collect(path);
    } else if (entry.name.endsWith(".json")) {
      const artifact = JSON.parse(readFileSync(path, "utf8")) as { buildInfoId?: string; inputSourceName?: string };
      if (artifact.buildInfoId) ids.add(artifact.buildInfoId);
      if (artifact.buildInfoId && artifact.inputSourceName) latest.set(artifact.inputSourceName, artifact.buildInfoId);
    }
  }
})(root);

const ours = (file = "") => file.startsWith("project/contracts/") || file.startsWith("project/test/");
const allowed = (e: SolcError) =>
  e.sourceLocation?.file.startsWith("project/test/") && /Contract (code|initcode) size/.test(e.formattedMessage);
const warnings = new Map<string, string>();
for (const id of ids) {
  const { output } = JSON.parse(readFileSync(join(root, "build-info", `${id}.output.json`), "utf8")) as {
    output: { errors?: SolcError[] };
  };
  for (const e of output.errors ?? []) {
    const file = e.sourceLocation?.file;
    const current = file === undefined || latest.get(file) === undefined || latest.get(file) === id;
    if (e.severity === "warning" && ours(file) && current && !allowed(e)) {
      warnings.set(e.formattedMessage, e.formattedMessage);
    }
  }
}
if (warnings.size > 0) {
  for (const w of warnings.values()) console.error(w);
  console.error(`${warnings.size} compiler warning(s) in our sources: warnings are errors here.`);
  process.exit(1);
}
console.log(`no compiler warnings in ${ids.size} build(s)`);
