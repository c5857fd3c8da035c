// Node only (it reads a file): exported as `@aidao/sdk/node`, so the SDK's main entry runs in browsers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Deployment, parseDeployment } from "./deployments.ts";
import { BaseError } from "./errors.ts";

/** Reads `<dir>/<chainId>.json`; the error says which file is missing or malformed. */
export function loadDeployment(dir: string, chainId: number): Deployment {
  const path = join(dir, `${chainId}.json`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new BaseError(`No AIDAO deployment for chain ${chainId}`, { details: `${path} not found`, cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new BaseError(`Deployment file ${path} is not valid JSON`, { cause });
  }
  const deployment = parseDeployment(json);
  if (deployment.chainId !== chainId) {
    throw new BaseError(`Deployment file ${path} is for chain ${deployment.chainId}, not ${chainId}`);
  }
  return deployment;
}
