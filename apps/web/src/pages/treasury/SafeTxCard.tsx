import { formatEther } from "viem";
import { Address } from "../../ui/Address.tsx";
import type { ExecutionStatus } from "./safeTx.ts";

const STATE: Record<string, string> = {
  collecting: "collecting signatures",
  queued: "waiting for earlier Safe transactions",
  ready: "ready to execute",
  executed: "executed",
  voting: "still voting",
  rejected: "rejected",
  none: "no transactions",
};

/** One passed proposal's Safe transaction: what it does, who signed, and the owner's and anyone's next step. */
export function SafeTxCard({
  title,
  status,
  canSign,
  canExecute,
  busy,
  onSign,
  onExecute,
}: {
  title: string;
  status: ExecutionStatus;
  /** null when the connected account may sign; otherwise why not. */
  canSign: string | null;
  canExecute: string | null;
  busy: boolean;
  onSign(): void;
  onExecute(): void;
}) {
  const signed = new Set((status.signatures ?? []).map((s) => s.owner.toLowerCase()));
  return (
    <article className="safe-tx" aria-label={`Safe transaction: ${title}`}>
      <h3>{title}</h3>
      <p>
        <span className={`badge ${status.state === "ready" ? "ok" : "live"}`}>
          {STATE[status.state] ?? status.state}
        </span>{" "}
        {status.safeTx ? (
          <span className="muted">
            nonce {status.safeTx.tx.nonce} · <code title={status.safeTx.hash}>{status.safeTx.hash.slice(0, 12)}…</code>
          </span>
        ) : null}
        {status.why ? <span className="muted"> ({status.why})</span> : null}
      </p>
      {status.payload ? (
        <ul aria-label="What it does">
          {status.payload.transactions.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the calls are a fixed list in order.
            <li key={i}>
              calls <Address address={t.to} />
              {t.value !== "0" ? ` with ${formatEther(BigInt(t.value))} ETH` : ""}
              {t.data !== "0x" ? <span className="muted"> · data {t.data.slice(0, 10)}…</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        Signed by {status.signatures?.length ?? 0} of {status.threshold ?? "…"} needed
      </p>
      <ul aria-label="Owners' signatures">
        {(status.owners ?? []).map((o) => (
          <li key={o}>
            <Address address={o} /> — {signed.has(o.toLowerCase()) ? "signed" : "not yet"}
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" onClick={onSign} disabled={busy || canSign !== null}>
          Sign as owner
        </button>
        <button type="button" className="secondary" onClick={onExecute} disabled={busy || canExecute !== null}>
          Execute
        </button>
        <span className="muted">{[canSign, canExecute].filter(Boolean).join(" ")}</span>
      </div>
    </article>
  );
}
