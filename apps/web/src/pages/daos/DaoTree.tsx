import { Link } from "react-router";
import { Address } from "../../ui/Address.tsx";
import { type DAONode, daoName, templateOf } from "./daoTree.ts";

const MODE_WORDS = { OnChain: "on-chain votes", OffChain: "off-chain votes + Safe", Both: "on-chain and Safe" };

/** The DAO-of-DAOs tree as nested lists: each DAO links to its page, its children sit under it. */
export function DaoTree({ roots }: { roots: DAONode[] }) {
  return (
    <ul className="dao-tree" aria-label="DAO tree">
      {roots.map((n) => (
        <DaoBranch key={n.dao.daoId} node={n} />
      ))}
    </ul>
  );
}

function DaoBranch({ node }: { node: DAONode }) {
  const { dao, children } = node;
  return (
    <li>
      <div className="dao-node">
        <Link to={`/daos/${dao.daoId}`}>{daoName(dao)}</Link> <span className="badge">{templateOf(dao)}</span>{" "}
        <span className="muted">DAO {dao.daoId}</span>
        <div className="muted small">
          {MODE_WORDS[dao.mode]}
          {children.length ? ` · ${children.length} child DAO${children.length === 1 ? "" : "s"}` : ""} · created by{" "}
          <Address address={dao.creator} />
        </div>
      </div>
      {children.length ? (
        <ul aria-label={`Children of ${daoName(dao)}`}>
          {children.map((c) => (
            <DaoBranch key={c.dao.daoId} node={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
