import { type Address, type Hash, type PublicClient, parseEventLogs } from "viem";
import { readContract, waitForTransactionReceipt } from "viem/actions";
import { BaseError } from "../../errors.ts";
import { ventureFundAbi, ventureGovernorAbi, ventureReceiptsAbi } from "../../generated/abis.ts";
import { RoundState, type RoundStateName } from "../../roundState.ts";
import { approveIfShort } from "../approveIfShort.ts";
import { type SignerClient, writeChecked } from "../writeChecked.ts";

export { RoundState, type RoundStateName };

export type VentureDepositParameters = {
  fund: Address;
  roundId: bigint;
  token: Address;
  amount: bigint;
  /** Refuse the deposit if it would be valued below this (18 decimals); defaults to 0. */
  minValue?: bigint;
};
export type VentureDepositReturnType = { hash: Hash; receiptId: bigint; amount: bigint; value: bigint };

/**
 * Deposits into an open venture round and returns the receipt minted for it. Approves the fund for `amount` first
 * when its allowance is lower.
 *
 * @example
 * import { ventureDeposit } from "@aidao/sdk";
 * const { receiptId, value } = await ventureDeposit(investor, { fund, roundId: 1n, token: usdc, amount: 1_000_000n });
 */
export async function ventureDeposit(
  client: SignerClient,
  p: VentureDepositParameters,
): Promise<VentureDepositReturnType> {
  if (p.amount <= 0n) throw new BaseError("Deposit a positive amount");
  await approveIfShort(client, { token: p.token, spender: p.fund, amount: p.amount });
  const hash = await writeChecked(client, {
    address: p.fund,
    abi: ventureFundAbi,
    functionName: "deposit",
    args: [p.roundId, p.token, p.amount, p.minValue ?? 0n],
  });
  const receipt = await waitForTransactionReceipt(client, { hash });
  const [event] = parseEventLogs({ abi: ventureFundAbi, logs: receipt.logs, eventName: "Deposited" });
  if (!event) throw new BaseError(`The deposit ${hash} minted no receipt`);
  return { hash, receiptId: event.args.receiptId, amount: event.args.amount, value: event.args.value };
}

/** Makes what a distributing round holds of `token` claimable by its receipts (anyone may call it). */
export function ventureDistribute(
  client: SignerClient,
  p: { fund: Address; roundId: bigint; token: Address },
): Promise<Hash> {
  return writeChecked(client, {
    address: p.fund,
    abi: ventureFundAbi,
    functionName: "distribute",
    args: [p.roundId, p.token],
  });
}

/** Pays a receipt's holder its unclaimed earnings in each of `tokens`. */
export function ventureClaim(
  client: SignerClient,
  p: { fund: Address; receiptId: bigint; tokens: Address[] },
): Promise<Hash> {
  if (p.tokens.length === 0) throw new BaseError("Name at least one token to claim");
  return writeChecked(client, {
    address: p.fund,
    abi: ventureFundAbi,
    functionName: "claim",
    args: [p.receiptId, p.tokens],
  });
}

/**
 * Withdraws everything a receipt has earned (the white paper's "withdraw the earnings … based on the receipts"):
 * once its round is distributing, distributes whatever the round still holds of each booked token, then claims the
 * receipt's share of every token it is owed. Returns the claim's hash, or undefined when nothing is owed.
 *
 * @example
 * import { withdrawEarnings } from "@aidao/sdk";
 * const r = await withdrawEarnings(investor, { fund, receiptId: 7n });
 */
export async function withdrawEarnings(
  client: SignerClient,
  p: { fund: Address; receipts: Address; receiptId: bigint },
): Promise<{ hash: Hash | undefined; paid: Array<{ token: Address; amount: bigint }> }> {
  const r = await readContract(client, {
    address: p.receipts,
    abi: ventureReceiptsAbi,
    functionName: "receipt",
    args: [p.receiptId],
  });
  const roundId = BigInt(r.roundId);
  const state = await readContract(client, {
    address: p.fund,
    abi: ventureFundAbi,
    functionName: "roundState",
    args: [roundId],
  });
  if (RoundState[state] !== "Distributing") {
    const round = await readContract(client, {
      address: p.fund,
      abi: ventureFundAbi,
      functionName: "round",
      args: [roundId],
    });
    const at = new Date(Number(round.unlocksAt) * 1000).toISOString();
    throw new BaseError(
      `Round ${roundId} is ${RoundState[state]?.toLowerCase()}: its earnings can be withdrawn from ${at}.`,
    );
  }
  const tokens = await readContract(client, { address: p.fund, abi: ventureFundAbi, functionName: "bookedTokens" });
  for (const token of tokens) {
    const book = await readContract(client, {
      address: p.fund,
      abi: ventureFundAbi,
      functionName: "book",
      args: [roundId, token],
    });
    if (book.held > 0n) {
      await waitForTransactionReceipt(client, {
        hash: await ventureDistribute(client, { fund: p.fund, roundId, token }),
      });
    }
  }
  const paid: Array<{ token: Address; amount: bigint }> = [];
  for (const token of tokens) {
    const amount = await readContract(client, {
      address: p.fund,
      abi: ventureFundAbi,
      functionName: "claimable",
      args: [p.receiptId, token],
    });
    if (amount > 0n) paid.push({ token, amount });
  }
  if (paid.length === 0) return { hash: undefined, paid };
  const hash = await ventureClaim(client, { fund: p.fund, receiptId: p.receiptId, tokens: paid.map((x) => x.token) });
  await waitForTransactionReceipt(client, { hash });
  return { hash, paid };
}

export type VentureRound = {
  roundId: bigint;
  state: RoundStateName;
  cap: bigint;
  raised: bigint;
  closesAt: bigint;
  unlocksAt: bigint;
  invested: boolean;
};

/** Every round of a venture fund with its state. */
export async function listRounds(client: PublicClient, p: { fund: Address }): Promise<VentureRound[]> {
  const count = await readContract(client, { address: p.fund, abi: ventureFundAbi, functionName: "roundCount" });
  const rounds: VentureRound[] = [];
  for (let id = 1n; id <= count; id++) {
    const [r, state] = await Promise.all([
      readContract(client, { address: p.fund, abi: ventureFundAbi, functionName: "round", args: [id] }),
      readContract(client, { address: p.fund, abi: ventureFundAbi, functionName: "roundState", args: [id] }),
    ]);
    rounds.push({ roundId: id, state: RoundState[state] ?? "Open", ...r });
  }
  return rounds;
}

export type VentureReceipt = {
  receiptId: bigint;
  owner: Address;
  roundId: bigint;
  token: Address;
  amount: bigint;
  value: bigint;
};

/** The live receipts `owner` holds (found from transfer events since `fromBlock`). */
export async function listReceipts(
  client: PublicClient,
  p: { receipts: Address; owner: Address; fromBlock?: bigint },
): Promise<VentureReceipt[]> {
  const logs = await client.getContractEvents({
    address: p.receipts,
    abi: ventureReceiptsAbi,
    eventName: "Transfer",
    args: { to: p.owner },
    fromBlock: p.fromBlock ?? 0n,
    toBlock: "latest",
  });
  const ids = [...new Set(logs.map((l) => l.args.tokenId as bigint))];
  const out: VentureReceipt[] = [];
  for (const receiptId of ids) {
    const owner = await readContract(client, {
      address: p.receipts,
      abi: ventureReceiptsAbi,
      functionName: "ownerOf",
      args: [receiptId],
    }).catch(() => undefined);
    if (owner?.toLowerCase() !== p.owner.toLowerCase()) continue;
    const r = await readContract(client, {
      address: p.receipts,
      abi: ventureReceiptsAbi,
      functionName: "receipt",
      args: [receiptId],
    });
    out.push({
      receiptId,
      owner,
      roundId: BigInt(r.roundId),
      token: r.token,
      amount: r.amount,
      value: r.value,
    });
  }
  return out.sort((a, b) => (a.receiptId < b.receiptId ? -1 : 1));
}

/** A venture proposal's combined result: each side's raw tally and the 60/40 points (of 100, 18 decimals). */
export async function combinedResult(client: PublicClient, p: { governor: Address; proposalId: bigint }) {
  const [tally, points, weights] = await Promise.all([
    readContract(client, {
      address: p.governor,
      abi: ventureGovernorAbi,
      functionName: "proposalTally",
      args: [p.proposalId],
    }),
    readContract(client, {
      address: p.governor,
      abi: ventureGovernorAbi,
      functionName: "combinedVotes",
      args: [p.proposalId],
    }),
    readContract(client, { address: p.governor, abi: ventureGovernorAbi, functionName: "sideWeights" }),
  ]);
  return {
    tally,
    forPoints: points[0],
    againstPoints: points[1],
    investorWeight: weights[0],
    holderWeight: weights[1],
  };
}
