import { type Address, encodeAbiParameters, type Hex, keccak256, parseAbiParameters, toHex } from "viem";
import { BaseError } from "./errors.ts";

/** The templates shipped with the protocol. */
export const TEMPLATE_NAMES = ["revenue-sharing", "donation", "grant", "consortium", "venture"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** A template's id in the TemplateRegistry: keccak256 of its name. */
export const templateId = (name: TemplateName): Hex => keccak256(toHex(name));

/** How a DAO decides, as `IDAORegistry.GovernanceMode` numbers them. */
export const GovernanceMode = { OnChain: 0, OffChain: 1, Both: 2 } as const;
export type GovernanceModeName = keyof typeof GovernanceMode;

type Holder = { account: Address; amount: bigint };

/** What each template needs to know, in words; {encodeTemplateData} turns it into the setup's bytes. */
export type TemplateParameters =
  | { template: "revenue-sharing"; name: string; symbol: string; holders: Holder[] }
  | { template: "donation"; allowedTokens: Array<{ token: Address | "ETH"; unitsPerToken: bigint }> }
  | {
      template: "grant";
      name: string;
      symbol: string;
      holders: Holder[];
      /** Seconds during which token holders can veto a grant. */
      vetoWindow: number;
      /** Share of the token supply (basis points) whose veto defeats a grant. */
      vetoQuorumBps: number;
    }
  | {
      template: "consortium";
      members: Array<{ account: Address; weight?: bigint; revenueShareBps: number }>;
      /** false: one member one vote; true: votes weighted by `weight`. */
      weightedByStake: boolean;
    }
  | {
      template: "venture";
      /** The ERC-721 receipts' name and symbol. */
      receiptName: string;
      receiptSymbol: string;
      /** Percent of every vote held by the investors (AIDAO stakers hold the rest); the white paper's 60 by default. */
      investorWeight?: number;
    };

const fail = (message: string): never => {
  throw new BaseError(`Invalid template parameters: ${message}`);
};

/** Encodes a template's parameters as its setup decodes them; checks what can be checked before any transaction. */
export function encodeTemplateData(p: TemplateParameters): Hex {
  switch (p.template) {
    case "revenue-sharing":
    case "grant": {
      if (!p.name.trim() || !p.symbol.trim()) fail("the token needs a name and a symbol");
      if (p.holders.length === 0) fail("at least one holder must receive the initial supply");
      for (const h of p.holders) if (h.amount <= 0n) fail(`holder ${h.account} must receive a positive amount`);
      const head: [string, string, Address[], bigint[]] = [
        p.name,
        p.symbol,
        p.holders.map((h) => h.account),
        p.holders.map((h) => h.amount),
      ];
      if (p.template === "revenue-sharing") {
        return encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[]"), head);
      }
      if (p.vetoQuorumBps < 1 || p.vetoQuorumBps > 10_000) fail("vetoQuorumBps must be between 1 and 10000");
      return encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[], uint48, uint256"), [
        ...head,
        p.vetoWindow,
        BigInt(p.vetoQuorumBps),
      ]);
    }
    case "donation": {
      if (p.allowedTokens.length === 0) fail("allow at least one token (or ETH)");
      return encodeAbiParameters(parseAbiParameters("address[], uint256[]"), [
        p.allowedTokens.map((t) => (t.token === "ETH" ? "0x0000000000000000000000000000000000000000" : t.token)),
        p.allowedTokens.map((t) => t.unitsPerToken),
      ]);
    }
    case "consortium": {
      const total = p.members.reduce((sum, m) => sum + m.revenueShareBps, 0);
      if (p.members.length === 0) fail("a consortium needs members");
      if (total !== 10_000) fail(`member revenue shares must add up to 10000 bps, not ${total}`);
      return encodeAbiParameters(parseAbiParameters("address[], uint256[], uint16[], bool"), [
        p.members.map((m) => m.account),
        p.members.map((m) => m.weight ?? 1n),
        p.members.map((m) => m.revenueShareBps),
        p.weightedByStake,
      ]);
    }
    case "venture": {
      const weight = p.investorWeight ?? 60;
      if (!p.receiptName.trim() || !p.receiptSymbol.trim()) fail("the receipts need a name and a symbol");
      if (!Number.isInteger(weight) || weight < 1 || weight > 99) fail("investorWeight must be between 1 and 99");
      return encodeAbiParameters(parseAbiParameters("string, string, uint8"), [p.receiptName, p.receiptSymbol, weight]);
    }
  }
}
