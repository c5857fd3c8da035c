// The rewards of the AI value chain (docs/rewards.md): the formula, its inputs from public data, the epoch's Merkle
// tree and its verification, and the proposal that posts it. What the CLI and the worker import.
export {
  buildTree,
  type ComputedEpoch,
  claimOf,
  computeEpoch,
  type EpochParams,
  epochDocument,
  epochUri,
  firstLeafDifference,
  LEAF_ENCODING,
  type OnChainEpoch,
  parseEpochUri,
  readPostedEpoch,
  type Verification,
  verifyEpoch,
} from "./epoch.ts";
export {
  apportion,
  type ContributionInput,
  computeRewards,
  DEFAULT_BUDGET,
  DEFAULT_CONFIG,
  type RevenueInput,
  type RewardConfig,
  type RewardInputs,
  type RewardLeaf,
  type RewardResult,
  validateConfig,
} from "./formula.ts";
export {
  type ChainAddresses,
  type ContributionSource,
  contributionsFromDatabase,
  contributionsFromWorker,
  type EpochWindow,
  epochWindow,
  parseContribution,
  readInputs,
  readRevenue,
} from "./inputs.ts";
export { epochDescription, postEpochCall, proposeEpoch } from "./propose.ts";
