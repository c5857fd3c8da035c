/** Pure reading of the indexer's events into a model's lifecycle and its usage/revenue over time. */

export const STAGES = ["Draft", "Staging", "Production", "Deprecated", "Archived"] as const;
export const ROLES = ["Data", "Model", "Code", "Ops", "Other"] as const;

export const stageName = (n: number | bigint) => STAGES[Number(n)] ?? `stage ${n}`;
export const roleName = (n: number | bigint) => ROLES[Number(n)] ?? `role ${n}`;

/** An indexed event as `/api/events` returns it. */
export type IndexedEvent = {
  id: string;
  blockNumber: number;
  blockTime: number | null;
  transactionHash: string;
  contract: string;
  event: string;
  args: Record<string, unknown>;
};

/** A channel as `/api/channels` returns it. */
export type IndexedChannel = { channelId: string; endpointId: string; customer: string; deposit: string; paid: string };

export type TimelineEntry = { id: string; time: number | null; block: number; title: string; detail?: string };

const s = (v: unknown) => String(v ?? "");

/** The model's history: registration, versions and every stage move, endpoints, contributors, transfers. */
export function timelineOf(events: IndexedEvent[], modelId: string): TimelineEntry[] {
  const endpointModel = new Map<string, string>();
  const out: TimelineEntry[] = [];
  for (const e of events) {
    if (e.contract !== "ModelRegistry") continue;
    const a = e.args;
    if (e.event === "EndpointCreated") endpointModel.set(s(a.endpointId), s(a.modelId));
    const mine = s(a.modelId) === modelId || endpointModel.get(s(a.endpointId)) === modelId;
    if (!mine) continue;
    const at = { id: e.id, time: e.blockTime, block: e.blockNumber };
    switch (e.event) {
      case "ModelRegistered":
        out.push({ ...at, title: `Registered "${s(a.name)}" by DAO ${s(a.daoId)}` });
        break;
      case "VersionAdded": {
        const input = (a.input ?? {}) as Record<string, unknown>;
        out.push({ ...at, title: `Version ${s(a.versionId)} added (Draft)`, detail: s(input.uri) });
        break;
      }
      case "VersionStageChanged":
        out.push({
          ...at,
          title: `Version ${s(a.versionId)}: ${stageName(Number(a.from))} → ${stageName(Number(a.to))}`,
        });
        break;
      case "EndpointCreated":
        out.push({ ...at, title: `Endpoint ${s(a.endpointId)} opened for version ${s(a.versionId)}` });
        break;
      case "EndpointUpdated":
        out.push({ ...at, title: `Endpoint ${s(a.endpointId)} updated` });
        break;
      case "EndpointActiveSet":
        out.push({ ...at, title: `Endpoint ${s(a.endpointId)} switched ${a.active ? "on" : "off"}` });
        break;
      case "ContributorsSet":
        out.push({ ...at, title: `Contributors set (revision ${s(a.revision)})` });
        break;
      case "ModelTransferred":
        out.push({ ...at, title: `Transferred from DAO ${s(a.fromDaoId)} to DAO ${s(a.toDaoId)}` });
        break;
    }
  }
  return out;
}

export type SeriesPoint = { x: number; y: number };

/** Cumulative revenue (in base units, as a number for charts) of a model from its RevenueSplit events. */
export function revenueSeries(
  events: IndexedEvent[],
  modelId: string,
  token?: string,
): { points: SeriesPoint[]; total: bigint; toContributors: bigint; toDAO: bigint } {
  let total = 0n;
  let toContributors = 0n;
  let toDAO = 0n;
  const points: SeriesPoint[] = [];
  for (const e of events) {
    if (e.event !== "RevenueSplit" || s(e.args.modelId) !== modelId || e.blockTime === null) continue;
    if (token && s(e.args.token).toLowerCase() !== token.toLowerCase()) continue;
    total += BigInt(s(e.args.total) || "0");
    toContributors += BigInt(s(e.args.toContributors) || "0");
    toDAO += BigInt(s(e.args.toDAO) || "0");
    points.push({ x: e.blockTime, y: Number(total) });
  }
  return { points, total, toContributors, toDAO };
}

/**
 * Cumulative paid units over time: each redemption's payment on a channel to one of the model's endpoints, divided by
 * that endpoint's unit price (a redemption pays whole units: the gateway charges units × price).
 */
export function paidUnitsSeries(
  events: IndexedEvent[],
  channels: IndexedChannel[],
  unitPrices: Map<string, bigint>,
): { points: SeriesPoint[]; total: bigint } {
  const endpointOf = new Map(channels.map((c) => [c.channelId.toLowerCase(), c.endpointId]));
  let total = 0n;
  const points: SeriesPoint[] = [];
  for (const e of events) {
    if (e.event !== "Redeemed" || e.blockTime === null) continue;
    const endpoint = endpointOf.get(s(e.args.channelId).toLowerCase());
    const price = endpoint ? unitPrices.get(endpoint) : undefined;
    if (!price) continue;
    total += BigInt(s(e.args.paid) || "0") / price;
    points.push({ x: e.blockTime, y: Number(total) });
  }
  return { points, total };
}

/**
 * A cumulative series as steps from `start` (at zero) to `end` (at its last value), so that a single event still
 * draws a line and each jump shows when it happened.
 */
export function stepped(points: SeriesPoint[], start: number | null, end: number): SeriesPoint[] {
  if (points.length === 0) return [];
  const first = (points[0] as SeriesPoint).x;
  const out: SeriesPoint[] = [{ x: Math.min(start ?? first, first), y: 0 }];
  let last = 0;
  for (const p of points) {
    out.push({ x: p.x, y: last }, p);
    last = p.y;
  }
  out.push({ x: Math.max(end, (points.at(-1) as SeriesPoint).x), y: last });
  return out;
}

/** When the first channel to one of the given endpoints opened (unix s), if any did. */
export function usageStart(events: IndexedEvent[], endpoints: Map<string, unknown>): number | null {
  const first = events.find(
    (e) => e.event === "ChannelOpened" && endpoints.has(s(e.args.endpointId)) && e.blockTime !== null,
  );
  return first?.blockTime ?? null;
}
