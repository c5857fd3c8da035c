import type { Address, TypedDataDomain } from "viem";

/**
 * The off-chain hub's EIP-712 messages: Snapshot's types, field for field, so that snapshot.js's `Client712` signs
 * messages the hub accepts unchanged. The same types are accepted in AIDAO's own domain, which adds the chain id and
 * the space's contract (its governor) so a message cannot be replayed on another chain or in another space.
 */
export const hubSpaceTypes = {
  Space: [
    { name: "from", type: "address" },
    { name: "space", type: "string" },
    { name: "timestamp", type: "uint64" },
    { name: "settings", type: "string" },
  ],
} as const;

export const hubProposalTypes = {
  Proposal: [
    { name: "from", type: "string" },
    { name: "space", type: "string" },
    { name: "timestamp", type: "uint64" },
    { name: "type", type: "string" },
    { name: "title", type: "string" },
    { name: "body", type: "string" },
    { name: "discussion", type: "string" },
    { name: "choices", type: "string[]" },
    { name: "labels", type: "string[]" },
    { name: "start", type: "uint64" },
    { name: "end", type: "uint64" },
    { name: "snapshot", type: "uint64" },
    { name: "plugins", type: "string" },
    { name: "privacy", type: "string" },
    { name: "app", type: "string" },
  ],
} as const;

export const hubCancelProposalTypes = {
  CancelProposal: [
    { name: "from", type: "string" },
    { name: "space", type: "string" },
    { name: "timestamp", type: "uint64" },
    { name: "proposal", type: "string" },
  ],
} as const;

const voteFields = (choice: "uint32" | "uint32[]" | "string") =>
  [
    { name: "from", type: "string" },
    { name: "space", type: "string" },
    { name: "timestamp", type: "uint64" },
    { name: "proposal", type: "string" },
    { name: "choice", type: choice },
    { name: "reason", type: "string" },
    { name: "app", type: "string" },
    { name: "metadata", type: "string" },
  ] as const;

/** A vote with one choice (single-choice, basic). */
export const hubVoteTypes = { Vote: voteFields("uint32") } as const;
/** A vote with a list of choices (approval, ranked-choice). */
export const hubVoteArrayTypes = { Vote: voteFields("uint32[]") } as const;
/** A vote whose choice is JSON (weighted, quadratic: `{"1": 2, "3": 1}`). */
export const hubVoteStringTypes = { Vote: voteFields("string") } as const;

/** Snapshot's domain: no chain, no contract (the message's `space` binds it to a space). */
export const SNAPSHOT_DOMAIN = { name: "snapshot", version: "0.1.4" } as const satisfies TypedDataDomain;

/** AIDAO's hub domain: bound to the chain and to the space's contract (its governor). */
export const hubDomain = (chainId: number, spaceContract: Address) =>
  ({ name: "AIDAO Hub", version: "1", chainId, verifyingContract: spaceContract }) as const satisfies TypedDataDomain;

/** Every message type the hub knows, by its primary type; votes by the shape of their choice. */
export const HUB_TYPES = {
  Space: hubSpaceTypes,
  Proposal: hubProposalTypes,
  CancelProposal: hubCancelProposalTypes,
  Vote: hubVoteTypes,
  VoteArray: hubVoteArrayTypes,
  VoteString: hubVoteStringTypes,
} as const;
