import { modelRegistryAbi } from "@aidao/sdk";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { useContracts } from "../../config.ts";
import { getJson } from "../../lib/api.ts";
import type { TokenInfo as SharedTokenInfo } from "../../lib/useTokenInfo.ts";
import type { IndexedChannel, IndexedEvent } from "./modelData.ts";

/** Every indexed event of one contract (the indexer pages by 500). */
export function useEvents(contract: string) {
  return useQuery({
    queryKey: ["server", "events", contract],
    queryFn: async () => {
      const all: IndexedEvent[] = [];
      let cursor: string | null = null;
      do {
        const page: { events: IndexedEvent[]; nextCursor: string | null } = await getJson(
          `/api/events?contract=${contract}&limit=500${cursor ? `&cursor=${cursor}` : ""}`,
        );
        all.push(...page.events);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
  });
}

/** Every channel the indexer knows. */
export function useChannels() {
  return useQuery({
    queryKey: ["server", "channels", "all"],
    queryFn: async () => {
      const all: IndexedChannel[] = [];
      let cursor: string | null = null;
      do {
        const page: { channels: IndexedChannel[]; nextCursor: string | null } = await getJson(
          `/api/channels${cursor ? `?cursor=${cursor}` : ""}`,
        );
        all.push(...page.channels);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
  });
}

export type ModelSummary = {
  id: bigint;
  name: string;
  daoId: bigint;
  metadataURI: string;
  versionCount: bigint;
  productionVersion: bigint;
};

/** Every model of the registry with its owner DAO and production version. */
export function useModelList() {
  const registry = useContracts().ModelRegistry.address;
  const count = useReadContract({ address: registry, abi: modelRegistryAbi, functionName: "modelCount" });
  const ids = Array.from({ length: Number(count.data ?? 0n) }, (_, i) => BigInt(i + 1));
  const reads = useReadContracts({
    contracts: ids.flatMap((id) => [
      { address: registry, abi: modelRegistryAbi, functionName: "model", args: [id] } as const,
      { address: registry, abi: modelRegistryAbi, functionName: "productionVersion", args: [id] } as const,
    ]),
    query: { enabled: ids.length > 0 },
  });
  const models: ModelSummary[] | undefined =
    count.data === undefined
      ? undefined
      : ids.length === 0
        ? []
        : reads.data?.flatMap((_, i) => {
            if (i % 2) return [];
            const m = reads.data?.[i]?.result as
              | { daoId: bigint; name: string; metadataURI: string; versionCount: bigint }
              | undefined;
            const prod = reads.data?.[i + 1]?.result as bigint | undefined;
            const id = ids[i / 2] as bigint;
            return m ? [{ id, ...m, productionVersion: prod ?? 0n }] : [];
          });
  return { models, error: count.error ?? reads.error, isLoading: models === undefined };
}

export type VersionInfo = {
  versionId: bigint;
  contentHash: string;
  uri: string;
  framework: string;
  license: string;
  metricsURI: string;
  stage: number;
};
export type EndpointInfo = {
  endpointId: bigint;
  versionId: bigint;
  url: string;
  unit: string;
  paymentToken: Address;
  unitPrice: bigint;
  active: boolean;
};
export type ContributorInfo = { account: Address; role: number; shareBps: number };

/** One model: its record, versions, endpoints and contributors, read from the registry. */
export function useModel(modelId: bigint | null) {
  const registry = useContracts().ModelRegistry.address;
  const model = useReadContract({
    address: registry,
    abi: modelRegistryAbi,
    functionName: "model",
    args: [modelId ?? 0n],
    query: { enabled: modelId !== null },
  });
  const versionIds = Array.from({ length: Number(model.data?.versionCount ?? 0n) }, (_, i) => BigInt(i + 1));
  const id = modelId ?? 0n;
  const contributorRead = useReadContract({
    address: registry,
    abi: modelRegistryAbi,
    functionName: "contributors",
    args: [id],
    query: { enabled: model.data !== undefined },
  });
  const perVersion = useReadContracts({
    contracts: versionIds.flatMap((v) => [
      { address: registry, abi: modelRegistryAbi, functionName: "version", args: [id, v] } as const,
      { address: registry, abi: modelRegistryAbi, functionName: "endpointsOf", args: [id, v] } as const,
    ]),
    query: { enabled: versionIds.length > 0 },
  });
  const versions: VersionInfo[] = versionIds.flatMap((v, i) => {
    const r = perVersion.data?.[2 * i]?.result as Omit<VersionInfo, "versionId"> | undefined;
    return r ? [{ ...r, versionId: v, stage: Number(r.stage) }] : [];
  });
  const endpointIds = versionIds.flatMap(
    (_, i) => (perVersion.data?.[1 + 2 * i]?.result as bigint[] | undefined) ?? [],
  );
  const endpointReads = useReadContracts({
    contracts: endpointIds.map(
      (e) => ({ address: registry, abi: modelRegistryAbi, functionName: "endpoint", args: [e] }) as const,
    ),
    query: { enabled: endpointIds.length > 0 },
  });
  const endpoints: EndpointInfo[] = endpointIds.flatMap((e, i) => {
    const r = endpointReads.data?.[i]?.result as Omit<EndpointInfo, "endpointId"> | undefined;
    return r ? [{ ...r, endpointId: e }] : [];
  });
  const contributors = (contributorRead.data as readonly ContributorInfo[] | undefined)?.map((c) => ({
    ...c,
    role: Number(c.role),
    shareBps: Number(c.shareBps),
  }));
  return {
    model: model.data,
    versions,
    endpoints,
    contributors,
    error: model.error,
    isLoading: model.isLoading || (versionIds.length > 0 && perVersion.isLoading),
  };
}

/** What the model pages show of a token. */
export type TokenInfo = Pick<SharedTokenInfo, "symbol" | "decimals">;
