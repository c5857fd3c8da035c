/** A venture round's state, as `IVentureFund.RoundState` numbers them. */
export const RoundState = ["Open", "Locked", "Investing", "Distributing"] as const;
export type RoundStateName = (typeof RoundState)[number];
