import { Card, PageHead, Stat } from "../../ui/Card.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";
import { useMe } from "../../wallet/useSigner.ts";
import { DaoBadgeTables, HeldBadges } from "./BadgeViews.tsx";
import { badgeTotals, groupByDAO } from "./badgeData.ts";
import { useAllBadges, useDaoNames, useHeldBadges } from "./useBadges.ts";
import "./badges.css";

export default function BadgesPage() {
  const me = useMe();
  const held = useHeldBadges(me.address);
  const all = useAllBadges();
  const daoName = useDaoNames();
  const totals = all.data ? badgeTotals(all.data) : undefined;
  return (
    <>
      <PageHead title="Badges">
        Contributor badges: non-transferable tokens a DAO's governance awards to the people who build its models, for
        milestones such as a first accepted contribution or a model version promoted.
      </PageHead>
      <div className="stats">
        <Stat label="Badges awarded" value={totals ? totals.badges : "…"} />
        <Stat label="Holders" value={totals ? totals.holders : "…"} />
        <Stat label="Kinds" value={totals ? totals.kinds : "…"} />
      </div>
      <Card title="Your badges">
        {!me.address ? (
          <Empty>Connect a wallet to see the badges you hold.</Empty>
        ) : held.error ? (
          <ErrorNote error={held.error} />
        ) : !held.data ? (
          <Loading what="Reading your badges" />
        ) : (
          <HeldBadges badges={held.data} daoName={daoName} />
        )}
      </Card>
      <Card title="Awarded by each DAO">
        {all.error ? (
          <ErrorNote error={all.error} />
        ) : !all.data ? (
          <Loading what="Reading every DAO's badges" />
        ) : (
          <DaoBadgeTables groups={groupByDAO(all.data)} daoName={daoName} />
        )}
      </Card>
    </>
  );
}
