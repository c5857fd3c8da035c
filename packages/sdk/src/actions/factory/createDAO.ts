import { type Address, decodeEventLog, type Hash, type Hex, keccak256, toHex } from "viem";
import { waitForTransactionReceipt } from "viem/actions";
import { BaseError } from "../../errors.ts";
import { aidaoFactoryAbi, daoRegistryAbi } from "../../generated/abis.ts";
import {
  encodeTemplateData,
  GovernanceMode,
  type GovernanceModeName,
  type TemplateParameters,
  templateId,
} from "../../templates.ts";
import { type SignerClient, writeChecked } from "../writeChecked.ts";

/** How the new DAO decides. On-chain fields apply to OnChain and Both, Safe fields to OffChain and Both. */
export type GovernanceParameters = {
  mode: GovernanceModeName;
  votingDelay?: number;
  votingPeriod?: number;
  proposalThreshold?: bigint;
  quorumPercent?: number;
  timelockDelay?: number;
  safeOwners?: Address[];
  safeThreshold?: number;
};

export type CreateDAOParameters = {
  factory: Address;
  name: string;
  /** ERC-4824 metadata URI of the DAO. */
  daoURI?: string;
  /** Any string; with the creator's address it fixes the DAO's addresses. Defaults to the name. */
  salt?: string;
  /** Approved template version; defaults to 1. */
  version?: number;
  /** The parent DAO when the caller is that DAO's executor; defaults to the main DAO. */
  parentId?: bigint;
  governance: GovernanceParameters;
  template: TemplateParameters;
};

export type CreatedDAO = {
  daoId: bigint;
  treasury: Address;
  token: Address;
  governor: Address;
  timelock: Address;
  safe: Address;
  module: Address;
};
export type CreateDAOReturnType = { hash: Hash } & CreatedDAO;

/** The `CreateParams` tuple `AIDAOFactory.createDAO` takes. */
export function createDAOParams(p: Omit<CreateDAOParameters, "factory">) {
  const g = p.governance;
  const onChain = g.mode !== "OffChain";
  const offChain = g.mode !== "OnChain";
  if (offChain && (!g.safeOwners?.length || !g.safeThreshold || g.safeThreshold > g.safeOwners.length)) {
    throw new BaseError("An off-chain DAO needs Safe owners and a threshold between 1 and their number");
  }
  if (onChain && g.votingPeriod !== undefined && g.votingPeriod <= 0) {
    throw new BaseError("The voting period must be positive");
  }
  return {
    templateId: templateId(p.template.template),
    version: p.version ?? 1,
    parentId: p.parentId ?? 0n,
    name: p.name,
    daoURI: p.daoURI ?? "",
    salt: keccak256(toHex(p.salt ?? p.name)),
    governance: {
      mode: GovernanceMode[g.mode],
      votingDelay: g.votingDelay ?? 86_400,
      votingPeriod: g.votingPeriod ?? 5 * 86_400,
      proposalThreshold: g.proposalThreshold ?? 0n,
      quorumPercent: g.quorumPercent ?? 4,
      timelockDelay: g.timelockDelay ?? 2 * 86_400,
      safeOwners: g.safeOwners ?? [],
      safeThreshold: BigInt(g.safeThreshold ?? 0),
    },
    templateData: encodeTemplateData(p.template) as Hex,
  };
}

/**
 * Creates a purpose-built AI DAO from a template in one transaction and returns its id and contracts.
 *
 * @example
 * import { createDAO } from "@aidao/sdk";
 * const dao = await createDAO(walletClient, {
 *   factory, name: "Face DAO", governance: { mode: "OnChain" },
 *   template: { template: "revenue-sharing", name: "Face", symbol: "FACE", holders: [{ account, amount: 10n ** 24n }] },
 * });
 */
export async function createDAO(client: SignerClient, p: CreateDAOParameters): Promise<CreateDAOReturnType> {
  const hash = await writeChecked(client, {
    address: p.factory,
    abi: aidaoFactoryAbi,
    functionName: "createDAO",
    args: [createDAOParams(p)],
  });
  const receipt = await waitForTransactionReceipt(client, { hash });
  // The registry's DAORegistered event carries the whole record of the new DAO.
  for (const log of receipt.logs) {
    try {
      const event = decodeEventLog({ abi: daoRegistryAbi, data: log.data, topics: log.topics });
      if (event.eventName !== "DAORegistered") continue;
      const d = event.args.dao;
      return {
        hash,
        daoId: event.args.daoId,
        treasury: d.treasury,
        token: d.token,
        governor: d.governor,
        timelock: d.timelock,
        safe: d.safe,
        module: d.module,
      };
    } catch {}
  }
  throw new BaseError("createDAO succeeded but emitted no DAORegistered event", { details: hash });
}
