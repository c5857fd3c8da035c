import { IndexerError } from "./errors.ts";
import type { Position } from "./store.ts";

/**
 * A query parameter, described once: the routes validate with it and the OpenAPI document is generated from it, so the
 * two cannot disagree.
 */
export type QueryParam =
  | { name: string; description: string; type: "integer"; minimum: number; maximum?: number; default?: number }
  | { name: string; description: string; type: "string"; pattern: string; example?: string };

const MAX_BLOCK = Number.MAX_SAFE_INTEGER;

/** `<block>-<logIndex>`: an event's id, and a page cursor. */
export const CURSOR_PATTERN = "^[0-9]{1,15}-[0-9]{1,9}$";

export const CURSOR: QueryParam = {
  name: "cursor",
  description: "`nextCursor` of the previous page (`<block>-<logIndex>` of its last row).",
  type: "string",
  pattern: CURSOR_PATTERN,
  example: "1234-7",
};
export const limit = (max: number, fallback: number): QueryParam => ({
  name: "limit",
  description: `Rows per page (at most ${max}).`,
  type: "integer",
  minimum: 1,
  maximum: max,
  default: fallback,
});
const block = (name: string, description: string): QueryParam => ({
  name,
  description,
  type: "integer",
  minimum: 0,
  maximum: MAX_BLOCK,
});
const address = (name: string, description: string): QueryParam => ({
  name,
  description,
  type: "string",
  pattern: "^0x[0-9a-fA-F]{40}$",
});
const uint = (name: string, description: string): QueryParam => ({
  name,
  description,
  type: "string",
  pattern: "^[0-9]{1,78}$",
});
const identifier = (name: string, description: string, example: string): QueryParam => ({
  name,
  description,
  type: "string",
  pattern: "^[A-Za-z][A-Za-z0-9_]{0,63}$",
  example,
});

export const EVENTS_QUERY: QueryParam[] = [
  identifier("contract", "The emitting contract's name (e.g. `UsageChannels`, `ChildGovernor`).", "UsageChannels"),
  identifier("event", "The event's name.", "ChannelOpened"),
  address("address", "The emitting contract's address."),
  uint("dao", "The id of the DAO the emitting contract belongs to."),
  block("fromBlock", "The first block (inclusive)."),
  block("toBlock", "The last block (inclusive)."),
  CURSOR,
  limit(500, 100),
];
export const PROPOSALS_QUERY: QueryParam[] = [
  uint("dao", "Only this DAO's proposals."),
  address("governor", "Only this governor's proposals."),
  CURSOR,
  limit(500, 100),
];
export const CHANNELS_QUERY: QueryParam[] = [
  address("customer", "Only this customer's channels."),
  uint("endpointId", "Only channels to this endpoint."),
  CURSOR,
  limit(500, 100),
];
export const SAFE_EXECUTIONS_QUERY: QueryParam[] = [
  address("safe", "Only this Safe's executions."),
  {
    name: "safeTxHash",
    description: "Only the execution of this SafeTx hash.",
    type: "string",
    pattern: "^0x[0-9a-fA-F]{64}$",
  },
  CURSOR,
  limit(500, 100),
];
export const STREAM_QUERY: QueryParam[] = [
  {
    ...CURSOR,
    name: "after",
    description:
      "Replay the stored events after this position before the live ones (the `Last-Event-ID` header does the same).",
  },
];

export type ParsedQuery = Record<string, string | number | undefined>;

/** Validates a request's query against its parameters: unknown or malformed parameters are a 400 naming the culprit. */
export function parseQuery(query: Record<string, string>, params: QueryParam[]): ParsedQuery {
  const out: ParsedQuery = {};
  const known = new Set(params.map((p) => p.name));
  for (const name of Object.keys(query)) {
    if (!known.has(name)) {
      throw new IndexerError(
        "BAD_QUERY",
        `unknown parameter ?${name} (this route takes ${[...known].map((k) => `?${k}`).join(", ") || "none"})`,
        name,
      );
    }
  }
  for (const p of params) {
    const raw = query[p.name];
    if (raw === undefined) {
      out[p.name] = p.type === "integer" ? p.default : undefined;
      continue;
    }
    if (p.type === "integer") {
      const n = /^[0-9]{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < p.minimum || (p.maximum !== undefined && n > p.maximum)) {
        const range =
          p.maximum === MAX_BLOCK || p.maximum === undefined ? `≥ ${p.minimum}` : `${p.minimum}..${p.maximum}`;
        throw new IndexerError("BAD_QUERY", `?${p.name} must be an integer ${range}, not "${raw}"`, p.name);
      }
      out[p.name] = n;
    } else {
      if (!new RegExp(p.pattern).test(raw)) {
        throw new IndexerError("BAD_QUERY", `?${p.name} must match ${p.pattern}, not "${raw.slice(0, 80)}"`, p.name);
      }
      out[p.name] = raw;
    }
  }
  return out;
}

/** A cursor (`<block>-<logIndex>`) as a position; the pattern has already been checked. */
export function position(cursor: string | number | undefined): Position | undefined {
  if (cursor === undefined) return undefined;
  const [block, logIndex] = String(cursor).split("-");
  return { block: Number(block), logIndex: Number(logIndex) };
}
