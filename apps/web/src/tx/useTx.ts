import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Hash, TransactionReceipt } from "viem";
import { usePublicClient } from "wagmi";
import { reasonOf } from "./reason.ts";

export type TxState =
  | { status: "idle" }
  | { status: "signing"; label: string }
  | { status: "pending"; label: string; hash: Hash }
  | { status: "confirmed"; label: string; hash: Hash; blockNumber: bigint }
  | { status: "failed"; label: string; reason: string; hash?: Hash };

/**
 * Runs a transaction and follows it: signing → pending → confirmed or failed, the failure decoded into words. Every
 * query is refreshed once it confirms, so the page shows the new state.
 */
export function useTx() {
  const publicClient = usePublicClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ status: "idle" });
  const run = useCallback(
    async (label: string, send: () => Promise<Hash | { hash: Hash }>): Promise<TransactionReceipt | undefined> => {
      setState({ status: "signing", label });
      let hash: Hash | undefined;
      try {
        const sent = await send();
        hash = typeof sent === "string" ? sent : sent.hash;
        setState({ status: "pending", label, hash });
        if (!publicClient) throw new Error("no connection to the chain");
        const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 250 });
        if (receipt.status !== "success") {
          setState({ status: "failed", label, hash, reason: "The transaction reverted on chain." });
          return undefined;
        }
        setState({ status: "confirmed", label, hash, blockNumber: receipt.blockNumber });
        await queryClient.invalidateQueries();
        return receipt;
      } catch (error) {
        setState({ status: "failed", label, reason: reasonOf(error), ...(hash ? { hash } : {}) });
        return undefined;
      }
    },
    [publicClient, queryClient],
  );
  const reset = useCallback(() => setState({ status: "idle" }), []);
  const busy = state.status === "signing" || state.status === "pending";
  return { state, run, reset, busy };
}
