import { Link } from "react-router";
import { useBlock } from "wagmi";
import { Card, PageHead } from "../../ui/Card.tsx";
import { LineChart } from "../../ui/Charts.tsx";
import { ErrorNote, Loading } from "../../ui/States.tsx";
import { BalancesTable } from "./BalancesTable.tsx";
import { IncomeCharts } from "./IncomeCharts.tsx";
import { ProtocolFigures } from "./ProtocolFigures.tsx";
import { chartNumber, cumulative, stakedDeltas, steps } from "./series.ts";
import { useOverview } from "./useOverview.ts";

export default function OverviewPage() {
  const o = useOverview();
  const block = useBlock({ watch: true });
  const now = block.data ? Number(block.data.timestamp) : undefined;
  const channels = o.channels && {
    total: o.channels.length,
    open: o.channels.filter((c) => c.status === "open").length,
    payments: o.channels.reduce((n, c) => n + c.redemptions, 0),
  };
  return (
    <>
      <PageHead title="Overview">
        AIDAO at a glance: its token, its stakers, its treasury and the education fund every income pays into.
      </PageHead>
      <Card title="Protocol">
        {o.error ? <ErrorNote error={o.error} /> : null}
        {o.loading ? <Loading what="Reading the protocol's figures" /> : null}
        <ProtocolFigures
          supply={o.supply}
          staked={o.staked}
          educationBps={o.educationBps}
          daoCount={o.daoCount}
          openOnChain={o.openOnChain}
          openOffChain={o.openOffChain}
          channels={channels}
        />
      </Card>
      <div className="grid">
        <Card title="Treasury and education fund" actions={<Link to="/treasury">Open the treasury</Link>}>
          <BalancesTable
            caption="Balances of the main treasury and the education fund"
            rows={[
              ...o.balances,
              { token: "ETH", info: undefined, treasury: o.eth.treasury, education: o.eth.education },
            ]}
          />
        </Card>
        <Card title="Staked over time">
          {o.stakeEvents === undefined ? (
            <Loading what="Reading the staking history" />
          ) : (
            <LineChart
              title="Total staked AIDAO"
              points={steps(cumulative(stakedDeltas(o.stakeEvents), 18), now)}
              format={chartNumber}
            />
          )}
        </Card>
      </div>
      <Card title="Income over time">
        {o.incomesLoading ? (
          <Loading what="Reading the treasury's incomes" />
        ) : (
          <IncomeCharts incomes={o.incomes} totals={o.totals} info={o.info} now={now} />
        )}
      </Card>
    </>
  );
}
