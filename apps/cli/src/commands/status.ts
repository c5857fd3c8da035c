import {
  CONTRACT_NAMES,
  type ContractName,
  daoRegistryAbi,
  formatDuration,
  rewardsDistributorAbi,
  stakingAbi,
  treasuryAbi,
} from "@aidao/sdk";
import { type Address, erc20Abi, formatEther } from "viem";
import type { Context } from "../context.ts";
import { aidao, json, listProposals, type Options, type StateName, str, when } from "./governance.ts";

export const statusOptions = { server: { type: "string" }, json: { type: "boolean" } } as const;

/** The contracts people ask about first, in the order `aidao status` lists them. */
const MAIN: ContractName[] = [
  "AIDAOToken",
  "Staking",
  "AIDAOGovernor",
  "TimelockController",
  "Treasury",
  "EducationFund",
  "Safe",
  "RewardsDistributor",
  "DAORegistry",
  "AIDAOFactory",
  "ModelRegistry",
  "UsageChannels",
  "VentureFund",
];

type Endpoint = { status: number; body: unknown } | { error: string };
type ServerStatus = {
  url: string;
  reachable: boolean;
  error?: string;
  healthz?: Endpoint;
  readyz?: Endpoint;
  indexer?: Endpoint;
  hub?: Endpoint;
};

/** GETs `url` as JSON; any failure is part of the answer (a status report never fails for a server's sake). */
async function probe(url: string): Promise<Endpoint> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    const text = await r.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: r.status, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}

async function serverStatus(base: string): Promise<ServerStatus> {
  const healthz = await probe(`${base}/healthz`);
  if ("error" in healthz) return { url: base, reachable: false, error: healthz.error };
  const [readyz, indexer, hub] = await Promise.all([
    probe(`${base}/readyz`),
    probe(`${base}/api/status`),
    probe(`${base}/api/hub`),
  ]);
  return { url: base, reachable: true, healthz, readyz, indexer, hub };
}

/** Reads that fail (a deployment file that does not match the chain) become `undefined`, not a crash. */
const maybe = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

/**
 * `aidao status [--server URL] [--json]`: the chain, the deployment (and whether its code is there), the token,
 * staking, treasuries, DAOs and open proposals; and, if it answers, the server's health, indexer and hub.
 */
export async function statusCommand(ctx: Context, o: Options): Promise<string> {
  const c = ctx.deployment.contracts;
  const base = (str(o, "server") ?? process.env.AIDAO_SERVER ?? "http://127.0.0.1:8787").replace(/\/$/, "");
  const balanceOf = (who: Address) =>
    maybe(
      ctx.publicClient.readContract({
        address: c.AIDAOToken.address,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [who],
      }),
    );
  const staking = { address: c.Staking.address, abi: stakingAbi } as const;
  const [block, codes, server] = await Promise.all([
    ctx.publicClient.getBlock({ blockTag: "latest" }),
    Promise.all(CONTRACT_NAMES.map((name) => ctx.publicClient.getCode({ address: c[name].address }))),
    serverStatus(base),
  ]);
  const missing = CONTRACT_NAMES.filter((_, i) => !codes[i]);
  const [supply, staked, minStakePeriod, clock, treasury, treasuryEth, education, educationEth, educationBps] =
    await Promise.all([
      maybe(
        ctx.publicClient.readContract({ address: c.AIDAOToken.address, abi: erc20Abi, functionName: "totalSupply" }),
      ),
      maybe(ctx.publicClient.readContract({ ...staking, functionName: "totalStaked" })),
      maybe(ctx.publicClient.readContract({ ...staking, functionName: "minStakePeriod" })),
      maybe(ctx.publicClient.readContract({ ...staking, functionName: "clock" })),
      balanceOf(c.Treasury.address),
      ctx.publicClient.getBalance({ address: c.Treasury.address }),
      balanceOf(c.EducationFund.address),
      ctx.publicClient.getBalance({ address: c.EducationFund.address }),
      maybe(
        ctx.publicClient.readContract({ address: c.Treasury.address, abi: treasuryAbi, functionName: "educationBps" }),
      ),
    ]);
  const rewards = { address: c.RewardsDistributor.address, abi: rewardsDistributorAbi } as const;
  const [votingSupply, daos, reserve, rewardsBalance, epochs, proposals] = await Promise.all([
    // The matured staked supply: what quorums are a share of (a past timepoint: the present is not final).
    clock === undefined
      ? undefined
      : maybe(
          ctx.publicClient.readContract({ ...staking, functionName: "getPastTotalSupply", args: [BigInt(clock) - 1n] }),
        ),
    maybe(
      ctx.publicClient.readContract({ address: c.DAORegistry.address, abi: daoRegistryAbi, functionName: "daoCount" }),
    ),
    balanceOf(c.TimelockController.address),
    balanceOf(c.RewardsDistributor.address),
    maybe(ctx.publicClient.readContract({ ...rewards, functionName: "epochCount" })),
    maybe(listProposals(ctx)),
  ]);
  const open = (proposals ?? []).filter((p) => ["Pending", "Active", "Succeeded", "Queued"].includes(p.state));
  const byState = open.reduce<Partial<Record<StateName, number>>>(
    (acc, p) => Object.assign(acc, { [p.state]: (acc[p.state] ?? 0) + 1 }),
    {},
  );

  if (o.json) {
    return json({
      chain: { chainId: ctx.deployment.chainId, block: block.number, time: block.timestamp, rpc: ctx.rpc },
      deployment: {
        contracts: Object.fromEntries(
          CONTRACT_NAMES.map((name, i) => [name, { address: c[name].address, code: Boolean(codes[i]) }]),
        ),
        missing,
      },
      token: { supply },
      staking: { staked, votingSupply, minStakePeriod },
      treasury: { aidao: treasury, eth: treasuryEth, educationBps },
      educationFund: { aidao: education, eth: educationEth },
      reserve: { aidao: reserve },
      rewards: { balance: rewardsBalance, epochs },
      daos,
      proposals: {
        total: proposals?.length,
        open: open.map((p) => ({ proposalId: p.proposalId, state: p.state, title: p.title, deadline: p.deadline })),
      },
      server,
    });
  }

  const amount = (v: bigint | undefined) => (v === undefined ? "unavailable" : aidao(v));
  const lines = [
    `chain        ${ctx.deployment.chainId} at ${ctx.rpc}, block ${block.number}, ${when(block.timestamp)}`,
    missing.length === 0
      ? `deployment   ${CONTRACT_NAMES.length} contracts, all with code`
      : `deployment   NO CODE at ${missing.length} of ${CONTRACT_NAMES.length} contracts (${missing.join(", ")}): ` +
        "is the deployment file for this chain? (--deployments DIR)",
    ...MAIN.map(
      (name) => `  ${name.padEnd(19)} ${c[name].address}${codes[CONTRACT_NAMES.indexOf(name)] ? "" : "  (no code)"}`,
    ),
    `token        supply ${amount(supply)}`,
    `staking      ${amount(staked)} staked, ${amount(votingSupply)} matured (voting supply)` +
      (minStakePeriod === undefined ? "" : `, minimum period ${formatDuration(Number(minStakePeriod))}`),
    `treasury     ${amount(treasury)}, ${formatEther(treasuryEth)} ETH` +
      (educationBps === undefined ? "" : ` (${Number(educationBps) / 100}% of income goes to education)`),
    `education    ${amount(education)}, ${formatEther(educationEth)} ETH`,
    `reserve      ${amount(reserve)} (held by the timelock, spent by proposals)`,
    `rewards      ${amount(rewardsBalance)} to distribute, ${epochs ?? "?"} epoch${epochs === 1n ? "" : "s"} posted`,
    `DAOs         ${daos ?? "unavailable"} (the main DAO is 1)`,
    proposals === undefined
      ? "proposals    unavailable"
      : `proposals    ${open.length} open of ${proposals.length}` +
        (open.length
          ? ` (${Object.entries(byState)
              .map(([s, n]) => `${n} ${s}`)
              .join(", ")}): aidao proposals --state open`
          : ""),
    ...serverLines(server),
  ];
  return lines.join("\n");
}

function serverLines(s: ServerStatus): string[] {
  if (!s.reachable)
    return [`server       ${s.url} not reachable (${s.error}); start one with aidao server, or --server URL`];
  const body = (e: Endpoint | undefined) => (e && "status" in e ? (e.body as Record<string, unknown>) : undefined);
  const served = (e: Endpoint | undefined) => e !== undefined && "status" in e && e.status !== 404;
  const health = body(s.healthz);
  const ready = s.readyz && "status" in s.readyz && s.readyz.status === 200;
  const lines = [
    `server       ${s.url}: ${health?.ok ? "healthy" : "unhealthy"}, mode ${health?.mode ?? "?"}, ${ready ? "ready" : "not ready"}`,
  ];
  const indexer = body(s.indexer);
  lines.push(
    served(s.indexer) && indexer
      ? `  indexer    ${indexer.phase}: indexed ${indexer.indexed ?? "nothing yet"} of head ${indexer.head ?? "?"} (lag ${indexer.lag ?? "?"})`
      : "  indexer    not served here",
  );
  const hub = body(s.hub);
  lines.push(
    served(s.hub) && hub
      ? `  hub        chain ${hub.chainId}, spaces ${(hub.spaces as string[] | undefined)?.join(", ") || "none"}, receipts signed by ${hub.receiptSigner}`
      : "  hub        not served here",
  );
  return lines;
}
