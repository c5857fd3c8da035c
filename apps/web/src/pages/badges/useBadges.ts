import { listBadges } from "@aidao/sdk";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";

/** Like the app's wagmi reads: badges are awarded by governance executions, so poll for them. */
const REFRESH_MS = 4_000;

/** The badges `holder` holds (none asked while no account is connected). */
export function useHeldBadges(holder: Address | undefined) {
  const client = usePublicClient();
  const badges = useContracts().ContributorBadges.address;
  return useQuery({
    queryKey: ["chain", "badges", badges, "holder", holder],
    enabled: Boolean(client && holder),
    refetchInterval: REFRESH_MS,
    queryFn: () => listBadges(client as NonNullable<typeof client>, { badges, holder }),
  });
}

/** Every badge that exists, from every DAO. */
export function useAllBadges() {
  const client = usePublicClient();
  const badges = useContracts().ContributorBadges.address;
  return useQuery({
    queryKey: ["chain", "badges", badges, "all"],
    enabled: Boolean(client),
    refetchInterval: REFRESH_MS,
    queryFn: () => listBadges(client as NonNullable<typeof client>, { badges }),
  });
}

/** DAO names from the indexer ("Main DAO" for id 1); a DAO without one shows as "DAO n". */
export function useDaoNames(): (daoId: bigint) => string {
  const daos = useServer<{ daos: Array<{ daoId: string; name: string | null }> }>("/api/daos");
  const names = new Map((daos.data?.daos ?? []).map((d) => [d.daoId, d.name]));
  return (daoId) => names.get(daoId.toString()) ?? (daoId === 1n ? "Main DAO" : `DAO ${daoId}`);
}
