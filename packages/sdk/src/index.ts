export { approveIfShort } from "./actions/approveIfShort.ts";
export { type AwardBadgeInput, awardBadgeCall, revokeBadgeCall } from "./actions/badges/badgeCalls.ts";
export {
  BADGE_KINDS,
  type BuiltInBadgeKind,
  badgeKind,
  badgeKindName,
  isBadgeKindName,
} from "./actions/badges/badgeKind.ts";
export { type BadgeMetadata, parseBadgeMetadata } from "./actions/badges/badgeMetadata.ts";
export {
  type ContributorBadge,
  type ListBadgesParameters,
  listBadges,
  readBadge,
} from "./actions/badges/readBadges.ts";
export { type CastVoteParameters, type CastVoteReturnType, castVote, type Support } from "./actions/castVote.ts";
export {
  type CastVoteBySigParameters,
  type CastVoteBySigReturnType,
  castVoteBySig,
  type SignBallotParameters,
  type SignBallotReturnType,
  signBallot,
} from "./actions/castVoteBySig.ts";
export {
  extendChannel,
  type OpenChannelParameters,
  openChannel,
  readChannel,
  reclaimChannel,
  redeemVouchers,
  signVoucher,
  topUpChannel,
  type UsageChannel,
  type VoucherMessage,
  type VoucherRedemption,
  withdrawCredits,
} from "./actions/channels/channels.ts";
export { type DelegateParameters, type DelegateReturnType, delegate } from "./actions/delegate.ts";
export {
  type DepositToTreasuryParameters,
  type DepositToTreasuryReturnType,
  depositToTreasury,
  IncomeSource,
  type IncomeSourceName,
} from "./actions/depositToTreasury.ts";
export { type ExecuteParameters, type ExecuteReturnType, execute } from "./actions/execute.ts";
export {
  type ClaimRevenueParameters,
  type ClaimRevenueReturnType,
  claimRevenue,
} from "./actions/factory/claimRevenue.ts";
export {
  type CreateDAOParameters,
  type CreateDAOReturnType,
  type CreatedDAO,
  createDAO,
  createDAOParams,
  type GovernanceParameters,
} from "./actions/factory/createDAO.ts";
export {
  type DepositRevenueParameters,
  type DepositRevenueReturnType,
  depositRevenue,
} from "./actions/factory/depositRevenue.ts";
export { type DAOSummary, type ListDAOsParameters, listDAOs } from "./actions/factory/listDAOs.ts";
export { gasLimitFor, withGasMargin } from "./actions/gas.ts";
export {
  type ContributorInput,
  ContributorRole,
  type ContributorRoleName,
  type EndpointInput,
  type GovernanceCall,
  Stage,
  type StageName,
  setContributorsCall,
  setEndpointCall,
  setStageCall,
} from "./actions/models/modelCalls.ts";
export {
  type ProposePromotionParameters,
  type ProposePromotionReturnType,
  proposePromotion,
} from "./actions/models/proposePromotion.ts";
export {
  type AddModelVersionParameters,
  type AddModelVersionReturnType,
  addModelVersion,
  type RegisterModelParameters,
  type RegisterModelReturnType,
  registerModel,
} from "./actions/models/registerModel.ts";
export {
  type SetModelStageParameters,
  type SetModelStageReturnType,
  setModelStage,
} from "./actions/models/setModelStage.ts";
export { descriptionHash, type ProposalCalls, proposalId } from "./actions/proposal.ts";
export { type ProposeParameters, type ProposeReturnType, propose } from "./actions/propose.ts";
export { type QueueParameters, type QueueReturnType, queue } from "./actions/queue.ts";
export { type StakeParameters, type StakeReturnType, stake } from "./actions/stake.ts";
export { type UnstakeParameters, type UnstakeReturnType, unstake } from "./actions/unstake.ts";
export {
  combinedResult,
  listReceipts,
  listRounds,
  RoundState,
  type RoundStateName,
  type VentureDepositParameters,
  type VentureDepositReturnType,
  type VentureReceipt,
  type VentureRound,
  ventureClaim,
  ventureDeposit,
  ventureDistribute,
  withdrawEarnings,
} from "./actions/venture/ventureActions.ts";
export {
  acceptTokenCall,
  type InvestmentInput,
  investCall,
  openRoundCall,
  setPriceCall,
} from "./actions/venture/ventureCalls.ts";
export { type SignerClient, writeChecked } from "./actions/writeChecked.ts";
export { CONTRACT_NAMES, type ContractName, type Deployment, parseDeployment } from "./deployments.ts";
export {
  ballotTypes,
  delegationTypes,
  governorDomain,
  permitTypes,
  type SafeTx,
  safeTxTypedData,
  safeTxTypes,
  stakingDomain,
  tokenDomain,
  transferWithAuthorizationTypes,
  usageChannelsDomain,
  voucherTypes,
} from "./eip712.ts";
export { BaseError, describeError, formatDuration, protocolErrorsAbi, toAidaoError } from "./errors.ts";
export {
  ChannelPayer,
  type ChannelPayerOptions,
  type GatewayEndpoint,
  GatewayRequestError,
  type Invocation,
  listGatewayModels,
} from "./gateway/client.ts";
export * from "./generated/abis.ts";
export {
  HUB_TYPES,
  hubCancelProposalTypes,
  hubDomain,
  hubProposalTypes,
  hubSpaceTypes,
  hubVoteArrayTypes,
  hubVoteStringTypes,
  hubVoteTypes,
  SNAPSHOT_DOMAIN,
} from "./hub/types.ts";
export {
  encodeTemplateData,
  GovernanceMode,
  type GovernanceModeName,
  TEMPLATE_NAMES,
  type TemplateName,
  type TemplateParameters,
  templateId,
} from "./templates.ts";
