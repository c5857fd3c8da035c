export { tally } from "./tally.ts";
export type { Ballot, TallyResult, VotingType } from "./types.ts";
export { VOTING_TYPES, validateChoice } from "./validate-choice.ts";
