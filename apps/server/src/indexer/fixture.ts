// Test fixtures for the indexer (imported by its tests and bench/indexer.ts only; nothing here is served).
import {
  approveIfShort,
  castVote,
  createDAO,
  daoRegistryAbi,
  depositToTreasury,
  propose,
  revenueShareTokenAbi,
  topUpChannel,
} from "@aidao/sdk";
import { type Address, type Hex, keccak256, parseEther, toHex } from "viem";
import { dev, type LocalStack } from "../testing/localStack.ts";
import { daoContracts, deploymentContracts } from "./contracts.ts";

/** Polls `check` until it returns something truthy; fails after `boundMs` (a bound on a hang, not a timing claim). */
export async function until<T>(check: () => T | Promise<T>, what: string, boundMs = 60_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const wait = (stack: LocalStack, hash: Hex) => stack.publicClient.waitForTransactionReceipt({ hash });

/** What `protocolActivity` did, to look for in the index. */
export type Activity = {
  channelId: Hex;
  dao: { daoId: bigint; governor: Address; token: Address; treasury: Address };
  proposalId: bigint;
};

/**
 * Drives the protocol through the events the projections read: a usage channel opened and topped up, a stake, an
 * income into the main treasury, an AI DAO created through the factory (its token mints to holders before the
 * registry's event, in the same transaction), a proposal on that DAO's governor and a vote on it.
 */
export async function protocolActivity(stack: LocalStack, name = "Faces DAO"): Promise<Activity> {
  const { deployment } = stack;
  await stack.fund(dev(3).address, parseEther("100"));
  const channelId = await stack.open(3, stack.endpoints.echo as bigint, parseEther("10"));
  await approveIfShort(stack.wallet(3), { token: stack.token, spender: stack.usageChannels, amount: parseEther("5") });
  await wait(
    stack,
    await topUpChannel(stack.wallet(3), { usageChannels: stack.usageChannels, channelId, amount: parseEther("5") }),
  );
  await stack.stake(4, parseEther("50"));
  await stack.fund(dev(4).address, parseEther("20"));
  await wait(
    stack,
    await depositToTreasury(stack.wallet(4), {
      treasury: deployment.contracts.Treasury.address,
      token: stack.token,
      amount: parseEther("10"),
      source: "ProtocolFee",
    }),
  );
  const holder = dev(5).address;
  const created = await createDAO(stack.wallet(5), {
    factory: deployment.contracts.AIDAOFactory.address,
    name,
    governance: { mode: "OnChain", votingDelay: 1, votingPeriod: 3_600, timelockDelay: 1 },
    template: {
      template: "revenue-sharing",
      name: "Face",
      symbol: "FACE",
      holders: [
        { account: holder, amount: parseEther("1000") },
        { account: dev(6).address, amount: parseEther("500") },
      ],
    },
  });
  await stack.send(5, { address: created.token, abi: revenueShareTokenAbi, functionName: "delegate", args: [holder] });
  const description = `${name}: pay nothing`;
  const proposal = await propose(stack.wallet(5), {
    governor: created.governor,
    targets: [created.treasury],
    values: [0n],
    calldatas: ["0x"],
    description,
  });
  await wait(stack, proposal.hash);
  await stack.travel(10);
  await wait(
    stack,
    await castVote(stack.wallet(5), {
      governor: created.governor,
      proposalId: proposal.proposalId,
      support: 1,
      reason: "yes",
    }),
  );
  return {
    channelId,
    dao: { daoId: created.daoId, governor: created.governor, token: created.token, treasury: created.treasury },
    proposalId: proposal.proposalId,
  };
}

/**
 * What the index should hold, read straight from the node: the logs of every deployment contract and of every DAO's
 * contracts (from the registry's events), as `<block>-<logIndex>` ids.
 */
export async function expectedLogIds(stack: LocalStack, toBlock: bigint): Promise<string[]> {
  const rpcLogs = async (address: Address[]) =>
    (await stack.rpc("eth_getLogs", [{ address, fromBlock: "0x0", toBlock: toHex(toBlock) }])) as Array<{
      address: Address;
      topics: Hex[];
      data: Hex;
      blockNumber: Hex;
      logIndex: Hex;
    }>;
  const base = deploymentContracts(stack.deployment).map((c) => c.address);
  const registered = await stack.publicClient.getContractEvents({
    address: stack.deployment.contracts.DAORegistry.address,
    abi: daoRegistryAbi,
    eventName: "DAORegistered",
    fromBlock: 0n,
    toBlock,
  });
  const extra = new Set<Address>();
  for (const e of registered) {
    for (const c of daoContracts(e.args.dao as never)) if (!base.includes(c.address)) extra.add(c.address);
  }
  const safes = new Set([stack.deployment.contracts.Safe.address.toLowerCase()]);
  for (const e of registered) safes.add((e.args.dao as { safe: Address }).safe.toLowerCase());
  // Of a Safe, only its executions are indexed.
  const executions = new Set(
    ["ExecutionSuccess(bytes32,uint256)", "ExecutionFailure(bytes32,uint256)"].map((e) => keccak256(toHex(e))),
  );
  const logs = (await rpcLogs([...base, ...extra])).filter(
    (l) => !safes.has(l.address.toLowerCase()) || executions.has(l.topics[0] as Hex),
  );
  return logs.map((l) => `${BigInt(l.blockNumber)}-${BigInt(l.logIndex)}`).sort();
}
