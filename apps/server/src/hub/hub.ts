import { hubDomain, SNAPSHOT_DOMAIN } from "@aidao/sdk";
import { type Address, getAddress, type Hex, type PublicClient } from "viem";
import { refusedAs } from "../http/chainUnavailable.ts";
import { type Envelope, parseEnvelope } from "./envelope.ts";
import { HubError } from "./errors.ts";
import { payloadOf } from "./execution.ts";
import type { PowerReader } from "./power.ts";
import type { ReceiptSigner } from "./receipts.ts";
import { messageId, signedBy } from "./signature.ts";
import { applySpaceSettings, parseSpaceSettings, type SpaceOverlay } from "./spaceSettings.ts";
import type { SpaceSettings } from "./spaces.ts";
import type { HubStore, HubWriter, ProposalRow, StoredSpaceSettings } from "./store.ts";
import { type VotingType, validateChoice } from "./tally/index.ts";

/** Snapshot's sequencer defaults, configurable. */
export type HubLimits = {
  maxBodyBytes: number;
  titleChars: number;
  bodyChars: number;
  choices: number;
  proposalsPerDay: number;
  proposalsPerMonth: number;
  activeProposalsPerAuthor: number;
  /** How far a message's timestamp may be ahead of the hub's clock, and behind it, in seconds. */
  futureSeconds: number;
  pastSeconds: number;
};

export const DEFAULT_LIMITS: HubLimits = {
  maxBodyBytes: 100_000,
  titleChars: 256,
  bodyChars: 10_000,
  choices: 64,
  proposalsPerDay: 5,
  proposalsPerMonth: 25,
  activeProposalsPerAuthor: 20,
  futureSeconds: 30,
  pastSeconds: 300,
};

/** What the hub answers an accepted message with: its id, and the hub's signature of that id (its receipt). */
export type Receipt = { id: Hex; ipfs: string; relayer: { address: Address; receipt: Hex } };

const DAY_MS = 86_400_000;

/** A message's state change, applied in the write's transaction (it sees every message accepted before it). */
type Apply = (w: HubWriter) => Promise<void>;
type Overlay = { updated: number; messageId: string; overlay: SpaceOverlay };

/**
 * The off-chain governance hub: accepts Snapshot-style signed messages through one strict pipeline (shape, size,
 * timestamp window, domain, known type, signature, dedupe, semantic checks, one durable write) and keeps their state.
 */
export class Hub {
  readonly chainId: number;
  /** The spaces as they are now: derived from the chain, with their settings messages applied. */
  readonly spaces: Map<string, SpaceSettings>;
  /** The spaces as the chain derives them (who governs, where power comes from: what messages cannot change). */
  private readonly base = new Map<string, SpaceSettings>();
  private readonly overlays = new Map<string, Overlay>();
  readonly store: HubStore;
  readonly limits: HubLimits;
  private readonly client: PublicClient;
  private readonly power: PowerReader;
  private readonly signer: ReceiptSigner;
  /** The hub's clock (unix seconds): message windows, proposal states and execution all read it. */
  readonly now: () => number;
  /** Messages between their arrival and their write: a commit waits for them (group commit). */
  private inFlight = 0;
  private readonly discover: ((id: string) => Promise<SpaceSettings | undefined>) | undefined;

  constructor(p: {
    chainId: number;
    spaces: Map<string, SpaceSettings>;
    store: HubStore;
    client: PublicClient;
    power: PowerReader;
    signer: ReceiptSigner;
    limits?: Partial<HubLimits>;
    now?: () => number;
    /** Looks up a space not known yet (an AI DAO created since the hub started). */
    discover?: (id: string) => Promise<SpaceSettings | undefined>;
  }) {
    this.chainId = p.chainId;
    this.spaces = p.spaces;
    for (const [id, space] of p.spaces) this.base.set(id, space);
    this.store = p.store;
    this.client = p.client;
    this.power = p.power;
    this.signer = p.signer;
    this.limits = { ...DEFAULT_LIMITS, ...p.limits };
    this.now = p.now ?? (() => Math.floor(Date.now() / 1000));
    this.discover = p.discover;
    this.store.busy = () => this.inFlight > 0;
  }

  /** The hub's receipt-signing address (receipts are EIP-191 signatures of the message id). */
  get address(): Address {
    return this.signer.address;
  }

  /** Applies stored settings messages (at start: the spaces' settings survive a restart). */
  restoreSettings(stored: StoredSpaceSettings[]): void {
    for (const s of stored) {
      this.setOverlay(s.space, { updated: s.updated, messageId: s.messageId, overlay: parseSpaceSettings(s.settings) });
    }
  }

  /** Puts a settings overlay in force if it is later than the one in force (by timestamp, then message id). */
  private setOverlay(space: string, o: Overlay): void {
    const current = this.overlays.get(space);
    if (
      current &&
      (current.updated > o.updated || (current.updated === o.updated && current.messageId >= o.messageId))
    ) {
      return;
    }
    this.overlays.set(space, o);
    const base = this.base.get(space);
    if (base) this.spaces.set(space, applySpaceSettings(base, o.overlay));
  }

  /** Runs a request body through the pipeline; resolves with the receipt once the message is durable. */
  async ingest(body: Uint8Array): Promise<Receipt> {
    // Every message is a moment to answer the earlier ones whose commits are durable by now (see Database.poll).
    this.store.db.poll?.();
    this.inFlight++;
    let counted = true;
    const arrived = () => {
      if (counted) this.inFlight--;
      counted = false;
    };
    try {
      return await this.accept(body, arrived);
    } finally {
      arrived();
    }
  }

  /** The pipeline; calls `arrived` when the message reaches its write (from then on a commit need not wait for it). */
  private async accept(body: Uint8Array, arrived: () => void): Promise<Receipt> {
    if (body.length > this.limits.maxBodyBytes) {
      throw new HubError("BODY_TOO_LARGE", `the body is larger than ${this.limits.maxBodyBytes} bytes`);
    }
    const e = parseEnvelope(body);
    const m = e.data.message;
    const now = this.now();
    const ts = m.timestamp as number;
    if (ts > now + this.limits.futureSeconds || ts < now - this.limits.pastSeconds) {
      throw new HubError(
        "WRONG_TIMESTAMP",
        `the message's timestamp ${ts} is outside the hub's window [${now - this.limits.pastSeconds}, ${now + this.limits.futureSeconds}]`,
        { timestamp: ts, now },
      );
    }
    const space = await this.space(m.space as string);
    this.checkDomain(e, space);
    if (typeof m.from !== "string" || m.from.toLowerCase() !== e.address.toLowerCase()) {
      throw new HubError("BAD_ENVELOPE", "data.message.from must be the envelope's address");
    }
    const id = messageId(e);
    if (await this.store.hasMessage(id)) throw new HubError("DUPLICATE", `message ${id} was already received`, { id });
    if (!(await signedBy(e, id, this.client))) {
      throw new HubError("INVALID_SIGNATURE", `the signature is not ${e.address}'s over message ${id}`, { id });
    }
    const author = getAddress(e.address);
    const apply = await this.prepare(e, id, space, author, now);
    arrived();
    await this.store.write(async (w) => {
      const appended = await w.appendMessage({
        id,
        kind: e.kind,
        space: space.id,
        author,
        timestamp: ts,
        receivedAt: now * 1000,
        envelope: JSON.stringify({ address: e.address, sig: e.sig, data: e.data }),
      });
      // A copy sent twice at once passes the check above twice: the log's unique id stops the second here.
      if (!appended) throw new HubError("DUPLICATE", `message ${id} was already received`, { id });
      await apply(w);
    });
    return {
      id,
      ipfs: "",
      relayer: { address: this.signer.address, receipt: this.signer.sign(id) },
    };
  }

  /** A space by id; an AI DAO's space is looked up on the chain the first time it is named. */
  async space(id: string): Promise<SpaceSettings> {
    let space = this.spaces.get(id);
    if (!space && this.discover && /^dao-\d{1,20}$/.test(id)) {
      // Not on the chain: no such space. The chain not answering is not an answer (503, and looked up again next time).
      space = await this.discover(id).catch(refusedAs(undefined));
      if (space) {
        this.base.set(id, space);
        this.spaces.set(id, space);
        const o = this.overlays.get(id);
        if (o) this.spaces.set(id, applySpaceSettings(space, o.overlay));
      }
    }
    if (!space) throw new HubError("UNKNOWN_SPACE", `no space "${id}" on this hub`);
    return space;
  }

  /** Snapshot's domain (optionally with this chain's id, as some wallets add it) or AIDAO's, bound to the space. */
  private checkDomain(e: Envelope, space: SpaceSettings): void {
    const d = e.data.domain;
    const keys = Object.keys(d).sort().join(",");
    const snapshot =
      d.name === SNAPSHOT_DOMAIN.name &&
      d.version === SNAPSHOT_DOMAIN.version &&
      (keys === "name,version" || (keys === "chainId,name,version" && Number(d.chainId) === this.chainId));
    if (snapshot) return;
    const ours = hubDomain(this.chainId, space.contract);
    const aidao =
      keys === "chainId,name,verifyingContract,version" &&
      d.name === ours.name &&
      d.version === ours.version &&
      Number(d.chainId) === ours.chainId &&
      typeof d.verifyingContract === "string" &&
      d.verifyingContract.toLowerCase() === ours.verifyingContract.toLowerCase();
    if (aidao) return;
    throw new HubError(
      "WRONG_DOMAIN",
      `the domain must be Snapshot's {name: "snapshot", version: "0.1.4"} or AIDAO's {name: "AIDAO Hub", version: "1", chainId: ${this.chainId}, verifyingContract: ${space.contract}} for space ${space.id}`,
    );
  }

  /** The semantic checks that need the chain (power), then the state change to apply. */
  private async prepare(e: Envelope, id: Hex, space: SpaceSettings, author: Address, now: number): Promise<Apply> {
    const m = e.data.message;
    switch (e.kind) {
      case "Proposal":
        return this.prepareProposal(m, id, space, author, now);
      case "CancelProposal":
        return this.prepareCancel(m, space, author);
      case "Vote":
      case "VoteArray":
      case "VoteString":
        return this.prepareVote(m, id, space, author, now);
      case "Space":
        return this.prepareSpace(m, id, space, author);
      default:
        throw new HubError("UNKNOWN_TYPE", `${e.kind} messages are not accepted by this hub yet`);
    }
  }

  private async prepareProposal(
    m: Record<string, unknown>,
    id: Hex,
    space: SpaceSettings,
    author: Address,
    now: number,
  ): Promise<Apply> {
    const l = this.limits;
    const type = m.type as VotingType;
    const choices = m.choices as string[];
    const invalid = (why: string) => new HubError("INVALID_PROPOSAL", why);
    if (!space.votingTypes.includes(type)) {
      throw invalid(`voting type "${type}" is not allowed in ${space.id} (${space.votingTypes.join(", ")})`);
    }
    if ((m.title as string).length === 0 || (m.title as string).length > l.titleChars) {
      throw invalid(`the title must have 1..${l.titleChars} characters`);
    }
    if ((m.body as string).length > l.bodyChars) throw invalid(`the body must have at most ${l.bodyChars} characters`);
    if (choices.length < 1 || choices.length > l.choices) throw invalid(`a proposal has 1..${l.choices} choices`);
    if (type === "basic" && choices.length !== 3) {
      throw invalid("a basic proposal has exactly three choices: For, Against, Abstain");
    }
    if (choices.some((c) => c.length === 0 || c.length > 256)) throw invalid("each choice must have 1..256 characters");
    if ((m.privacy as string) !== "") throw invalid("private (shutter) voting is not supported by this hub");
    // A Safe payload is checked now (its Safe must be the space's, on this chain), not when the proposal passes.
    payloadOf(m.plugins as string, space, this.chainId);
    const start = m.start as number;
    const end = m.end as number;
    const created = m.timestamp as number;
    // A start up to a minute before the timestamp counts as "now" (clients compute both, a second may pass between).
    const delay = start - created;
    if (delay < -60 || Math.max(0, delay) < space.delay.min || delay > space.delay.max) {
      throw invalid(`the start must be ${space.delay.min}..${space.delay.max} s after the proposal's timestamp`);
    }
    if (end - start < space.period.min || end - start > space.period.max) {
      throw invalid(`the voting period must be ${space.period.min}..${space.period.max} s`);
    }
    const latest = Number(await this.client.getBlockNumber({ cacheTime: 0 })); // the head now, not a polled copy;
    const snapshot = m.snapshot as number;
    if (snapshot > latest) throw invalid(`the snapshot block ${snapshot} is in the future (latest ${latest})`);
    const vp = await this.power.power(space, snapshot, author);
    if (vp.total < space.proposalThreshold) {
      throw new HubError(
        "NO_POWER",
        `proposing in ${space.id} needs ${space.proposalThreshold} votes at block ${snapshot}; ${author} has ${vp.total}`,
        { required: space.proposalThreshold, power: vp.total },
      );
    }
    return async (w) => {
      const nowMs = now * 1000;
      if ((await w.proposalsSince(space.id, nowMs - DAY_MS)) >= l.proposalsPerDay) {
        throw new HubError("LIMIT_REACHED", `${space.id} already has ${l.proposalsPerDay} proposals today`);
      }
      if ((await w.proposalsSince(space.id, nowMs - 30 * DAY_MS)) >= l.proposalsPerMonth) {
        throw new HubError("LIMIT_REACHED", `${space.id} already has ${l.proposalsPerMonth} proposals this month`);
      }
      if ((await w.activeProposalsBy(author, now)) >= l.activeProposalsPerAuthor) {
        throw new HubError("LIMIT_REACHED", `${author} already has ${l.activeProposalsPerAuthor} active proposals`);
      }
      await w.insertProposal({
        id,
        space: space.id,
        author,
        created,
        type,
        title: m.title as string,
        body: m.body as string,
        discussion: m.discussion as string,
        choices,
        labels: m.labels as string[],
        start,
        end,
        snapshot,
        plugins: m.plugins as string,
        app: m.app as string,
        receivedAt: now * 1000,
      });
    };
  }

  private prepareCancel(m: Record<string, unknown>, space: SpaceSettings, author: Address): Apply {
    const proposalId = m.proposal as string;
    return async (w) => {
      const p = requireProposal(await w.proposal(proposalId), proposalId, space);
      const allowed = p.author === author || space.admins.includes(author) || space.moderators.includes(author);
      if (!allowed) {
        throw new HubError("NOT_ALLOWED", `only the author, an admin or a moderator of ${space.id} can cancel it`);
      }
      if (p.cancelled) throw new HubError("NOT_ALLOWED", `proposal ${proposalId} is already cancelled`);
      await w.cancelProposal(proposalId);
    };
  }

  private async prepareVote(
    m: Record<string, unknown>,
    id: Hex,
    space: SpaceSettings,
    author: Address,
    now: number,
  ): Promise<Apply> {
    const proposalId = m.proposal as string;
    const p = requireProposal(await this.store.proposal(proposalId), proposalId, space);
    let choice: unknown = m.choice;
    if (p.type === "weighted" || p.type === "quadratic") {
      if (typeof choice !== "string")
        throw new HubError("INVALID_CHOICE", `a ${p.type} vote's choice is a JSON string`);
      try {
        choice = JSON.parse(choice);
      } catch {
        throw new HubError("INVALID_CHOICE", "the choice is not JSON");
      }
    }
    const wrong = validateChoice(p.type as VotingType, choice, p.choices.length);
    if (wrong) throw new HubError("INVALID_CHOICE", wrong);
    const ts = m.timestamp as number;
    if (ts < p.start || ts >= p.end || now >= p.end) {
      throw new HubError("VOTING_CLOSED", `proposal ${proposalId} takes votes from ${p.start} to ${p.end}`);
    }
    const vp = await this.power.power(space, p.snapshot, author);
    if (vp.total <= 0) {
      throw new HubError("NO_POWER", `${author} has no voting power in ${space.id} at block ${p.snapshot}`);
    }
    return async (w) => {
      if ((await w.proposal(proposalId))?.cancelled) {
        throw new HubError("VOTING_CLOSED", `proposal ${proposalId} was cancelled`);
      }
      await w.upsertVote({
        id,
        proposal: proposalId,
        voter: author,
        created: ts,
        choice,
        vp: vp.total,
        vpByStrategy: vp.byStrategy,
        reason: m.reason as string,
        app: m.app as string,
      });
    };
  }

  /**
   * A space's settings: only its admins (the chain says who) may set them; the latest message (by timestamp) wins.
   * Strategies and admins are not settings (the chain's), so a message cannot hand the space to someone else.
   */
  private prepareSpace(m: Record<string, unknown>, id: Hex, space: SpaceSettings, author: Address): Apply {
    const base = this.base.get(space.id) ?? space;
    if (!base.admins.includes(author)) {
      throw new HubError(
        "NOT_ALLOWED",
        `only an admin of ${space.id} (its Safe's owners: ${base.admins.join(", ") || "none"}) can change its settings`,
      );
    }
    const overlay = parseSpaceSettings(m.settings as string);
    const updated = m.timestamp as number;
    return async (w) => {
      await w.setSpaceSettings({ space: space.id, settings: m.settings as string, messageId: id, author, updated });
      // In force once durable: the store's write resolves after the commit, and the overlay is set then.
      w.afterCommit(() => this.setOverlay(space.id, { updated, messageId: id, overlay }));
    };
  }
}

function requireProposal(p: ProposalRow | undefined, id: string, space: SpaceSettings): ProposalRow {
  if (!p) throw new HubError("UNKNOWN_PROPOSAL", `no proposal ${id}`);
  if (p.space !== space.id) {
    throw new HubError("UNKNOWN_PROPOSAL", `proposal ${id} belongs to space ${p.space}, not ${space.id}`);
  }
  return p;
}
