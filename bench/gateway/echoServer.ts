// The references for the gateway benchmark, each run as its own process (argv[2] picks which):
//   unpaid  — the echo model over the same HTTP stack (Hono on @hono/node-server), no payment at all;
//   naive   — the same, paid the naive way: one viem verifyTypedData (pure JS recovery) per request, nothing stored;
//   face    — the face-detection model over the same HTTP stack, no payment.
// Each prints "listening on <url>" when ready.
import { readFileSync } from "node:fs";
import { usageChannelsDomain, voucherTypes } from "@aidao/sdk";
import { FaceDetector } from "@aidao/server";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { type Address, type Hex, verifyTypedData } from "viem";

const [kind, argsFile] = process.argv.slice(2);
const app = new Hono();

if (kind === "unpaid") {
  app.post("/echo", async (c) => c.json({ result: { echo: await c.req.text() } }));
} else if (kind === "naive") {
  const { chainId, usageChannels, customer, token, recipient } = JSON.parse(
    readFileSync(argsFile as string, "utf8"),
  ) as {
    chainId: number;
    usageChannels: Address;
    customer: Address;
    token: Address;
    recipient: Address;
  };
  const domain = usageChannelsDomain(chainId, usageChannels);
  app.post("/echo", async (c) => {
    const payment = JSON.parse(Buffer.from(c.req.header("payment-signature") ?? "", "base64").toString()) as {
      payload: { channelId: Hex; cumulativeAmount: string; signature: Hex };
    };
    const v = payment.payload;
    const ok = await verifyTypedData({
      address: customer,
      domain,
      types: voucherTypes,
      primaryType: "Voucher",
      message: { channelId: v.channelId, token, recipient, cumulativeAmount: BigInt(v.cumulativeAmount) },
      signature: v.signature,
    });
    if (!ok) return c.json({ error: "invalid voucher" }, 402);
    return c.json({ result: { echo: await c.req.text() } });
  });
} else if (kind === "face") {
  const detector = await FaceDetector.load();
  app.post("/face", async (c) => {
    const r = await detector.detect(new Uint8Array(await c.req.arrayBuffer()), 20);
    return c.json({ result: r });
  });
} else {
  throw new Error(`unknown reference server "${kind}"`);
}

serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
