// A passed proposal's Safe transaction: prepared by the hub once the vote closes and passes, signed by the Safe's
// owners one by one (each signature checked as the Safe will check it), then executed by anyone — the signatures
// authorise it, the sender only pays the gas. The hub keeps the SafeTx and the signatures; the chain says whether it
// was executed (the Safe's nonce and its ExecutionSuccess log, which the indexer also records).
import { type Address, encodeFunctionData, getAddress, type Hex, type PublicClient } from "viem";
import type { Database } from "../db/database.ts";
import { HubError } from "./errors.ts";
import type { Hub } from "./hub.ts";
import { passed, proposalOr404, resultsOf } from "./results.ts";
import { SafeError } from "./safe/errors.ts";
import { execTransactionCall, safeTxStatus } from "./safe/execute.ts";
import { parseSafePayload, type SafePayload } from "./safe/payload.ts";
import {
  buildSafeTx,
  type PreparedSafeTx,
  type PreparedSafeTxJSON,
  preparedSafeTxFromJSON,
  preparedSafeTxToJSON,
  safeTxTypedData,
} from "./safe/safeTx.ts";
import { type OwnerSignature, packSignatures, readSafe, verifyOwnerSignature } from "./safe/signatures.ts";
import type { SpaceSettings } from "./spaces.ts";

export type ExecutionState =
  /** The proposal carries no payload. */
  | "none"
  /** Voting has not closed. */
  | "voting"
  /** Closed without passing, or cancelled: nothing to execute. */
  | "rejected"
  /** Passed: the owners are signing. */
  | "collecting"
  /** Enough owners signed: anyone can execute it (`execute` is the transaction to send). */
  | "ready"
  /** Earlier Safe transactions must execute first. */
  | "queued"
  /** The Safe executed it. */
  | "executed";

/** Where a proposal's execution stands, as `GET /api/hub/proposals/<id>/execution` answers. */
export type ExecutionStatus = {
  proposal: string;
  state: ExecutionState;
  why?: string;
  payload?: { safe: Address; chainId: number; transactions: Array<{ to: Address; value: string; data: Hex }> };
  safeTx?: PreparedSafeTxJSON;
  /** The SafeTx as EIP-712 typed data: what an owner's wallet signs (`signTypedData`). */
  typedData?: unknown;
  owners?: Address[];
  threshold?: number;
  signatures?: Array<{ owner: Address; signature: Hex }>;
  /** The transaction that executes it (`ready`): anyone may send it. */
  execute?: { to: Address; data: Hex };
  executed?: { txHash: Hex; blockNumber: string; success: boolean };
};

type Row = { proposal: string; safe: string; chain_id: number; safe_tx: string; safe_tx_hash: string };
/** What `safe_tx` holds: the prepared SafeTx and the block it was prepared at (where to look for its execution). */
type Stored = { prepared: PreparedSafeTxJSON; block: string };

const payloadJson = (p: SafePayload) => ({
  safe: p.safe,
  chainId: p.chainId,
  transactions: p.transactions.map((t) => ({ to: t.to, value: t.value.toString(), data: t.data })),
});

/** Safe's refusals as the hub's errors (a stable code, a 4xx). */
function asHubError(e: unknown): unknown {
  if (!(e instanceof SafeError)) return e;
  const code = e.code as string;
  if (code === "NOT_OWNER") return new HubError("NOT_ALLOWED", e.message, e.details);
  if (code === "DUPLICATE_SIGNER") return new HubError("DUPLICATE", e.message, e.details);
  if (code === "SIGNATURE_MALFORMED" || code === "SIGNATURE_HIGH_S") {
    return new HubError("INVALID_SIGNATURE", e.message, e.details);
  }
  return new HubError("NOT_EXECUTABLE", e.message, { code, ...e.details });
}

/** The payload a proposal carries, validated against its space (its Safe, this chain); undefined if none. */
export function payloadOf(plugins: string, space: SpaceSettings, chainId: number): SafePayload | undefined {
  let payload: SafePayload | undefined;
  try {
    payload = parseSafePayload(plugins, { chainId, ...(space.safe ? { safe: space.safe } : {}) });
  } catch (e) {
    throw new HubError("INVALID_PROPOSAL", `plugins: ${(e as Error).message}`, (e as SafeError).details ?? {});
  }
  if (payload && !space.safe) {
    throw new HubError("INVALID_PROPOSAL", `space ${space.id} has no Safe: its proposals cannot carry transactions`);
  }
  return payload;
}

export class Executions {
  private readonly hub: Hub;
  private readonly db: Database;
  private readonly client: PublicClient;
  private readonly multiSendCallOnly: Address | undefined;
  private readonly now: () => number;

  constructor(p: {
    hub: Hub;
    db: Database;
    client: PublicClient;
    multiSendCallOnly?: Address | undefined;
    now?: () => number;
  }) {
    this.hub = p.hub;
    this.db = p.db;
    this.client = p.client;
    this.multiSendCallOnly = p.multiSendCallOnly;
    this.now = p.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /**
   * Where the proposal's execution stands. The first look after it passes prepares the SafeTx at the Safe's nonce;
   * if another Safe transaction takes that nonce first, the SafeTx is prepared again at the next one (the owners
   * sign again: their signatures were for the old nonce).
   */
  async status(proposalId: string): Promise<ExecutionStatus> {
    const p = await proposalOr404(this.hub, proposalId);
    const space = await this.hub.space(p.space);
    const payload = payloadOf(p.plugins, space, this.hub.chainId);
    if (!payload) return { proposal: p.id, state: "none" };
    const base = { proposal: p.id, payload: payloadJson(payload) };
    if (p.cancelled) return { ...base, state: "rejected", why: "the proposal was cancelled" };
    const r = await resultsOf(this.hub, p, this.now());
    if (r.state !== "closed") return { ...base, state: "voting", why: `voting ends at ${p.end}` };
    const outcome = passed(r);
    if (!outcome.passed) return { ...base, state: "rejected", why: outcome.why };

    let { prepared, block } = await this.prepared(p.id, payload);
    let chain = await safeTxStatus(this.client, prepared, { fromBlock: block });
    if (chain.status === "replaced") {
      ({ prepared, block } = await this.prepare(p.id, payload, prepared.hash));
      chain = await safeTxStatus(this.client, prepared, { fromBlock: block });
    }
    const safe = await readSafe(this.client, prepared.safe);
    const all = await this.signatures(p.id);
    // An owner removed since signing no longer counts.
    const counted = all.filter((s) => safe.owners.includes(s.owner));
    const out: ExecutionStatus = {
      ...base,
      state: "collecting",
      why: outcome.why,
      safeTx: preparedSafeTxToJSON(prepared),
      typedData: jsonSafe(safeTxTypedData(prepared)),
      owners: safe.owners,
      threshold: safe.threshold,
      signatures: counted.map((s) => ({ owner: s.owner, signature: s.signature })),
    };
    if (chain.status === "executed") {
      return {
        ...out,
        state: "executed",
        executed: { txHash: chain.txHash, blockNumber: chain.blockNumber.toString(), success: chain.success },
      };
    }
    if (chain.status === "queued")
      return { ...out, state: "queued", why: `${chain.pending} Safe transaction(s) first` };
    if (counted.length < safe.threshold) return out;
    return {
      ...out,
      state: "ready",
      execute: {
        to: prepared.safe,
        data: encodeFunctionData(execTransactionCall(prepared, packSignatures(counted, safe.threshold))),
      },
    };
  }

  /** Adds an owner's signature of the proposal's SafeTx (checked as the Safe will check it); answers the new status. */
  async sign(proposalId: string, signature: unknown): Promise<ExecutionStatus> {
    if (typeof signature !== "string") throw new HubError("BAD_ENVELOPE", "the body must be { signature: 0x… }");
    const status = await this.status(proposalId);
    if (status.state !== "collecting" && status.state !== "queued") {
      throw new HubError("NOT_EXECUTABLE", `proposal ${proposalId} is not collecting signatures (${status.state})`, {
        state: status.state,
      });
    }
    const safeTx = status.safeTx as PreparedSafeTxJSON;
    const collected = (status.signatures ?? []).map((s) => ({ ...s, kind: "eip712" as const }));
    let verified: OwnerSignature;
    try {
      verified = await verifyOwnerSignature(safeTx.hash, signature as Hex, { owners: status.owners ?? [], collected });
    } catch (e) {
      throw asHubError(e);
    }
    const inserted = await this.db.run(
      `INSERT INTO hub_execution_signatures (proposal, signer, signature, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (proposal, signer) DO NOTHING`,
      [status.proposal, verified.owner, verified.signature, Date.now()],
    );
    if (inserted === 0) throw new HubError("DUPLICATE", `${verified.owner} already signed`, { signer: verified.owner });
    return this.status(proposalId);
  }

  private async signatures(proposal: string): Promise<OwnerSignature[]> {
    const rows = await this.db.all<{ signer: string; signature: string }>(
      "SELECT signer, signature FROM hub_execution_signatures WHERE proposal = ? ORDER BY signer",
      [proposal],
    );
    return rows.map((r) => ({ owner: getAddress(r.signer), signature: r.signature as Hex, kind: "eip712" }));
  }

  /** The stored SafeTx, or one prepared now (replicas racing: the first insert wins, the others read it). */
  private async prepared(proposal: string, payload: SafePayload): Promise<{ prepared: PreparedSafeTx; block: bigint }> {
    const row = await this.db.get<Row>("SELECT * FROM hub_executions WHERE proposal = ?", [proposal]);
    if (row) return fromRow(row);
    return this.prepare(proposal, payload);
  }

  /** Prepares the SafeTx at the Safe's nonce now: a first time, or again in place of `replacing` (signatures dropped). */
  private async prepare(
    proposal: string,
    payload: SafePayload,
    replacing?: Hex,
  ): Promise<{ prepared: PreparedSafeTx; block: bigint }> {
    const block = await this.client.getBlockNumber({ cacheTime: 0 });
    let safe: Awaited<ReturnType<typeof readSafe>>;
    try {
      safe = await readSafe(this.client, payload.safe, { blockNumber: block });
    } catch (e) {
      throw asHubError(e);
    }
    const prepared = buildSafeTx(payload, safe.nonce, {
      ...(this.multiSendCallOnly ? { multiSendCallOnly: this.multiSendCallOnly } : {}),
    });
    const stored = JSON.stringify({ prepared: preparedSafeTxToJSON(prepared), block: block.toString() } as Stored);
    await this.db.transaction(async (tx) => {
      if (replacing) {
        const changed = await tx.run(
          "UPDATE hub_executions SET safe_tx = ?, safe_tx_hash = ?, threshold = ? WHERE proposal = ? AND safe_tx_hash = ?",
          [stored, prepared.hash, safe.threshold, proposal, replacing],
        );
        if (changed > 0) await tx.run("DELETE FROM hub_execution_signatures WHERE proposal = ?", [proposal]);
      } else {
        await tx.run(
          `INSERT INTO hub_executions (proposal, safe, chain_id, safe_tx, safe_tx_hash, threshold, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (proposal) DO NOTHING`,
          [proposal, prepared.safe, prepared.chainId, stored, prepared.hash, safe.threshold, Date.now()],
        );
      }
    });
    return fromRow((await this.db.get<Row>("SELECT * FROM hub_executions WHERE proposal = ?", [proposal])) as Row);
  }
}

function fromRow(row: Row): { prepared: PreparedSafeTx; block: bigint } {
  const stored = JSON.parse(row.safe_tx) as Stored;
  return { prepared: preparedSafeTxFromJSON(stored.prepared), block: BigInt(stored.block) };
}

/** Typed data with its bigints as decimal strings (JSON); wallets accept uint256 fields as strings. */
function jsonSafe(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x)));
}
