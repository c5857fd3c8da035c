import { readFileSync, writeFileSync } from "node:fs";
import { WorkerError } from "@aidao/server";
// The server package does not export its rewards module yet: see the report (an "./rewards" export replaces this).
import {
  type ComputedEpoch,
  type ContributionSource,
  computeEpoch,
  DEFAULT_CONFIG,
  epochDocument,
  proposeEpoch,
  type RewardConfig,
  verifyEpoch,
} from "@aidao/server/rewards";
import { formatUnits, getAddress, isAddress } from "viem";
import type { Context } from "../context.ts";
import { UsageError } from "../errors.ts";
import { integer, pairs, tokens } from "../parse.ts";
import { aidao, explained, json, type Options, str, when } from "./governance.ts";

// `aidao rewards epoch compute | propose | verify`: an epoch of contributor rewards, from public data, by the formula
// of docs/rewards.md.

export const rewardsEpochOptions = {
  epoch: { type: "string" },
  "from-block": { type: "string" },
  "to-block": { type: "string" },
  out: { type: "string" },
  json: { type: "boolean" },
  budget: { type: "string" },
  "usage-bps": { type: "string" },
  weights: { type: "string" },
  "token-weights": { type: "string" },
  worker: { type: "string" },
  tree: { type: "string" },
  description: { type: "string" },
} as const;

type Handler = (ctx: Context, o: Options, positionals: string[]) => Promise<string>;

const CONFIG_USAGE =
  "[--budget 2500000] [--usage-bps 8000] [--weights data=1,model=1,code=1] [--token-weights 0xTOKEN=1,…] " +
  "--worker URL|none";

const whole = (v: string | undefined, option: string) => {
  if (v === undefined) throw new UsageError(`--${option} is required`);
  if (!/^\d+$/.test(v)) throw new UsageError(`--${option}: "${v}" is not a whole number`);
  return BigInt(v);
};

/** The formula's configuration from the options (defaults: docs/rewards.md). */
export function configOf(o: Options): RewardConfig {
  const budget = str(o, "budget") === undefined ? DEFAULT_CONFIG.budget : tokens(str(o, "budget"), "budget");
  const usageBps = integer(str(o, "usage-bps"), "usage-bps", DEFAULT_CONFIG.usageBps, 0, 10_000);
  const kindWeights = { ...DEFAULT_CONFIG.kindWeights };
  if (str(o, "weights") !== undefined) {
    for (const [kind, w] of pairs(str(o, "weights"), "weights")) {
      if (!(kind in kindWeights)) throw new UsageError(`--weights: "${kind}" is not data, model or code`);
      kindWeights[kind as keyof typeof kindWeights] = whole(w, "weights");
    }
  }
  const tokenWeights: Record<string, bigint> = {};
  if (str(o, "token-weights") !== undefined) {
    for (const [token, w] of pairs(str(o, "token-weights"), "token-weights")) {
      if (!isAddress(token, { strict: false })) throw new UsageError(`--token-weights: "${token}" is not an address`);
      tokenWeights[getAddress(token).toLowerCase()] = whole(w, "token-weights");
    }
  }
  return { budget, usageBps, kindWeights, tokenWeights };
}

/** `--worker URL` (or AIDAO_WORKER_URL); `none` counts no contributions. */
function workerOf(o: Options, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = str(o, "worker") ?? env.AIDAO_WORKER_URL;
  if (given === undefined) {
    throw new UsageError(
      "say where the accepted contributions are published: --worker URL (a worker's base URL), or --worker none",
    );
  }
  if (given === "none") return undefined;
  if (!/^https?:\/\/\S+$/.test(given)) throw new UsageError(`--worker: "${given}" is not an http(s) URL (or none)`);
  return given.replace(/\/+$/, "");
}

const addressesOf = (ctx: Context) => ({
  modelRegistry: ctx.deployment.contracts.ModelRegistry.address,
  modelRegistryBlock: ctx.deployment.contracts.ModelRegistry.block,
  usageChannels: ctx.deployment.contracts.UsageChannels.address,
  rewardsDistributor: ctx.deployment.contracts.RewardsDistributor.address,
});

/** Runs a rewards step; its bad inputs become usage errors (exit code 2), the rest keep their message. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof WorkerError && error.code === "BAD_INPUT") throw new UsageError(error.message);
    throw error;
  }
}

async function computed(ctx: Context, o: Options, contributions?: ContributionSource): Promise<ComputedEpoch> {
  const epoch = BigInt(integer(str(o, "epoch") ?? fail("--epoch is required"), "epoch", 0, 0, 2 ** 31));
  const fromBlock = whole(str(o, "from-block"), "from-block");
  const toBlock = whole(str(o, "to-block"), "to-block");
  const config = configOf(o);
  const worker = workerOf(o);
  return guarded(() =>
    computeEpoch({
      client: ctx.publicClient,
      addresses: addressesOf(ctx),
      epoch,
      fromBlock,
      toBlock,
      config,
      worker,
      ...(contributions ? { contributions } : {}),
    }),
  );
}

const fail = (message: string): never => {
  throw new UsageError(message);
};

function summary(e: ComputedEpoch): string[] {
  const p = e.result.pools;
  const share = (l: (typeof e.result.leaves)[number]) =>
    `${formatUnits(l.amount, 18).padStart(28)} AIDAO   usage ${formatUnits(l.usage, 18)}, contributions ${formatUnits(l.contributions, 18)}`;
  return [
    `epoch ${e.epoch}: blocks ${e.params.fromBlock}–${e.params.toBlock} ` +
      `(${when(BigInt(Math.max(0, Math.floor(e.window.after / 1000))))} – ${when(BigInt(e.window.until / 1000))})`,
    `  inputs   ${e.inputs.revenue.length} revenue split${e.inputs.revenue.length === 1 ? "" : "s"}, ` +
      `${e.inputs.contributions.length} accepted contribution${e.inputs.contributions.length === 1 ? "" : "s"}` +
      `${e.params.worker ? ` (from ${e.params.worker})` : " (none counted: --worker none)"}`,
    `  total    ${aidao(e.result.total)} of a ${aidao(e.params.config.budget)} budget ` +
      `(usage ${aidao(p.usage.spent)} of ${aidao(p.usage.budget)}, contributions ${aidao(p.contributions.spent)} of ${aidao(p.contributions.budget)})`,
    `  root     ${e.root}`,
    `  uri      ${e.uri}`,
    `  leaves   ${e.result.leaves.length}`,
    ...e.result.leaves.map((l) => `    ${l.account} ${share(l)}`),
  ];
}

/** `aidao rewards epoch compute --epoch N --from-block A --to-block B [--out tree.json] [--json]`. */
export const rewardsEpochCompute: Handler = async (ctx, o) => {
  const e = await computed(ctx, o);
  const out = str(o, "out");
  if (out && e.tree) writeFileSync(out, `${JSON.stringify(e.tree.dump(), null, 2)}\n`);
  if (o.json) return json(epochDocument(e));
  const lines = summary(e);
  if (!e.tree)
    return [...lines, "  nothing to distribute: no revenue split and no accepted contribution in the window"].join(
      "\n",
    );
  if (out)
    lines.push(
      `  tree     written to ${out} (each contributor: aidao rewards claim --claim ${out} --epoch ${e.epoch})`,
    );
  lines.push(`  next     aidao rewards epoch propose with the same options, to put it to the main DAO's vote`);
  return lines.join("\n");
};

/** `aidao rewards epoch propose --epoch N --from-block A --to-block B …`: a main DAO proposal posting the epoch. */
export const rewardsEpochPropose: Handler = async (ctx, o) => {
  const e = await computed(ctx, o);
  const signer = ctx.signer();
  const description = str(o, "description");
  const r = await guarded(() =>
    explained(
      () =>
        proposeEpoch(ctx.publicClient, signer, {
          governor: ctx.deployment.contracts.AIDAOGovernor.address,
          rewardsDistributor: addressesOf(ctx).rewardsDistributor,
          epoch: e,
          ...(description ? { description } : {}),
        }),
      (err) =>
        err.errorName === "GovernorInsufficientProposerVotes"
          ? "proposing needs the proposal threshold of matured stake delegated to you: aidao stake show"
          : undefined,
    ),
  );
  await ctx.confirm(r.hash);
  const out = str(o, "out");
  if (out && e.tree) writeFileSync(out, `${JSON.stringify(e.tree.dump(), null, 2)}\n`);
  if (o.json) return json({ proposalId: r.proposalId, hash: r.hash, call: r.call, epoch: epochDocument(e) });
  return [
    `proposed ${r.proposalId} to the main DAO: post rewards epoch ${e.epoch} (${r.hash})`,
    ...summary(e).slice(1, 5),
    ...(out
      ? [`  tree     written to ${out}: publish it, so contributors can claim once the proposal is executed`]
      : []),
    `  next     aidao vote --proposal ${r.proposalId} --support for, then aidao queue and aidao execute`,
  ].join("\n");
};

/** `aidao rewards epoch verify --epoch N [--worker URL] [--tree FILE] [--json]`: recomputes the posted root. */
export const rewardsEpochVerify: Handler = async (ctx, o) => {
  const epoch = BigInt(integer(str(o, "epoch") ?? fail("--epoch is required"), "epoch", 0, 0, 2 ** 31));
  const worker = str(o, "worker") === undefined ? undefined : workerOf(o);
  let published: unknown;
  const file = str(o, "tree");
  if (file) {
    try {
      published = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`--tree ${file}: ${code === "ENOENT" ? "no such file" : "not valid JSON"}`);
    }
  }
  const v = await guarded(() =>
    verifyEpoch({
      client: ctx.publicClient,
      addresses: addressesOf(ctx),
      epoch,
      ...(worker ? { worker } : {}),
      // `--worker none` recomputes without contributions, whatever the URI says.
      ...(str(o, "worker") === "none" ? { contributions: async () => [] } : {}),
      ...(published === undefined ? {} : { published }),
    }),
  );
  if (o.json) {
    return json({
      epoch: v.epoch,
      match: v.match,
      difference: v.difference ?? null,
      onChain: v.onChain,
      recomputed: epochDocument(v.recomputed),
    });
  }
  if (v.match) {
    return [
      `epoch ${epoch} matches: root ${v.onChain.root}, total ${aidao(v.onChain.total)}`,
      ...summary(v.recomputed).slice(0, 2),
    ].join("\n");
  }
  throw new Error(
    [
      `epoch ${epoch} does NOT match what it recomputes to`,
      `  first difference: ${v.difference}`,
      ...summary(v.recomputed).slice(0, 5),
    ].join("\n"),
  );
};

/** The commands, for apps/cli/src/main.ts (three words: `rewards epoch compute`). */
export const rewardsEpochCommands: Record<
  string,
  { run: Handler; options: typeof rewardsEpochOptions; usage: string }
> = {
  "rewards epoch compute": {
    run: rewardsEpochCompute,
    options: rewardsEpochOptions,
    usage: `rewards epoch compute --epoch N --from-block A --to-block B ${CONFIG_USAGE} [--out tree.json] [--json]`,
  },
  "rewards epoch propose": {
    run: rewardsEpochPropose,
    options: rewardsEpochOptions,
    usage: `rewards epoch propose --epoch N --from-block A --to-block B ${CONFIG_USAGE} [--out tree.json] [--description D] [--json]`,
  },
  "rewards epoch verify": {
    run: rewardsEpochVerify,
    options: rewardsEpochOptions,
    usage:
      "rewards epoch verify --epoch N [--worker URL|none] [--tree published-tree.json] [--json]   (recomputes the posted root)",
  },
};
