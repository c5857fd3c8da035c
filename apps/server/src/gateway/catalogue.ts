import { modelRegistryAbi } from "@aidao/sdk";
import type { Address, PublicClient } from "viem";
import { GatewayError } from "./errors.ts";

/**
 * How the units of a call are counted, declared in the endpoint's URL on chain (its fragment, which is never sent
 * upstream), so that every customer can read the rule they pay by:
 * - `units=header:X-Units` — a decimal integer in a response header;
 * - `units=json:/faces` — a JSON pointer into the response body: a number, or an array (its length);
 * - `units=fixed:1` — the same number for every successful call (the default).
 * `max=N` bounds the units of one call (the voucher covers price × max); the default is 1.
 */
export type UnitsRule =
  | { kind: "header"; name: string }
  | { kind: "json"; pointer: string }
  | { kind: "fixed"; units: number };

/** An endpoint of the ModelRegistry that this gateway serves. */
export type ServedEndpoint = {
  endpointId: bigint;
  modelId: bigint;
  versionId: bigint;
  daoId: bigint;
  modelName: string;
  /** The registry's URL as written on chain. */
  url: string;
  unit: string;
  paymentToken: Address;
  unitPrice: bigint;
  maxUnits: number;
  /** `builtin` runs in this process (`aidao:<name>`); `upstream` forwards the request to an HTTP URL. */
  target: { kind: "builtin"; name: string } | { kind: "upstream"; url: string; units: UnitsRule };
};

const BUILTIN = /^aidao:([a-z0-9-]+)$/;

/** Parses an endpoint URL from the registry into what the gateway does with it; undefined when it cannot serve it. */
export function parseTarget(url: string): { target: ServedEndpoint["target"]; maxUnits: number } | undefined {
  const hash = url.indexOf("#");
  const base = hash < 0 ? url : url.slice(0, hash);
  const params = new URLSearchParams(hash < 0 ? "" : url.slice(hash + 1));
  const max = params.get("max");
  if (max !== null && !/^[1-9]\d{0,8}$/.test(max)) return undefined;
  const builtin = BUILTIN.exec(base);
  if (builtin)
    return { target: { kind: "builtin", name: builtin[1] as string }, maxUnits: max === null ? 1 : Number(max) };
  if (!/^https?:\/\//.test(base)) return undefined;
  const units = parseUnitsRule(params.get("units") ?? "fixed:1");
  if (!units) return undefined;
  // A fixed number of units per call is also its maximum; a declared maximum below it could never be served.
  const maxUnits = max === null ? (units.kind === "fixed" ? Math.max(units.units, 1) : 1) : Number(max);
  if (units.kind === "fixed" && units.units > maxUnits) return undefined;
  return { target: { kind: "upstream", url: base, units }, maxUnits };
}

function parseUnitsRule(rule: string): UnitsRule | undefined {
  const [kind, arg] = [rule.slice(0, rule.indexOf(":")), rule.slice(rule.indexOf(":") + 1)];
  if (kind === "header" && /^[A-Za-z0-9-]+$/.test(arg)) return { kind, name: arg };
  if (kind === "json" && (arg === "" || arg.startsWith("/"))) return { kind, pointer: arg };
  if (kind === "fixed" && /^\d+$/.test(arg)) return { kind, units: Number(arg) };
  return undefined;
}

/**
 * The endpoints this gateway serves, read from the ModelRegistry: active endpoints whose URL is a built-in model it
 * has or an upstream HTTP URL. Re-read every `ttlMs` (prices and activation change by governance), and at once when
 * a request names an endpoint it does not know yet.
 */
export class Catalogue {
  private readonly client: PublicClient;
  private readonly modelRegistry: Address;
  private readonly builtins: Set<string>;
  private readonly ttlMs: number;
  private endpoints = new Map<bigint, ServedEndpoint>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(p: { client: PublicClient; modelRegistry: Address; builtins: Iterable<string>; ttlMs?: number }) {
    this.client = p.client;
    this.modelRegistry = p.modelRegistry;
    this.builtins = new Set(p.builtins);
    this.ttlMs = p.ttlMs ?? 15_000;
  }

  /** Every endpoint served now. */
  async list(): Promise<ServedEndpoint[]> {
    await this.fresh();
    return [...this.endpoints.values()];
  }

  /**
   * The endpoint a request names: an endpoint id (`/v1/endpoints/7`), or a model by id or name (`/v1/models/face`)
   * with one served endpoint (or `unit` to pick among several).
   */
  async resolve(by: { endpointId?: string; model?: string; unit?: string | undefined }): Promise<ServedEndpoint> {
    await this.fresh();
    const find = () => this.find(by);
    const found = find();
    if (found) return found;
    await this.reload(); // maybe new since the last read
    const again = find();
    if (again) return again;
    const what = by.endpointId !== undefined ? `endpoint ${by.endpointId}` : `model "${by.model}"`;
    throw new GatewayError("UNKNOWN_MODEL", `${what} is not served here (GET /v1/models lists what is)`, {
      ...(by.endpointId !== undefined ? { endpointId: by.endpointId } : { model: by.model }),
    });
  }

  private find(by: { endpointId?: string; model?: string; unit?: string | undefined }): ServedEndpoint | undefined {
    if (by.endpointId !== undefined) {
      if (!/^\d{1,20}$/.test(by.endpointId)) return undefined;
      return this.endpoints.get(BigInt(by.endpointId));
    }
    const key = by.model ?? "";
    const matches = [...this.endpoints.values()].filter(
      (e) => (/^\d{1,20}$/.test(key) && e.modelId === BigInt(key)) || e.modelName === key,
    );
    const picked = by.unit ? matches.filter((e) => e.unit === by.unit) : matches;
    if (picked.length > 1) {
      throw new GatewayError(
        "AMBIGUOUS_MODEL",
        `model "${key}" has ${picked.length} endpoints here: name one (/v1/endpoints/ID) or a unit (?unit=)`,
        { endpoints: picked.map((e) => `${e.endpointId} (${e.unit})`).join(", ") },
      );
    }
    return picked[0];
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt > this.ttlMs) await this.reload();
  }

  /** Re-reads the registry (one read at a time; concurrent callers share it). */
  reload(): Promise<void> {
    this.loading ??= this.read().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async read(): Promise<void> {
    const read = <T>(functionName: string, args: unknown[]) =>
      this.client.readContract({
        address: this.modelRegistry,
        abi: modelRegistryAbi,
        functionName,
        args,
      } as never) as Promise<T>;
    const count = await read<bigint>("endpointCount", []);
    const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
    type Endpoint = {
      modelId: bigint;
      versionId: bigint;
      daoId: bigint;
      url: string;
      unit: string;
      paymentToken: Address;
      unitPrice: bigint;
      active: boolean;
    };
    const endpoints = await Promise.all(ids.map((id) => read<Endpoint>("endpoint", [id])));
    const names = new Map<bigint, string>();
    const next = new Map<bigint, ServedEndpoint>();
    for (const [i, e] of endpoints.entries()) {
      if (!e.active) continue;
      const parsed = parseTarget(e.url);
      if (!parsed) continue;
      if (parsed.target.kind === "builtin" && !this.builtins.has(parsed.target.name)) continue;
      if (!names.has(e.modelId)) names.set(e.modelId, (await read<{ name: string }>("model", [e.modelId])).name);
      const endpointId = ids[i] as bigint;
      next.set(endpointId, {
        endpointId,
        modelId: e.modelId,
        versionId: e.versionId,
        daoId: e.daoId,
        modelName: names.get(e.modelId) as string,
        url: e.url,
        unit: e.unit,
        paymentToken: e.paymentToken,
        unitPrice: e.unitPrice,
        maxUnits: parsed.maxUnits,
        target: parsed.target,
      });
    }
    this.endpoints = next;
    this.loadedAt = Date.now();
  }
}
