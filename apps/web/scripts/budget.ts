// Prints the JavaScript the first visit loads (the entry chunk and its static imports), gzipped, beside the
// issue's budget; exits 1 above it. Run by `npm run build` after `vite build`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 350 * 1024;
const dist = join(import.meta.dirname, "..", "dist");
type Chunk = { file: string; isEntry?: boolean; imports?: string[]; css?: string[] };
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8")) as Record<string, Chunk>;

const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
if (!entry) throw new Error("no entry chunk in dist/.vite/manifest.json");
const initial = new Set<string>();
const visit = (key: string) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const i of chunk.imports ?? []) visit(i);
};
visit(entry[0]);
// The first visit lands on the Overview: its page chunk (and what it imports) loads with the entry.
visit("src/pages/overview/OverviewPage.tsx");

const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
let total = 0;
for (const file of initial) {
  const size = gz(file);
  total += size;
  console.log(`  ${file.padEnd(48)} ${kB(size).padStart(10)} gzipped`);
}
const lazy = Object.values(manifest).filter((c) => !initial.has(c.file) && c.file.endsWith(".js"));
const lazyTotal = lazy.reduce((n, c) => n + gz(c.file), 0);
console.log(
  `initial-route JavaScript: ${kB(total)} gzipped (budget ${kB(BUDGET)}: ${((100 * total) / BUDGET).toFixed(0)}%)`,
);
console.log(`pages loaded on visit:    ${kB(lazyTotal)} gzipped in ${lazy.length} chunks`);
if (total > BUDGET) {
  console.error(`over budget by ${kB(total - BUDGET)}`);
  process.exit(1);
}
