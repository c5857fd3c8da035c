// The schema, once for both engines. Written in SQLite's dialect; `forPostgres` maps the few words that differ.

/** Schema versions, applied in order, each once. Amounts are decimal strings: token amounts exceed 64 bits. */
export const MIGRATIONS: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE gateway_channels (
     channel_id TEXT PRIMARY KEY,
     endpoint_id TEXT NOT NULL,
     customer TEXT NOT NULL,
     token TEXT NOT NULL,
     recipient TEXT NOT NULL,
     charged TEXT NOT NULL,
     redeemed TEXT NOT NULL,
     voucher_amount TEXT NOT NULL,
     voucher_signature TEXT,
     unredeemed_since INTEGER,
     expires_at INTEGER NOT NULL,
     requests INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE gateway_usage (
     endpoint_id TEXT NOT NULL,
     minute INTEGER NOT NULL,
     requests INTEGER NOT NULL,
     units INTEGER NOT NULL,
     amount TEXT NOT NULL,
     PRIMARY KEY (endpoint_id, minute)
   );
   CREATE TABLE gateway_endpoint_totals (
     endpoint_id TEXT PRIMARY KEY,
     requests INTEGER NOT NULL,
     units INTEGER NOT NULL,
     amount TEXT NOT NULL
   );
   CREATE TABLE gateway_redemptions (
     id INTEGER PRIMARY KEY,
     tx_hash TEXT,
     channels INTEGER NOT NULL,
     claimed TEXT NOT NULL,
     status TEXT NOT NULL,
     error TEXT,
     at INTEGER NOT NULL
   );`,
  // The hub: the append-only message log (the source of truth: state below is rebuilt from it), and its state.
  `CREATE TABLE hub_messages (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     space TEXT NOT NULL,
     author TEXT NOT NULL,
     timestamp INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     envelope TEXT NOT NULL
   );
   CREATE TABLE hub_proposals (
     id TEXT PRIMARY KEY,
     space TEXT NOT NULL,
     author TEXT NOT NULL,
     created INTEGER NOT NULL,
     type TEXT NOT NULL,
     title TEXT NOT NULL,
     body TEXT NOT NULL,
     discussion TEXT NOT NULL,
     choices TEXT NOT NULL,
     labels TEXT NOT NULL,
     start_ts INTEGER NOT NULL,
     end_ts INTEGER NOT NULL,
     snapshot INTEGER NOT NULL,
     plugins TEXT NOT NULL,
     app TEXT NOT NULL,
     cancelled INTEGER NOT NULL DEFAULT 0,
     received_at INTEGER NOT NULL
   );
   CREATE INDEX hub_proposals_space ON hub_proposals (space, created);
   CREATE INDEX hub_proposals_author ON hub_proposals (author, end_ts);
   CREATE TABLE hub_votes (
     proposal TEXT NOT NULL,
     voter TEXT NOT NULL,
     id TEXT NOT NULL,
     created INTEGER NOT NULL,
     choice TEXT NOT NULL,
     vp REAL NOT NULL,
     vp_by_strategy TEXT NOT NULL,
     reason TEXT NOT NULL,
     app TEXT NOT NULL,
     PRIMARY KEY (proposal, voter)
   );`,
  // The chain indexer. indexer_events holds every decoded log (the source of truth); the other indexer_ tables are
  // projections of it. Every row made from a log carries its block_number and block_hash, and is keyed by the log's
  // identity (block_number, log_index) or by an id the log creates: a reorg deletes rows above the common ancestor in
  // every table and re-indexes forward. uint256 values are decimal TEXT; lists and structs are JSON TEXT.
  `CREATE TABLE indexer_cursor (
     id TEXT PRIMARY KEY,
     block_number BIGINT NOT NULL,
     block_hash TEXT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE indexer_blocks (
     block_number BIGINT PRIMARY KEY,
     block_hash TEXT NOT NULL,
     parent_hash TEXT NOT NULL
   );
   CREATE TABLE indexer_contracts (
     address TEXT PRIMARY KEY,
     contract TEXT NOT NULL,
     dao_id TEXT NOT NULL,
     role TEXT NOT NULL,
     block_number BIGINT NOT NULL,
     block_hash TEXT NOT NULL,
     log_index INTEGER NOT NULL
   );
   CREATE TABLE indexer_events (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     block_time BIGINT,
     tx_hash TEXT NOT NULL,
     tx_index INTEGER NOT NULL,
     address TEXT NOT NULL,
     contract TEXT NOT NULL,
     dao_id TEXT,
     event TEXT NOT NULL,
     args TEXT NOT NULL,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_events_contract ON indexer_events (contract, event, block_number, log_index);
   CREATE INDEX indexer_events_event ON indexer_events (event, block_number, log_index);
   CREATE INDEX indexer_events_address ON indexer_events (address, block_number, log_index);
   CREATE TABLE indexer_daos (
     dao_id TEXT PRIMARY KEY,
     parent_id TEXT NOT NULL,
     template_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     mode INTEGER NOT NULL,
     name TEXT,
     treasury TEXT NOT NULL,
     token TEXT NOT NULL,
     governor TEXT NOT NULL,
     timelock TEXT NOT NULL,
     safe TEXT NOT NULL,
     module TEXT NOT NULL,
     creator TEXT NOT NULL,
     block_number BIGINT NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     log_index INTEGER NOT NULL
   );
   CREATE TABLE indexer_proposals (
     governor TEXT NOT NULL,
     proposal_id TEXT NOT NULL,
     dao_id TEXT,
     proposer TEXT NOT NULL,
     calls TEXT NOT NULL,
     vote_start TEXT NOT NULL,
     vote_end TEXT NOT NULL,
     description TEXT NOT NULL,
     block_number BIGINT NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     log_index INTEGER NOT NULL,
     PRIMARY KEY (governor, proposal_id)
   );
   CREATE INDEX indexer_proposals_order ON indexer_proposals (block_number, log_index);
   CREATE TABLE indexer_proposal_events (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     governor TEXT NOT NULL,
     proposal_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     at TEXT,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_proposal_events_proposal ON indexer_proposal_events (governor, proposal_id);
   CREATE TABLE indexer_votes (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     governor TEXT NOT NULL,
     proposal_id TEXT NOT NULL,
     voter TEXT NOT NULL,
     support INTEGER NOT NULL,
     weight TEXT NOT NULL,
     reason TEXT NOT NULL,
     params TEXT,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_votes_proposal ON indexer_votes (governor, proposal_id);
   CREATE TABLE indexer_treasury_flows (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     treasury TEXT NOT NULL,
     dao_id TEXT,
     direction TEXT NOT NULL,
     token TEXT NOT NULL,
     counterparty TEXT NOT NULL,
     amount TEXT NOT NULL,
     source TEXT,
     fee TEXT,
     distributed TEXT,
     by_safe INTEGER,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_treasury_flows_treasury ON indexer_treasury_flows (treasury, block_number);
   CREATE TABLE indexer_venture_rounds (
     fund TEXT NOT NULL,
     round_id TEXT NOT NULL,
     dao_id TEXT,
     cap TEXT NOT NULL,
     closes_at BIGINT NOT NULL,
     unlocks_at BIGINT NOT NULL,
     block_number BIGINT NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     log_index INTEGER NOT NULL,
     PRIMARY KEY (fund, round_id)
   );
   CREATE TABLE indexer_venture_deposits (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     fund TEXT NOT NULL,
     round_id TEXT NOT NULL,
     receipt_id TEXT NOT NULL,
     depositor TEXT NOT NULL,
     token TEXT NOT NULL,
     amount TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_venture_deposits_round ON indexer_venture_deposits (fund, round_id);
   CREATE TABLE indexer_models (
     model_id TEXT PRIMARY KEY,
     dao_id TEXT NOT NULL,
     name TEXT NOT NULL,
     metadata_uri TEXT NOT NULL,
     registered_by TEXT NOT NULL,
     block_number BIGINT NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     log_index INTEGER NOT NULL
   );
   CREATE TABLE indexer_model_versions (
     model_id TEXT NOT NULL,
     version_id TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     uri TEXT NOT NULL,
     framework TEXT NOT NULL,
     license TEXT NOT NULL,
     metrics_uri TEXT NOT NULL,
     added_by TEXT NOT NULL,
     block_number BIGINT NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     log_index INTEGER NOT NULL,
     PRIMARY KEY (model_id, version_id)
   );
   CREATE TABLE indexer_version_stages (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     model_id TEXT NOT NULL,
     version_id TEXT NOT NULL,
     from_stage INTEGER NOT NULL,
     to_stage INTEGER NOT NULL,
     changed_by TEXT NOT NULL,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE TABLE indexer_endpoints (
     endpoint_id TEXT PRIMARY KEY,
     model_id TEXT NOT NULL,
     version_id TEXT NOT NULL,
     url TEXT NOT NULL,
     unit TEXT NOT NULL,
     payment_token TEXT NOT NULL,
     unit_price TEXT NOT NULL,
     active INTEGER NOT NULL,
     block_number BIGINT NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     log_index INTEGER NOT NULL
   );
   CREATE TABLE indexer_endpoint_changes (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     endpoint_id TEXT NOT NULL,
     url TEXT,
     unit TEXT,
     payment_token TEXT,
     unit_price TEXT,
     active INTEGER,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_endpoint_changes_endpoint ON indexer_endpoint_changes (endpoint_id);
   CREATE TABLE indexer_channels (
     channel_id TEXT PRIMARY KEY,
     customer TEXT NOT NULL,
     endpoint_id TEXT NOT NULL,
     token TEXT NOT NULL,
     recipient TEXT NOT NULL,
     deposit TEXT NOT NULL,
     expires_at BIGINT NOT NULL,
     block_number BIGINT NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     log_index INTEGER NOT NULL
   );
   CREATE INDEX indexer_channels_order ON indexer_channels (block_number, log_index);
   CREATE TABLE indexer_channel_changes (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     amount TEXT,
     deposit TEXT,
     expires_at BIGINT,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_channel_changes_channel ON indexer_channel_changes (channel_id);
   CREATE TABLE indexer_redemptions (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     cumulative TEXT NOT NULL,
     paid TEXT NOT NULL,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_redemptions_channel ON indexer_redemptions (channel_id);
   CREATE TABLE indexer_rewards (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     kind TEXT NOT NULL,
     epoch_id TEXT,
     model_id TEXT,
     account TEXT,
     token TEXT,
     amount TEXT NOT NULL,
     details TEXT,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_rewards_account ON indexer_rewards (account);`,
  // Space settings set by signed `space` messages; proposals' Safe executions and the owners' signatures collected
  // for them; and, indexed from the chain, what each Safe executed (the outcome of those executions).
  `CREATE TABLE hub_space_settings (
     space TEXT PRIMARY KEY,
     settings TEXT NOT NULL,
     message_id TEXT NOT NULL,
     author TEXT NOT NULL,
     updated INTEGER NOT NULL
   );
   CREATE TABLE hub_executions (
     proposal TEXT PRIMARY KEY,
     safe TEXT NOT NULL,
     chain_id INTEGER NOT NULL,
     safe_tx TEXT NOT NULL,
     safe_tx_hash TEXT NOT NULL UNIQUE,
     threshold INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE hub_execution_signatures (
     proposal TEXT NOT NULL,
     signer TEXT NOT NULL,
     signature TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     PRIMARY KEY (proposal, signer)
   );
   CREATE TABLE indexer_safe_executions (
     block_number BIGINT NOT NULL,
     log_index INTEGER NOT NULL,
     block_hash TEXT NOT NULL,
     tx_hash TEXT NOT NULL,
     safe TEXT NOT NULL,
     safe_tx_hash TEXT NOT NULL,
     success INTEGER NOT NULL,
     payment TEXT NOT NULL,
     PRIMARY KEY (block_number, log_index)
   );
   CREATE INDEX indexer_safe_executions_hash ON indexer_safe_executions (safe_tx_hash);`,
  // Leases: one holder at a time for work replicas share (a channel the gateway serves, the indexer's head), with an
  // epoch that grows with each new holder. A channel's row carries the epoch it was written under: a replica that lost
  // the lease can no longer overwrite what the new holder wrote (fencing).
  `CREATE TABLE leases (
     name TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     epoch INTEGER NOT NULL,
     until INTEGER NOT NULL
   );
   ALTER TABLE gateway_channels ADD COLUMN lease_epoch INTEGER NOT NULL DEFAULT 0;`,
  // The worker: contributions (artifacts by content hash, signed by their contributor), and jobs queued per DAO with
  // their logs. A job's signature is its submitter's (unique: a request is queued once). dao_id, model_id and stake are uint256 as decimal TEXT; a job's lease (owner, until) is what lets two
  // replicas on one PostgreSQL claim jobs without running one twice; stake_key is the stake zero-padded to 78 digits, so
  // that text order is numeric order and the richest waiting job is one index lookup. worker_dispatch counts each DAO's dispatches:
  // the fair-share floor (jobs/priority.ts) gives every Nth one to the longest-waiting job.
  `CREATE TABLE worker_contributions (
     id INTEGER PRIMARY KEY,
     dao_id TEXT NOT NULL,
     model_id TEXT NOT NULL,
     contributor TEXT NOT NULL,
     role TEXT NOT NULL,
     kind TEXT NOT NULL,
     artifact TEXT NOT NULL,
     media_type TEXT NOT NULL,
     label TEXT,
     licence TEXT NOT NULL,
     signature TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     accepted_at INTEGER,
     UNIQUE (model_id, contributor, artifact)
   );
   CREATE INDEX worker_contributions_model ON worker_contributions (model_id, status, created_at);
   CREATE TABLE worker_jobs (
     id INTEGER PRIMARY KEY,
     dao_id TEXT NOT NULL,
     model_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     submitter TEXT NOT NULL,
     stake TEXT NOT NULL,
     stake_key TEXT NOT NULL,
     params TEXT NOT NULL,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL,
     max_attempts INTEGER NOT NULL,
     time_limit_ms INTEGER NOT NULL,
     result_artifact TEXT,
     metrics TEXT,
     error TEXT,
     queued_at INTEGER NOT NULL,
     started_at INTEGER,
     finished_at INTEGER,
     signature TEXT NOT NULL UNIQUE,
     lease_owner TEXT,
     lease_until INTEGER
   );
   CREATE INDEX worker_jobs_state ON worker_jobs (state, dao_id, queued_at, id);
   CREATE INDEX worker_jobs_stake ON worker_jobs (state, dao_id, stake_key, queued_at, id);
   CREATE TABLE worker_job_logs (
     job_id INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     at INTEGER NOT NULL,
     line TEXT NOT NULL,
     PRIMARY KEY (job_id, seq)
   );
   CREATE TABLE worker_dispatch (
     dao_id TEXT PRIMARY KEY,
     dispatched INTEGER NOT NULL,
     last_at INTEGER NOT NULL
   );`,
];

/**
 * The schema in PostgreSQL's words: integers are 64-bit (unix milliseconds overflow INTEGER), floats are doubles (as
 * SQLite's REAL is), an INTEGER PRIMARY KEY is an identity (SQLite's rowid), and TEXT compares bytewise (COLLATE "C",
 * as SQLite does): ordering and cursor pagination over hex ids and addresses are the same on both engines.
 */
export function forPostgres(sql: string): string {
  return sql
    .replace(/\bINTEGER PRIMARY KEY\b/g, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
    .replace(/\bINTEGER\b/g, "BIGINT")
    .replace(/\bREAL\b/g, "DOUBLE PRECISION")
    .replace(/\bTEXT\b/g, 'TEXT COLLATE "C"');
}
