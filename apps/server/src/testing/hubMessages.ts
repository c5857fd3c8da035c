import { hubProposalTypes, SNAPSHOT_DOMAIN } from "@aidao/sdk";
import type { LocalAccount } from "viem";

/**
 * A single-choice proposal in Snapshot's domain, open for an hour from its timestamp and signed by `author`: the JSON
 * body of a `POST /api/msg`.
 */
export async function signedProposal(
  author: LocalAccount,
  p: { space: string; title: string; timestamp: number; snapshot: number },
): Promise<string> {
  const message = {
    from: author.address,
    space: p.space,
    timestamp: p.timestamp,
    type: "single-choice",
    title: p.title,
    body: "",
    discussion: "",
    choices: ["Yes", "No"],
    labels: [],
    start: p.timestamp,
    end: p.timestamp + 3_600,
    snapshot: p.snapshot,
    plugins: "{}",
    privacy: "",
    app: "",
  };
  const sig = await author.signTypedData({
    domain: SNAPSHOT_DOMAIN,
    types: hubProposalTypes,
    primaryType: "Proposal",
    message: message as never, // JSON numbers, as clients send them (viem's types want bigints for uint64)
  });
  return JSON.stringify({
    address: author.address,
    sig,
    data: { domain: SNAPSHOT_DOMAIN, types: hubProposalTypes, message },
  });
}
