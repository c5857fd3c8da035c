// A space's settings as its admins set them with a signed `space` message. The chain decides who governs a space
// (admins are its Safe's owners) and where power comes from (its strategies): a message cannot change those. It sets,
// over the chain-derived defaults, what Snapshot's space settings set: name and description, the voting delay, period,
// type(s) and quorum, proposal validation (minimum power), and moderators. A message replaces the previous settings
// whole (as Snapshot's do): a key left out returns to its default.
import { type Address, getAddress, isAddress } from "viem";
import { HubError } from "./errors.ts";
import type { SpaceSettings } from "./spaces.ts";
import { VOTING_TYPES, type VotingType } from "./tally/index.ts";

/** What a `space` message may set. `voting` is Snapshot's (fixed values); `delay`/`period`/`votingTypes` are bounds. */
export type SpaceOverlay = {
  name?: string;
  about?: string;
  voting?: { delay?: number; period?: number; type?: VotingType; quorum?: number };
  votingTypes?: VotingType[];
  delay?: { min: number; max: number };
  period?: { min: number; max: number };
  validation?: { name: "basic"; params: { minScore: number } };
  moderators?: Address[];
};

const MAX_DELAY = 30 * 86_400;
const MIN_PERIOD = 60;
const MAX_PERIOD = 365 * 86_400;
const ALLOWED = ["name", "about", "voting", "votingTypes", "delay", "period", "validation", "moderators"];
const CHAIN_DERIVED = ["admins", "strategies", "network", "members"];

const invalid = (why: string, details: Record<string, unknown> = {}) => new HubError("INVALID_SETTINGS", why, details);

function object(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid(`${path} must be an object`);
  return v as Record<string, unknown>;
}

function integer(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    throw invalid(`${path} must be an integer in [${min}, ${max}]`, { [path]: v });
  }
  return v;
}

function power(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1e30) {
    throw invalid(`${path} must be a number of votes in [0, 1e30]`, { [path]: v });
  }
  return v;
}

function text(v: unknown, path: string, max: number, min = 0): string {
  if (typeof v !== "string" || v.length < min || v.length > max) {
    throw invalid(`${path} must be a string of ${min}..${max} characters`);
  }
  return v;
}

function votingType(v: unknown, path: string): VotingType {
  if (!VOTING_TYPES.includes(v as VotingType)) throw invalid(`${path} must be one of ${VOTING_TYPES.join(", ")}`);
  return v as VotingType;
}

function range(v: unknown, path: string, min: number, max: number): { min: number; max: number } {
  const o = object(v, path);
  const extra = Object.keys(o).filter((k) => k !== "min" && k !== "max");
  if (extra.length > 0) throw invalid(`${path} has unknown keys: ${extra.join(", ")}`);
  const r = { min: integer(o.min, `${path}.min`, min, max), max: integer(o.max, `${path}.max`, min, max) };
  if (r.min > r.max) throw invalid(`${path}.min must not exceed ${path}.max`);
  return r;
}

/** Parses and validates a `space` message's `settings` (a JSON string); throws INVALID_SETTINGS naming the culprit. */
export function parseSpaceSettings(json: string): SpaceOverlay {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw invalid("settings must be a JSON object");
  }
  const o = object(raw, "settings");
  for (const key of Object.keys(o)) {
    if (CHAIN_DERIVED.includes(key)) {
      throw invalid(
        `settings.${key} is derived from the chain (admins are the space's Safe owners; power comes from its contracts) and cannot be set by a message`,
        { key },
      );
    }
    if (!ALLOWED.includes(key))
      throw invalid(`settings.${key} is not a setting (allowed: ${ALLOWED.join(", ")})`, { key });
  }
  const out: SpaceOverlay = {};
  if (o.name !== undefined) out.name = text(o.name, "settings.name", 64, 1);
  if (o.about !== undefined) out.about = text(o.about, "settings.about", 1_000);
  if (o.voting !== undefined) {
    const v = object(o.voting, "settings.voting");
    const extra = Object.keys(v).filter((k) => !["delay", "period", "type", "quorum"].includes(k));
    if (extra.length > 0) throw invalid(`settings.voting has unknown keys: ${extra.join(", ")}`);
    out.voting = {};
    if (v.delay !== undefined && v.delay !== null)
      out.voting.delay = integer(v.delay, "settings.voting.delay", 0, MAX_DELAY);
    if (v.period !== undefined && v.period !== null) {
      out.voting.period = integer(v.period, "settings.voting.period", MIN_PERIOD, MAX_PERIOD);
    }
    // Snapshot sends "" for "any type".
    if (v.type !== undefined && v.type !== null && v.type !== "")
      out.voting.type = votingType(v.type, "settings.voting.type");
    if (v.quorum !== undefined && v.quorum !== null) out.voting.quorum = power(v.quorum, "settings.voting.quorum");
  }
  if (o.votingTypes !== undefined) {
    if (!Array.isArray(o.votingTypes) || o.votingTypes.length === 0) {
      throw invalid("settings.votingTypes must be a non-empty list");
    }
    out.votingTypes = [...new Set(o.votingTypes.map((t, i) => votingType(t, `settings.votingTypes[${i}]`)))];
  }
  if (o.delay !== undefined) out.delay = range(o.delay, "settings.delay", 0, MAX_DELAY);
  if (o.period !== undefined) out.period = range(o.period, "settings.period", MIN_PERIOD, MAX_PERIOD);
  if (o.validation !== undefined) {
    const v = object(o.validation, "settings.validation");
    if (v.name !== "basic") throw invalid('settings.validation.name must be "basic" (a minimum voting power)');
    const params = object(v.params, "settings.validation.params");
    out.validation = {
      name: "basic",
      params: { minScore: power(params.minScore, "settings.validation.params.minScore") },
    };
  }
  if (o.moderators !== undefined) {
    if (!Array.isArray(o.moderators) || o.moderators.length > 50) {
      throw invalid("settings.moderators must be a list of at most 50 addresses");
    }
    out.moderators = o.moderators.map((m, i) => {
      if (typeof m !== "string" || !isAddress(m, { strict: false })) {
        throw invalid(`settings.moderators[${i}] is not an address`, { moderator: m });
      }
      return getAddress(m);
    });
  }
  if (out.voting?.type && out.votingTypes && !out.votingTypes.includes(out.voting.type)) {
    throw invalid("settings.voting.type must be one of settings.votingTypes");
  }
  return out;
}

/** The space as the chain derives it (`base`) with a settings message's overlay applied. */
export function applySpaceSettings(base: SpaceSettings, o: SpaceOverlay): SpaceSettings {
  const s: SpaceSettings = { ...base };
  if (o.name !== undefined) s.name = o.name;
  if (o.about !== undefined) s.about = o.about;
  if (o.votingTypes) s.votingTypes = o.votingTypes;
  if (o.voting?.type) s.votingTypes = [o.voting.type];
  if (o.delay) s.delay = o.delay;
  if (o.voting?.delay !== undefined) s.delay = { min: o.voting.delay, max: o.voting.delay };
  if (o.period) s.period = o.period;
  if (o.voting?.period !== undefined) s.period = { min: o.voting.period, max: o.voting.period };
  if (o.voting?.quorum !== undefined) s.quorum = o.voting.quorum;
  if (o.validation) s.proposalThreshold = o.validation.params.minScore;
  if (o.moderators) s.moderators = o.moderators;
  return s;
}
