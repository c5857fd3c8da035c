import {
  aidaoFactoryAbi,
  aidaoGovernorAbi,
  aidaoTokenAbi,
  aidaoVestingAbi,
  type ContractName,
  childGovernorAbi,
  childTimelockAbi,
  childTreasuryAbi,
  consortiumAbi,
  contributorBadgesAbi,
  type Deployment,
  daoRegistryAbi,
  donationVaultAbi,
  educationFundAbi,
  grantProgramAbi,
  modelRegistryAbi,
  revenueShareTokenAbi,
  rewardsDistributorAbi,
  stakingAbi,
  TEMPLATE_NAMES,
  templateId,
  templateRegistryAbi,
  timelockControllerAbi,
  treasuryAbi,
  usageChannelsAbi,
  ventureFundAbi,
  ventureGovernorAbi,
  ventureReceiptsAbi,
} from "@aidao/sdk";
import {
  type Abi,
  type AbiEvent,
  type AbiParameter,
  type Address,
  decodeAbiParameters,
  type Hex,
  toEventSelector,
  zeroAddress,
} from "viem";
import { safeAbi } from "../hub/safe/abi.ts";

/**
 * The contract kinds whose events the indexer decodes: each deployment contract by its name, and the clones the
 * factory makes for every AI DAO by their implementation's name. `null`: nothing to decode (a template setup, which
 * emits nothing). A Safe is decoded for its executions (`ExecutionSuccess`/`ExecutionFailure`) only.
 */
export const KIND_ABIS = {
  TimelockController: timelockControllerAbi,
  Safe: safeAbi,
  EducationFund: educationFundAbi,
  Treasury: treasuryAbi,
  TeamVesting: aidaoVestingAbi,
  AdvisorsVesting: aidaoVestingAbi,
  IncentivesVesting: aidaoVestingAbi,
  RewardsDistributor: rewardsDistributorAbi,
  AIDAOToken: aidaoTokenAbi,
  Staking: stakingAbi,
  AIDAOGovernor: aidaoGovernorAbi,
  DAORegistry: daoRegistryAbi,
  ChildTreasuryImpl: childTreasuryAbi,
  ChildGovernorImpl: childGovernorAbi,
  ChildTimelockImpl: childTimelockAbi,
  RevenueShareTokenImpl: revenueShareTokenAbi,
  RevenueSharingSetup: null,
  DonationVaultImpl: donationVaultAbi,
  DonationSetup: null,
  GrantProgramImpl: grantProgramAbi,
  GrantSetup: null,
  ConsortiumImpl: consortiumAbi,
  ConsortiumSetup: null,
  VentureFundImpl: ventureFundAbi,
  VentureReceiptsImpl: ventureReceiptsAbi,
  VentureGovernorImpl: ventureGovernorAbi,
  VentureSetup: null,
  TemplateRegistry: templateRegistryAbi,
  AIDAOFactory: aidaoFactoryAbi,
  ModelRegistry: modelRegistryAbi,
  VentureTreasury: childTreasuryAbi,
  VentureFund: ventureFundAbi,
  VentureReceipts: ventureReceiptsAbi,
  VentureGovernor: ventureGovernorAbi,
  VentureTimelock: childTimelockAbi,
  UsageChannels: usageChannelsAbi,
  ContributorBadges: contributorBadgesAbi,
  // The clones of an AI DAO, named after what they are.
  ChildTreasury: childTreasuryAbi,
  ChildGovernor: childGovernorAbi,
  ChildTimelock: childTimelockAbi,
  RevenueShareToken: revenueShareTokenAbi,
  DonationVault: donationVaultAbi,
  GrantProgram: grantProgramAbi,
  Consortium: consortiumAbi,
} as const satisfies Record<ContractName, Abi | null> & Record<string, Abi | null>;

export type ContractKind = keyof typeof KIND_ABIS;

/** A watched contract: what it is, which DAO it belongs to (if any), and from which block it is watched. */
export type WatchedContract = {
  address: Address;
  contract: string;
  daoId: bigint | null;
  fromBlock: bigint;
};

/** Every deployment contract that can emit a decodable event. */
export function deploymentContracts(deployment: Deployment): WatchedContract[] {
  const out: WatchedContract[] = [];
  for (const [name, c] of Object.entries(deployment.contracts) as Array<
    [ContractName, { address: Address; block: bigint }]
  >) {
    if (KIND_ABIS[name] === null) continue;
    out.push({ address: c.address.toLowerCase() as Address, contract: name, daoId: null, fromBlock: c.block });
  }
  return out;
}

/** The DAO record `DAORegistry.DAORegistered` carries (`IDAORegistry.DAO`). */
export type DAORecord = {
  treasury: Address;
  token: Address;
  governor: Address;
  timelock: Address;
  safe: Address;
  module: Address;
  creator: Address;
  parentId: bigint;
  version: number;
  mode: number;
  templateId: Hex;
};

const TEMPLATE_BY_ID = new Map<string, (typeof TEMPLATE_NAMES)[number]>(
  TEMPLATE_NAMES.map((name) => [templateId(name), name]),
);

/** The template a template id names, or undefined (the main DAO, or a template this server does not know). */
export const templateName = (id: Hex) => TEMPLATE_BY_ID.get(id.toLowerCase());

/**
 * The contracts of a registered DAO, by role, with the kind each clone is (from its template: the venture template
 * brings its own governor, receipts and fund). Roles a template leaves empty (`address(0)`) are left out; an unknown
 * template's token and module are named by role and decoded against every known ABI.
 */
export function daoContracts(dao: DAORecord): Array<{ role: string; address: Address; contract: string }> {
  const template = templateName(dao.templateId);
  const token =
    template === "venture"
      ? "VentureReceipts"
      : template === "revenue-sharing" || template === "grant"
        ? "RevenueShareToken"
        : "DAOToken";
  const module =
    template === "venture"
      ? "VentureFund"
      : template === "donation"
        ? "DonationVault"
        : template === "grant"
          ? "GrantProgram"
          : template === "consortium"
            ? "Consortium"
            : "DAOModule";
  const roles: Array<[string, Address, string]> = [
    ["treasury", dao.treasury, "ChildTreasury"],
    ["token", dao.token, token],
    ["governor", dao.governor, template === "venture" ? "VentureGovernor" : "ChildGovernor"],
    ["timelock", dao.timelock, "ChildTimelock"],
    ["module", dao.module, module],
    ["safe", dao.safe, "Safe"],
  ];
  return roles
    .filter(([, address]) => address !== zeroAddress)
    .map(([role, address, contract]) => ({ role, address: address.toLowerCase() as Address, contract }));
}

/** A log as `eth_getLogs` returns it, with the fields the indexer reads. */
export type RawLog = {
  address: Address;
  topics: readonly Hex[];
  data: Hex;
  blockNumber: bigint;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: number;
  logIndex: number;
  blockTimestamp?: bigint | number | Hex | null | undefined;
};

export type DecodedLog = { event: string; args: Record<string, unknown> };

const signatureOf = (e: AbiEvent) =>
  `${e.name}(${e.inputs.map((i) => `${i.type}${i.indexed ? " indexed" : ""}`).join(",")})`;

/** An event definition prepared once: which arguments come from topics, which from data. */
type CompiledEvent = { name: string; inputs: readonly AbiParameter[]; indexed: AbiParameter[]; data: AbiParameter[] };

const compile = (e: AbiEvent): CompiledEvent => ({
  name: e.name,
  inputs: e.inputs,
  indexed: e.inputs.filter((i) => i.indexed),
  data: e.inputs.filter((i) => !i.indexed),
});

/** Indexed values of these types are stored as their keccak256 hash: the topic is all there is to decode. */
const hashedInTopic = (p: AbiParameter) =>
  p.type === "string" || p.type === "bytes" || p.type === "tuple" || p.type.endsWith("]");

/** Decodes a log with one event definition (viem's `decodeEventLog` semantics, strict); throws if it does not fit. */
function decodeWith(e: CompiledEvent, log: Pick<RawLog, "topics" | "data">): Record<string, unknown> {
  if (log.topics.length !== e.indexed.length + 1) throw new Error(`${e.name}: ${log.topics.length - 1} indexed topics`);
  const values = new Map<AbiParameter, unknown>();
  e.indexed.forEach((p, i) => {
    const topic = log.topics[i + 1] as Hex;
    values.set(p, hashedInTopic(p) ? topic : decodeAbiParameters([p], topic)[0]);
  });
  if (e.data.length > 0) {
    const decoded = decodeAbiParameters(e.data, log.data);
    for (const [i, p] of e.data.entries()) values.set(p, decoded[i]);
  }
  const args: Record<string, unknown> = {};
  for (const p of e.inputs) args[p.name ?? ""] = values.get(p);
  return args;
}

/**
 * Decodes logs against the union of the SDK's ABIs. Events are looked up by their first topic and decoded with a
 * definition prepared once (viem's `decodeEventLog` hashes the definition's signature at every call); when two
 * definitions share a selector (ERC-20 and ERC-721 `Transfer`, which differ only in what is indexed), the one of the
 * emitting contract's kind is tried first, then the others.
 */
export class Decoder {
  private readonly byTopic = new Map<Hex, CompiledEvent[]>();
  private readonly byKind = new Map<string, Map<Hex, CompiledEvent>>();

  constructor() {
    const bySignature = new Map<string, CompiledEvent>();
    for (const [kind, abi] of Object.entries(KIND_ABIS)) {
      if (!abi) continue;
      const mine = new Map<Hex, CompiledEvent>();
      for (const item of abi as Abi) {
        if (item.type !== "event" || item.anonymous) continue;
        const topic = toEventSelector(item);
        const sig = signatureOf(item);
        let compiled = bySignature.get(sig);
        if (!compiled) {
          compiled = compile(item);
          bySignature.set(sig, compiled);
          const list = this.byTopic.get(topic) ?? [];
          list.push(compiled);
          this.byTopic.set(topic, list);
        }
        mine.set(topic, compiled);
      }
      this.byKind.set(kind, mine);
    }
  }

  /** The event and its arguments (viem's types: uint → bigint, checksummed addresses), or null if none fits. */
  decode(log: Pick<RawLog, "topics" | "data">, contract: string): DecodedLog | null {
    const topic = log.topics[0];
    if (!topic) return null;
    const first = this.byKind.get(contract)?.get(topic);
    const candidates = this.byTopic.get(topic) ?? [];
    for (const e of first ? [first, ...candidates.filter((c) => c !== first)] : candidates) {
      try {
        return { event: e.name, args: decodeWith(e, log) };
      } catch {
        // another definition with the same selector may fit (different indexed arguments)
      }
    }
    return null;
  }
}

/** JSON with uint256 values as decimal strings (JSON numbers cannot hold them). */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
