// A tiny S3 for tests (not shipped): a real HTTP server that stores objects in memory and checks each request's SigV4
// signature the way S3 does, so the S3 store is tested over the wire against something that refuses bad signatures.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { sha256Hex } from "./hash.ts";
import { signRequest } from "./sigv4.ts";

export const CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "secret/key+test" };

/**
 * A tiny S3: stores objects in memory by path, and answers 403 to any request whose SigV4 signature it cannot
 * reproduce from its own copy of the credentials (the same check S3 makes).
 */
export async function startFakeS3() {
  const objects = new Map<string, Buffer>();
  const seen: string[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const auth = String(req.headers.authorization ?? "");
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(";") ?? [];
    const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth)?.[1] ?? "";
    const date = String(req.headers["x-amz-date"] ?? "");
    const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
    seen.push(`${req.method} ${signedHeaders.join(";")}`);
    const extra: Record<string, string> = {};
    for (const h of signedHeaders)
      if (!["host", "x-amz-date", "x-amz-content-sha256"].includes(h)) extra[h] = String(req.headers[h]);
    const expected = signRequest({
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", `http://${req.headers.host}`),
      headers: extra,
      payloadHash,
      region,
      credentials: CREDENTIALS,
      date: new Date(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z")),
    }).authorization;
    const bodyOk = req.method !== "PUT" || sha256Hex(body) === payloadHash;
    if (!auth || auth !== expected || !bodyOk) {
      res.writeHead(403).end("<Error><Code>SignatureDoesNotMatch</Code></Error>");
      return;
    }
    const key = req.url ?? "";
    if (req.method === "PUT") {
      objects.set(key, body);
      res.writeHead(200).end();
    } else if (req.method === "GET" || req.method === "HEAD") {
      const object = objects.get(key);
      if (!object) res.writeHead(404).end();
      else res.writeHead(200, { "content-length": object.length }).end(req.method === "GET" ? object : undefined);
    } else res.writeHead(405).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, objects, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}
