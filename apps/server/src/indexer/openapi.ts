import {
  CHANNELS_QUERY,
  EVENTS_QUERY,
  PROPOSALS_QUERY,
  type QueryParam,
  SAFE_EXECUTIONS_QUERY,
  STREAM_QUERY,
} from "./query.ts";

const address = { type: "string", pattern: "^0x[0-9a-f]{40}$" };
const hash = { type: "string", pattern: "^0x[0-9a-f]{64}$" };
const uint = { type: "string", pattern: "^[0-9]+$", description: "A uint256 as a decimal string." };
const nullable = (schema: Record<string, unknown>) => ({ oneOf: [schema, { type: "null" }] });
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: "object",
  properties,
  required,
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const page = (key: string, item: string) =>
  object({
    [key]: { type: "array", items: ref(item) },
    nextCursor: {
      ...nullable({ type: "string" }),
      description: "Pass as `?cursor=` for the next page; null at the end.",
    },
  });

const parameters = (params: QueryParam[]) =>
  params.map((p) => ({
    name: p.name,
    in: "query",
    required: false,
    description: p.description,
    schema:
      p.type === "integer"
        ? {
            type: "integer",
            minimum: p.minimum,
            ...(p.maximum !== undefined ? { maximum: p.maximum } : {}),
            ...(p.default !== undefined ? { default: p.default } : {}),
          }
        : { type: "string", pattern: p.pattern, ...(p.example ? { examples: [p.example] } : {}) },
  }));

const json = (schema: Record<string, unknown>, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const badQuery = json(ref("Error"), "A query parameter is unknown or malformed (`BAD_QUERY`, naming it in `param`).");

/** The OpenAPI 3.1 description of the indexer's read API, generated from the same parameter lists the routes check. */
export function indexerOpenApi(serverUrl = "/"): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "AIDAO indexer API",
      version: "1.0.0",
      description:
        "Protocol events indexed from the chain (reorg-safe: rows of orphaned blocks are removed and re-indexed), and the projections the web app reads. uint256 values are decimal strings.",
    },
    servers: [{ url: serverUrl }],
    paths: {
      "/api/events": {
        get: {
          operationId: "listEvents",
          summary: "Decoded protocol events, oldest first, with cursor pagination.",
          parameters: parameters(EVENTS_QUERY),
          responses: { 200: json(page("events", "Event"), "A page of events."), 400: badQuery },
        },
      },
      "/api/daos": {
        get: {
          operationId: "listDaos",
          summary: "Every registered DAO (the main DAO is id 1), in registration order.",
          responses: { 200: json(object({ daos: { type: "array", items: ref("Dao") } }), "The DAOs.") },
        },
      },
      "/api/proposals": {
        get: {
          operationId: "listProposals",
          summary: "On-chain governor proposals with their status and vote tallies, oldest first.",
          parameters: parameters(PROPOSALS_QUERY),
          responses: { 200: json(page("proposals", "Proposal"), "A page of proposals."), 400: badQuery },
        },
      },
      "/api/channels": {
        get: {
          operationId: "listChannels",
          summary: "Usage channels with their deposits and redemptions, oldest first.",
          parameters: parameters(CHANNELS_QUERY),
          responses: { 200: json(page("channels", "Channel"), "A page of channels."), 400: badQuery },
        },
      },
      "/api/safe-executions": {
        get: {
          operationId: "listSafeExecutions",
          summary:
            "Transactions the Safes executed (the protocol's and every AI DAO's): a passed hub proposal's outcome, by its SafeTx hash.",
          parameters: parameters(SAFE_EXECUTIONS_QUERY),
          responses: { 200: json(page("executions", "SafeExecution"), "A page of executions."), 400: badQuery },
        },
      },
      "/api/status": {
        get: {
          operationId: "indexerStatus",
          summary: "How far the indexer is: the chain head, the last block indexed, the last final block, the lag.",
          responses: { 200: json(ref("Status"), "The indexer's status.") },
        },
      },
      "/api/stream": {
        get: {
          operationId: "streamEvents",
          summary:
            "Server-sent events: `ready` once subscribed (data: the status), `event` for each newly indexed event (data: an Event, id: its cursor), `reorg` when blocks are rewound (data: a Reorg), and `error` (code LAGGED) before closing a client that reads too slowly.",
          parameters: [
            ...parameters(STREAM_QUERY),
            {
              name: "Last-Event-ID",
              in: "header",
              required: false,
              description: "The id of the last event received: the stream resumes after it.",
              schema: { type: "string" },
            },
          ],
          responses: {
            200: {
              description: "An event stream.",
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
            400: badQuery,
          },
        },
      },
      "/api/openapi.json": {
        get: {
          operationId: "openApi",
          summary: "This document.",
          responses: { 200: json({ type: "object" }, "The OpenAPI 3.1 document.") },
        },
      },
    },
    components: {
      schemas: {
        Error: object({
          error: object(
            {
              code: { type: "string", enum: ["BAD_QUERY", "NOT_FOUND", "INTERNAL"] },
              message: { type: "string" },
              param: { type: "string" },
            },
            ["code", "message"],
          ),
        }),
        Event: object({
          id: { type: "string", description: "`<block>-<logIndex>`: its position, usable as a cursor." },
          blockNumber: { type: "integer" },
          blockHash: hash,
          blockTime: { ...nullable({ type: "integer" }), description: "Unix seconds." },
          transactionHash: hash,
          transactionIndex: { type: "integer" },
          logIndex: { type: "integer" },
          address,
          contract: { type: "string" },
          daoId: nullable(uint),
          event: { type: "string" },
          args: { type: "object", description: "The event's arguments by name; uint values as decimal strings." },
        }),
        Dao: object({
          daoId: uint,
          parentId: uint,
          name: nullable({ type: "string" }),
          templateId: hash,
          version: { type: "integer" },
          mode: { type: "string", enum: ["OnChain", "OffChain", "Both"] },
          treasury: address,
          token: address,
          governor: address,
          timelock: address,
          safe: address,
          module: address,
          creator: address,
          blockNumber: { type: "integer" },
          transactionHash: hash,
        }),
        Proposal: object({
          id: { type: "string" },
          governor: address,
          proposalId: uint,
          daoId: nullable(uint),
          proposer: address,
          description: { type: "string" },
          calls: {
            type: "array",
            items: object({
              target: address,
              value: uint,
              calldata: { type: "string" },
              signature: { type: "string" },
            }),
          },
          voteStart: { ...uint, description: "In the governor's clock (timestamp or block)." },
          voteEnd: uint,
          status: {
            type: "string",
            enum: ["created", "queued", "executed", "canceled"],
            description:
              "From the governor's events; whether a created proposal is pending, active, defeated or succeeded depends on the clock and the quorum (ask the governor's `state`).",
          },
          eta: nullable(uint),
          votes: object({ for: uint, against: uint, abstain: uint, voters: { type: "integer" } }),
          blockNumber: { type: "integer" },
          transactionHash: hash,
        }),
        Channel: object({
          id: { type: "string" },
          channelId: hash,
          customer: address,
          endpointId: uint,
          token: address,
          recipient: address,
          deposit: uint,
          expiresAt: { type: "integer" },
          redeemed: { ...uint, description: "The highest cumulative amount redeemed." },
          paid: uint,
          redemptions: { type: "integer" },
          status: { type: "string", enum: ["open", "reclaimed"] },
          refunded: nullable(uint),
          blockNumber: { type: "integer" },
          transactionHash: hash,
        }),
        SafeExecution: object({
          id: { type: "string" },
          safe: address,
          safeTxHash: hash,
          success: { type: "boolean" },
          payment: uint,
          blockNumber: { type: "integer" },
          transactionHash: hash,
        }),
        Reorg: object({
          from: { type: "integer" },
          ancestor: { type: "integer" },
          ancestorHash: hash,
          removedEvents: { type: "integer" },
        }),
        Status: object({
          chainId: { type: "integer" },
          startBlock: { type: "integer" },
          head: nullable({ type: "integer" }),
          indexed: nullable({ type: "integer" }),
          finalized: nullable({ type: "integer" }),
          lag: nullable({ type: "integer" }),
          phase: { type: "string", enum: ["starting", "standby", "backfill", "live", "stopped"] },
          confirmations: { type: "integer" },
          events: { type: "integer" },
          undecoded: { type: "integer" },
          contracts: { type: "integer" },
          reorgs: { type: "integer" },
          lastReorg: nullable(ref("Reorg")),
          error: nullable({ type: "string" }),
        }),
      },
    },
  };
}
