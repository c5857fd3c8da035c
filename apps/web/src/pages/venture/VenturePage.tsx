import { investCall, propose, ventureDeposit, withdrawEarnings } from "@aidao/sdk";
import { useState } from "react";
import { isAddress } from "viem";
import { useBlock } from "wagmi";
import { formatAmount } from "../../lib/format.ts";
import { useTokenInfo } from "../../lib/useTokenInfo.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Card, PageHead, Stat } from "../../ui/Card.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";
import { useMe, useSigner } from "../../wallet/useSigner.ts";
import { DepositForm, type DepositRequest } from "./DepositForm.tsx";
import { InvestForm, type InvestRequest, investable } from "./InvestForm.tsx";
import { ProposalVote } from "./ProposalVote.tsx";
import { ReceiptsTable, type RoundInfo } from "./ReceiptsTable.tsx";
import { RoundsTable } from "./RoundsTable.tsx";
import {
  useDepositTokens,
  useInvestTargets,
  useReceipts,
  useRoundHoldings,
  useRounds,
  useVentureContracts,
  useVentureProposals,
} from "./useVenture.ts";
import "./venture.css";

export default function VenturePage() {
  const { address: me } = useMe();
  const signer = useSigner();
  const { fund, receipts: receiptsAddress, governor } = useVentureContracts();
  const block = useBlock({ watch: true });
  const now = block.data ? Number(block.data.timestamp) : Math.floor(Date.now() / 1000);
  const rounds = useRounds();
  const tokens = useDepositTokens(me);
  const receipts = useReceipts(me);
  const proposals = useVentureProposals();
  const depositTx = useTx();
  const claimTx = useTx();
  const proposeTx = useTx();
  const targets = useInvestTargets();
  const [investRound, setInvestRound] = useState<bigint | undefined>();
  const [receiveToken, setReceiveToken] = useState("");
  const firstInvestable = rounds.data ? investable(rounds.data)[0]?.roundId : undefined;
  const holdings = useRoundHoldings(investRound ?? firstInvestable);
  const receiveInfo = useTokenInfo(isAddress(receiveToken) ? [receiveToken] : []);

  const deposit = async (r: DepositRequest) => {
    if (!signer) return false;
    const receipt = await depositTx.run("Deposit", () =>
      ventureDeposit(signer, {
        fund,
        roundId: r.roundId,
        token: r.token.address,
        amount: r.amount,
        minValue: r.minValue,
      }),
    );
    return receipt !== undefined;
  };
  const proposeInvestment = async (r: InvestRequest) => {
    if (!signer) return false;
    const call = investCall(fund, {
      roundId: r.roundId,
      daoId: r.daoId,
      payToken: r.payToken,
      amount: r.amount,
      ...(r.receive ? { receiveToken: r.receive.token, receiveAmount: r.receive.amount } : {}),
      terms: r.terms,
    });
    const receipt = await proposeTx.run("Propose", () =>
      propose(signer, {
        governor,
        targets: [call.target],
        values: [call.value],
        calldatas: [call.data],
        description: r.description,
      }),
    );
    return receipt !== undefined;
  };
  const claim = (receiptId: bigint) => {
    if (!signer) return;
    void claimTx.run(`Claim receipt ${receiptId}`, async () => {
      const paid = await withdrawEarnings(signer, { fund, receipts: receiptsAddress, receiptId });
      if (!paid.hash) throw new Error(`Receipt ${receiptId} has nothing to claim now.`);
      return paid.hash;
    });
  };
  const roundInfo = new Map<string, RoundInfo>(
    (rounds.data ?? []).map((r) => [r.roundId.toString(), { state: r.state, unlocksAt: r.unlocksAt }]),
  );
  const raised = (rounds.data ?? []).reduce((s, r) => s + r.raised, 0n);
  const myValue = (receipts.data ?? []).reduce((s, r) => s + r.value, 0n);

  return (
    <div className="page venture">
      <PageHead title="Venture">
        AIDAO Venture invests in AI DAOs in rounds. Deposits mint ERC-721 receipts; investments are decided by a 60/40
        vote of the round's investors and AIDAO stakers; earnings are claimed per receipt once a round distributes.
      </PageHead>
      <div className="stats">
        <Stat label="Rounds" value={rounds.data ? rounds.data.length : "…"} />
        <Stat label="Raised in all rounds" value={rounds.data ? `$${formatAmount(raised)}` : "…"} />
        <Stat
          label="Your receipts"
          value={receipts.data ? receipts.data.length : me ? "…" : "—"}
          hint={receipts.data ? `worth $${formatAmount(myValue)} at deposit` : undefined}
        />
      </div>

      <Card title="Rounds">
        {rounds.isLoading ? <Loading what="Reading the rounds" /> : null}
        {rounds.error ? <ErrorNote error={rounds.error} /> : null}
        {rounds.data ? <RoundsTable rounds={rounds.data} now={now} /> : null}
      </Card>

      <Card title="Deposit">
        {rounds.isLoading || tokens.isLoading ? <Loading what="Reading the accepted tokens" /> : null}
        {tokens.error ? <ErrorNote error={tokens.error} /> : null}
        {rounds.data && tokens.data ? (
          <DepositForm
            rounds={rounds.data}
            tokens={tokens.data}
            connected={!!signer}
            tx={depositTx.state}
            busy={depositTx.busy}
            onDeposit={deposit}
          />
        ) : null}
      </Card>

      <Card title="Your receipts">
        {!me ? <Empty>Connect a wallet to see your receipts.</Empty> : null}
        {me && receipts.isLoading ? <Loading what="Reading your receipts" /> : null}
        {receipts.error ? <ErrorNote error={receipts.error} /> : null}
        {receipts.data ? (
          <ReceiptsTable receipts={receipts.data} rounds={roundInfo} busy={claimTx.busy} onClaim={claim} />
        ) : null}
        <TxStatus state={claimTx.state} />
      </Card>

      <Card title="Propose an investment">
        {rounds.isLoading || targets.isLoading ? <Loading what="Reading the rounds and AI DAOs" /> : null}
        {targets.error ? <ErrorNote error={targets.error} /> : null}
        {rounds.data && targets.data ? (
          <InvestForm
            rounds={rounds.data}
            holdings={holdings.data}
            targets={targets.data}
            receiveDecimals={receiveInfo.get(receiveToken.toLowerCase())?.decimals ?? 18}
            connected={!!signer}
            tx={proposeTx.state}
            busy={proposeTx.busy}
            onRound={setInvestRound}
            onReceiveToken={setReceiveToken}
            onPropose={proposeInvestment}
          />
        ) : null}
      </Card>

      <Card title="Investment proposals: the 60/40 vote">
        <p className="muted">
          Each side is normalised to its own votes cast (for ÷ (for + against)), weighted 60% for investors (by receipt
          value) and 40% for AIDAO stakers, then added; abstentions count only toward each side's quorum.
        </p>
        {proposals.isLoading ? <Loading what="Reading the proposals" /> : null}
        {proposals.error ? <ErrorNote error={proposals.error} /> : null}
        {proposals.data && proposals.data.length === 0 ? <Empty>No venture proposals yet.</Empty> : null}
        {proposals.data?.map((p) => (
          <ProposalVote key={p.proposalId} proposal={p} me={me} now={now} />
        ))}
      </Card>
    </div>
  );
}
