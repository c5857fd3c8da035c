import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** A running local chain. `stop()` ends it (and waits), so no process outlives its owner. */
export type LocalChain = { rpcUrl: string; port: number; process: ChildProcess; stop(): Promise<void> };

/** The anvil binary shipped by the `@foundry-rs/anvil-<platform>` npm package (no download at run time). */
export function anvilBinary(): string {
  const pkg = `@foundry-rs/anvil-${process.platform}-${process.arch === "x64" ? "amd64" : process.arch}`;
  return join(dirname(require.resolve(`${pkg}/package.json`)), "bin", "anvil");
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts anvil on 127.0.0.1 and resolves once it answers JSON-RPC. `args` are extra anvil flags
 * (e.g. `["--state", file]` to persist, `["--hardfork", "cancun"]`).
 *
 * Without a `port`, anvil binds a free one itself (`--port 0`) and says which: choosing one here first and passing it
 * on would leave a window in which another process (a test file running beside this one) takes it, and this chain's
 * callers would then talk to the other one's chain.
 */
export async function startAnvil(options: { port?: number; args?: string[] } = {}): Promise<LocalChain> {
  // Without --silent while the port is anvil's to choose: its "Listening on" line is how it tells.
  const args = options.port === undefined ? (options.args ?? []).filter((a) => a !== "--silent") : (options.args ?? []);
  const child = spawn(anvilBinary(), ["--host", "127.0.0.1", "--port", String(options.port ?? 0), ...args], {
    stdio: ["ignore", options.port === undefined ? "pipe" : "ignore", "pipe"],
  });
  // Never outlive the process that started the chain, even when it exits without calling stop().
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const port =
    options.port ??
    (await new Promise<number>((resolve, reject) => {
      let out = "";
      const onData = (d: Buffer) => {
        out += String(d);
        const m = /Listening on 127\.0\.0\.1:(\d+)/.exec(out);
        if (!m) return;
        child.stdout?.off("data", onData);
        child.stdout?.resume(); // the rest of its output is not needed, but must not fill the pipe
        resolve(Number(m[1]));
      };
      child.stdout?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`anvil exited with code ${code}: ${stderr.trim()}`)));
    }));
  const rpcUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode}: ${stderr.trim()}`);
    try {
      const res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`anvil did not answer on ${rpcUrl} within 15 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    rpcUrl,
    port,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
