import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, sep } from "node:path";
import type { Deployment } from "@aidao/sdk";
import type { Hono } from "hono";
import type { Address } from "viem";

/** What the server tells the web app it serves. */
export type WebOptions = {
  /** The RPC the browser uses (the server's own RPC when the browser can reach it). */
  rpcUrl: string;
  /** Demo accounts and their roles: on a local chain the app's dev wallet acts as them. */
  accounts?: Array<{ address: Address; label: string }>;
  /** A local dev chain (the dev wallet is offered). Default: chain 31337. */
  local?: boolean;
  /** The hub space of the main DAO (default "aidao"). */
  space?: string;
  /** The built app (default: @aidao/web's dist). */
  dist?: string;
};

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

/** Where @aidao/web's build lands. */
export function defaultDist(): string {
  return join(dirname(createRequire(import.meta.url).resolve("@aidao/web/package.json")), "dist");
}

/**
 * Serves the web app: its configuration at /api/app/config, its files, and index.html for every other page path
 * (the app routes in the browser). API paths never fall back to the page: an unknown one stays a JSON 404.
 */
export function mountWeb(app: Hono, deployment: Deployment, o: WebOptions): void {
  const dist = o.dist ?? defaultDist();
  const config = {
    chainId: deployment.chainId,
    rpcUrl: o.rpcUrl,
    // As deployments/<chainId>.json has it (blocks as numbers): the app reads it with the SDK's parseDeployment.
    deployment: {
      ...deployment,
      contracts: Object.fromEntries(
        Object.entries(deployment.contracts).map(([name, c]) => [name, { address: c.address, block: Number(c.block) }]),
      ),
    },
    local: o.local ?? deployment.chainId === 31337,
    accounts: o.accounts ?? [],
    space: o.space ?? "aidao",
  };
  app.get("/api/app/config", (c) => c.json(config));

  const index = join(dist, "index.html");
  const page = () =>
    existsSync(index)
      ? readFileSync(index)
      : Buffer.from(
          "<!doctype html><title>AIDAO</title><h1>The web app is not built</h1><p>Run <code>npm run build</code> (it builds apps/web), then reload.</p>",
        );
  app.get("*", (c) => {
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    if (/^\/(api|v1|facilitator)(\/|$)/.test(path)) return c.notFound();
    const file = normalize(join(dist, path));
    if (file.startsWith(dist + sep) && extname(file) && existsSync(file)) {
      // Hashed asset names change with their content: cache them for good; index.html never.
      const immutable = path.startsWith("/assets/");
      return c.body(readFileSync(file), 200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      });
    }
    if (extname(path)) return c.notFound();
    return c.body(page(), 200, { "content-type": TYPES[".html"] as string, "cache-control": "no-cache" });
  });
}
