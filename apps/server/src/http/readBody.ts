import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

/**
 * A request body, at most `max` bytes: refused from its Content-Length before anything is read, or as soon as a
 * chunked body passes the limit (`tooLarge` makes the caller's typed error). Read straight from Node's request, by
 * events: no web-stream wrapping or async iterator on the hot path (each was a visible share of a small call's CPU).
 */
export async function readBody(c: Context, max: number, tooLarge: () => Error): Promise<Uint8Array> {
  const declared = requestHeader(c, "content-length");
  if (declared !== undefined && Number(declared) > max) throw tooLarge();
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) {
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.length > max) throw tooLarge();
    return body;
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        incoming.off("data", onData);
        incoming.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    incoming.on("data", onData);
    incoming.once("error", reject);
    incoming.once("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
  });
}

/**
 * A request header (`name` in lower case), read from Node's request when there is one: Hono's `c.req.header` builds a
 * whole web `Headers` object first, a visible share of a small call's CPU.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The client's IP address as the socket reports it (for per-IP limits). */
export function clientIp(c: Context): string {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress ?? "unknown";
}
