import { type Address, type EIP1193RequestFn, getAddress } from "viem";
import { createConnector } from "wagmi";

const STORE = "aidao.devWallet";

/** The dev wallet's provider: the local chain's unlocked accounts sign (anvil signs transactions and typed data). */
function rpcProvider(rpcUrl: string, current: () => Address) {
  let id = 0;
  const request = (async ({ method, params }: { method: string; params?: unknown }) => {
    if (method === "eth_accounts" || method === "eth_requestAccounts") return [current()];
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params ?? [] }),
    });
    const json = (await response.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    if (json.error) throw Object.assign(new Error(json.error.message), json.error);
    return json.result;
  }) as EIP1193RequestFn;
  return { request, on() {}, removeListener() {} };
}

/**
 * A wallet for local chains: the dev chain's funded accounts (the demo's roles), switchable from the app. Nothing
 * leaves the machine: it talks only to the local chain, which holds the keys.
 */
export function devWallet(o: { rpcUrl: string; accounts: readonly Address[] }) {
  const first = o.accounts[0];
  if (!first) throw new Error("the dev wallet needs at least one account");
  const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(STORE);
  let current: Address = o.accounts.find((a) => a.toLowerCase() === saved?.toLowerCase()) ?? first;
  const provider = rpcProvider(o.rpcUrl, () => current);
  return createConnector<ReturnType<typeof rpcProvider>, { switchAccount(address: Address): void }>((config) => ({
    id: "aidaoDevWallet",
    name: "Dev wallet",
    type: "aidaoDevWallet",
    async connect({ withCapabilities } = {}) {
      localStorage.setItem(`${STORE}.connected`, "1");
      const chainId = config.chains[0].id;
      const accounts = withCapabilities ? [{ address: current, capabilities: {} }] : [current];
      return { accounts, chainId } as never;
    },
    async disconnect() {
      localStorage.removeItem(`${STORE}.connected`);
    },
    async getAccounts() {
      return [current];
    },
    async getChainId() {
      return config.chains[0].id;
    },
    async getProvider() {
      return provider;
    },
    async isAuthorized() {
      return localStorage.getItem(`${STORE}.connected`) === "1";
    },
    switchAccount(address: Address) {
      current = getAddress(address);
      localStorage.setItem(STORE, current);
      config.emitter.emit("change", { accounts: [current] });
    },
    onAccountsChanged(accounts) {
      config.emitter.emit("change", { accounts: accounts.map((a) => getAddress(a)) });
    },
    onChainChanged(chainId) {
      config.emitter.emit("change", { chainId: Number(chainId) });
    },
    onDisconnect() {
      config.emitter.emit("disconnect");
    },
  }));
}

export const DEV_WALLET_ID = "aidaoDevWallet";
