// Deploys the AIDAO protocol to any EVM chain, resumably, at the same addresses on every chain, verifies the deployed
// bytecode and writes deployments/<chainId>.json: the same command as `aidao deploy` (see docs/deploy.md).
//   AIDAO_DEPLOYER_KEY=0x… node scripts/deploy.ts --rpc https://… --config deploy.json [--out deployments]
//   AIDAO_KEYSTORE_PASSWORD=… node scripts/deploy.ts --rpc https://… --config deploy.json --keystore key.json
//   node scripts/deploy.ts --rpc https://… --verify-only [--out deployments]
// The config file is a JSON DeployConfig (see deploy/config.ts, deploy/example.config.json).
import { parseArgs } from "node:util";
import { runDeploy } from "../deploy/command.ts";
import { DeployInputError } from "../deploy/keys.ts";

try {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string" },
      config: { type: "string" },
      salt: { type: "string" },
      out: { type: "string", default: "deployments" },
      keystore: { type: "string" },
      "verify-only": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  const json = values.json ?? false;
  const { code, out } = await runDeploy(
    { ...values, verifyOnly: values["verify-only"] },
    { env: process.env, progress: (line) => (json ? console.error : console.log)(line) },
  );
  (code === 0 ? console.log : console.error)(out);
  process.exit(code);
} catch (error) {
  const usage = error instanceof DeployInputError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(`deploy: ${(error as Error).message}`);
  process.exit(usage ? 2 : 1);
}
