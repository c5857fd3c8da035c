// The demo's marker: `<AIDAO_HOME>/demo.json`, written once the whole demo is seeded (never before), holding the
// demo's objects so every later start can print them. A marker alone does not say the demo is there: the chain may be
// a fresh one (its state file removed); `onChain` checks that the Face DAO the marker names exists on this chain.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Deployment, daoRegistryAbi } from "@aidao/sdk";
import type { Address, Hex, PublicClient } from "viem";

/** The seeded demo's objects (amounts as decimal strings in the token's smallest unit). */
export type Demo = {
  chainId: number;
  seededAt: string;
  seconds: number;
  /** The local demo stablecoin (6 decimals): the Face endpoint's price and the venture round's deposits. */
  demoUSD: Address;
  main: {
    daoId: string;
    governor: Address;
    proposalId: string;
    description: string;
    hubPoll: Hex;
    hubTitle: string;
    hubVoters: number;
  };
  face: {
    daoId: string;
    name: string;
    treasury: Address;
    token: Address;
    governor: Address;
    timelock: Address;
    modelId: string;
    modelName: string;
    versionId: string;
    endpointId: string;
    unitPrice: string;
    maintainerProposalId: string;
    promotionProposalId: string;
    contributors: Array<{ account: Address; role: string; shareBps: number }>;
  };
  channel: {
    channelId: Hex;
    customer: Address;
    deposit: string;
    calls: number;
    faces: number;
    charged: string;
    redeemed: string;
  };
  /**
   * The AI value chain through the worker: the Face model's labelled photos and the training job on them (absent from
   * a marker written before the demo had it).
   */
  worker?: {
    contributor: Address;
    contributions: Array<{ id: number; label: string; artifact: string }>;
    jobId: number;
    jobKind: string;
    submitter: Address;
  };
  venture: {
    daoId: string;
    governor: Address;
    fund: Address;
    roundId: string;
    closesAt: number;
    unlocksAt: number;
    /** The round's raised value (18 decimals, in $ at the governance price). */
    raised: string;
    openProposalId: string;
    investProposalId: string;
    investment: string;
    receipts: Array<{ receiptId: string; owner: Address; amount: string }>;
  };
};

export const markerPath = (home: string) => join(home, "demo.json");

/** The marker's demo, or undefined when there is none (or it cannot be read: then the demo is seeded again). */
export function readMarker(home: string): Demo | undefined {
  const path = markerPath(home);
  if (!existsSync(path)) return undefined;
  try {
    const demo = JSON.parse(readFileSync(path, "utf8")) as Demo;
    return typeof demo.face?.treasury === "string" ? demo : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the marker whole or not at all (a crash mid-write leaves no half marker). */
export function writeMarker(home: string, demo: Demo): void {
  const path = markerPath(home);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(demo, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** Whether this chain holds the marker's demo: the Face DAO it names is registered, at the same treasury. */
export async function onChain(client: PublicClient, deployment: Deployment, demo: Demo): Promise<boolean> {
  if (demo.chainId !== deployment.chainId) return false;
  const registry = { address: deployment.contracts.DAORegistry.address, abi: daoRegistryAbi } as const;
  // A read that fails (the chain is down) throws: only a chain that answers "no such DAO" is a fresh chain.
  const count = await client.readContract({ ...registry, functionName: "daoCount" });
  const daoId = BigInt(demo.face.daoId);
  if (daoId < 1n || daoId > count) return false;
  const dao = await client.readContract({ ...registry, functionName: "dao", args: [daoId] });
  if (dao.treasury.toLowerCase() !== demo.face.treasury.toLowerCase()) return false;
  const code = await client.getCode({ address: dao.treasury });
  return code !== undefined && code !== "0x";
}
