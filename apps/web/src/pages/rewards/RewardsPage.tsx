import { formatAmount, formatTime, relative } from "../../lib/format.ts";
import { Card, PageHead, Stat } from "../../ui/Card.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";
import { useMe } from "../../wallet/useSigner.ts";
import { useChainNow } from "../stake/useChainNow.ts";
import { EpochCard } from "./EpochCard.tsx";
import { useRewards, useVestingWallets } from "./useRewards.ts";
import { VestingCard } from "./VestingCard.tsx";
import "./rewards.css";

export default function RewardsPage() {
  const { address } = useMe();
  const now = useChainNow();
  const rewards = useRewards(address);
  const vesting = useVestingWallets();
  const p = rewards.programme;
  return (
    <>
      <PageHead title="Rewards">
        Contributor rewards from the RewardsDistributor (Merkle epochs, vesting until the programme ends) and the AIDAO
        vesting wallets of the team, advisors and incentives.
      </PageHead>
      <Card title="Rewards programme">
        {rewards.error ? (
          <ErrorNote error={rewards.error} />
        ) : rewards.isLoading || !p ? (
          <Loading what="Reading the rewards programme" />
        ) : (
          <>
            <div className="stats">
              <Stat label="Epochs" value={String(p.epochs)} />
              <Stat label="Funded" value={`${formatAmount(p.funded)} AIDAO`} />
              <Stat label="Allocated" value={`${formatAmount(p.allocated)} AIDAO`} />
              <Stat label="Paid out" value={`${formatAmount(p.released)} AIDAO`} />
              <Stat label="Vests until" value={formatTime(p.end)} hint={relative(p.end, now)} />
            </div>
            {p.epochs === 0n ? (
              <Empty>
                <p>
                  <strong>No reward epochs yet.</strong> An epoch comes to exist when governance posts one: a proposal
                  that has the timelock call <code>RewardsDistributor.postEpoch(root, total, uri)</code> with the Merkle
                  root of a list of (account, amount) and where the list is published. Each account then claims its leaf
                  with its Merkle proof; the amount vests linearly from the posting to {formatTime(p.end)}.
                </p>
              </Empty>
            ) : !address ? (
              <Empty>Connect a wallet to see and claim your rewards.</Empty>
            ) : null}
          </>
        )}
      </Card>
      {address && p
        ? rewards.epochs.map((e) => <EpochCard key={String(e.id)} epoch={e} account={address} end={p.end} now={now} />)
        : null}
      <Card title="AIDAO vesting">
        {vesting.error ? (
          <ErrorNote error={vesting.error} />
        ) : !vesting.wallets ? (
          <Loading what="Reading the vesting wallets" />
        ) : (
          <div className="vesting-list">
            {vesting.wallets.map((w) => (
              <VestingCard
                key={w.name}
                wallet={w}
                now={now}
                isBeneficiary={address?.toLowerCase() === w.beneficiary.toLowerCase()}
              />
            ))}
          </div>
        )}
      </Card>
    </>
  );
}
