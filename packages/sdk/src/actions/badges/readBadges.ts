import type { Address, Client, Hex } from "viem";
import { readContract } from "viem/actions";
import { contributorBadgesAbi, daoRegistryAbi } from "../../generated/abis.ts";
import { badgeKindName } from "./badgeKind.ts";
import { type BadgeMetadata, parseBadgeMetadata } from "./badgeMetadata.ts";

/** A contributor badge as the chain has it, with its kind's name and its metadata read back. */
export type ContributorBadge = {
  tokenId: bigint;
  daoId: bigint;
  kind: Hex;
  kindName: string;
  holder: Address;
  /** Unix seconds. */
  awardedAt: bigint;
  /** The URI the DAO gave ("" when the contract describes the badge on chain). */
  uri: string;
  /** What `tokenURI` returns. */
  tokenURI: string;
  /** The JSON behind an on-chain (data:) tokenURI; null for a URI that lives elsewhere (https:, ipfs:). */
  metadata: BadgeMetadata | null;
};

export type ListBadgesParameters = {
  badges: Address;
  /** Only the badges this account holds. */
  holder?: Address | undefined;
  /** Only the badges this DAO awarded. */
  daoId?: bigint | undefined;
};

/**
 * Reads one badge; throws (ContributorBadgesUnknownBadge) for an id never awarded or revoked.
 *
 * @example
 * import { readBadge } from "@aidao/sdk";
 * const badge = await readBadge(publicClient, { badges, tokenId: 1n });
 */
export async function readBadge(client: Client, p: { badges: Address; tokenId: bigint }): Promise<ContributorBadge> {
  const [b, tokenURI] = await Promise.all([
    readContract(client, { address: p.badges, abi: contributorBadgesAbi, functionName: "badge", args: [p.tokenId] }),
    readContract(client, { address: p.badges, abi: contributorBadgesAbi, functionName: "tokenURI", args: [p.tokenId] }),
  ]);
  return {
    tokenId: p.tokenId,
    daoId: b.daoId,
    kind: b.kind,
    kindName: badgeKindName(b.kind),
    holder: b.holder,
    awardedAt: b.awardedAt,
    uri: b.uri,
    tokenURI,
    metadata: parseBadgeMetadata(tokenURI),
  };
}

/**
 * Lists the badges that exist (awarded, not revoked): a holder's, a DAO's, both filters at once, or all of them;
 * oldest first.
 *
 * @example
 * import { listBadges } from "@aidao/sdk";
 * const mine = await listBadges(publicClient, { badges, holder: account.address });
 */
export async function listBadges(client: Client, p: ListBadgesParameters): Promise<ContributorBadge[]> {
  const read = { address: p.badges, abi: contributorBadgesAbi } as const;
  let ids: readonly bigint[];
  if (p.holder !== undefined) {
    ids = await readContract(client, { ...read, functionName: "badgesOf", args: [p.holder] });
  } else if (p.daoId !== undefined) {
    ids = await readContract(client, { ...read, functionName: "badgesOfDAO", args: [p.daoId] });
  } else {
    // Every existing badge belongs to exactly one DAO: one call per DAO, and no probing of revoked ids.
    const registry = await readContract(client, { ...read, functionName: "daoRegistry" });
    const daoCount = await readContract(client, { address: registry, abi: daoRegistryAbi, functionName: "daoCount" });
    const perDAO = await Promise.all(
      Array.from({ length: Number(daoCount) }, (_, i) =>
        readContract(client, { ...read, functionName: "badgesOfDAO", args: [BigInt(i + 1)] }),
      ),
    );
    ids = perDAO.flat();
  }
  const badges = await Promise.all(
    [...ids].sort((a, b) => (a < b ? -1 : 1)).map((tokenId) => readBadge(client, { badges: p.badges, tokenId })),
  );
  return p.daoId === undefined ? badges : badges.filter((b) => b.daoId === p.daoId);
}
