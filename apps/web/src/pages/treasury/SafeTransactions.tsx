import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { getAddress } from "viem";
import { sendTransaction, signTypedData } from "viem/actions";
import { useAppConfig } from "../../config.ts";
import { postJson } from "../../lib/api.ts";
import { reasonOf } from "../../tx/reason.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Card } from "../../ui/Card.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";
import { useMe, useSigner } from "../../wallet/useSigner.ts";
import { SafeTxCard } from "./SafeTxCard.tsx";
import { type ExecutionStatus, isPending, safeActions, safeTxTypedData } from "./safeTx.ts";
import { useSafeProposals } from "./useSafe.ts";

type SignState =
  | { status: "idle" }
  | { status: "signing" }
  | { status: "done"; text: string }
  | { status: "failed"; text: string };

/** The Safe transactions of passed off-chain proposals: owners sign them here, and anyone executes them. */
export function SafeTransactions({ safe }: { safe: `0x${string}` }) {
  const { chainId } = useAppConfig();
  const { rows, isLoading, error } = useSafeProposals();
  const signer = useSigner();
  const { address: me } = useMe();
  const queryClient = useQueryClient();
  const tx = useTx();
  const [sign, setSign] = useState<SignState>({ status: "idle" });
  const pending = rows.filter((r) => r.execution && isPending(r.execution));

  async function onSign(id: string, s: ExecutionStatus) {
    if (!signer || !s.safeTx) return;
    setSign({ status: "signing" });
    try {
      const typed = safeTxTypedData(s.safeTx, { chainId, safe });
      const signature = await signTypedData(signer, { account: signer.account, ...typed });
      const after = await postJson<ExecutionStatus>(`/api/hub/proposals/${id}/execution/signatures`, { signature });
      setSign({
        status: "done",
        text: `Signature sent: ${after.signatures?.length ?? 0} of ${after.threshold ?? "?"} needed${after.state === "ready" ? " — ready to execute" : ""}.`,
      });
      await queryClient.invalidateQueries();
    } catch (e) {
      setSign({ status: "failed", text: `Signing failed: ${reasonOf(e)}` });
    }
  }

  function onExecute(s: ExecutionStatus) {
    const call = s.execute;
    if (!signer || !call) return;
    // The hub built the call; it may only ever go to our own Safe (whose owners' signatures authorise it).
    if (getAddress(call.to) !== getAddress(safe)) {
      setSign({
        status: "failed",
        text: "The execution is addressed to another contract than the Safe; not sending it.",
      });
      return;
    }
    void tx.run("Execute Safe transaction", () =>
      sendTransaction(signer, { account: signer.account, chain: signer.chain, to: call.to, data: call.data }),
    );
  }

  return (
    <Card title="Safe transactions to sign">
      {error ? <ErrorNote error={error} /> : null}
      {isLoading ? <Loading what="Reading the off-chain proposals" /> : null}
      {!isLoading && pending.length === 0 ? (
        <Empty>
          No Safe transaction is waiting. When an off-chain proposal carrying Safe transactions passes, it appears here
          for the owners to sign.
        </Empty>
      ) : null}
      {pending.map(({ proposal, execution }) => {
        const s = execution as ExecutionStatus;
        const can = safeActions(s, me);
        return (
          <SafeTxCard
            key={proposal.id}
            title={proposal.title}
            status={s}
            canSign={can.sign}
            canExecute={can.execute}
            busy={sign.status === "signing" || tx.busy}
            onSign={() => void onSign(proposal.id, s)}
            onExecute={() => onExecute(s)}
          />
        );
      })}
      {sign.status === "signing" ? (
        <p className="tx tx-signing" role="status">
          Sign Safe transaction: waiting for your wallet…
        </p>
      ) : sign.status === "done" ? (
        <p className="tx tx-confirmed" role="status">
          {sign.text}
        </p>
      ) : sign.status === "failed" ? (
        <p className="tx tx-failed" role="alert">
          {sign.text}
        </p>
      ) : null}
      <TxStatus state={tx.state} />
    </Card>
  );
}
