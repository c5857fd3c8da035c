import type { UnitsRule } from "../gateway/catalogue.ts";
import { GatewayError } from "../gateway/errors.ts";
import type { ModelCall, ModelResult } from "./builtins.ts";

/**
 * Forwards a call to an upstream HTTP model and counts its units by the endpoint's declared rule. A failed upstream
 * call (network error, timeout, non-2xx, units that cannot be read) is an error the customer is not charged for.
 */
export async function callUpstream(
  url: string,
  rule: UnitsRule,
  call: ModelCall,
  timeoutMs: number,
): Promise<ModelResult> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      body: call.body,
      headers: {
        "content-type": call.contentType ?? "application/octet-stream",
        "x-aidao-max-units": String(call.maxUnits),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text(); // the timeout covers the body too
  } catch (cause) {
    throw new GatewayError("UPSTREAM_FAILED", `the upstream model did not answer: ${(cause as Error).message}`);
  }
  if (!response.ok) {
    throw new GatewayError("UPSTREAM_FAILED", `the upstream model answered ${response.status}`, {
      upstreamStatus: response.status,
    });
  }
  let json: unknown;
  try {
    json = text === "" ? null : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const units = countUnits(rule, response.headers, json);
  if (units === undefined || !Number.isSafeInteger(units) || units < 0) {
    throw new GatewayError(
      "UPSTREAM_FAILED",
      `the upstream's answer does not state its units as the endpoint declares (${describe(rule)})`,
    );
  }
  if (units > call.maxUnits) {
    throw new GatewayError(
      "UPSTREAM_FAILED",
      `the upstream reported ${units} units, above the endpoint's maximum of ${call.maxUnits} per call`,
    );
  }
  return { units, result: json === undefined ? text : json };
}

function countUnits(rule: UnitsRule, headers: Headers, json: unknown): number | undefined {
  if (rule.kind === "fixed") return rule.units;
  if (rule.kind === "header") {
    const value = headers.get(rule.name);
    return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
  }
  const found = pointer(json, rule.pointer);
  if (Array.isArray(found)) return found.length;
  return typeof found === "number" ? found : undefined;
}

/** RFC 6901 JSON pointer. */
function pointer(doc: unknown, path: string): unknown {
  if (path === "") return doc;
  let at: unknown = doc;
  for (const raw of path.slice(1).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function describe(rule: UnitsRule): string {
  if (rule.kind === "fixed") return `fixed:${rule.units}`;
  return rule.kind === "header" ? `header:${rule.name}` : `json:${rule.pointer}`;
}
