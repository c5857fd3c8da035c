import { HUB_TYPES } from "@aidao/sdk";
import type { Address, Hex } from "viem";
import { HubError } from "./errors.ts";

/** The message kinds the hub accepts, by EIP-712 primary type (votes in three shapes of choice). */
export type MessageKind = keyof typeof HUB_TYPES;

/** A signed message as Snapshot's clients send it: `{ address, sig, data: { domain, types, message } }`. */
export type Envelope = {
  address: Address;
  sig: Hex;
  data: {
    domain: Record<string, unknown>;
    types: Record<string, ReadonlyArray<{ name: string; type: string }>>;
    primaryType: string;
    message: Record<string, unknown>;
  };
  kind: MessageKind;
};

const decoder = new TextDecoder("utf-8", { fatal: true });
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_DEPTH = 4; // envelope → data → message → a weighted choice's object: nothing legitimate is deeper
const TYPE_KEYS = new Map<string, MessageKind>(
  (Object.entries(HUB_TYPES) as Array<[MessageKind, Record<string, unknown>]>).map(([kind, types]) => [
    JSON.stringify(types),
    kind,
  ]),
);

/**
 * Decodes and shape-checks a request body, before any signature or chain work: strict UTF-8, JSON, no prototype keys,
 * a bounded depth, and exactly the envelope's fields with the types of a message the hub knows.
 */
export function parseEnvelope(body: Uint8Array): Envelope {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new HubError("BAD_ENCODING", "the body is not valid UTF-8");
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HubError("BAD_ENVELOPE", "the body is not JSON");
  }
  checkShape(raw, 0);
  const e = raw as Record<string, unknown>;
  if (!isPlain(e)) throw new HubError("BAD_ENVELOPE", "the body must be a JSON object { address, sig, data }");
  onlyKeys(e, ["address", "sig", "data"], "the envelope");
  if (typeof e.address !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(e.address)) {
    throw new HubError("BAD_ENVELOPE", "address must be a 0x-prefixed 20-byte hex address");
  }
  if (typeof e.sig !== "string" || !/^0x([0-9a-fA-F]{2})+$/.test(e.sig) || e.sig.length > 2 + 2 * 4096) {
    throw new HubError("BAD_ENVELOPE", "sig must be a 0x-prefixed hex signature");
  }
  const data = e.data as Record<string, unknown>;
  if (!isPlain(data)) throw new HubError("BAD_ENVELOPE", "data must be an object { domain, types, message }");
  onlyKeys(data, ["domain", "types", "message", "primaryType"], "data");
  if (!isPlain(data.domain)) throw new HubError("BAD_ENVELOPE", "data.domain must be an object");
  if (!isPlain(data.types)) throw new HubError("BAD_ENVELOPE", "data.types must be an object");
  if (!isPlain(data.message)) throw new HubError("BAD_ENVELOPE", "data.message must be an object");
  const types = { ...(data.types as Record<string, unknown>) };
  delete types.EIP712Domain; // some clients include it; the domain is checked on its own
  const kind = TYPE_KEYS.get(JSON.stringify(types));
  if (!kind) {
    throw new HubError(
      "UNKNOWN_TYPE",
      `data.types is not a message type this hub knows (${Object.keys(HUB_TYPES).join(", ")}, as Snapshot defines them)`,
    );
  }
  const primaryType = Object.keys(types)[0] as string;
  if (data.primaryType !== undefined && data.primaryType !== primaryType) {
    throw new HubError("BAD_ENVELOPE", `data.primaryType is ${String(data.primaryType)}, the types say ${primaryType}`);
  }
  const message = data.message as Record<string, unknown>;
  const fields = (HUB_TYPES[kind] as Record<string, ReadonlyArray<{ name: string; type: string }>>)[primaryType] ?? [];
  onlyKeys(
    message,
    fields.map((f) => f.name),
    "data.message",
  );
  for (const f of fields) checkField(message, f.name, f.type);
  return {
    address: e.address as Address,
    sig: e.sig as Hex,
    data: { domain: data.domain as Record<string, unknown>, types: types as never, primaryType, message },
    kind,
  };
}

function checkField(message: Record<string, unknown>, name: string, type: string): void {
  const v = message[name];
  const bad = (what: string) => new HubError("BAD_ENVELOPE", `data.message.${name} must be ${what}`);
  switch (type) {
    case "string":
      if (typeof v !== "string") throw bad("a string");
      return;
    case "string[]":
      if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw bad("an array of strings");
      return;
    case "address":
      if (typeof v !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw bad("an address");
      return;
    case "uint64":
    case "uint32":
      if (!isUint(v, type === "uint32" ? 2 ** 32 - 1 : Number.MAX_SAFE_INTEGER)) throw bad(`a ${type} integer`);
      return;
    case "uint32[]":
      if (!Array.isArray(v) || !v.every((x) => isUint(x, 2 ** 32 - 1))) throw bad("an array of uint32 integers");
      return;
    default:
      throw bad(`of type ${type}`);
  }
}

const isUint = (v: unknown, max: number) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v <= max;

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function onlyKeys(o: Record<string, unknown>, allowed: string[], where: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new HubError("BAD_ENVELOPE", `${where} has an unknown field "${k}"`);
  }
}

function checkShape(v: unknown, depth: number): void {
  if (typeof v !== "object" || v === null) return;
  if (depth > MAX_DEPTH) throw new HubError("BAD_ENVELOPE", `the JSON is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(v)) {
    for (const x of v) checkShape(x, depth + 1);
    return;
  }
  for (const k of Object.keys(v)) {
    if (FORBIDDEN_KEYS.has(k)) throw new HubError("BAD_ENVELOPE", `the key "${k}" is not allowed`);
    checkShape((v as Record<string, unknown>)[k], depth + 1);
  }
}
