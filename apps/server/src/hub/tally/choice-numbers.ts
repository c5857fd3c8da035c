import { show } from "./invalid-vote.ts";

/** A choice number: an integer from 1 to choicesCount (Snapshot's choices are 1-based). */
export function isChoiceNumber(value: unknown, choicesCount: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= choicesCount;
}

export function checkChoiceNumber(value: unknown, choicesCount: number): string | undefined {
  if (isChoiceNumber(value, choicesCount)) return undefined;
  return `${show(value)} is not a choice number from 1 to ${choicesCount}`;
}

/**
 * Checks an array of distinct choice numbers (approval's approved set, ranked-choice's ranking). Duplicates are
 * found with a stamp table rather than a Set so that checking a million ballots allocates nothing: `seen[i]` holds
 * the stamp of the last array that named choice i + 1, so each array needs only a stamp no earlier array used.
 */
export function checkChoiceNumbers(
  value: unknown,
  choicesCount: number,
  seen: Int32Array,
  stamp: number,
): string | undefined {
  if (!Array.isArray(value)) return `the choice must be an array of choice numbers, not ${show(value)}`;
  for (let k = 0; k < value.length; k++) {
    const c: unknown = value[k];
    if (!isChoiceNumber(c, choicesCount)) return `${show(c)} is not a choice number from 1 to ${choicesCount}`;
    if (seen[c - 1] === stamp) return `choice ${c} is listed twice`;
    seen[c - 1] = stamp;
  }
  return undefined;
}
