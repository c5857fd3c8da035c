// Deploys the AIDAO protocol to any EVM chain and writes deployments/<chainId>.json.
//   AIDAO_DEPLOYER_KEY=0x… node scripts/deploy.ts --rpc https://… --config deploy.json [--out deployments]
// The config file is a JSON DeployConfig (see deploy/config.ts); amounts as decimal strings of wei.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createPublicClient, createWalletClient, type Hex, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type DeployConfig, parseDeployConfig } from "../deploy/config.ts";
import { deployProtocol, writeDeployment } from "../deploy/protocol.ts";

const { values } = parseArgs({
  options: { rpc: { type: "string" }, config: { type: "string" }, out: { type: "string", default: "deployments" } },
});
const fail = (message: string): never => {
  console.error(`deploy: ${message}`);
  process.exit(2);
};
const rpc = values.rpc ?? fail("--rpc URL is required");
const configPath = values.config ?? fail("--config FILE is required (a JSON DeployConfig, see deploy/config.ts)");
const key = process.env.AIDAO_DEPLOYER_KEY || fail("set AIDAO_DEPLOYER_KEY to the deployer's private key (0x…)");
if (!/^0x[0-9a-fA-F]{64}$/.test(key)) fail("AIDAO_DEPLOYER_KEY must be 0x followed by 64 hex digits");

let config: DeployConfig;
try {
  config = parseDeployConfig(JSON.parse(readFileSync(configPath, "utf8")));
} catch (error) {
  config = fail(`cannot read ${configPath}: ${(error as Error).message}`);
}

const account = privateKeyToAccount(key as Hex);
const publicClient = createPublicClient({ transport: http(rpc) });
const chainId = await publicClient.getChainId().catch((e: Error) => fail(`cannot reach ${rpc}: ${e.message}`));
const walletClient = createWalletClient({
  account,
  transport: http(rpc),
  chain: {
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  },
});
console.log(`deploying AIDAO to chain ${chainId} from ${account.address}…`);
const deployment = await deployProtocol({ publicClient, walletClient }, config);
console.log(`wrote ${writeDeployment(values.out, deployment)}`);
for (const [name, { address }] of Object.entries(deployment.contracts)) console.log(`  ${name.padEnd(20)} ${address}`);
