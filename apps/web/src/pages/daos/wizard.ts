import type { CreateDAOParameters, GovernanceModeName, TemplateParameters } from "@aidao/sdk";
import { type Address, getAddress, isAddress } from "viem";
import { parseAmount } from "../../lib/format.ts";

/** The templates a person may create an AI DAO from (venture is the protocol's own fund). */
export const WIZARD_TEMPLATES = [
  { name: "revenue-sharing", title: "Revenue sharing", about: "A token whose holders vote and share every income." },
  { name: "donation", title: "Donation", about: "Supporters donate and get votes; no revenue rights." },
  { name: "grant", title: "Grant program", about: "Token holders fund grants and may veto them in a window." },
  { name: "consortium", title: "Consortium", about: "Members vote and split the revenue by fixed shares." },
] as const;
export type WizardTemplate = (typeof WIZARD_TEMPLATES)[number]["name"];

export const STEPS = ["Template", "Name", "Parameters", "Governance", "Review"] as const;

/** One row of an editable list: an account (or token) and a figure, as typed. */
export type Row = { account: string; amount: string; weight?: string };

/** Everything the wizard holds, as the person typed it (strings, so nothing typed is ever lost). */
export type WizardState = {
  template: WizardTemplate;
  name: string;
  daoURI: string;
  tokenName: string;
  symbol: string;
  holders: Row[];
  allowed: Row[];
  members: Row[];
  weighted: boolean;
  vetoWindow: string;
  vetoQuorumPercent: string;
  mode: GovernanceModeName;
  votingDelay: string;
  votingPeriod: string;
  quorumPercent: string;
  proposalThreshold: string;
  timelockDelay: string;
  safeOwners: string;
  safeThreshold: string;
};

export const initialWizard = (): WizardState => ({
  template: "revenue-sharing",
  name: "",
  daoURI: "",
  tokenName: "",
  symbol: "",
  holders: [{ account: "", amount: "" }],
  allowed: [{ account: "ETH", amount: "1" }],
  members: [{ account: "", amount: "", weight: "1" }],
  weighted: false,
  vetoWindow: "3d",
  vetoQuorumPercent: "10",
  mode: "OnChain",
  votingDelay: "1d",
  votingPeriod: "5d",
  quorumPercent: "4",
  proposalThreshold: "0",
  timelockDelay: "2d",
  safeOwners: "",
  safeThreshold: "1",
});

/** Field name → what is wrong with it, in words. */
export type Errors = Record<string, string>;

/** "3600", "30m", "12h" or "7d" in seconds, as the CLI reads durations; null when it is not one. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m) return null;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit;
}

const wholeIn = (text: string, min: number, max: number): number | null => {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
};

/** A percentage with at most two decimals, in basis points; null outside [min, max] bps. */
export function percentToBps(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const bps = Math.round(Number(t) * 100);
  return bps >= min && bps <= max ? bps : null;
}

function checkAccounts(rows: Row[], key: string, errors: Errors, label: string) {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const a = r.account.trim();
    if (!isAddress(a, { strict: false })) errors[`${key}.${i}.account`] = `${label} ${i + 1}: enter a 0x… address`;
    else if (seen.has(a.toLowerCase())) errors[`${key}.${i}.account`] = `${label} ${i + 1} is listed twice`;
    else if (/^0x0{40}$/i.test(a)) errors[`${key}.${i}.account`] = `${label} ${i + 1} cannot be the zero address`;
    seen.add(a.toLowerCase());
  });
}

/** What is wrong on one step (empty when the step may be left). */
export function validateStep(step: number, s: WizardState): Errors {
  const e: Errors = {};
  if (step === 1) {
    if (!s.name.trim()) e.name = "Give the DAO a name";
    else if (s.name.trim().length > 64) e.name = "Keep the name to 64 characters";
    const uri = s.daoURI.trim();
    if (uri && !/^(https?|ipfs|ar):\/\/\S+$/.test(uri))
      e.daoURI = "Use an https://, ipfs:// or ar:// address, or leave it empty";
  }
  if (step === 2) {
    if (s.template === "revenue-sharing" || s.template === "grant") {
      if (!s.tokenName.trim()) e.tokenName = "The token needs a name";
      if (!/^[A-Za-z0-9]{1,11}$/.test(s.symbol.trim())) e.symbol = "The symbol is 1 to 11 letters or digits";
      if (s.holders.length === 0) e.holders = "Add at least one holder to receive the initial supply";
      checkAccounts(s.holders, "holders", e, "Holder");
      s.holders.forEach((h, i) => {
        if (parseAmount(h.amount) === null)
          e[`holders.${i}.amount`] = `Holder ${i + 1}: enter a positive amount of tokens`;
      });
      if (s.template === "grant") {
        const w = parseDuration(s.vetoWindow);
        if (w === null || w <= 0) e.vetoWindow = "A duration like 3600, 30m, 12h or 7d";
        if (percentToBps(s.vetoQuorumPercent, 1, 10_000) === null)
          e.vetoQuorumPercent = "A share of the supply from 0.01 to 100 (%)";
      }
    }
    if (s.template === "donation") {
      if (s.allowed.length === 0) e.allowed = "Allow at least one token (or ETH)";
      s.allowed.forEach((t, i) => {
        const a = t.account.trim();
        if (a.toUpperCase() !== "ETH" && !isAddress(a, { strict: false }))
          e[`allowed.${i}.account`] = `Token ${i + 1}: enter ETH or a token's 0x… address`;
        if (parseAmount(t.amount) === null)
          e[`allowed.${i}.amount`] = `Token ${i + 1}: enter a positive number of votes`;
      });
    }
    if (s.template === "consortium") {
      if (s.members.length === 0) e.members = "A consortium needs members";
      checkAccounts(s.members, "members", e, "Member");
      let total = 0;
      s.members.forEach((m, i) => {
        const bps = percentToBps(m.amount, 0, 10_000);
        if (bps === null) e[`members.${i}.amount`] = `Member ${i + 1}: a share from 0 to 100 (%)`;
        else total += bps;
        if (s.weighted && wholeIn(m.weight ?? "", 1, 1e15) === null)
          e[`members.${i}.weight`] = `Member ${i + 1}: a whole weight of at least 1`;
      });
      if (s.members.length > 0 && !Object.keys(e).some((k) => k.endsWith(".amount")) && total !== 10_000)
        e.members = `The members' shares must add up to 100%, not ${total / 100}%`;
    }
  }
  if (step === 3) {
    if (s.mode !== "OffChain") {
      if (parseDuration(s.votingDelay) === null) e.votingDelay = "A duration like 3600, 30m, 12h or 7d";
      const period = parseDuration(s.votingPeriod);
      if (period === null || period <= 0) e.votingPeriod = "A positive duration like 30m, 12h or 5d";
      else if (period > 4_294_967_295) e.votingPeriod = "That voting period is too long";
      if (wholeIn(s.quorumPercent, 0, 100) === null) e.quorumPercent = "A whole percentage from 0 to 100";
      if (s.proposalThreshold.trim() !== "0" && parseAmount(s.proposalThreshold) === null)
        e.proposalThreshold = "0 or a positive number of votes";
      if (parseDuration(s.timelockDelay) === null) e.timelockDelay = "A duration like 3600, 30m, 12h or 2d";
    }
    if (s.mode !== "OnChain") {
      const owners = splitOwners(s.safeOwners);
      if (owners.length === 0) e.safeOwners = "List the Safe's owners, separated by commas";
      else if (owners.some((o) => !isAddress(o, { strict: false }))) e.safeOwners = "Every owner must be a 0x… address";
      else if (new Set(owners.map((o) => o.toLowerCase())).size !== owners.length)
        e.safeOwners = "An owner is listed twice";
      if (wholeIn(s.safeThreshold, 1, Math.max(1, owners.length)) === null)
        e.safeThreshold = `A number of signatures from 1 to ${Math.max(1, owners.length)}`;
    }
  }
  return e;
}

const splitOwners = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);

/** Every error of every step, for the review. */
export function validateAll(s: WizardState): Errors {
  return Object.assign({}, ...STEPS.map((_, i) => validateStep(i, s)));
}

function templateParameters(s: WizardState): TemplateParameters {
  const holders = s.holders.map((h) => ({
    account: getAddress(h.account.trim()),
    amount: parseAmount(h.amount) ?? 0n,
  }));
  switch (s.template) {
    case "revenue-sharing":
      return { template: s.template, name: s.tokenName.trim(), symbol: s.symbol.trim(), holders };
    case "grant":
      return {
        template: s.template,
        name: s.tokenName.trim(),
        symbol: s.symbol.trim(),
        holders,
        vetoWindow: parseDuration(s.vetoWindow) ?? 0,
        vetoQuorumBps: percentToBps(s.vetoQuorumPercent, 1, 10_000) ?? 0,
      };
    case "donation":
      return {
        template: s.template,
        allowedTokens: s.allowed.map((t) => ({
          token: t.account.trim().toUpperCase() === "ETH" ? "ETH" : getAddress(t.account.trim()),
          unitsPerToken: parseAmount(t.amount) ?? 0n,
        })),
      };
    case "consortium":
      return {
        template: s.template,
        weightedByStake: s.weighted,
        members: s.members.map((m) => ({
          account: getAddress(m.account.trim()),
          revenueShareBps: percentToBps(m.amount, 0, 10_000) ?? 0,
          ...(s.weighted ? { weight: BigInt(m.weight ?? "1") } : {}),
        })),
      };
  }
}

/** The SDK's createDAO parameters for a valid wizard (call validateAll first). */
export function toCreateParameters(s: WizardState, factory: Address, salt: string): CreateDAOParameters {
  const owners = splitOwners(s.safeOwners).map((o) => getAddress(o));
  return {
    factory,
    name: s.name.trim(),
    daoURI: s.daoURI.trim(),
    salt,
    governance: {
      mode: s.mode,
      ...(s.mode !== "OffChain"
        ? {
            votingDelay: parseDuration(s.votingDelay) ?? 0,
            votingPeriod: parseDuration(s.votingPeriod) ?? 0,
            quorumPercent: Number(s.quorumPercent.trim()),
            proposalThreshold: s.proposalThreshold.trim() === "0" ? 0n : (parseAmount(s.proposalThreshold) ?? 0n),
            timelockDelay: parseDuration(s.timelockDelay) ?? 0,
          }
        : {}),
      ...(s.mode !== "OnChain" ? { safeOwners: owners, safeThreshold: Number(s.safeThreshold.trim()) } : {}),
    },
    template: templateParameters(s),
  };
}
