import type { Address, Hex, TypedDataDomain } from "viem";

/** EIP-712 types of every message the protocol verifies, with the domains they are signed in. */
export const delegationTypes = {
  Delegation: [
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
} as const;

export const ballotTypes = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

export const permitTypes = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** Safe's EIP-712 SafeTx type (1.3.0 and 1.4.1): what each owner signs and `execTransaction` checks. */
export const safeTxTypes = {
  SafeTx: [
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "operation", type: "uint8" },
    { name: "safeTxGas", type: "uint256" },
    { name: "baseGas", type: "uint256" },
    { name: "gasPrice", type: "uint256" },
    { name: "gasToken", type: "address" },
    { name: "refundReceiver", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

/** A Safe transaction's fields, as the SafeTx type hashes them. */
export type SafeTx = {
  to: Address;
  value: bigint;
  data: Hex;
  /** 0 = call; 1 = delegatecall, only ever into MultiSendCallOnly (a batch). */
  operation: 0 | 1;
  safeTxGas: bigint;
  baseGas: bigint;
  gasPrice: bigint;
  gasToken: Address;
  refundReceiver: Address;
  nonce: bigint;
};

/** The EIP-712 typed data of a SafeTx on `safe` (what owners sign; its hash is Safe's `getTransactionHash`). */
export function safeTxTypedData(p: { safe: Address; chainId: number; tx: SafeTx }) {
  return {
    domain: { chainId: p.chainId, verifyingContract: p.safe },
    types: safeTxTypes,
    primaryType: "SafeTx" as const,
    message: p.tx,
  };
}

/** A pay-per-use voucher: the customer authorises `cumulativeAmount` in total on one channel (UsageChannels). */
export const voucherTypes = {
  Voucher: [
    { name: "channelId", type: "bytes32" },
    { name: "token", type: "address" },
    { name: "recipient", type: "address" },
    { name: "cumulativeAmount", type: "uint256" },
  ],
} as const;

/** EIP-3009's TransferWithAuthorization (DemoUSD, USDC): what x402's `exact` scheme signs, in the token's domain. */
export const transferWithAuthorizationTypes = {
  TransferWithAuthorization: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "nonce", type: "bytes32" },
  ],
} as const;

const domain = (name: string, chainId: number, verifyingContract: Address): TypedDataDomain => ({
  name,
  version: "1",
  chainId,
  verifyingContract,
});

/** The domain of `Staking.delegateBySig`. */
export const stakingDomain = (chainId: number, staking: Address) => domain("AIDAO Staking", chainId, staking);
/** The domain of `AIDAOGovernor.castVoteBySig`. */
export const governorDomain = (chainId: number, governor: Address) => domain("AIDAO Governor", chainId, governor);
/** The domain of `AIDAOToken.permit`. */
export const tokenDomain = (chainId: number, token: Address) => domain("AIDAO", chainId, token);
/** The domain of `UsageChannels` vouchers. */
export const usageChannelsDomain = (chainId: number, usageChannels: Address) =>
  domain("AIDAO UsageChannels", chainId, usageChannels);
