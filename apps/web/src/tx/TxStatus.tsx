import type { TxState } from "./useTx.ts";

const short = (hash: string) => `${hash.slice(0, 10)}…${hash.slice(-6)}`;

/** Where a transaction is, for eyes and screen readers: pending → confirmed / failed with the reason in words. */
export function TxStatus({ state }: { state: TxState }) {
  if (state.status === "idle") return null;
  const text =
    state.status === "signing"
      ? `${state.label}: waiting for your wallet…`
      : state.status === "pending"
        ? `${state.label}: pending (${short(state.hash)})`
        : state.status === "confirmed"
          ? `${state.label}: confirmed in block ${state.blockNumber}`
          : `${state.label} failed: ${state.reason}`;
  return (
    <p className={`tx tx-${state.status}`} role={state.status === "failed" ? "alert" : "status"} aria-live="polite">
      {text}
    </p>
  );
}
