import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDeployment } from "@aidao/contracts/deploy";
import { VoucherVerifier } from "@aidao/server";
import { dev, PRICES, startLocalStack } from "@aidao/server/testing";
import { parseEther, toHex } from "viem";
import { load } from "./gateway/load.ts";
const require = createRequire(import.meta.url);
const secp = require("secp256k1/bindings.js");
const MAIN = require.resolve("@aidao/server").replace(/index\.ts$/, "main.ts");
const stack = await startLocalStack();
const dir = mkdtempSync(join(tmpdir(), "probe-"));
writeDeployment(dir, stack.deployment as never);
await stack.fund(dev(12).address, parseEther("100"));
const ch = await stack.open(12, stack.endpoints.echo, parseEther("90"));
const child = spawn(process.execPath, [...(process.env.PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof2"] : []), MAIN, "--rpc", stack.chain.rpcUrl, "--deployments", dir, "--data-dir", dir, "--port", "0", "--durability", "full"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise<string>((r) => child.stdout.on("data", (d) => { const m = /listening on (\S+)/.exec(String(d)); if (m) r(m[1]); }));
const v = new VoucherVerifier(31337, stack.usageChannels);
const ctx = v.context({ channelId: ch, token: stack.token, recipient: stack.deployment.contracts.Treasury.address, customer: dev(12).address });
const pk = dev(12).getHdKey().privateKey;
const headers: string[] = [];
for (let k = 1; k <= 60000; k++) {
  const s = secp.ecdsaSign(v.digest(ctx, BigInt(k) * PRICES.call), pk);
  headers.push(Buffer.from(JSON.stringify({ x402Version: 2, accepted: { scheme: "aidao-channel", network: "eip155:31337", payTo: stack.usageChannels }, payload: { channelId: ch, cumulativeAmount: (BigInt(k) * PRICES.call).toString(), signature: toHex(new Uint8Array([...s.signature, 27 + s.recid])) } })).toString("base64"));
}
let i = 0;
const body = Buffer.from("hello");
for (const clients of [16, 16]) {
  const r = await load({ url, clients, durationMs: 3000, warmupMs: 200, make: () => ({ path: `/v1/endpoints/${stack.endpoints.echo}`, body, headers: { "payment-signature": headers[i++] } }) });
  console.log(clients, r);
}
child.kill("SIGINT");
await new Promise((r) => setTimeout(r, 800));
await stack.stop();
process.exit(0);
