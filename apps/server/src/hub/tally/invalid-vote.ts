/** The error a counter throws for a vote that `validateChoice` would have refused (a bug where votes are stored). */
export function invalidVote(index: number, message: string): TypeError {
  return new TypeError(`vote ${index} cannot be counted: ${message}`);
}

/** A value as an error message shows it: numbers and strings as written, anything else by its kind. */
export function show(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
