import { getJson, useServer } from "../../lib/api.ts";

/** One decoded event as the indexer answers `GET /api/events`. */
export type IndexedEvent = {
  id: string;
  blockNumber: number;
  blockTime: number;
  transactionHash: string;
  address: string;
  contract: string;
  event: string;
  args: Record<string, unknown>;
};

type Page = { events: IndexedEvent[]; nextCursor: string | null };

// Enough for the demo's and a long-lived chain's flows; beyond it the page says it shows the first pages only.
const MAX_PAGES = 20;

/** Every event matching `query` (e.g. `contract=Treasury&event=IncomeReceived`), following the indexer's pages. */
export async function fetchAllEvents(query: string): Promise<IndexedEvent[]> {
  const all: IndexedEvent[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Page = await getJson<Page>(`/api/events?${query}&limit=500${cursor ? `&cursor=${cursor}` : ""}`);
    all.push(...page.events);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all;
}

/** The events matching `query`, refreshed with every other read. */
export function useEvents(query: string) {
  return useServer<IndexedEvent[]>(`events:${query}`, { queryFn: () => fetchAllEvents(query) });
}
