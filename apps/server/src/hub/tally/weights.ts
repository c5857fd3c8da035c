import { show } from "./invalid-vote.ts";

/**
 * A weighted or quadratic vote's split, read into reusable buffers: `index[k]` (0-based choice) gets `share[k]` of
 * the vote's power, for k < length; shares sum to 1.
 */
export type Weights = { index: Int32Array; share: Float64Array; length: number };

export function newWeights(choicesCount: number): Weights {
  return { index: new Int32Array(choicesCount), share: new Float64Array(choicesCount), length: 0 };
}

/**
 * Reads a weights choice, `{"1": 2, "3": 1}` (choice number → weight), into `into`, or says why it is not one.
 *
 * Valid: a non-array object with at least one key; every key a choice number written canonically ("1" to
 * String(choicesCount), no sign, no leading zero, so `__proto__` and "01" are refused); every weight a finite number
 * ≥ 0; the weights' sum positive and finite. Snapshot accepts more (Infinity, keys like "01" that it then ignores
 * while still counting their weight in the sum); refusing them keeps every stored vote's meaning unambiguous.
 */
export function readWeights(value: unknown, choicesCount: number, into: Weights): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `the choice must be an object of weights like {"1": 2, "3": 1}, not ${show(value)}`;
  }
  let length = 0;
  let sum = 0;
  for (const key in value) {
    const choice = choiceOfKey(key, choicesCount);
    if (choice === 0) return `key ${JSON.stringify(key)} is not a choice number from 1 to ${choicesCount}`;
    // Read by number, not by key: integer-keyed objects keep their values as elements, found faster by index.
    const weight: unknown = (value as Record<number, unknown>)[choice];
    if (typeof weight !== "number" || !(weight >= 0 && weight < Infinity)) {
      return `the weight of choice ${choice} must be a finite number ≥ 0, not ${show(weight)}`;
    }
    into.index[length] = choice - 1;
    into.share[length] = weight;
    length++;
    sum += weight;
  }
  if (length === 0) return "the weights are empty";
  if (!(sum > 0 && sum < Infinity)) return "the weights must have a positive, finite sum";
  for (let k = 0; k < length; k++) into.share[k] = (into.share[k] as number) / sum;
  into.length = length;
  return undefined;
}

/** The choice number a key names canonically (digits, no leading zero, ≤ choicesCount), or 0. */
function choiceOfKey(key: string, choicesCount: number): number {
  const n = key.length;
  if (n === 0 || n > 10) return 0;
  let choice = 0;
  for (let j = 0; j < n; j++) {
    const digit = key.charCodeAt(j) - 48;
    if (digit < 0 || digit > 9 || (j === 0 && digit === 0)) return 0;
    choice = choice * 10 + digit;
  }
  return choice <= choicesCount ? choice : 0;
}
