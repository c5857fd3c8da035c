/** The ERC-721 metadata JSON of a badge (what ContributorBadges generates on chain, or any standard JSON). */
export type BadgeMetadata = {
  name?: string;
  description?: string;
  image?: string;
  attributes?: Array<{ trait_type?: string; value?: unknown; display_type?: string }>;
};

const DATA_JSON = /^data:application\/json(;base64)?,/;

/**
 * The JSON inside a `data:application/json` tokenURI (base64 or percent-encoded), or null for any other URI or for
 * content that is not a JSON object: callers then link to the URI instead of showing fields.
 *
 * @example
 * import { parseBadgeMetadata } from "@aidao/sdk";
 * parseBadgeMetadata(await publicClient.readContract({ … functionName: "tokenURI", args: [1n] }))?.name;
 */
export function parseBadgeMetadata(tokenURI: string): BadgeMetadata | null {
  const match = DATA_JSON.exec(tokenURI);
  if (!match) return null;
  const body = tokenURI.slice(match[0].length);
  try {
    const text = match[1]
      ? new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)))
      : decodeURIComponent(body);
    const json: unknown = JSON.parse(text);
    return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as BadgeMetadata) : null;
  } catch {
    return null;
  }
}
