import type { ContributorBadge } from "@aidao/sdk";

/** "FirstContribution" → "First contribution"; a DAO's own kind ("top-labeller") stays as written. */
export function kindLabel(kindName: string): string {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kindName)) return kindName;
  const words = kindName.split(/(?<=[a-z0-9])(?=[A-Z])/);
  return words.map((w, i) => (i === 0 ? w : w.toLowerCase())).join(" ");
}

/** What each built-in kind means, for people who never read the contract. */
export const KIND_MEANING: Record<string, string> = {
  FirstContribution: "their first contribution to the DAO's model was accepted",
  VersionPromoted: "a model version they built was promoted by the DAO",
};

/** A DAO's badges, newest first. */
export type DaoBadges = { daoId: bigint; badges: ContributorBadge[] };

/** Badges grouped by the DAO that awarded them, DAOs in id order, each DAO's newest first. */
export function groupByDAO(badges: readonly ContributorBadge[]): DaoBadges[] {
  const groups = new Map<bigint, ContributorBadge[]>();
  for (const b of badges) groups.set(b.daoId, [...(groups.get(b.daoId) ?? []), b]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([daoId, list]) => ({
      daoId,
      badges: [...list].sort((a, b) =>
        a.awardedAt === b.awardedAt ? Number(b.tokenId - a.tokenId) : Number(b.awardedAt - a.awardedAt),
      ),
    }));
}

/** Where a badge's metadata lives, as a link a browser can open (null: on chain, or a scheme browsers cannot open). */
export function metadataHref(b: ContributorBadge): string | null {
  return /^https?:\/\//.test(b.uri) ? b.uri : null;
}

/** The metadata attributes to show besides the fields the page already prints (DAO, kind, holder, date). */
export function extraAttributes(b: ContributorBadge): Array<{ label: string; value: string }> {
  const shown = new Set(["DAO", "Kind", "Holder", "Awarded"]);
  return (b.metadata?.attributes ?? [])
    .filter((a) => a.trait_type && !shown.has(a.trait_type) && a.value !== undefined)
    .map((a) => ({ label: String(a.trait_type), value: String(a.value) }));
}

/** How many distinct holders and kinds a list of badges has. */
export function badgeTotals(badges: readonly ContributorBadge[]): { badges: number; holders: number; kinds: number } {
  return {
    badges: badges.length,
    holders: new Set(badges.map((b) => b.holder.toLowerCase())).size,
    kinds: new Set(badges.map((b) => b.kindName)).size,
  };
}
