import type { ContributorBadge } from "@aidao/sdk";
import { formatTime } from "../../lib/format.ts";
import { Address } from "../../ui/Address.tsx";
import { Empty } from "../../ui/States.tsx";
import { type DaoBadges, extraAttributes, KIND_MEANING, kindLabel, metadataHref } from "./badgeData.ts";

type DaoName = (daoId: bigint) => string;

/** Where a badge's metadata comes from: a link, the URI as text, or "on chain". */
function MetadataSource({ badge }: { badge: ContributorBadge }) {
  const href = metadataHref(badge);
  if (href) {
    return (
      <a href={href} target="_blank" rel="noreferrer">
        metadata
      </a>
    );
  }
  return badge.uri ? <code className="badge-uri">{badge.uri}</code> : <span className="muted">on chain</span>;
}

/** One badge, as its holder sees it. */
export function BadgeCard({ badge, daoName }: { badge: ContributorBadge; daoName: DaoName }) {
  const title = kindLabel(badge.kindName);
  const meaning = KIND_MEANING[badge.kindName];
  const extras = extraAttributes(badge);
  return (
    <article className="badge-card" aria-label={`${title} badge #${badge.tokenId} from ${daoName(badge.daoId)}`}>
      <div className="badge-medal" aria-hidden="true">
        {title.slice(0, 1).toUpperCase()}
      </div>
      <div>
        <h3>{title}</h3>
        <p className="muted">
          From {daoName(badge.daoId)} · #{badge.tokenId.toString()} · {formatTime(badge.awardedAt)}
        </p>
        {meaning ? <p>Awarded because {meaning}.</p> : null}
        {badge.metadata?.description && !badge.metadata.description.startsWith("A non-transferable AIDAO") ? (
          <p>{badge.metadata.description}</p>
        ) : null}
        {extras.length > 0 ? (
          <dl className="badge-attrs">
            {extras.map((a) => (
              <div key={a.label}>
                <dt>{a.label}</dt>
                <dd>{a.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <p className="muted small">
          Non-transferable · metadata <MetadataSource badge={badge} />
        </p>
      </div>
    </article>
  );
}

/** The connected account's badges. */
export function HeldBadges({ badges, daoName }: { badges: readonly ContributorBadge[]; daoName: DaoName }) {
  if (badges.length === 0) {
    return (
      <Empty>
        You hold no badges yet. A DAO's governance awards them for milestones: a first accepted contribution, a model
        version promoted.
      </Empty>
    );
  }
  return (
    <ul className="badge-grid" aria-label="Your badges">
      {badges.map((b) => (
        <li key={b.tokenId.toString()}>
          <BadgeCard badge={b} daoName={daoName} />
        </li>
      ))}
    </ul>
  );
}

/** Every DAO's awarded badges, one table per DAO. */
export function DaoBadgeTables({ groups, daoName }: { groups: readonly DaoBadges[]; daoName: DaoName }) {
  if (groups.length === 0) {
    return (
      <Empty>
        No DAO has awarded a badge yet. Awards are governance calls: propose one with{" "}
        <code>aidao badges award --dao 1 --kind FirstContribution --to 0x…</code>.
      </Empty>
    );
  }
  return (
    <>
      {groups.map((g) => (
        <section key={g.daoId.toString()} className="badge-dao" aria-labelledby={`badges-dao-${g.daoId}`}>
          <h3 id={`badges-dao-${g.daoId}`}>
            {daoName(g.daoId)}{" "}
            <span className="muted">
              ({g.badges.length} badge{g.badges.length === 1 ? "" : "s"})
            </span>
          </h3>
          <div className="table-wrap">
            <table className="wide">
              <caption className="sr-only">Badges awarded by {daoName(g.daoId)}</caption>
              <thead>
                <tr>
                  <th scope="col">Badge</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Holder</th>
                  <th scope="col">Awarded</th>
                  <th scope="col">Metadata</th>
                </tr>
              </thead>
              <tbody>
                {g.badges.map((b) => (
                  <tr key={b.tokenId.toString()}>
                    <td>#{b.tokenId.toString()}</td>
                    <td>
                      <span className="badge live">{kindLabel(b.kindName)}</span>
                    </td>
                    <td>
                      <Address address={b.holder} />
                    </td>
                    <td>{formatTime(b.awardedAt)}</td>
                    <td>
                      <MetadataSource badge={b} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
