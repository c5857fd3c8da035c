import { toAidaoError } from "@aidao/sdk";

/** A failed transaction's reason in words: the contract's custom error decoded by name ("Stake not matured: …"). */
export function reasonOf(error: unknown): string {
  const e = error as { name?: string; shortMessage?: string; message?: string };
  if (e?.name === "UserRejectedRequestError" || /user rejected|denied/i.test(e?.message ?? "")) {
    return "You rejected the request in your wallet.";
  }
  try {
    return toAidaoError(error).shortMessage;
  } catch {
    return e?.shortMessage ?? e?.message ?? String(error);
  }
}
