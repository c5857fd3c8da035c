// Venture DAO: deposit with receipt, the 60/40 vote, and claims, measured on the same chain as gas.ts (see README).
import { ventureFundAbi, ventureGovernorAbi, ventureReceiptsAbi } from "@aidao/sdk";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  erc20Abi,
  keccak256,
  type PublicClient,
  parseEther,
  toHex,
} from "viem";

/** Anchors measured on this machine when the issue was filed (OpenZeppelin 5, cancun). */
export const ANCHORS = {
  erc721MintNewHolder: [73_715, 90_827],
  ethDepositAndMint: 95_366,
  ozCastVote: [66_155, 83_255],
};
/** The budget for an ERC20 deposit with its receipt. */
export const DEPOSIT_BUDGET = 150_000;

export type VentureRow = { op: string; aidao: number; reference: number; note: string; target?: [number, number] };

type Env = {
  publicClient: PublicClient;
  contracts: Record<string, Address>;
  /** Sends `fn` from `from` in its own block 12 s after the previous one; returns its gas. */
  call: (from: Address, to: Address, abi: Abi, fn: string, args: unknown[]) => Promise<number>;
  /** Runs `fn` as `address` (impersonated). */
  impersonated: (address: Address, fn: () => Promise<unknown>) => Promise<void>;
  /** Moves the chain's clock forward by `seconds`. */
  tick: (seconds: number) => Promise<void>;
  deployRef: (name: string, args: unknown[]) => Promise<Address>;
  /** Accounts with AIDAO: the first holds matured, self-delegated stake. */
  accounts: [Address, Address, Address];
  /** The reference Governor's castVote gas measured in gas.ts (same OZ modules, one electorate). */
  referenceCastVote: number;
};

export async function measureVenture(env: Env): Promise<VentureRow[]> {
  const c = env.contracts;
  const [alice, bob, relayer] = env.accounts;
  const fund = c.VentureFund as Address;
  const timelock = c.VentureTimelock as Address;
  const governor = c.VentureGovernor as Address;
  const token = c.AIDAOToken as Address;
  const fAbi = ventureFundAbi as Abi;
  const now = async () => (await env.publicClient.getBlock()).timestamp;
  const rows: VentureRow[] = [];

  // Governance (not measured): accept AIDAO at 0.1 per token and open three rounds.
  const start = await now();
  const closesAt = start + 30n * 86_400n;
  const unlocksAt = closesAt + 90n * 86_400n;
  await env.impersonated(timelock, async () => {
    await env.call(timelock, fund, fAbi, "acceptToken", [
      token,
      "0x0000000000000000000000000000000000000000",
      365 * 86_400,
    ]);
    await env.call(timelock, fund, fAbi, "setPrice", [token, parseEther("0.1")]);
    for (let i = 0; i < 3; i++)
      await env.call(timelock, fund, fAbi, "openRound", [parseEther("1000000000"), closesAt, unlocksAt]);
  });
  const ref = await env.deployRef("RefReceiptVault", []);
  for (const who of [alice, bob, relayer]) {
    await env.call(who, token, erc20Abi, "approve", [fund, parseEther("1000000")]);
    await env.call(who, token, erc20Abi, "approve", [ref, parseEther("1000000")]);
  }

  // deposit: the round already has a deposit; the depositor holds no receipt yet (a new holder, like the anchor).
  await env.call(relayer, fund, fAbi, "deposit", [1n, token, parseEther("1000"), 0n]);
  await env.call(relayer, ref, refAbi, "deposit", [token, parseEther("1000")]);
  const deposit = await env.call(bob, fund, fAbi, "deposit", [1n, token, parseEther("1000"), 0n]);
  const refDeposit = await env.call(bob, ref, refAbi, "deposit", [token, parseEther("1000")]);
  rows.push({
    op: "venture deposit",
    aidao: deposit,
    reference: refDeposit,
    note: "ERC20 deposit, valued, cap table, receipt with votes | transferFrom + OZ ERC721 mint",
  });
  rows.push({
    op: "venture deposit again",
    aidao: await env.call(bob, fund, fAbi, "deposit", [1n, token, parseEther("1000"), 0n]),
    reference: await env.call(bob, ref, refAbi, "deposit", [token, parseEther("1000")]),
    note: "the same depositor's second receipt (an existing holder) | the same",
  });
  rows.push({
    op: "deposit vs budget",
    aidao: deposit,
    reference: DEPOSIT_BUDGET,
    note: `the issue's budget (anchors: OZ ERC721 mint ${ANCHORS.erc721MintNewHolder.join("–")}, ETH deposit + mint ${ANCHORS.ethDepositAndMint})`,
    target: [0, 1],
  });

  // castVote: Alice holds a receipt (delegated) and matured stake: one ballot counts on both sides.
  await env.call(relayer, token, erc20Abi, "transfer", [alice, parseEther("110000")]);
  await env.call(alice, fund, fAbi, "deposit", [1n, token, parseEther("100000"), 0n]);
  await env.call(alice, c.VentureReceipts as Address, ventureReceiptsAbi as Abi, "delegate", [alice]);
  const setPrice = encodeFunctionData({
    abi: ventureFundAbi,
    functionName: "setPrice",
    args: [token, parseEther("0.1")],
  });
  await env.call(alice, governor, ventureGovernorAbi as Abi, "propose", [
    [fund],
    [0n],
    [setPrice],
    "bench: re-set the price",
  ]);
  const proposalId = (await env.publicClient.readContract({
    address: governor,
    abi: ventureGovernorAbi,
    functionName: "hashProposal",
    args: [[fund], [0n], [setPrice], keccak256(toHex("bench: re-set the price"))],
  })) as bigint;
  await env.tick(86_400 + 1);
  const vote = await env.call(alice, governor, ventureGovernorAbi as Abi, "castVote", [proposalId, 1]);
  rows.push({
    op: "venture castVote",
    aidao: vote,
    reference: env.referenceCastVote,
    note: `both electorates, one ballot | OZ Governor castVote, one electorate (anchor ${ANCHORS.ozCastVote.join("–")})`,
  });

  // claim: Alice's receipt in a round of 1 receipt vs in a round of 1,000 (+ hers); same token, first claim each.
  await env.call(alice, fund, fAbi, "deposit", [2n, token, parseEther("1000"), 0n]);
  await env.call(alice, fund, fAbi, "deposit", [3n, token, parseEther("1000"), 0n]);
  const filler = await env.deployRef("BenchDepositor", []);
  await env.call(relayer, token, erc20Abi, "transfer", [filler, parseEther("1000")]);
  for (let i = 0; i < 4; i++)
    await env.call(relayer, filler, fillerAbi, "fill", [fund, 3n, token, parseEther("0.25"), 250n]);
  await env.tick(Number(unlocksAt - (await now())) + 1);
  for (const round of [2n, 3n]) await env.call(relayer, fund, fAbi, "distribute", [round, token]);
  // Alice's receipt in each round, from its Deposited event (indexed by round and depositor).
  const receiptIn = async (roundId: bigint) => {
    const [event] = await env.publicClient.getContractEvents({
      address: fund,
      abi: ventureFundAbi,
      eventName: "Deposited",
      args: { roundId, depositor: alice },
      fromBlock: 0n,
    });
    if (!event?.args.receiptId) throw new Error(`no receipt of round ${roundId}`);
    return event.args.receiptId;
  };
  const claim1 = await env.call(alice, fund, fAbi, "claim", [await receiptIn(2n), [token]]);
  const claim1000 = await env.call(alice, fund, fAbi, "claim", [await receiptIn(3n), [token]]);
  rows.push({
    op: "venture claim",
    aidao: claim1000,
    reference: claim1,
    note: "first claim of one token: round of 1,001 receipts | round of 1 receipt (O(1))",
    target: [0.98, 1.02],
  });
  return rows;
}

const refAbi = [
  {
    type: "function",
    name: "deposit",
    stateMutability: "nonpayable",
    inputs: [
      { name: "token", type: "address" },
      { name: "amount", type: "uint256" },
    ],
    outputs: [{ name: "id", type: "uint256" }],
  },
] as const satisfies Abi;

const fillerAbi = [
  {
    type: "function",
    name: "fill",
    stateMutability: "nonpayable",
    inputs: [
      { name: "fund", type: "address" },
      { name: "roundId", type: "uint256" },
      { name: "token", type: "address" },
      { name: "amount", type: "uint256" },
      { name: "count", type: "uint256" },
    ],
    outputs: [],
  },
] as const satisfies Abi;
