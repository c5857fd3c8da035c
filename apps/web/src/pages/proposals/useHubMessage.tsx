import { type SignerClient, SNAPSHOT_DOMAIN } from "@aidao/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { signTypedData } from "viem/actions";
import { postJson } from "../../lib/api.ts";

export type MessageState =
  | { status: "idle" }
  | { status: "signing"; label: string }
  | { status: "confirmed"; label: string; id: string }
  | { status: "failed"; label: string; reason: string };

/**
 * Signs a hub message (Snapshot's EIP-712 domain) with the wallet and POSTs it to /api/msg, as the CLI's `hub`
 * commands do; the hub's receipt id on success, its refusal in words on failure.
 */
export function useHubMessage() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<MessageState>({ status: "idle" });
  const send = useCallback(
    async (
      label: string,
      signer: SignerClient,
      types: Record<string, readonly { name: string; type: string }[]>,
      message: Record<string, unknown>,
    ): Promise<string | undefined> => {
      setState({ status: "signing", label });
      try {
        const from = signer.account.address;
        const full = { from, timestamp: Math.floor(Date.now() / 1000), ...message };
        const primaryType = Object.keys(types)[0] as string;
        const sig = await signTypedData(signer, {
          domain: SNAPSHOT_DOMAIN,
          types,
          primaryType,
          message: full,
        } as never);
        const r = await postJson<{ id: string }>("/api/msg", {
          address: from,
          sig,
          data: { domain: SNAPSHOT_DOMAIN, types, message: full },
        });
        setState({ status: "confirmed", label, id: r.id });
        await queryClient.invalidateQueries();
        return r.id;
      } catch (error) {
        const e = error as { shortMessage?: string; message?: string };
        setState({ status: "failed", label, reason: e.shortMessage ?? e.message ?? String(error) });
        return undefined;
      }
    },
    [queryClient],
  );
  const busy = state.status === "signing";
  return { state, send, busy };
}

/** Where a signed message is: signing → confirmed by the hub / refused with its reason. */
export function MessageStatus({ state }: { state: MessageState }) {
  if (state.status === "idle") return null;
  const text =
    state.status === "signing"
      ? `${state.label}: waiting for your wallet…`
      : state.status === "confirmed"
        ? `${state.label}: confirmed by the hub (message ${state.id.slice(0, 10)}…)`
        : `${state.label} failed: ${state.reason}`;
  return (
    <p className={`tx tx-${state.status}`} role={state.status === "failed" ? "alert" : "status"} aria-live="polite">
      {text}
    </p>
  );
}
