import type { Hex, PublicClient } from "viem";
import { generatePrivateKey } from "viem/accounts";
import { openSqlite } from "../db/sqlite.ts";
import { HubError } from "./errors.ts";
import { Hub, type HubLimits } from "./hub.ts";
import { PowerReader } from "./power.ts";
import { ReceiptSigner } from "./receipts.ts";
import type { SpaceSettings } from "./spaces.ts";
import { HubStore } from "./store.ts";
import { tally, type VotingType } from "./tally/index.ts";

/** One entry of a hub's export (`GET /api/hub/messages`): the envelope as signed, with its place and arrival. */
export type ExportedMessage = {
  seq: number;
  id: Hex;
  receivedAt: number;
  address: string;
  sig: string;
  data: unknown;
};

/** What a rebuild found: every message re-verified, and each proposal's scores recomputed from scratch. */
export type Rebuilt = { messages: number; proposals: Map<string, number[]> };

/**
 * Rebuilds a hub's whole state from its export, trusting nothing in it: every message goes through the same pipeline
 * (signature, domain, semantic checks, power read from the chain at each proposal's snapshot) on the clock it was
 * received at, in order. Throws, naming the message, at the first one this pipeline would not have accepted or whose
 * id is not its hash.
 */
export async function rebuild(
  messages: ExportedMessage[],
  p: {
    chainId: number;
    spaces: Map<string, SpaceSettings>;
    client: PublicClient;
    /** The source hub's limits (its policy when it accepted them: `GET /api/hub`). */
    limits?: Partial<HubLimits>;
  },
): Promise<Rebuilt> {
  const db = openSqlite(":memory:");
  let clock = 0;
  const store = new HubStore(db);
  const hub = new Hub({
    chainId: p.chainId,
    spaces: new Map(p.spaces),
    store,
    client: p.client,
    power: new PowerReader(p.client),
    signer: new ReceiptSigner(generatePrivateKey()),
    limits: { ...p.limits, maxBodyBytes: Number.MAX_SAFE_INTEGER },
    now: () => clock,
  });
  try {
    let last = 0;
    for (const m of messages) {
      if (m.seq <= last) throw new Error(`the export is out of order at message ${m.seq}`);
      last = m.seq;
      clock = Math.floor(m.receivedAt / 1000);
      let id: Hex;
      try {
        ({ id } = await hub.ingest(Buffer.from(JSON.stringify({ address: m.address, sig: m.sig, data: m.data }))));
      } catch (error) {
        const why = error instanceof HubError ? `${error.code}: ${error.message}` : String(error);
        throw new Error(`message ${m.seq} (${m.id}) does not verify: ${why}`);
      }
      if (id !== m.id) throw new Error(`message ${m.seq} claims id ${m.id}; its hash is ${id}`);
    }
    const proposals = new Map<string, number[]>();
    for (const space of hub.spaces.keys()) {
      for (const proposal of await store.proposals(space, 1_000_000)) {
        const r = tally(proposal.type as VotingType, proposal.choices.length, await store.ballots(proposal.id));
        proposals.set(proposal.id, r.scores);
      }
    }
    return { messages: messages.length, proposals };
  } finally {
    await store.flush();
    await db.close();
  }
}
