import { claimRevenue, daoRegistryAbi, depositRevenue } from "@aidao/sdk";
import { Link, useParams } from "react-router";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { PageHead } from "../../ui/Card.tsx";
import { ErrorNote, Loading } from "../../ui/States.tsx";
import { useMe, useSigner } from "../../wallet/useSigner.ts";
import {
  GovernanceCard,
  ModelsCard,
  type ProposalRow,
  ProposalsList,
  TokenCard,
  TreasuryCard,
} from "./DaoSections.tsx";
import { daoName, templateOf } from "./daoTree.ts";
import { RevenueCard } from "./RevenueCard.tsx";
import {
  useBalances,
  useDaoModels,
  useDaoRecord,
  useGovernance,
  useHolders,
  useIncomes,
  useRevenue,
  useTokenInfo,
} from "./useDao.ts";
import "./daos.css";

const parseId = (text: string | undefined) => (text && /^\d{1,20}$/.test(text) && text !== "0" ? BigInt(text) : null);

export default function DaoPage() {
  const id = parseId(useParams().id);
  const { record, entry } = useDaoRecord(id);
  if (id === null)
    return (
      <>
        <PageHead title="DAO" />
        <p className="error" role="alert">
          That is not a DAO id. <Link to="/daos">See every DAO</Link>.
        </p>
      </>
    );
  if (record.isPending) return <Loading what={`Loading DAO ${id}`} />;
  if (record.error || !record.data)
    return (
      <>
        <PageHead title={`DAO ${id}`} />
        {/DAORegistryUnknownDAO/.test(String(record.error)) ? (
          <p className="error" role="alert">
            There is no DAO {String(id)}. <Link to="/daos">See every DAO</Link>.
          </p>
        ) : (
          <ErrorNote error={record.error} />
        )}
      </>
    );
  const name = daoName({ daoId: String(id), name: entry?.name ?? null });
  return <DaoDetails id={id} name={name} dao={record.data} />;
}

type Record = {
  treasury: Address;
  token: Address;
  governor: Address;
  timelock: Address;
  safe: Address;
  parentId: bigint;
  mode: number;
  templateId: `0x${string}`;
};

function DaoDetails({ id, name, dao }: { id: bigint; name: string; dao: Record }) {
  const contracts = useContracts();
  const me = useMe().address;
  const signer = useSigner();
  const tx = useTx();
  const template = templateOf({ daoId: String(id), templateId: dao.templateId });
  const token = useTokenInfo(dao.token);
  const holders = useHolders(dao.token);
  const governance = useGovernance(dao.governor, dao.timelock);
  const proposals = useServer<{ proposals: ProposalRow[] }>(`/api/proposals?dao=${id}&limit=100`);
  const models = useDaoModels(id);
  const isMain = id === 1n;
  // The main DAO's treasury is not a child treasury (no fee, no distribution): the Treasury page covers it.
  const revenue = useRevenue(isMain ? undefined : dao.treasury, me);
  const incomes = useIncomes(isMain ? undefined : dao.treasury);
  const fee = useReadContract({
    address: contracts.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "protocolFeeBps",
  });
  const tokens = [
    ...new Set(
      [...revenue.rows.map((r) => r.token), ...incomes.incomes.map((i) => i.token), contracts.AIDAOToken.address]
        .filter((t) => !/^0x0{40}$/i.test(t))
        .map((t) => t.toLowerCase()),
    ),
  ] as Address[];
  const balances = useBalances(dao.treasury, tokens);
  const meta = (t: string) => {
    const row = balances.rows.find((r) => r.token.toLowerCase() === t.toLowerCase());
    return { symbol: row?.symbol ?? "tokens", decimals: row?.decimals ?? 18 };
  };
  const modes = ["On chain", "Off chain (Safe)", "On chain and Safe"];

  return (
    <>
      <PageHead title={name}>
        DAO {String(id)} · {template === "main" ? "the protocol's main DAO" : `${template} template`}
        {dao.parentId > 0n && dao.parentId !== id ? (
          <>
            {" "}
            · child of <Link to={`/daos/${dao.parentId}`}>DAO {String(dao.parentId)}</Link>
          </>
        ) : null}{" "}
        · <Link to="/daos">All DAOs</Link>
      </PageHead>
      <div className="grid daos-grid">
        <TokenCard
          token={dao.token}
          name={token.name}
          symbol={token.symbol}
          decimals={token.decimals}
          totalSupply={token.totalSupply}
          holders={holders.holders}
          loading={holders.isPending}
        />
        <TreasuryCard treasury={dao.treasury} rows={balances.rows} loading={balances.isPending} />
        <GovernanceCard
          mode={modes[dao.mode] ?? "Unknown"}
          governor={dao.governor}
          timelock={dao.timelock}
          safe={dao.safe}
          settings={governance}
          proposals={
            proposals.isPending ? (
              <Loading what="Loading the proposals" />
            ) : proposals.error ? (
              <ErrorNote error={proposals.error} />
            ) : (
              <ProposalsList proposals={proposals.data.proposals} />
            )
          }
        />
        <ModelsCard models={models.models} loading={models.isPending} />
        {isMain ? null : (
          <RevenueCard
            loading={revenue.isPending || incomes.isPending}
            shares={template === "revenue-sharing" && !!revenue.distributor}
            bps={revenue.bps}
            protocolFeeBps={fee.data === undefined ? undefined : Number(fee.data)}
            incomes={incomes.incomes}
            meta={meta}
            payouts={revenue.rows}
            connected={!!signer}
            busy={tx.busy}
            onClaim={(p) => {
              if (!signer || !revenue.distributor) return;
              const distributor = revenue.distributor;
              tx.run(`Claim ${p.symbol} revenue`, () =>
                claimRevenue(signer, { distributor, payoutToken: p.token as Address }),
              );
            }}
            depositTokens={tokens.map((t) => ({ value: t, label: meta(t).symbol }))}
            onDeposit={(t, amount) => {
              if (!signer) return;
              tx.run(`Deposit ${meta(t).symbol} revenue`, () =>
                depositRevenue(signer, { treasury: dao.treasury, token: t as Address, amount }),
              );
            }}
            status={<TxStatus state={tx.state} />}
          />
        )}
      </div>
    </>
  );
}
