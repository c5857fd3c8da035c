import { Link, useParams } from "react-router";
import { ErrorNote } from "../../ui/States.tsx";
import { OffchainProposal } from "./OffchainProposal.tsx";
import { OnchainProposal } from "./OnchainProposal.tsx";
import "./proposals.css";

export default function ProposalPage() {
  const { kind, id = "" } = useParams();
  const body =
    kind === "onchain" && /^\d{1,78}$/.test(id) ? (
      <OnchainProposal id={BigInt(id)} />
    ) : kind === "offchain" && /^0x[0-9a-fA-F]{64}$/.test(id) ? (
      <OffchainProposal id={id} />
    ) : (
      <ErrorNote
        error={`"${kind}/${id}" is not a proposal: on-chain ids are numbers, off-chain ones 0x + 64 hex digits.`}
      />
    );
  return (
    <>
      <p>
        <Link to="/proposals">← All proposals</Link>
      </p>
      {body}
    </>
  );
}
