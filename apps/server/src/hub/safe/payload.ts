import { type Address, getAddress, type Hex, isAddress, maxUint256, zeroAddress } from "viem";
import { SafePayloadError } from "./errors.ts";

/** At most this many transactions per proposal: enough for real batches, small enough to review and to execute. */
export const MAX_SAFE_TRANSACTIONS = 32;
/** At most this many bytes of calldata across a payload's transactions (the hub's body limit is 100 kB of JSON). */
export const MAX_SAFE_DATA_BYTES = 48 * 1024;

/** One call the Safe makes: `value` wei and `data` to `to`. Only calls (operation 0); never a delegatecall. */
export type SafeCall = { to: Address; value: bigint; data: Hex; operation: 0 };

/** A proposal's execution payload: the calls `safe` on chain `chainId` makes, in order, if the proposal passes. */
export type SafePayload = { safe: Address; chainId: number; transactions: SafeCall[] };

/** A payload as a client writes it: values as bigints or decimal strings, `operation` optional. */
export type SafePayloadInput = {
  safe: Address;
  chainId: number;
  transactions: ReadonlyArray<{ to: Address; value: bigint | string; data: Hex; operation?: 0 }>;
};

/** What the parse may insist on: the space's Safe and chain, so a proposal cannot point at another treasury. */
export type ParseSafePayloadOptions = { chainId?: number; safe?: Address };

const PAYLOAD_KEYS = new Set(["safe", "chainId", "transactions"]);
const TRANSACTION_KEYS = new Set(["to", "value", "data", "operation"]);
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HEX_BYTES = /^0x([0-9a-fA-F]{2})*$/;

const invalid = (field: string, problem: string, value?: unknown) =>
  new SafePayloadError("PAYLOAD_INVALID", `plugins.safe.${field} ${problem}`, {
    field,
    ...(value === undefined ? {} : { value }),
  });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Refuses keys the format does not define: a misspelt `operaton` must not silently default to something. */
function onlyKeys(o: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.has(key)) throw invalid(where ? `${where}.${key}` : key, "is not a known field");
  }
}

/** A strict address: checksummed or all one case (a mixed-case typo is refused by its checksum), returned checksummed. */
function address(v: unknown, field: string): Address {
  if (typeof v !== "string" || !isAddress(v, { strict: true })) throw invalid(field, "is not an address", v);
  return getAddress(v);
}

/**
 * Reads the Safe execution payload of a proposal's `plugins` (Snapshot's JSON string) strictly: unknown fields,
 * non-canonical numbers, odd hex and delegatecalls are refused with a {@link SafePayloadError} naming the field, so a
 * proposal is rejected when it is made rather than when it passes. No `plugins.safe` → `undefined` (a proposal
 * without execution).
 *
 * @example
 * import { parseSafePayload } from "./payload.ts";
 * const payload = parseSafePayload(proposal.plugins, { chainId: 31337, safe: space.safe });
 * if (payload) console.log(`${payload.transactions.length} transaction(s) for ${payload.safe}`);
 */
export function parseSafePayload(plugins: unknown, expected: ParseSafePayloadOptions = {}): SafePayload | undefined {
  if (plugins === undefined || plugins === null || plugins === "") return undefined;
  if (typeof plugins !== "string") {
    throw new SafePayloadError("PLUGINS_INVALID", "plugins must be a JSON string", { field: "plugins" });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plugins);
  } catch {
    throw new SafePayloadError("PLUGINS_INVALID", "plugins is not valid JSON", { field: "plugins" });
  }
  if (!isObject(parsed)) {
    throw new SafePayloadError("PLUGINS_INVALID", "plugins must be a JSON object", { field: "plugins" });
  }
  if (!Object.hasOwn(parsed, "safe")) return undefined;
  const raw = parsed.safe;
  if (!isObject(raw))
    throw new SafePayloadError("PAYLOAD_INVALID", "plugins.safe must be an object", { field: "plugins.safe" });
  onlyKeys(raw, PAYLOAD_KEYS, "");

  const safe = address(raw.safe, "safe");
  if (safe === zeroAddress) throw invalid("safe", "is the zero address");
  const chainId = raw.chainId;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId <= 0) {
    throw invalid("chainId", "is not a positive integer", chainId);
  }
  if (expected.chainId !== undefined && chainId !== expected.chainId) {
    throw new SafePayloadError("WRONG_CHAIN", `plugins.safe.chainId is ${chainId}, not ${expected.chainId}`, {
      field: "chainId",
      value: chainId,
      expected: expected.chainId,
    });
  }
  if (expected.safe !== undefined && safe !== getAddress(expected.safe)) {
    throw new SafePayloadError("WRONG_SAFE", `plugins.safe.safe is ${safe}, not the space's Safe ${expected.safe}`, {
      field: "safe",
      value: safe,
      expected: getAddress(expected.safe),
    });
  }

  const list = raw.transactions;
  if (!Array.isArray(list)) throw invalid("transactions", "is not a list");
  if (list.length < 1 || list.length > MAX_SAFE_TRANSACTIONS) {
    throw invalid("transactions", `must hold 1..${MAX_SAFE_TRANSACTIONS} transactions, not ${list.length}`);
  }
  let dataBytes = 0;
  const transactions = list.map((t: unknown, i): SafeCall => {
    const at = `transactions[${i}]`;
    if (!isObject(t)) throw invalid(at, "is not an object");
    onlyKeys(t, TRANSACTION_KEYS, at);
    const to = address(t.to, `${at}.to`);
    // A call to address zero burns the value and runs nothing: always a mistake in a payload.
    if (to === zeroAddress) throw invalid(`${at}.to`, "is the zero address");
    if (typeof t.value !== "string" || !DECIMAL.test(t.value)) {
      throw invalid(`${at}.value`, "is not a decimal string of wei", t.value);
    }
    const value = BigInt(t.value);
    if (value > maxUint256) throw invalid(`${at}.value`, "does not fit in a uint256", t.value);
    if (typeof t.data !== "string" || !HEX_BYTES.test(t.data)) {
      throw invalid(
        `${at}.data`,
        "is not 0x-prefixed hex bytes",
        typeof t.data === "string" ? t.data.slice(0, 80) : t.data,
      );
    }
    dataBytes += (t.data.length - 2) / 2;
    if (t.operation !== undefined && t.operation !== 0) {
      if (t.operation === 1) {
        throw new SafePayloadError(
          "DELEGATECALL_REFUSED",
          `plugins.safe.${at}.operation is 1 (delegatecall): a payload may only make calls (operation 0)`,
          { field: `${at}.operation`, value: 1 },
        );
      }
      throw invalid(`${at}.operation`, "must be 0 (call) when given", t.operation);
    }
    return { to, value, data: t.data.toLowerCase() as Hex, operation: 0 };
  });
  if (dataBytes > MAX_SAFE_DATA_BYTES) {
    throw invalid("transactions", `carry ${dataBytes} bytes of data, more than ${MAX_SAFE_DATA_BYTES}`);
  }
  return { safe, chainId, transactions };
}

/**
 * Writes `payload` as `plugins.safe` into a `plugins` JSON string (keeping any other plugins of `base`), for the web
 * app and the CLI to put in a proposal. It is validated as the hub will validate it, so a bad payload fails here.
 *
 * @example
 * import { encodeFunctionData, erc20Abi } from "viem";
 * import { buildSafePlugins } from "./payload.ts";
 * const plugins = buildSafePlugins({
 *   safe, chainId: 31337,
 *   transactions: [{ to: token, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, 1n] }) }],
 * });
 */
export function buildSafePlugins(payload: SafePayloadInput, base: string | Record<string, unknown> = {}): string {
  let others: unknown = base;
  if (typeof base === "string") {
    try {
      others = base === "" ? {} : JSON.parse(base);
    } catch {
      throw new SafePayloadError("PLUGINS_INVALID", "plugins is not valid JSON", { field: "plugins" });
    }
  }
  if (!isObject(others)) {
    throw new SafePayloadError("PLUGINS_INVALID", "plugins must be a JSON object", { field: "plugins" });
  }
  const plugins = JSON.stringify({
    ...others,
    safe: {
      safe: payload.safe,
      chainId: payload.chainId,
      transactions: payload.transactions.map((t) => ({
        to: t.to,
        value: typeof t.value === "bigint" ? t.value.toString() : t.value,
        data: t.data,
        operation: t.operation ?? 0,
      })),
    },
  });
  parseSafePayload(plugins);
  return plugins;
}
