import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** The server's entry point (`aidao-server`), run as its own process by the benchmarks. */
export const SERVER_MAIN = require.resolve("@aidao/server").replace(/index\.ts$/, "main.ts");

const children: ChildProcess[] = [];
process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});

/**
 * Starts a Node process that prints "listening on <url>" and returns the URL; it is killed when this process exits.
 * With BENCH_PROFILE=<dir>, the server (only) writes a CPU profile there.
 */
export function startProcess(args: string[]): Promise<string> {
  const nodeArgs =
    args[0] === SERVER_MAIN && process.env.BENCH_PROFILE
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
      : [];
  const child = spawn(process.execPath, [...nodeArgs, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited (${code}): ${out}`)));
  });
}

/** Asks the started processes to stop (SIGINT), and gives them a second. */
export async function stopProcesses(): Promise<void> {
  for (const c of children) c.kill("SIGINT");
  await new Promise((r) => setTimeout(r, 1_000));
}

/** How many times `fn` runs in `ms` (after a short warm-up), per second. */
export async function rate(fn: () => unknown | Promise<unknown>, ms = 1_000): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    await fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}
