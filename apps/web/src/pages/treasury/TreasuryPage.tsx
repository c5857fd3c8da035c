import "./treasury.css";
import type { TokenInfo } from "../../lib/useTokenInfo.ts";
import { Card, PageHead } from "../../ui/Card.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";
import { BalancesTable } from "../overview/BalancesTable.tsx";
import { useEvents } from "../overview/events.ts";
import { useOverview } from "../overview/useOverview.ts";
import { DepositForm } from "./DepositForm.tsx";
import { FlowsTable } from "./FlowsTable.tsx";
import { IncomeSplit } from "./IncomeSplit.tsx";
import { SafeOwners } from "./SafeOwners.tsx";
import { SafeTransactions } from "./SafeTransactions.tsx";
import { useSafe, useSafeExecutions } from "./useSafe.ts";

export default function TreasuryPage() {
  const o = useOverview();
  const safe = useSafe();
  const flows = useEvents("contract=Treasury");
  const executions = useSafeExecutions(safe.safe);
  const tokens = o.balances.map((b) => b.info).filter((t): t is TokenInfo => t !== undefined);
  return (
    <>
      <PageHead title="Treasury">
        The main treasury's money: incomes in (at least 8% of each goes straight to the education fund), spends out, and
        the Safe whose owners sign what passed off-chain votes decided.
      </PageHead>
      <div className="grid">
        <Card title="Balances">
          {o.error ? <ErrorNote error={o.error} /> : null}
          <BalancesTable
            caption="Balances of the main treasury and the education fund"
            rows={[
              ...o.balances,
              { token: "ETH", info: undefined, treasury: o.eth.treasury, education: o.eth.education },
            ]}
          />
        </Card>
        <Card title="Education share">
          {o.incomesLoading ? <Loading what="Reading the incomes" /> : <IncomeSplit totals={o.totals} info={o.info} />}
        </Card>
      </div>
      <Card title="Deposit income">
        {tokens.length === 0 ? (
          <Loading what="Reading the tokens" />
        ) : (
          <DepositForm tokens={tokens} educationBps={o.educationBps} />
        )}
      </Card>
      <Card title="Safe">
        {safe.error ? <ErrorNote error={safe.error} /> : null}
        <SafeOwners safe={safe.safe} owners={safe.owners} threshold={safe.threshold} nonce={safe.nonce} />
      </Card>
      <SafeTransactions safe={safe.safe} />
      <Card title="Executed Safe transactions">
        {executions.isLoading ? (
          <Loading what="Reading the Safe's executions" />
        ) : (executions.data?.executions.length ?? 0) === 0 ? (
          <Empty>The Safe has executed no transaction yet.</Empty>
        ) : (
          <ul aria-label="Executed Safe transactions">
            {executions.data?.executions.map((x) => (
              <li key={x.id}>
                <code title={x.safeTxHash}>{x.safeTxHash.slice(0, 12)}…</code> in block {x.blockNumber}{" "}
                <span className={`badge ${x.success ? "ok" : "bad"}`}>{x.success ? "succeeded" : "failed"}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Flows">
        {flows.error ? <ErrorNote error={flows.error} /> : null}
        {flows.isLoading ? (
          <Loading what="Reading the treasury's flows" />
        ) : (
          <FlowsTable events={flows.data ?? []} info={o.info} />
        )}
      </Card>
    </>
  );
}
