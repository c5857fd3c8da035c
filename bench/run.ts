// npm run bench [-- --update]: the gas table (gas.ts, which takes the flags), then the gateway's speed (gateway.ts),
// the hub's (hub.ts: votes ingested), its tallies (hub/tally.ts), the indexer's backfill (indexer.ts) and the worker's
// job queue (worker.ts). --update only rewrites the gas snapshot.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const run = (script: string, extra: string[] = []) =>
  spawnSync(process.execPath, [new URL(script, import.meta.url).pathname, ...extra], { stdio: "inherit" }).status ?? 1;

const gas = run("gas.ts", args);
if (gas !== 0 || args.includes("--update")) process.exit(gas);
let code = 0;
for (const script of ["gateway.ts", "hub.ts", "hub/tally.ts", "indexer.ts", "worker.ts"]) {
  const status = run(script);
  code ||= status;
}
process.exit(code);
