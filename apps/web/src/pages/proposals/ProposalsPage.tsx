import { useAppConfig } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import { Card, PageHead } from "../../ui/Card.tsx";
import { ErrorNote, Loading } from "../../ui/States.tsx";
import { OffchainCreateForm } from "./OffchainCreateForm.tsx";
import { OnchainCreateForm } from "./OnchainCreateForm.tsx";
import { ProposalList } from "./ProposalList.tsx";
import { useProposalList } from "./useProposalList.ts";
import "./proposals.css";

export default function ProposalsPage() {
  const { items, error } = useProposalList();
  const { space } = useAppConfig();
  const spaceInfo = useServer<{ votingTypes: string[] }>(`/api/hub/spaces/${encodeURIComponent(space)}`);
  return (
    <>
      <PageHead title="Proposals">
        The main DAO's on-chain proposals (its governor, executed through the timelock) and its off-chain polls on the
        hub, in one list.
      </PageHead>
      <Card title="All proposals">
        {items ? (
          <ProposalList items={items} />
        ) : error ? (
          <ErrorNote error={error} />
        ) : (
          <Loading what="Loading proposals" />
        )}
      </Card>
      <div className="grid proposals-create">
        <Card title="New on-chain proposal">
          <OnchainCreateForm />
        </Card>
        <Card title="New off-chain proposal">
          {spaceInfo.data ? (
            <OffchainCreateForm votingTypes={spaceInfo.data.votingTypes} />
          ) : spaceInfo.error ? (
            <ErrorNote error={spaceInfo.error} />
          ) : (
            <Loading what="Loading the hub's space" />
          )}
        </Card>
      </div>
    </>
  );
}
