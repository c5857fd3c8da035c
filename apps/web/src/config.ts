import { type Deployment, parseDeployment } from "@aidao/sdk";
import { createContext, useContext } from "react";
import type { Address } from "viem";

/** A demo account on a local chain, with the role the demo gave it. */
export type AppAccount = { address: Address; label: string };

/** What the server tells the app at start (`GET /api/app/config`): the chain, the protocol, and who plays whom. */
export type AppConfig = {
  chainId: number;
  /** The RPC the browser talks to (the only place besides the server that any call goes). */
  rpcUrl: string;
  deployment: Deployment;
  /** A local dev chain: the built-in dev wallet signs with the chain's unlocked accounts. */
  local: boolean;
  /** The demo accounts and their roles (local chains only). */
  accounts: AppAccount[];
  /** The hub's space of the main DAO. */
  space: string;
};

/** Loads the app's configuration from the server that serves it; the error says what is wrong. */
export async function loadConfig(fetcher: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetcher("/api/app/config");
  if (!response.ok) throw new Error(`the server answered ${response.status} to /api/app/config`);
  const json = (await response.json()) as Omit<AppConfig, "deployment"> & { deployment: unknown };
  return { ...json, deployment: parseDeployment(json.deployment) };
}

export const ConfigContext = createContext<AppConfig | null>(null);

/** The app's configuration (inside <App>). */
export function useAppConfig(): AppConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error("useAppConfig outside <ConfigContext>");
  return config;
}

/** The protocol's contract addresses. */
export function useContracts(): Deployment["contracts"] {
  return useAppConfig().deployment.contracts;
}
