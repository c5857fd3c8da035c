import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig, http } from "wagmi";
import { devWallet } from "./devWallet.ts";

const A = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const B = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

// A JSON-RPC endpoint standing in for the local chain: it answers eth_chainId and records what reached it.
const seen: string[] = [];
const rpc = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    const { id, method } = JSON.parse(body) as { id: number; method: string };
    seen.push(method);
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify(
        method === "eth_chainId"
          ? { jsonrpc: "2.0", id, result: "0x7a69" }
          : { jsonrpc: "2.0", id, error: { code: -32601, message: `${method} is not supported` } },
      ),
    );
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => rpc.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(rpc.address() as AddressInfo).port}`;
});
afterAll(() => rpc.close());

function connector() {
  const config = createConfig({
    chains: [foundry],
    transports: { [foundry.id]: http(url) },
    connectors: [devWallet({ rpcUrl: url, accounts: [A, B] })],
  });
  return config.connectors[0] as (typeof config.connectors)[0] & { switchAccount(a: `0x${string}`): void };
}

describe("the dev wallet", () => {
  it("acts as the chosen demo account and remembers it", async () => {
    localStorage.clear();
    const c = connector();
    expect((await c.connect()).accounts).toEqual([A]);
    expect(await c.isAuthorized()).toBe(true);
    c.switchAccount(B);
    expect(await c.getAccounts()).toEqual([B]);
    expect(await connector().getAccounts(), "a reload acts as the same account").toEqual([B]);
    await c.disconnect();
    expect(await c.isAuthorized()).toBe(false);
  });

  it("answers accounts itself and sends everything else to the local chain, errors included", async () => {
    const c = connector();
    const provider = (await c.getProvider()) as {
      request(a: { method: string; params?: unknown[] }): Promise<unknown>;
    };
    seen.length = 0;
    expect(await provider.request({ method: "eth_accounts" })).toEqual([await c.getAccounts().then((a) => a[0])]);
    expect(await provider.request({ method: "eth_chainId" })).toBe("0x7a69");
    await expect(provider.request({ method: "eth_signTypedData_v4", params: [] })).rejects.toThrow(
      "eth_signTypedData_v4 is not supported",
    );
    expect(seen).toEqual(["eth_chainId", "eth_signTypedData_v4"]);
  });
});
