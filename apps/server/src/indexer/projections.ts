import { IncomeSource } from "@aidao/sdk";
import type { Address, Hex } from "viem";
import type { Queryable, SqlValue } from "../db/database.ts";
import { type DAORecord, daoContracts, toJson } from "./contracts.ts";

/** A decoded log, with what the indexer knows of the contract that emitted it. */
export type IndexedLog = {
  blockNumber: bigint;
  blockHash: Hex;
  blockTime: bigint | null;
  txHash: Hex;
  txIndex: number;
  logIndex: number;
  address: Address;
  contract: string;
  daoId: bigint | null;
  event: string;
  args: Record<string, unknown>;
};

/** Every table a rewind cleans: rows made from logs, all with a block_number. */
export const INDEXED_TABLES = [
  "indexer_events",
  "indexer_contracts",
  "indexer_daos",
  "indexer_proposals",
  "indexer_proposal_events",
  "indexer_votes",
  "indexer_treasury_flows",
  "indexer_venture_rounds",
  "indexer_venture_deposits",
  "indexer_models",
  "indexer_model_versions",
  "indexer_version_stages",
  "indexer_endpoints",
  "indexer_endpoint_changes",
  "indexer_channels",
  "indexer_channel_changes",
  "indexer_redemptions",
  "indexer_rewards",
  "indexer_safe_executions",
] as const;

const INCOME_SOURCES = Object.fromEntries(Object.entries(IncomeSource).map(([name, n]) => [n, name])) as Record<
  number,
  string
>;

const s = (v: unknown): string => String(v);
const lower = (v: unknown): string => String(v).toLowerCase();
const n = (v: unknown): number => Number(v);
const opt = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

/**
 * The typed tables the web app reads, maintained from the decoded logs. Every row is keyed by the log that made it
 * (block_number, log_index) or by the id that log creates (a DAO, a proposal, a channel…), and written with
 * `ON CONFLICT DO NOTHING`: re-applying a range changes nothing, and a reorg rewind that deletes rows above a block
 * leaves exactly what the remaining logs made. State that later logs change (a proposal executed, a channel topped up)
 * is a row per change, folded at read time, never an update of an older row: the one update (a DAO's name, from the
 * factory's `DAOCreated`) lands in the same transaction as the row it names.
 */
export class Projections {
  private readonly stmts: Record<string, string>;
  private readonly contractOf: (address: Address) => { contract: string } | undefined;

  constructor(contractOf: (address: Address) => { contract: string } | undefined) {
    this.contractOf = contractOf;
    const ev = "block_number, log_index, block_hash, tx_hash";
    const prepare = (table: string, columns: string) => {
      const count = columns.split(",").length;
      return `INSERT INTO ${table} (${columns}) VALUES (${Array(count).fill("?").join(", ")}) ON CONFLICT DO NOTHING`;
    };
    this.stmts = {
      contract: prepare("indexer_contracts", "address, contract, dao_id, role, block_number, block_hash, log_index"),
      dao: prepare(
        "indexer_daos",
        "dao_id, parent_id, template_id, version, mode, treasury, token, governor, timelock, safe, module, creator, block_number, log_index, block_hash, tx_hash",
      ),
      daoName: "UPDATE indexer_daos SET name = ? WHERE dao_id = ?",
      proposal: prepare(
        "indexer_proposals",
        "governor, proposal_id, dao_id, proposer, calls, vote_start, vote_end, description, block_number, log_index, block_hash, tx_hash",
      ),
      proposalEvent: prepare("indexer_proposal_events", `${ev}, governor, proposal_id, kind, at`),
      vote: prepare("indexer_votes", `${ev}, governor, proposal_id, voter, support, weight, reason, params`),
      flow: prepare(
        "indexer_treasury_flows",
        `${ev}, treasury, dao_id, direction, token, counterparty, amount, source, fee, distributed, by_safe`,
      ),
      round: prepare(
        "indexer_venture_rounds",
        "fund, round_id, dao_id, cap, closes_at, unlocks_at, block_number, log_index, block_hash, tx_hash",
      ),
      deposit: prepare(
        "indexer_venture_deposits",
        `${ev}, fund, round_id, receipt_id, depositor, token, amount, value`,
      ),
      model: prepare(
        "indexer_models",
        "model_id, dao_id, name, metadata_uri, registered_by, block_number, log_index, block_hash, tx_hash",
      ),
      version: prepare(
        "indexer_model_versions",
        "model_id, version_id, content_hash, uri, framework, license, metrics_uri, added_by, block_number, log_index, block_hash, tx_hash",
      ),
      stage: prepare("indexer_version_stages", `${ev}, model_id, version_id, from_stage, to_stage, changed_by`),
      endpoint: prepare(
        "indexer_endpoints",
        "endpoint_id, model_id, version_id, url, unit, payment_token, unit_price, active, block_number, log_index, block_hash, tx_hash",
      ),
      endpointChange: prepare(
        "indexer_endpoint_changes",
        `${ev}, endpoint_id, url, unit, payment_token, unit_price, active`,
      ),
      channel: prepare(
        "indexer_channels",
        "channel_id, customer, endpoint_id, token, recipient, deposit, expires_at, block_number, log_index, block_hash, tx_hash",
      ),
      channelChange: prepare("indexer_channel_changes", `${ev}, channel_id, kind, amount, deposit, expires_at`),
      redemption: prepare("indexer_redemptions", `${ev}, channel_id, cumulative, paid`),
      reward: prepare("indexer_rewards", `${ev}, kind, epoch_id, model_id, account, token, amount, details`),
      safeExecution: prepare("indexer_safe_executions", `${ev}, safe, safe_tx_hash, success, payment`),
    };
  }

  /** Applies one log to the projections that read it (most logs feed none: the generic table has them all). */
  async apply(tx: Queryable, e: IndexedLog): Promise<void> {
    const a = e.args;
    const st = this.stmts;
    const run = async (name: string, ...values: SqlValue[]) => {
      await tx.run(st[name] as string, values);
    };
    const id = [e.blockNumber, e.logIndex, e.blockHash, e.txHash] as const;
    const dao = e.daoId === null ? null : e.daoId.toString();
    switch (e.event) {
      case "DAORegistered": {
        if (e.contract !== "DAORegistry") return;
        const d = a.dao as DAORecord;
        const daoId = s(a.daoId);
        await run(
          "dao",
          daoId,
          s(a.parentId),
          lower(a.templateId),
          n(d.version),
          n(d.mode),
          lower(d.treasury),
          lower(d.token),
          lower(d.governor),
          lower(d.timelock),
          lower(d.safe),
          lower(d.module),
          lower(d.creator),
          ...id,
        );
        for (const c of daoContracts(d)) {
          const known = this.contractOf(c.address);
          await run(
            "contract",
            c.address,
            known?.contract ?? c.contract,
            daoId,
            c.role,
            e.blockNumber,
            e.blockHash,
            e.logIndex,
          );
        }
        return;
      }
      case "DAOCreated":
        // Emitted by the factory in the transaction (and after the log) that registered the DAO: see the class comment.
        if (e.contract === "AIDAOFactory") await tx.run(st.daoName as string, [s(a.name), s(a.daoId)]);
        return;
      case "ProposalCreated": {
        const targets = a.targets as Address[];
        const values = a.values as bigint[];
        const calldatas = a.calldatas as Hex[];
        const signatures = a.signatures as string[];
        const calls = targets.map((target, i) => ({
          target: target.toLowerCase(),
          value: values[i] ?? 0n,
          calldata: calldatas[i] ?? "0x",
          signature: signatures[i] ?? "",
        }));
        await run(
          "proposal",
          e.address,
          s(a.proposalId),
          dao,
          lower(a.proposer),
          toJson(calls),
          s(a.voteStart),
          s(a.voteEnd),
          s(a.description),
          ...id,
        );
        return;
      }
      case "ProposalQueued":
        await run("proposalEvent", ...id, e.address, s(a.proposalId), "queued", s(a.etaSeconds));
        return;
      case "ProposalExecuted":
        await run("proposalEvent", ...id, e.address, s(a.proposalId), "executed", null);
        return;
      case "ProposalCanceled":
        await run("proposalEvent", ...id, e.address, s(a.proposalId), "canceled", null);
        return;
      case "ProposalExtended":
        await run("proposalEvent", ...id, e.address, s(a.proposalId), "extended", s(a.extendedDeadline));
        return;
      case "VoteCast":
      case "VoteCastWithParams":
        await run(
          "vote",
          ...id,
          e.address,
          s(a.proposalId),
          lower(a.voter),
          n(a.support),
          s(a.weight),
          s(a.reason),
          opt(a.params),
        );
        return;
      case "IncomeReceived": {
        // The main treasury names the income's source and forwards an education share; a DAO's treasury pays the
        // protocol fee and forwards a share to its distributor.
        const main = "source" in a;
        await run(
          "flow",
          ...id,
          e.address,
          dao,
          "in",
          lower(a.token),
          lower(a.from),
          s(a.amount),
          main ? (INCOME_SOURCES[n(a.source)] ?? s(a.source)) : null,
          main ? s(a.educationShare) : s(a.protocolFee),
          main ? null : s(a.distributed),
          null,
        );
        return;
      }
      case "Spent":
        await run(
          "flow",
          ...id,
          e.address,
          dao,
          "out",
          lower(a.token),
          lower(a.to),
          s(a.amount),
          null,
          null,
          null,
          "bySafe" in a ? (a.bySafe ? 1 : 0) : null,
        );
        return;
      case "RoundOpened":
        await run("round", e.address, s(a.roundId), dao, s(a.cap), n(a.closesAt), n(a.unlocksAt), ...id);
        return;
      case "Deposited":
        await run(
          "deposit",
          ...id,
          e.address,
          s(a.roundId),
          s(a.receiptId),
          lower(a.depositor),
          lower(a.token),
          s(a.amount),
          s(a.value),
        );
        return;
      case "ModelRegistered":
        await run("model", s(a.modelId), s(a.daoId), s(a.name), s(a.metadataURI), lower(a.by), ...id);
        return;
      case "VersionAdded": {
        const v = a.input as { uri: string; framework: string; license: string; metricsURI: string };
        await run(
          "version",
          s(a.modelId),
          s(a.versionId),
          lower(a.contentHash),
          v.uri,
          v.framework,
          v.license,
          v.metricsURI,
          lower(a.by),
          ...id,
        );
        return;
      }
      case "VersionStageChanged":
        await run("stage", ...id, s(a.modelId), s(a.versionId), n(a.from), n(a.to), lower(a.by));
        return;
      case "EndpointCreated": {
        const i = a.input as EndpointInput;
        await run(
          "endpoint",
          s(a.endpointId),
          s(a.modelId),
          s(a.versionId),
          i.url,
          i.unit,
          lower(i.paymentToken),
          s(i.unitPrice),
          i.active ? 1 : 0,
          ...id,
        );
        return;
      }
      case "EndpointUpdated": {
        const i = a.newInput as EndpointInput;
        await run(
          "endpointChange",
          ...id,
          s(a.endpointId),
          i.url,
          i.unit,
          lower(i.paymentToken),
          s(i.unitPrice),
          i.active ? 1 : 0,
        );
        return;
      }
      case "EndpointActiveSet":
        await run("endpointChange", ...id, s(a.endpointId), null, null, null, null, a.active ? 1 : 0);
        return;
      case "ChannelOpened":
        await run(
          "channel",
          lower(a.channelId),
          lower(a.customer),
          s(a.endpointId),
          lower(a.token),
          lower(a.recipient),
          s(a.deposit),
          n(a.expiresAt),
          ...id,
        );
        return;
      case "ChannelToppedUp":
        await run("channelChange", ...id, lower(a.channelId), "topped_up", s(a.amount), s(a.deposit), null);
        return;
      case "ChannelExtended":
        await run("channelChange", ...id, lower(a.channelId), "extended", null, null, n(a.expiresAt));
        return;
      case "ChannelReclaimed":
        await run("channelChange", ...id, lower(a.channelId), "reclaimed", s(a.refund), null, null);
        return;
      case "Redeemed":
        await run("redemption", ...id, lower(a.channelId), s(a.cumulativeAmount), s(a.paid));
        return;
      case "EpochPosted":
        await run(
          "reward",
          ...id,
          "epoch",
          s(a.epochId),
          null,
          null,
          null,
          s(a.total),
          toJson({ root: a.root, start: a.start, uri: a.uri }),
        );
        return;
      case "Claimed":
        if (e.contract !== "RewardsDistributor") return;
        await run("reward", ...id, "claim", s(a.epochId), null, lower(a.account), null, s(a.amount), null);
        return;
      case "ContributorCredited":
        await run("reward", ...id, "credit", null, s(a.modelId), lower(a.account), lower(a.token), s(a.amount), null);
        return;
      case "ExecutionSuccess":
      case "ExecutionFailure":
        if (e.contract !== "Safe") return;
        await run(
          "safeExecution",
          ...id,
          e.address.toLowerCase(),
          lower(a.txHash),
          e.event === "ExecutionSuccess" ? 1 : 0,
          s(a.payment),
        );
        return;
      case "CreditsWithdrawn":
        await run("reward", ...id, "withdrawal", null, null, lower(a.account), lower(a.token), s(a.amount), null);
        return;
    }
  }
}

type EndpointInput = { url: string; unit: string; paymentToken: Address; unitPrice: bigint; active: boolean };
