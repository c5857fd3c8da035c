import { type Hex, hexToString, isHex, size, stringToHex } from "viem";
import { BaseError } from "../../errors.ts";

/** What ContributorBadges accepts as a kind name: 1 to 32 characters from [A-Za-z0-9_-]. */
const KIND_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** The kinds ContributorBadges names itself; a DAO may award any other well-formed kind. */
export const BADGE_KINDS = ["FirstContribution", "VersionPromoted"] as const;
export type BuiltInBadgeKind = (typeof BADGE_KINDS)[number];

/** Whether `name` is a kind name ContributorBadges accepts. */
export function isBadgeKindName(name: string): boolean {
  return KIND_NAME.test(name);
}

/**
 * The bytes32 a kind name is stored as (left-aligned, zero-padded); throws a {BaseError} for a name the contract
 * would refuse, before anything is sent.
 *
 * @example
 * import { badgeKind } from "@aidao/sdk";
 * badgeKind("FirstContribution"); // 0x4669727374436f6e747269627574696f6e000000…
 */
export function badgeKind(name: string): Hex {
  if (!isBadgeKindName(name)) {
    throw new BaseError(
      `"${name}" is not a badge kind: use 1 to 32 letters, digits, "_" or "-" (e.g. FirstContribution)`,
    );
  }
  return stringToHex(name, { size: 32 });
}

/** The name a stored kind carries ("FirstContribution"), or its hex if it is not a well-formed name. */
export function badgeKindName(kind: Hex): string {
  if (!isHex(kind) || size(kind) !== 32) return kind;
  const name = hexToString(kind, { size: 32 });
  return isBadgeKindName(name) ? name : kind;
}
