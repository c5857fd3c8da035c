import { aidaoFactoryAbi, createDAOParams, daoRegistryAbi, writeChecked } from "@aidao/sdk";
import { useState } from "react";
import { Link } from "react-router";
import { parseEventLogs } from "viem";
import { useReadContract } from "wagmi";
import { useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Card, PageHead } from "../../ui/Card.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";
import { useSigner } from "../../wallet/useSigner.ts";
import { CreateDaoWizard } from "./CreateDaoWizard.tsx";
import { DaoTree } from "./DaoTree.tsx";
import { buildTree, type IndexedDAO } from "./daoTree.ts";
import { toCreateParameters, type WizardState } from "./wizard.ts";
import "./daos.css";

export default function DaosPage() {
  const contracts = useContracts();
  const daos = useServer<{ daos: IndexedDAO[] }>("/api/daos");
  const fee = useReadContract({
    address: contracts.DAORegistry.address,
    abi: daoRegistryAbi,
    functionName: "protocolFeeBps",
  });
  const signer = useSigner();
  const tx = useTx();
  const [created, setCreated] = useState<{ id: bigint; name: string } | null>(null);

  const onCreate = async (s: WizardState) => {
    if (!signer) return;
    setCreated(null);
    // The creator's address and the salt fix the new DAO's addresses: a fresh salt lets one name be reused.
    const params = toCreateParameters(s, contracts.AIDAOFactory.address, `${s.name.trim()}-${Date.now()}`);
    const receipt = await tx.run(`Create ${params.name}`, () =>
      writeChecked(signer, {
        address: params.factory,
        abi: aidaoFactoryAbi,
        functionName: "createDAO",
        args: [createDAOParams(params)],
      }),
    );
    if (!receipt) return;
    const [registered] = parseEventLogs({ abi: daoRegistryAbi, eventName: "DAORegistered", logs: receipt.logs });
    if (registered) setCreated({ id: registered.args.daoId, name: params.name });
  };

  return (
    <>
      <PageHead title="DAOs">
        The DAO of DAOs: the main AIDAO DAO, AIDAO Venture and every AI DAO created from a template.
      </PageHead>
      <div className="grid daos-grid">
        <Card title="DAO tree">
          {daos.isPending ? (
            <Loading what="Loading the DAOs" />
          ) : daos.error ? (
            <ErrorNote error={daos.error} />
          ) : daos.data.daos.length === 0 ? (
            <Empty>No DAO is registered yet: the indexer has not seen the protocol's deployment.</Empty>
          ) : (
            <DaoTree roots={buildTree(daos.data.daos)} />
          )}
        </Card>
        <Card title="Create an AI DAO">
          <CreateDaoWizard
            protocolFeeBps={fee.data === undefined ? undefined : Number(fee.data)}
            canCreate={signer ? null : "Connect a wallet to create a DAO."}
            busy={tx.busy}
            onCreate={onCreate}
            status={
              <>
                <TxStatus state={tx.state} />
                {created ? (
                  <p>
                    <Link to={`/daos/${created.id}`}>
                      Open {created.name} (DAO {String(created.id)})
                    </Link>
                  </p>
                ) : null}
              </>
            }
          />
        </Card>
      </div>
    </>
  );
}
