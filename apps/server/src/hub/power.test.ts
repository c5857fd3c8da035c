import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type Address,
  createPublicClient,
  custom,
  type EIP1193RequestFn,
  type PublicClient,
  parseEther,
  toFunctionSelector,
} from "viem";
import { foundry } from "viem/chains";
import { dev, type LocalStack, startLocalStack } from "../testing/localStack.ts";
import { PowerReader } from "./power.ts";
import type { SpaceSettings } from "./spaces.ts";

const CLOCK_MODE = toFunctionSelector("function CLOCK_MODE() view returns (string)");
const VOTER = 5;

describe("PowerReader", () => {
  let stack: LocalStack;
  let snapshot: number;

  before(async () => {
    stack = await startLocalStack();
    await stack.stake(VOTER, parseEther("100"));
    await stack.travel(7 * 86_400 + 10); // the stake matures
    snapshot = Number(await stack.publicClient.getBlockNumber({ cacheTime: 0 }));
    await stack.travel(1);
  });

  after(() => stack?.stop());

  /**
   * A client on the local chain that counts the CLOCK_MODE calls per contract and fails the next `failures` of them
   * on the way, with viem's retries off so the reader sees the failure: as a dropped connection would ("refused"), or
   * as a provider answers when overloaded ("internal": JSON-RPC -32603, which viem's contract errors call a revert).
   */
  const flakyClient = (failures: number, how: "refused" | "internal" = "refused") => {
    const clockReads = new Map<string, number>();
    const request = (async ({ method, params }: { method: string; params: unknown }) => {
      const call = method === "eth_call" ? (params as [{ to: string; data?: string }])[0] : undefined;
      if (call?.data?.startsWith(CLOCK_MODE)) {
        clockReads.set(call.to.toLowerCase(), (clockReads.get(call.to.toLowerCase()) ?? 0) + 1);
        if (failures-- > 0) {
          if (how === "internal") throw { code: -32603, message: "Internal error: upstream request timed out" };
          throw new Error("socket hang up");
        }
      }
      return stack.publicClient.request({ method: method as never, params: params as never });
    }) as EIP1193RequestFn;
    const client = createPublicClient({ chain: foundry, transport: custom({ request }, { retryCount: 0 }) });
    return { client: client as PublicClient, clockReads: (a: Address) => clockReads.get(a.toLowerCase()) ?? 0 };
  };

  const space = (address: Address): SpaceSettings =>
    ({
      id: `space-of-${address}`, // power is cached per space
      name: "test",
      contract: address,
      strategies: [{ name: "erc5805-votes", label: "staked", address, decimals: 18 }],
    }) as SpaceSettings;

  it("does not remember a CLOCK_MODE read that failed on the way: the next read asks again and finds the votes", async () => {
    const staking = stack.deployment.contracts.Staking.address;
    const { client, clockReads } = flakyClient(1);
    const reader = new PowerReader(client);
    await assert.rejects(reader.power(space(staking), snapshot, dev(VOTER).address), /socket hang up/);
    // Read at the snapshot's timestamp (the staking contract's clock), not at its block number (where it has none).
    assert.deepEqual(await reader.power(space(staking), snapshot, dev(VOTER).address), {
      total: 100,
      byStrategy: [100],
    });
    assert.equal(clockReads(staking), 2);
  });

  it("does not take a provider's internal error (-32603) for a contract without CLOCK_MODE", async () => {
    const staking = stack.deployment.contracts.Staking.address;
    const { client, clockReads } = flakyClient(1, "internal");
    const reader = new PowerReader(client);
    await assert.rejects(reader.power(space(staking), snapshot, dev(VOTER).address), /upstream request timed out/);
    assert.equal((await reader.power(space(staking), snapshot, dev(VOTER).address)).total, 100);
    assert.equal(clockReads(staking), 2);
  });

  it("remembers a contract's own answer, including that it has no CLOCK_MODE", async () => {
    const staking = stack.deployment.contracts.Staking.address;
    const noCode = dev(19).address; // an account: a call returns nothing
    const { client, clockReads } = flakyClient(0);
    const reader = new PowerReader(client);
    for (const voter of [VOTER, 6]) await reader.power(space(staking), snapshot, dev(voter).address);
    assert.equal(clockReads(staking), 1);
    // Nothing there to hold votes either: each power read fails, but the clock is asked once.
    for (let i = 0; i < 2; i++) await assert.rejects(reader.power(space(noCode), snapshot, dev(VOTER).address));
    assert.equal(clockReads(noCode), 1);
    // A contract without the function reverts: the same (UsageChannels has no CLOCK_MODE, nor votes).
    const noClock = stack.usageChannels;
    for (let i = 0; i < 2; i++) await assert.rejects(reader.power(space(noClock), snapshot, dev(VOTER).address));
    assert.equal(clockReads(noClock), 1);
  });
});
