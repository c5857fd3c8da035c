// What `npm start` prints about the demo: its objects beside the URLs, and each dev account's role.
import { formatUnits } from "viem";
import { BASE_ROLES, DEMO_ROLES, devAccount } from "./accounts.ts";
import type { Demo } from "./marker.ts";

const grouped = (units: string) => {
  const [whole = "0", fraction] = units.split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? `.${fraction}` : ""}`;
};
const usd = (amount: string) => `${grouped(formatUnits(BigInt(amount), 6))} DemoUSD`;
const date = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 16).replace("T", " ");

/** The demo's objects, with where to look at each. */
export function describeDemo(demo: Demo, serverUrl: string, markerFile: string): string[] {
  const { main, face, channel, venture } = demo;
  const roles = face.contributors.map((x) => `${x.account} ${x.role} ${x.shareBps / 100}%`).join(", ");
  return [
    `Demo (seeded in ${demo.seconds} s at ${demo.seededAt}; its objects are kept in ${markerFile}):`,
    `  Main DAO (DAO ${main.daoId})`,
    `    on-chain proposal ${main.proposalId}`,
    `      "${main.description}": voting open  (${serverUrl}/api/proposals?dao=${main.daoId})`,
    `    hub poll ${main.hubPoll}`,
    `      "${main.hubTitle}": ${main.hubVoters} votes  (${serverUrl}/api/hub/proposals/${main.hubPoll}/results)`,
    `  ${face.name} (DAO ${face.daoId}, revenue-sharing, created through the factory; ${serverUrl}/api/daos)`,
    `    treasury ${face.treasury}  FACE token ${face.token}  governor ${face.governor}`,
    `    model ${face.modelId} "${face.modelName}" v${face.versionId}: promoted to Production by its vote (proposal ${face.promotionProposalId})`,
    `    endpoint ${face.endpointId}: aidao:face-detection at ${usd(face.unitPrice)} per face  (${serverUrl}/v1/models)`,
    `    contributors: ${roles}`,
    ...describeValueChain(demo, serverUrl),
    `  Customer channel ${channel.channelId}`,
    `    account 9: ${channel.calls} paid calls, ${channel.faces} faces, ${usd(channel.charged)} charged; ${usd(channel.redeemed)} redeemed and split on chain`,
    `  AIDAO Venture (DAO ${venture.daoId})`,
    `    round ${venture.roundId}: $${grouped(formatUnits(BigInt(venture.raised), 18))} raised (DemoUSD at $1) in ${venture.receipts.length} receipts, deposits until ${date(venture.closesAt)} UTC, unlocks ${date(venture.unlocksAt)} UTC`,
    `    investment proposal ${venture.investProposalId}`,
    `      ${usd(venture.investment)} of round ${venture.roundId} into ${face.name}: 60/40 vote open  (aidao venture result --proposal …)`,
    `  DemoUSD ${demo.demoUSD}  (the local demo stablecoin, 6 decimals; account 0 mints)`,
  ];
}

/** The AI value chain the demo started: the contributions and the training job, with how to follow the job. */
function describeValueChain(demo: Demo, serverUrl: string): string[] {
  const { face, worker } = demo;
  if (!worker) return [];
  const ids = worker.contributions.map((x) => x.id);
  const labels = [...new Set(worker.contributions.map((x) => x.label))];
  const span = ids.length > 1 ? `${Math.min(...ids)}–${Math.max(...ids)}` : String(ids[0] ?? "");
  const job = worker.jobId;
  return [
    `    AI value chain (the worker: ${serverUrl}/api/worker)`,
    `      contributions ${span}: ${ids.length} labelled photos of ${labels.length} people (${labels.join(", ")}) by ${worker.contributor} (Data), signed; accepted  (${serverUrl}/api/worker/contributions?model=${face.modelId})`,
    `      training job ${job} (${worker.jobKind}) by ${worker.submitter}: runs in the background; when it succeeds, 7 adds the version and proposes it for Staging with an endpoint aidao:face-recognition at 1 AIDAO per face recognized`,
    `        follow it: aidao jobs show --id ${job} (aidao jobs logs --id ${job}; ${serverUrl}/api/worker/jobs/${job}); the proposal: aidao proposals, ${serverUrl}/daos/${face.daoId}`,
  ];
}

/** The dev accounts and their roles (with the demo's when it is seeded). */
export function describeAccounts(withDemo: boolean): string[] {
  return BASE_ROLES.map((role, i) => {
    const extra = withDemo ? DEMO_ROLES[i] : undefined;
    return `  ${i}  ${devAccount(i).address}  ${role}${extra ? `; ${extra}` : ""}`;
  });
}
