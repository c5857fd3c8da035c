import { approveIfShort, BaseError, delegate, formatDuration, stake, stakingAbi, unstake } from "@aidao/sdk";
import { type Address, erc20Abi, parseEventLogs, zeroAddress } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { address, tokens } from "../parse.ts";
import { accountOf, aidao, chainTime, explained, json, type Options, relative, str, when } from "./governance.ts";

export const stakeOptions = {
  amount: { type: "string" },
  to: { type: "string" },
  account: { type: "string" },
  json: { type: "boolean" },
} as const;

/** An account's stake, voting power and delegate, as the Staking contract has them now. */
export type StakePosition = {
  account: Address;
  /** AIDAO in the wallet, not staked. */
  balance: bigint;
  staked: bigint;
  /** The part of the stake that counts for voting and can be withdrawn now. */
  matured: bigint;
  /** When all of the stake will have matured (0 if it never staked). */
  maturesAt: bigint;
  /** The stake delegated to this account that counts now (its own, if it delegates to itself, and others'). */
  votes: bigint;
  /** Who votes with this account's stake (the zero address: nobody yet). */
  delegate: Address;
  minStakePeriod: bigint;
  /** The chain's clock when this was read. */
  now: bigint;
};

export async function readStake(ctx: Context, account: Address): Promise<StakePosition> {
  const c = ctx.deployment.contracts;
  const read = { address: c.Staking.address, abi: stakingAbi } as const;
  const [balance, staked, matured, maturesAt, votes, delegatee, minStakePeriod, now] = await Promise.all([
    ctx.publicClient.readContract({
      address: c.AIDAOToken.address,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [account],
    }),
    ctx.publicClient.readContract({ ...read, functionName: "stakedBalanceOf", args: [account] }),
    ctx.publicClient.readContract({ ...read, functionName: "maturedBalanceOf", args: [account] }),
    ctx.publicClient.readContract({ ...read, functionName: "maturesAt", args: [account] }),
    ctx.publicClient.readContract({ ...read, functionName: "getVotes", args: [account] }),
    ctx.publicClient.readContract({ ...read, functionName: "delegates", args: [account] }),
    ctx.publicClient.readContract({ ...read, functionName: "minStakePeriod" }),
    chainTime(ctx),
  ]);
  return {
    account,
    balance,
    staked,
    matured,
    maturesAt,
    votes,
    delegate: delegatee,
    minStakePeriod: BigInt(minStakePeriod),
    now,
  };
}

/** "matures in 3 d 4 h (2025-06-01T12:00:00Z)", "matured", or "nothing staked". */
function maturity(s: StakePosition): string {
  if (s.staked === 0n) return "nothing staked";
  if (s.maturesAt > s.now) {
    return `${aidao(s.staked - s.matured)} matures ${relative(s.maturesAt, s.now)} (${when(s.maturesAt)})`;
  }
  return `all matured (since ${when(s.maturesAt)})`;
}

const delegateOf = (s: StakePosition) =>
  s.delegate === zeroAddress ? "nobody yet" : s.delegate === s.account ? `${s.delegate} (itself)` : s.delegate;

function amountOption(o: Options): bigint {
  const amount = tokens(str(o, "amount"), "amount");
  if (amount === 0n) throw new UsageError(`--amount must be more than 0`);
  return amount;
}

/** Why a stake cannot move yet: what has matured and when the rest does. */
async function stakeHint(ctx: Context, account: Address): Promise<string> {
  const s = await readStake(ctx, account);
  return `${account} has ${aidao(s.staked)} staked, ${aidao(s.matured)} matured; ${maturity(s)}`;
}

/** `aidao stake --amount 100`: approves the Staking contract if needed, then stakes. */
export async function stakeCommand(ctx: Context, o: Options): Promise<string> {
  const amount = amountOption(o);
  const c = ctx.deployment.contracts;
  const signer = ctx.signer();
  const account = signer.account.address;
  const balance = await ctx.publicClient.readContract({
    address: c.AIDAOToken.address,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [account],
  });
  if (balance < amount) {
    throw new BaseError(`Insufficient balance: ${account} holds ${aidao(balance)}, staking needs ${aidao(amount)}.`);
  }
  await explained(
    () => approveIfShort(signer, { token: c.AIDAOToken.address, spender: c.Staking.address, amount }),
    () => undefined,
  );
  const hash = await ctx.confirm(
    explained(
      () => stake(signer, { staking: c.Staking.address, amount }),
      () => undefined,
    ),
  );
  const receipt = await ctx.publicClient.getTransactionReceipt({ hash });
  const [staked] = parseEventLogs({ abi: stakingAbi, eventName: "Staked", logs: receipt.logs });
  const s = await readStake(ctx, account);
  const maturesAt = staked?.args.maturesAt ?? s.maturesAt;
  if (o.json) return json({ hash, amount, maturesAt, position: s });
  return [
    `staked ${aidao(amount)} (${hash})`,
    `  counts for voting and can be withdrawn ${relative(maturesAt, s.now)} (${when(maturesAt)}), after the ` +
      `${formatDuration(Number(s.minStakePeriod))} minimum period`,
    `  staked    ${aidao(s.staked)} in all, ${aidao(s.matured)} matured`,
    `  delegate  ${delegateOf(s)}`,
  ].join("\n");
}

/** `aidao unstake --amount 50`: withdraws matured stake; the principal comes back exactly. */
export async function unstakeCommand(ctx: Context, o: Options): Promise<string> {
  const amount = amountOption(o);
  const signer = ctx.signer();
  const account = signer.account.address;
  const hash = await ctx.confirm(
    explained(
      () => unstake(signer, { staking: ctx.deployment.contracts.Staking.address, amount }),
      (e) => (e.errorName === "StakingInsufficientMatured" ? stakeHint(ctx, account) : undefined),
    ),
  );
  const s = await readStake(ctx, account);
  if (o.json) return json({ hash, amount, position: s });
  return [
    `unstaked ${aidao(amount)} (${hash})`,
    `  staked    ${aidao(s.staked)} left, ${aidao(s.matured)} matured`,
    `  wallet    ${aidao(s.balance)}`,
    `  votes     ${aidao(s.votes)} delegated to ${account} now`,
  ].join("\n");
}

/** `aidao delegate [--to 0x…]`: gives all your staked voting power to `--to` (yourself by default). */
export async function delegateCommand(ctx: Context, o: Options): Promise<string> {
  const signer = ctx.signer();
  const account = signer.account.address;
  const to = str(o, "to") === undefined ? account : address(str(o, "to"), "to");
  const hash = await ctx.confirm(
    explained(
      () => delegate(signer, { staking: ctx.deployment.contracts.Staking.address, delegatee: to }),
      async (e) => {
        if (e.errorName !== "StakingDelegateWhileMaturing") return undefined;
        const s = await readStake(ctx, account);
        return `all of ${account}'s stake matures ${relative(s.maturesAt, s.now)} (${when(s.maturesAt)}): delegate then`;
      },
    ),
  );
  const s = await readStake(ctx, account);
  if (o.json) return json({ hash, delegate: to, position: s });
  return [
    `delegated the stake of ${account} (${aidao(s.staked)}) to ${to === account ? "itself" : to} (${hash})`,
    `  votes     ${aidao(s.votes)} delegated to ${account} now`,
  ].join("\n");
}

/** `aidao stake show [--account 0x…]`: staked amount, voting power now, maturity and delegate. */
export async function stakeShow(ctx: Context, o: Options): Promise<string> {
  const s = await readStake(ctx, accountOf(ctx, o));
  if (o.json) return json(s);
  return [
    `account     ${s.account}`,
    `staked      ${aidao(s.staked)} (${aidao(s.matured)} matured, withdrawable)`,
    `maturity    ${maturity(s)}`,
    `voting      ${aidao(s.votes)} of voting power now (matured stake delegated to this account)`,
    `delegate    ${delegateOf(s)}`,
    `wallet      ${aidao(s.balance)}`,
    `min period  ${formatDuration(Number(s.minStakePeriod))} (a new stake counts for voting after it)`,
  ].join("\n");
}
