export { type CastVoteParameters, type CastVoteReturnType, castVote, type Support } from "./actions/castVote.ts";
export {
  type CastVoteBySigParameters,
  type CastVoteBySigReturnType,
  castVoteBySig,
  type SignBallotParameters,
  type SignBallotReturnType,
  signBallot,
} from "./actions/castVoteBySig.ts";
export { type DelegateParameters, type DelegateReturnType, delegate } from "./actions/delegate.ts";
export {
  type DepositToTreasuryParameters,
  type DepositToTreasuryReturnType,
  depositToTreasury,
  IncomeSource,
  type IncomeSourceName,
} from "./actions/depositToTreasury.ts";
export { type ExecuteParameters, type ExecuteReturnType, execute } from "./actions/execute.ts";
export { descriptionHash, type ProposalCalls, proposalId } from "./actions/proposal.ts";
export { type ProposeParameters, type ProposeReturnType, propose } from "./actions/propose.ts";
export { type QueueParameters, type QueueReturnType, queue } from "./actions/queue.ts";
export { type StakeParameters, type StakeReturnType, stake } from "./actions/stake.ts";
export { type UnstakeParameters, type UnstakeReturnType, unstake } from "./actions/unstake.ts";
export { type SignerClient, writeChecked } from "./actions/writeChecked.ts";
export { CONTRACT_NAMES, type ContractName, type Deployment, loadDeployment, parseDeployment } from "./deployments.ts";
export { ballotTypes, delegationTypes, governorDomain, permitTypes, stakingDomain, tokenDomain } from "./eip712.ts";
export { BaseError, describeError, formatDuration, protocolErrorsAbi, toAidaoError } from "./errors.ts";
export * from "./generated/abis.ts";
