// The hub's tally (apps/server/src/hub/tally): time to count 10k, 100k and 1M seeded random votes of each voting
// type, 5 choices, 1 strategy, on the machine at hand, and the targets: single choice 1M < 2 s; quadratic and
// ranked choice 1M < 10 s. Each figure is the median of a few runs after one warm-up (times are noisy). Ranked
// ballots rank 1 to 5 choices, so runoffs move votes and exhaust some.
//   node bench/hub/tally.ts
import { tally, type VotingType } from "../../apps/server/src/hub/tally/index.ts";
import { randomBallots, seededRandom } from "../../apps/server/src/hub/tally/random-ballots.ts";

const SIZES = [10_000, 100_000, 1_000_000];
const TYPES: VotingType[] = ["single-choice", "basic", "approval", "weighted", "quadratic", "ranked-choice"];
const TARGETS: Array<{ type: VotingType; size: number; seconds: number }> = [
  { type: "single-choice", size: 1_000_000, seconds: 2 },
  { type: "quadratic", size: 1_000_000, seconds: 10 },
  { type: "ranked-choice", size: 1_000_000, seconds: 10 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const label = (size: number) => (size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`);
const format = (ms: number) => (ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);

const ms = new Map<string, number>();
for (const type of TYPES) {
  const choicesCount = type === "basic" ? 3 : 5;
  for (const size of SIZES) {
    const votes = randomBallots(type, { count: size, choicesCount, strategiesCount: 1, random: seededRandom(size) });
    let total = tally(type, choicesCount, votes).scoresTotal; // warm-up
    const runs: number[] = [];
    for (let r = 0; r < (size < 1_000_000 ? 5 : 3); r++) {
      const t0 = performance.now();
      total += tally(type, choicesCount, votes).scoresTotal;
      runs.push(performance.now() - t0);
    }
    if (!(total > 0)) throw new Error(`${type}: the votes carried no power`);
    ms.set(`${type} ${size}`, median(runs));
  }
}

const rows = [
  ["type", ...SIZES.map((s) => `${label(s)} votes`), "votes/s at 1M"],
  ...TYPES.map((type) => [
    type,
    ...SIZES.map((size) => format(ms.get(`${type} ${size}`) as number)),
    `${Math.round(1_000_000 / ((ms.get(`${type} 1000000`) as number) / 1000)).toLocaleString("en")}`,
  ]),
];
const widths = (rows[0] as string[]).map((_, c) => Math.max(...rows.map((r) => (r[c] as string).length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c] as number)).join("  "));
console.log();
for (const { type, size, seconds } of TARGETS) {
  const t = ms.get(`${type} ${size}`) as number;
  console.log(
    `target: ${type}, ${size / 1e6}M votes < ${seconds} s: ${format(t)} ${t < seconds * 1000 ? "ok" : "MISSED"}`,
  );
}
