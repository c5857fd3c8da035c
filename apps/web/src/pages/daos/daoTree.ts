import { TEMPLATE_NAMES, type TemplateName, templateId } from "@aidao/sdk";

/** A DAO as the indexer's /api/daos lists it. */
export type IndexedDAO = {
  daoId: string;
  parentId: string;
  name: string | null;
  templateId: string;
  version: number;
  mode: "OnChain" | "OffChain" | "Both";
  treasury: string;
  token: string;
  governor: string;
  timelock: string;
  safe: string;
  module: string;
  creator: string;
  blockNumber: number;
  transactionHash: string;
};

export type DAONode = { dao: IndexedDAO; children: DAONode[] };

const NAMES = new Map<string, TemplateName>(TEMPLATE_NAMES.map((n) => [templateId(n).toLowerCase(), n]));

/** The template a DAO was created from, in words ("main" for the root). */
export function templateOf(dao: Pick<IndexedDAO, "daoId" | "templateId">): TemplateName | "main" | "unknown" {
  if (dao.daoId === "1") return "main";
  return NAMES.get(dao.templateId.toLowerCase()) ?? "unknown";
}

/** A DAO's name for people: the main DAO has none on chain. */
export function daoName(dao: Pick<IndexedDAO, "daoId" | "name">): string {
  if (dao.name) return dao.name;
  return dao.daoId === "1" ? "AIDAO (main DAO)" : `DAO ${dao.daoId}`;
}

/** The DAO-of-DAOs tree: roots are DAOs without a known parent; children in id order. */
export function buildTree(daos: IndexedDAO[]): DAONode[] {
  const nodes = new Map<string, DAONode>();
  const sorted = [...daos].sort((a, b) => Number(BigInt(a.daoId) - BigInt(b.daoId)));
  for (const dao of sorted) nodes.set(dao.daoId, { dao, children: [] });
  const roots: DAONode[] = [];
  for (const dao of sorted) {
    const node = nodes.get(dao.daoId) as DAONode;
    const parent = dao.parentId !== dao.daoId ? nodes.get(dao.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
