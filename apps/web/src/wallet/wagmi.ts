import { type Chain, defineChain } from "viem";
import { createConfig, http, injected } from "wagmi";
import type { AppConfig } from "../config.ts";
import { devWallet } from "./devWallet.ts";

/** The chain the protocol lives on, as the server described it. */
export function appChain(app: AppConfig): Chain {
  return defineChain({
    id: app.chainId,
    name: app.local ? "AIDAO local chain" : `Chain ${app.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [app.rpcUrl] } },
  });
}

/** wagmi for this deployment: an injected wallet (EIP-1193), and on local chains the built-in dev wallet first. */
export function wagmiConfig(app: AppConfig) {
  const chain = appChain(app);
  const connectors = [injected({ shimDisconnect: true })];
  if (app.local && app.accounts.length > 0) {
    connectors.unshift(devWallet({ rpcUrl: app.rpcUrl, accounts: app.accounts.map((a) => a.address) }) as never);
  }
  return createConfig({
    chains: [chain],
    // cacheTime 0: figures must follow the chain block by block (the local chain mines on demand).
    transports: { [chain.id]: http(app.rpcUrl) },
    connectors,
    cacheTime: 0,
    pollingInterval: 1_000,
  });
}
