#!/usr/bin/env node
// The aidao command. Exit codes: 0 done, 1 the chain refused (the reason is printed), 2 wrong usage.
import { parseArgs } from "node:util";
import { BaseError } from "@aidao/sdk";
import { badgesCommands } from "./commands/badges.ts";
import { callCommand, callOptions } from "./commands/call.ts";
import { channelClose, channelOpen, channelOptions, channelShow, channelTopUp } from "./commands/channel.ts";
import { daoCreate, daoList, daoOptions } from "./commands/dao.ts";
import { daoGovernanceCommands } from "./commands/daoGovernance.ts";
import { deployCommand, deployMain } from "./commands/deploy.ts";
import {
  executeCommand,
  governanceOptions,
  proposalsCommand,
  proposeCommand,
  queueCommand,
  voteCommand,
} from "./commands/governance.ts";
import {
  hubExecute,
  hubExecution,
  hubOptions,
  hubProposals,
  hubPropose,
  hubSettings,
  hubSign,
  hubVerify,
  hubVote,
} from "./commands/hub.ts";
import {
  modelContributors,
  modelEndpoint,
  modelOptions,
  modelPromote,
  modelRegister,
  modelStage,
  modelVersion,
} from "./commands/model.ts";
import { revenueClaim, revenueDeposit, revenueOptions } from "./commands/revenue.ts";
import { rewardsClaim, rewardsOptions, rewardsShow } from "./commands/rewards.ts";
import { rewardsEpochCommands } from "./commands/rewardsEpoch.ts";
import { delegateCommand, stakeCommand, stakeOptions, stakeShow, unstakeCommand } from "./commands/stake.ts";
import { statusCommand, statusOptions } from "./commands/status.ts";
import {
  ventureClaimCommand,
  ventureDepositCommand,
  ventureDistributeCommand,
  ventureExecuteCommand,
  ventureOptions,
  ventureProposeCommand,
  ventureQueueCommand,
  ventureReceipts,
  ventureResultCommand,
  ventureRounds,
  ventureVoteCommand,
  ventureWithdrawCommand,
} from "./commands/venture.ts";
import { workerCommands } from "./commands/worker.ts";
import { type Context, connect } from "./context.ts";
import { UsageError } from "./errors.ts";

const GLOBAL = { rpc: { type: "string" }, deployments: { type: "string" }, "dev-account": { type: "string" } } as const;

type Handler = (
  ctx: Context,
  o: Record<string, string | boolean | undefined>,
  positionals: string[],
) => Promise<string>;
const COMMANDS: Record<
  string,
  { run: Handler; options: Record<string, { type: "string" | "boolean" }>; usage: string }
> = {
  deploy: deployCommand,
  status: {
    run: statusCommand,
    options: statusOptions,
    usage:
      "status [--server URL] [--json]   (the chain, the deployment, balances, DAOs, open proposals; the server if it answers)",
  },
  stake: {
    run: stakeCommand,
    options: stakeOptions,
    usage: "stake --amount 100 [--json]   (approves first if needed; counts for voting after the minimum period)",
  },
  unstake: {
    run: unstakeCommand,
    options: stakeOptions,
    usage: "unstake --amount 50 [--json]   (matured stake only; the principal comes back exactly)",
  },
  delegate: {
    run: delegateCommand,
    options: stakeOptions,
    usage: "delegate [--to 0xACCOUNT] [--json]   (all your staked voting power; default: yourself)",
  },
  "stake show": {
    run: stakeShow,
    options: stakeOptions,
    usage: "stake show [--account 0xACCOUNT] [--json]   (staked, matured, voting power now, maturity, delegate)",
  },
  propose: {
    run: proposeCommand,
    options: governanceOptions,
    usage:
      "propose --title T [--description D] --call 0xTARGET:SIG:ARGS [--call …] | --calls FILE.json [--json]\n" +
      "    e.g. --call 0xTOKEN:transfer(address,uint256):0xTO,100e18   (ARGS comma-separated; 100e18 = 100 tokens)\n" +
      '    FILE.json: {"targets":["0x…"],"values":["0"],"calldatas":["0x…"]}   (a main DAO proposal: timelock executes)',
  },
  vote: {
    run: voteCommand,
    options: governanceOptions,
    usage: "vote --proposal ID --support for|against|abstain [--reason TEXT] [--json]",
  },
  queue: {
    run: queueCommand,
    options: governanceOptions,
    usage: "queue --proposal ID [--json]   (a succeeded proposal into the timelock)",
  },
  execute: {
    run: executeCommand,
    options: governanceOptions,
    usage: "execute --proposal ID [--json]   (a queued proposal, once the timelock delay has passed)",
  },
  proposals: {
    run: proposalsCommand,
    options: governanceOptions,
    usage: "proposals [--state open|pending|active|succeeded|queued|executed|defeated,…] [--json]",
  },
  "rewards show": {
    run: rewardsShow,
    options: rewardsOptions,
    usage: "rewards show [--account 0xACCOUNT] [--claim FILE.json] [--json]   (per epoch: yours, vested, claimable)",
  },
  "rewards claim": {
    run: rewardsClaim,
    options: rewardsOptions,
    usage:
      "rewards claim --epoch N --amount 1000 --proof 0xH1,0xH2 [--account 0xACCOUNT] | --claim FILE.json [--epoch N] [--json]\n" +
      '    FILE.json: {"epoch":0,"account":"0x…","amount":"<wei>","proof":["0x…"]}, or the epoch\'s tree dump with --epoch',
  },
  "dao create": {
    run: daoCreate,
    options: daoOptions,
    usage:
      "dao create --template revenue-sharing|donation|grant|consortium|venture --name NAME [--mode OnChain|OffChain|Both]\n" +
      "    revenue-sharing, grant: --holders 0xA=600,0xB=400 [--symbol SYM]; grant: [--veto-window 3d --veto-quorum 1000]\n" +
      "    donation: --allow 0xTOKEN=1,ETH=3000   consortium: --members 0xA=6000,0xB=4000 [--weighted]\n" +
      "    venture: [--receipt-name N --receipt-symbol S --investor-weight 60]\n" +
      "    on-chain: [--voting-delay 1d --voting-period 5d --quorum 4 --threshold 0 --timelock-delay 2d]\n" +
      "    off-chain: --safe-owners 0xA,0xB --safe-threshold 2    [--dao-uri URI --salt S --parent DAO_ID]",
  },
  "dao list": { run: daoList, options: { parent: { type: "string" } }, usage: "dao list [--parent DAO_ID]" },
  "model register": {
    run: modelRegister,
    options: modelOptions,
    usage: "model register --dao DAO_ID --name NAME [--uri URI]",
  },
  "model version": {
    run: modelVersion,
    options: modelOptions,
    usage: "model version --model ID --hash 0xCONTENT_HASH --uri URI [--framework F --license L --metrics URI]",
  },
  "model stage": {
    run: modelStage,
    options: modelOptions,
    usage: "model stage --model ID --version V --stage Staging|Draft|…",
  },
  "model promote": {
    run: modelPromote,
    options: modelOptions,
    usage: "model promote --model ID --version V [--stage Production|Deprecated|Archived] [--description TEXT]",
  },
  "model endpoint": {
    run: modelEndpoint,
    options: modelOptions,
    usage: "model endpoint --model ID --version V --url URL --unit face --price 1 [--token 0xTOKEN]",
  },
  "model contributors": {
    run: modelContributors,
    options: modelOptions,
    usage: "model contributors --model ID --set 0xA:Data:3000,0xB:Model:2000",
  },
  "revenue deposit": {
    run: revenueDeposit,
    options: revenueOptions,
    usage: "revenue deposit --dao DAO_ID --amount 100 [--token 0xTOKEN]",
  },
  "revenue claim": {
    run: revenueClaim,
    options: revenueOptions,
    usage: "revenue claim --dao DAO_ID [--token 0xTOKEN]",
  },
  "channel open": {
    run: channelOpen,
    options: channelOptions,
    usage: "channel open --endpoint ID --amount 50 [--for 30d] [--json]   (pay-per-use deposit for a model endpoint)",
  },
  "channel show": { run: channelShow, options: channelOptions, usage: "channel show --channel 0xID [--json]" },
  "channel topup": {
    run: channelTopUp,
    options: channelOptions,
    usage: "channel topup --channel 0xID [--amount 10] [--for 7d]   (add to the deposit and/or extend)",
  },
  "channel close": {
    run: channelClose,
    options: channelOptions,
    usage: "channel close --channel 0xID   (after expiry + grace: the unredeemed rest goes back)",
  },
  "venture rounds": { run: ventureRounds, options: ventureOptions, usage: "venture rounds [--dao DAO_ID] [--json]" },
  "venture deposit": {
    run: ventureDepositCommand,
    options: ventureOptions,
    usage: "venture deposit --round N --token 0xTOKEN --amount 1000 [--min-value 990] [--dao DAO_ID] [--json]",
  },
  "venture withdraw": {
    run: ventureWithdrawCommand,
    options: ventureOptions,
    usage: "venture withdraw --receipt ID   (all its earnings, once its round unlocks: distributes, then claims)",
  },
  "venture claim": {
    run: ventureClaimCommand,
    options: ventureOptions,
    usage: "venture claim --receipt ID [--tokens 0xA,0xB]   (what was distributed so far; default: every token)",
  },
  "venture distribute": {
    run: ventureDistributeCommand,
    options: ventureOptions,
    usage: "venture distribute --round N --token 0xTOKEN   (anyone, once the round unlocks)",
  },
  "venture receipts": {
    run: ventureReceipts,
    options: ventureOptions,
    usage: "venture receipts [--owner 0xACCOUNT] [--json]",
  },
  "venture propose": {
    run: ventureProposeCommand,
    options: ventureOptions,
    usage:
      "venture propose [--accept-token 0xT --price 1 --max-age 7d] [--open-round --cap 1000000 --deposit-period 30d --lock 180d]\n" +
      "    [--invest --round N --target-dao DAO_ID --token 0xT --amount X [--receive-token 0xR --receive-amount Y] --terms TEXT]",
  },
  "venture vote": {
    run: ventureVoteCommand,
    options: ventureOptions,
    usage: "venture vote --proposal ID --support for|against|abstain [--reason TEXT]",
  },
  "venture result": {
    run: ventureResultCommand,
    options: ventureOptions,
    usage: "venture result --proposal ID [--json]   (both sides and the combined 60/40 result)",
  },
  call: {
    run: callCommand,
    options: callOptions,
    usage:
      "call <model> <file> [--gateway URL] [--channel 0xID | --deposit 10 [--for 30d]] [--unit face] [--json]\n" +
      "    e.g. aidao call faces photo.jpg --deposit 20 --dev-account 3   (pays per face from a channel)",
  },
  "hub proposals": {
    run: hubProposals,
    options: { ...hubOptions, space: { type: "string" } },
    usage: "hub proposals [--space aidao] [--hub URL] [--json]   (the off-chain hub's latest proposals)",
  },
  "hub propose": {
    run: hubPropose,
    options: {
      ...hubOptions,
      space: { type: "string" },
      title: { type: "string" },
      body: { type: "string" },
      type: { type: "string" },
      choices: { type: "string" },
      period: { type: "string" },
      payload: { type: "string" },
    },
    usage:
      "hub propose --space ID --title T [--body B] [--type basic] [--choices For,Against,Abstain] [--period 3d]\n" +
      '    [--payload \'{"transactions":[{"to":"0x…","value":"0","data":"0x…"}]}\'|FILE]   (executed by the space\'s Safe if it passes)',
  },
  "hub vote": {
    run: hubVote,
    options: { ...hubOptions, proposal: { type: "string" }, choice: { type: "string" }, reason: { type: "string" } },
    usage:
      "hub vote --proposal ID --choice C [--reason R]   (an off-chain vote, signed; its power is read at the snapshot)\n" +
      "    C: 2 (single-choice; basic: 1 For 2 Against 3 Abstain), 1,3 (approval), 3,1,2 (ranked), 1=2,3=1 (weighted)",
  },
  "hub execution": {
    run: hubExecution,
    options: { ...hubOptions, proposal: { type: "string" } },
    usage:
      "hub execution --proposal ID [--hub URL] [--json]   (a passed proposal's Safe transaction and its signatures)",
  },
  "hub sign": {
    run: hubSign,
    options: { ...hubOptions, proposal: { type: "string" } },
    usage: "hub sign --proposal ID   (as a Safe owner: sign the passed proposal's Safe transaction)",
  },
  "hub execute": {
    run: hubExecute,
    options: { ...hubOptions, proposal: { type: "string" } },
    usage: "hub execute --proposal ID   (send the signed Safe transaction: anyone may, the sender pays the gas)",
  },
  "hub settings": {
    run: hubSettings,
    options: { ...hubOptions, space: { type: "string" }, set: { type: "string" } },
    usage:
      "hub settings --space ID --set FILE|JSON [--hub URL]   (as a space admin: name, voting, validation, moderators)\n" +
      '    e.g. --set \'{"votingTypes":["basic"],"voting":{"quorum":1000},"validation":{"name":"basic","params":{"minScore":100}}}\'',
  },
  "hub verify": {
    run: hubVerify,
    options: hubOptions,
    usage: "hub verify [--hub URL] [--json]   (rebuild the hub's state from its log: every signature, every result)",
  },
  "venture queue": { run: ventureQueueCommand, options: ventureOptions, usage: "venture queue --proposal ID" },
  "venture execute": { run: ventureExecuteCommand, options: ventureOptions, usage: "venture execute --proposal ID" },
  ...workerCommands,
  ...daoGovernanceCommands,
  ...badgesCommands,
  ...rewardsEpochCommands,
};

function help(): string {
  return [
    "usage: aidao <command> [options] [--rpc URL] [--deployments DIR] [--dev-account N]",
    "",
    ...Object.values(COMMANDS).map((c) => `  aidao ${c.usage}`),
    "",
    "  aidao server --mode gateway|hub|indexer|worker|all [--rpc URL] [--database-url URL] [--port 8787]   (aidao server --help)",
    "  aidao dev   (what npm start runs: a local chain, the protocol, the server and a seeded demo; Ctrl-C stops it)",
    "",
    "Writes sign with AIDAO_PRIVATE_KEY, or --dev-account N on a local chain.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<{ code: number; out: string }> {
  const [group, verb] = argv;
  if (!group || group === "help" || group === "--help") return { code: 0, out: help() };
  // Deploying needs no deployment yet (every other command connects to one): it has its own entry point.
  if (group === "deploy") return deployMain(argv.slice(1));
  // A command is a group and a verb (`dao create`) or one word (`stake`, `status`); `aidao call <model> <file>` takes
  // positionals.
  const two = `${group} ${verb ?? ""}`.trim();
  const three = argv.slice(0, 3).join(" "); // `rewards epoch compute`
  const name = COMMANDS[three] ? three : COMMANDS[two] || !COMMANDS[group] ? two : group;
  const command = COMMANDS[name];
  if (!command) return { code: 2, out: `aidao: unknown command "${name}"\n\n${help()}` };
  if (argv.includes("--help")) return { code: 0, out: `usage: aidao ${command.usage}` };
  try {
    const positional = name === "call";
    const { values, positionals } = parseArgs({
      args: argv.slice(name.split(" ").length),
      options: { ...GLOBAL, ...command.options },
      strict: true,
      allowPositionals: positional,
    });
    const ctx = await connect(values as never);
    return {
      code: 0,
      out: await command.run(ctx, values as Record<string, string | boolean | undefined>, positionals),
    };
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      return { code: 2, out: `aidao: ${(error as Error).message}\nusage: aidao ${command.usage}` };
    }
    if (error instanceof BaseError) return { code: 1, out: `aidao: ${error.shortMessage}` };
    return { code: 1, out: `aidao: ${(error as Error).message}` };
  }
}

if (import.meta.main) {
  if (process.argv[2] === "server") {
    // A long-running process, not a command that answers: the server's own entry point takes over.
    const server = await import("@aidao/server/main");
    await server.run(process.argv.slice(3));
  } else if (process.argv[2] === "dev") {
    // What `npm start` runs: the local chain, the protocol, the server and the seeded demo, until Ctrl-C.
    await import("./dev.ts");
  } else {
    const { code, out } = await main(process.argv.slice(2));
    (code === 0 ? console.log : console.error)(out);
    process.exit(code);
  }
}
