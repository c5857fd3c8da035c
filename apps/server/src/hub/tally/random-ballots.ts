import type { Ballot, VotingType } from "./types.ts";

/**
 * Seeded random ballots, for the tests' properties and the benchmark: the same seed gives the same ballots, so a
 * failing case replays. Every ballot is valid for its type.
 */

/** Mulberry32: a small, fast PRNG with a 32-bit state; numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates, in place. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

export type RandomBallotsOptions = {
  count: number;
  choicesCount: number;
  strategiesCount: number;
  random: () => number;
  /** Ranked-choice ballots rank every choice (Snapshot counts only those); otherwise 1 to all of them. */
  fullRankings?: boolean;
  /** Powers are integers 0 to 3, so that ties are frequent and exact (integer sums do not round). */
  smallIntegerPowers?: boolean;
};

/**
 * `count` ballots. Powers are continuous in [0, 1000) (so exact ties are unlikely) and 0 one time in ten, unless
 * `smallIntegerPowers`; approval sets may be empty; weights are integers 0 to 9, the first one positive.
 */
export function randomBallots(type: VotingType, options: RandomBallotsOptions): Ballot[] {
  const { count, choicesCount: n, strategiesCount, random } = options;
  const pick = () => 1 + Math.floor(random() * n);
  /** The first k of a random order of the choices, for k in [min, n]. */
  const someChoices = (min: number) => {
    const order = shuffle(
      Array.from({ length: n }, (_, i) => i + 1),
      random,
    );
    return order.slice(0, min + Math.floor(random() * (n - min + 1)));
  };
  const ballots: Ballot[] = [];
  for (let v = 0; v < count; v++) {
    const power = Array.from({ length: strategiesCount }, () =>
      options.smallIntegerPowers ? Math.floor(random() * 4) : random() < 0.1 ? 0 : random() * 1000,
    );
    let choice: unknown;
    switch (type) {
      case "single-choice":
      case "basic":
        choice = pick();
        break;
      case "approval":
        choice = someChoices(0);
        break;
      case "ranked-choice":
        choice = someChoices(options.fullRankings ? n : 1);
        break;
      case "weighted":
      case "quadratic": {
        const weights: Record<string, number> = {};
        for (const [k, c] of someChoices(1).entries()) {
          weights[c] = k === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10);
        }
        choice = weights;
        break;
      }
    }
    ballots.push({ choice, power });
  }
  return ballots;
}
