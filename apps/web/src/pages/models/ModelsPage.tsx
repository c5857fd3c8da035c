import type { GatewayEndpoint } from "@aidao/sdk";
import { useServer } from "../../lib/api.ts";
import { Card, PageHead, Stat } from "../../ui/Card.tsx";
import { ErrorNote, Loading } from "../../ui/States.tsx";
import { ModelTable } from "./ModelViews.tsx";
import { useModelList } from "./useModels.ts";
import "./models.css";

export default function ModelsPage() {
  const { models, error, isLoading } = useModelList();
  const gateway = useServer<{ endpoints: GatewayEndpoint[] }>("/v1/models");
  const daos = useServer<{ daos: Array<{ daoId: string; name: string | null }> }>("/api/daos");
  const daoNames = new Map(
    (daos.data?.daos ?? []).map((d) => [d.daoId, d.name ?? (d.daoId === "1" ? "Main DAO" : null)]),
  );
  return (
    <>
      <PageHead title="Models">
        The AI model registry: every model belongs to a DAO, which votes its versions from Staging to Production and
        prices its endpoints.
      </PageHead>
      <div className="stats">
        <Stat label="Registered models" value={models ? models.length : "…"} />
        <Stat label="In production" value={models ? models.filter((m) => m.productionVersion > 0n).length : "…"} />
        <Stat
          label="Endpoints served by the gateway"
          value={gateway.data ? gateway.data.endpoints.length : gateway.error ? "unreachable" : "…"}
        />
      </div>
      <Card title="Registry">
        {error ? (
          <ErrorNote error={error} />
        ) : isLoading || !models ? (
          <Loading what="Reading the registry" />
        ) : (
          <ModelTable models={models} daoNames={daoNames} />
        )}
      </Card>
    </>
  );
}
