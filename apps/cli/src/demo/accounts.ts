import type { Account, Chain, Transport, WalletClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";

/** anvil's well-known test mnemonic: the dev chain's accounts. Never use them on a real network. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

const derived = new Map<number, ReturnType<typeof mnemonicToAccount>>();
/** Dev account `i` of the test mnemonic (anvil funds 0..9 with ETH); derived once (HD derivation is slow). */
export function devAccount(i: number) {
  const known = derived.get(i);
  if (known) return known;
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: i });
  derived.set(i, account);
  return account;
}

export type Wallet = WalletClient<Transport, Chain, Account>;

/** What each dev account is on a fresh `npm start`: the deployment's people (see dev.ts). */
export const BASE_ROLES = [
  "deployer",
  "team vesting beneficiary",
  "advisors beneficiary",
  "incentives beneficiary",
  "Safe owner 1",
  "Safe owner 2",
  "Safe owner 3",
  "user",
  "user",
  "user",
] as const;

/** What the seeded demo adds to each account's role (printed beside the address). */
export const DEMO_ROLES: Record<number, string> = {
  0: "the gateway's redeemer (npm start's server), DemoUSD's minter",
  2: "Face model contributor (Data, 20% of its revenue): contributed the labelled photos the demo's training job learns from",
  3: "Face model contributor (Model, 10% of its revenue)",
  4: "staker: 100,000 AIDAO, delegated to account 7",
  5: "staker: 100,000 AIDAO, votes against",
  7: "staker: 400,000 AIDAO (+4's), proposer in every DAO; Face DAO founder (600 FACE), its model maintainer; submitted the training job, and (the server's publisher) proposes the trained version",
  8: "staker: 200,000 AIDAO; Face DAO holder (400 FACE); venture investor (30,000 DemoUSD)",
  9: "customer (a channel to Face DAO's endpoint, paid calls); venture investor (20,000 DemoUSD)",
};

/** Short roles for the web app's account selector, once the demo is seeded (see DEMO_ROLES for the long ones). */
export const DEMO_SHORT_ROLES: Record<number, string> = {
  2: "advisors · Face data contributor",
  3: "incentives · Face model contributor",
  4: "Safe owner 1 · staker",
  5: "Safe owner 2 · staker",
  7: "staker · proposer · Face DAO founder · trainer",
  8: "staker · investor · Face DAO holder",
  9: "customer · investor",
};
