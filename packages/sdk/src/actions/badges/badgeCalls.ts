import { type Address, encodeFunctionData, isAddress, zeroAddress } from "viem";
import { BaseError } from "../../errors.ts";
import { contributorBadgesAbi } from "../../generated/abis.ts";
import type { GovernanceCall } from "../models/modelCalls.ts";
import { badgeKind } from "./badgeKind.ts";

export type AwardBadgeInput = {
  /** The awarding DAO: only its governance (timelock, or Safe if off-chain) may execute the call. */
  daoId: bigint;
  /** A kind name: FirstContribution, VersionPromoted or the DAO's own (1–32 of [A-Za-z0-9_-]). */
  kind: string;
  holder: Address;
  /** The badge's metadata URI; empty (the default) lets the contract describe the badge on chain. */
  uri?: string;
};

/**
 * The call that awards a contributor badge, for the awarding DAO's governance to make (a proposal action or a Safe
 * transaction). Throws a {BaseError} for inputs the contract would refuse.
 *
 * @example
 * import { awardBadgeCall, propose } from "@aidao/sdk";
 * const call = awardBadgeCall(badges, { daoId: 1n, kind: "FirstContribution", holder });
 * await propose(wallet, { governor, targets: [call.target], values: [call.value], calldatas: [call.data], description });
 */
export function awardBadgeCall(badges: Address, input: AwardBadgeInput): GovernanceCall {
  if (input.daoId < 1n) throw new BaseError(`DAO ids start at 1, not ${input.daoId}`);
  if (!isAddress(input.holder, { strict: false }) || input.holder === zeroAddress) {
    throw new BaseError(`"${input.holder}" is not an address a badge can be awarded to`);
  }
  const data = encodeFunctionData({
    abi: contributorBadgesAbi,
    functionName: "award",
    args: [input.daoId, badgeKind(input.kind), input.holder, input.uri ?? ""],
  });
  return { target: badges, value: 0n, data };
}

/** The call that revokes badge `tokenId`, for the governance of the DAO that awarded it. */
export function revokeBadgeCall(badges: Address, tokenId: bigint, reason = ""): GovernanceCall {
  if (tokenId < 1n) throw new BaseError(`Badge ids start at 1, not ${tokenId}`);
  const data = encodeFunctionData({ abi: contributorBadgesAbi, functionName: "revoke", args: [tokenId, reason] });
  return { target: badges, value: 0n, data };
}
