import { BaseError, HttpRequestError, SocketClosedError, TimeoutError, WebSocketRequestError } from "viem";

/** Seconds a client is asked to wait before retrying a request the chain's RPC did not answer. */
export const CHAIN_RETRY_AFTER_SECONDS = 2;

/**
 * Why a request failed, when it failed because the chain's RPC endpoint did not answer (refused, dropped, timed out,
 * or an HTTP error from a provider); undefined for anything else, a contract's revert included. Such a failure is
 * the node's, not the request's: it is answered 503 with a Retry-After, not as a server bug.
 */
export function chainUnavailable(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const cause = error.walk(
    (e) =>
      e instanceof HttpRequestError ||
      e instanceof TimeoutError ||
      e instanceof WebSocketRequestError ||
      e instanceof SocketClosedError,
  );
  if (!cause) return undefined;
  const status = cause instanceof HttpRequestError && cause.status ? ` (HTTP ${cause.status})` : "";
  return `the chain's RPC endpoint did not answer${status}: ${(cause as BaseError).shortMessage}; retry shortly`;
}
