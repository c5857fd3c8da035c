import type { GatewayEndpoint } from "@aidao/sdk";
import { Link, useParams } from "react-router";
import { useServer } from "../../lib/api.ts";
import { formatAmount } from "../../lib/format.ts";
import { useTokenInfo } from "../../lib/useTokenInfo.ts";
import { reasonOf } from "../../tx/reason.ts";
import { Card, PageHead, Stat } from "../../ui/Card.tsx";
import { BarChart, LineChart } from "../../ui/Charts.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";
import { ContributorTable, EndpointTable, LifecycleTimeline, StagePath, VersionTable } from "./ModelViews.tsx";
import { paidUnitsSeries, revenueSeries, stepped, timelineOf, usageStart } from "./modelData.ts";
import { useChannels, useEvents, useModel } from "./useModels.ts";
import { WorkerCards } from "./WorkerCards.tsx";
import "./models.css";

type GatewayUsage = { endpoints: Array<{ endpointId: string; requests: number; units: number; amount: string }> };

function parseId(raw: string | undefined): bigint | null {
  return raw && /^[1-9]\d{0,18}$/.test(raw) ? BigInt(raw) : null;
}

export default function ModelPage() {
  const params = useParams();
  const modelId = parseId(params.id);
  const { model, versions, endpoints, contributors, error, isLoading } = useModel(modelId);
  const registryEvents = useEvents("ModelRegistry");
  const channelEvents = useEvents("UsageChannels");
  const channels = useChannels();
  const gateway = useServer<{ endpoints: GatewayEndpoint[] }>("/v1/models");
  const usage = useServer<GatewayUsage>("/v1/usage");
  const daos = useServer<{ daos: Array<{ daoId: string; name: string | null }> }>("/api/daos");
  const tokens = useTokenInfo(endpoints.map((e) => e.paymentToken));

  if (modelId === null) {
    return (
      <>
        <PageHead title="Model" />
        <Empty>
          "{params.id}" is not a model id. <Link to="/models">See all models</Link>.
        </Empty>
      </>
    );
  }
  if (error) {
    return (
      <>
        <PageHead title={`Model ${modelId}`} />
        <p className="error" role="alert">
          {/UnknownModel/.test(reasonOf(error)) ? `There is no model ${modelId} in the registry.` : reasonOf(error)}
        </p>
        <Link to="/models">See all models</Link>
      </>
    );
  }
  if (isLoading || !model) return <Loading what={`Reading model ${modelId}`} />;

  const id = modelId.toString();
  const main = endpoints[0];
  const token = main ? tokens.get(main.paymentToken.toLowerCase()) : undefined;
  const fmt = (v: bigint | number) =>
    token ? `${formatAmount(BigInt(Math.round(Number(v))), token.decimals, 4)} ${token.symbol}` : String(v);
  const timeline = timelineOf(registryEvents.data ?? [], id);
  const revenue = revenueSeries(channelEvents.data ?? [], id, main?.paymentToken);
  const prices = new Map(endpoints.map((e) => [e.endpointId.toString(), e.unitPrice]));
  const units = paidUnitsSeries(channelEvents.data ?? [], channels.data ?? [], prices);
  const served = new Set((gateway.data?.endpoints ?? []).filter((e) => e.modelId === id).map((e) => e.endpointId));
  const mine = (usage.data?.endpoints ?? []).filter((u) => prices.has(u.endpointId));
  const gatewayUnits = mine.reduce((s, u) => s + u.units, 0);
  const gatewayCharged = mine.reduce((s, u) => s + BigInt(u.amount), 0n);
  const production = versions.filter((v) => v.stage === 2).map((v) => `v${v.versionId}`);
  const unit = main?.unit ?? "unit";
  // The charts start when the model's first channel opened: before that there was nothing to sell.
  const born = usageStart(channelEvents.data ?? [], prices) ?? timeline[0]?.time ?? null;
  const now = Math.floor(Date.now() / 1000);

  return (
    <>
      <PageHead title={`${model.name} (model ${id})`}>
        Owned by{" "}
        <Link to={`/daos/${model.daoId}`}>
          {daos.data?.daos.find((d) => d.daoId === model.daoId.toString())?.name ?? `DAO ${model.daoId}`}
        </Link>
        {model.metadataURI ? ` · ${model.metadataURI}` : ""}
      </PageHead>
      <div className="stats">
        <Stat label="Versions" value={model.versionCount.toString()} />
        <Stat label="In production" value={production.length ? production.join(", ") : "none"} />
        <Stat label={`Paid ${unit}s (redeemed on chain)`} value={units.total.toString()} />
        <Stat label="Revenue (split on chain)" value={fmt(revenue.total)} />
        <Stat
          label="Served by the gateway"
          value={`${gatewayUnits} ${unit}${gatewayUnits === 1 ? "" : "s"}`}
          hint={usage.data ? `${fmt(gatewayCharged)} charged, redeemed in batches` : undefined}
        />
      </div>
      <div className="grid">
        <Card title="Lifecycle">
          <StagePath versions={versions} />
          {registryEvents.error ? (
            <ErrorNote error={registryEvents.error} />
          ) : registryEvents.isLoading ? (
            <Loading what="Reading the model's history" />
          ) : (
            <LifecycleTimeline entries={timeline} />
          )}
        </Card>
        <Card title="Usage and revenue">
          {channelEvents.error ? <ErrorNote error={channelEvents.error} /> : null}
          <LineChart title={`Paid ${unit}s over time`} points={stepped(units.points, born, now)} />
          <LineChart title="Revenue over time" points={stepped(revenue.points, born, now)} format={fmt} />
          {revenue.total > 0n ? (
            <BarChart
              title="Where the revenue went"
              bars={[
                { label: "Contributors", value: Number(revenue.toContributors) },
                { label: "DAO treasury", value: Number(revenue.toDAO) },
              ]}
              format={fmt}
            />
          ) : null}
        </Card>
      </div>
      <Card title="Versions">
        <VersionTable versions={versions} />
      </Card>
      <Card title="Endpoints">
        <EndpointTable endpoints={endpoints} tokens={tokens} served={served} />
        {served.size > 0 ? <Link to="/playground">Try it in the playground</Link> : null}
      </Card>
      <Card title="Contributors">
        {contributors ? <ContributorTable contributors={contributors} /> : <Loading what="Reading the contributors" />}
      </Card>
      <WorkerCards modelId={id} />
    </>
  );
}
