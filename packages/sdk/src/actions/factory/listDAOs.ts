import type { Address, Client, Hex } from "viem";
import { getContractEvents } from "viem/actions";
import { daoRegistryAbi } from "../../generated/abis.ts";
import { TEMPLATE_NAMES, type TemplateName, templateId } from "../../templates.ts";

export type DAOSummary = {
  daoId: bigint;
  parentId: bigint;
  template: TemplateName | "main" | "unknown";
  mode: "OnChain" | "OffChain" | "Both";
  treasury: Address;
  token: Address;
  governor: Address;
  timelock: Address;
  safe: Address;
  module: Address;
  creator: Address;
};
export type ListDAOsParameters = {
  registry: Address;
  /** Only the children of this DAO. */
  parentId?: bigint;
  /** Where to start reading (the registry's deployment block); defaults to the earliest block. */
  fromBlock?: bigint;
};

const MODES = ["OnChain", "OffChain", "Both"] as const;
const NAMES = new Map<Hex, TemplateName>(TEMPLATE_NAMES.map((n) => [templateId(n), n]));

/**
 * Lists the DAOs of the DAO-of-DAOs tree (or one DAO's children) from the registry's `DAORegistered` events.
 *
 * @example
 * import { listDAOs } from "@aidao/sdk";
 * const children = await listDAOs(publicClient, { registry, parentId: 1n });
 */
export async function listDAOs(client: Client, p: ListDAOsParameters): Promise<DAOSummary[]> {
  const events = await getContractEvents(client, {
    address: p.registry,
    abi: daoRegistryAbi,
    eventName: "DAORegistered",
    args: p.parentId === undefined ? {} : { parentId: p.parentId },
    fromBlock: p.fromBlock ?? "earliest",
    toBlock: "latest",
  });
  return events.map((e) => {
    const a = e.args as {
      daoId: bigint;
      parentId: bigint;
      templateId: Hex;
      dao: Omit<DAOSummary, "daoId" | "parentId" | "template" | "mode"> & { mode: number };
    };
    return {
      daoId: a.daoId,
      parentId: a.parentId,
      template: a.daoId === 1n ? "main" : (NAMES.get(a.templateId) ?? "unknown"),
      mode: MODES[a.dao.mode] ?? "OnChain",
      treasury: a.dao.treasury,
      token: a.dao.token,
      governor: a.dao.governor,
      timelock: a.dao.timelock,
      safe: a.dao.safe,
      module: a.dao.module,
      creator: a.dao.creator,
    };
  });
}
