import {
  BaseError,
  BlockNotFoundError,
  HttpRequestError,
  LimitExceededRpcError,
  type PublicClient,
  RpcRequestError,
  SocketClosedError,
  TimeoutError,
  WebSocketRequestError,
} from "viem";

/** Seconds a client is asked to wait before retrying a request the chain's RPC did not answer. */
export const CHAIN_RETRY_AFTER_SECONDS = 2;

/**
 * Why a request failed, when it failed because the chain's RPC endpoint did not answer for now: refused, dropped or
 * timed out, rate-limited, or an HTTP 408/429/5xx from a provider. Undefined for anything else: a contract's revert or
 * another JSON-RPC error from the node, and an HTTP 4xx that says the endpoint is misconfigured (a wrong URL or key),
 * which retrying will not mend. Such a failure is the node's, not the request's: it is answered 503 with a
 * Retry-After, not as a server bug.
 */
export function chainUnavailable(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const cause = error.walk(transient);
  if (!cause) return undefined;
  const status = (cause as { status?: number }).status;
  return `the chain's RPC endpoint did not answer${status ? ` (HTTP ${status})` : ""}: ${(cause as BaseError).shortMessage}; retry shortly`;
}

const transient = (e: unknown): boolean => {
  if (
    e instanceof TimeoutError ||
    e instanceof WebSocketRequestError ||
    e instanceof SocketClosedError ||
    e instanceof LimitExceededRpcError
  )
    return true;
  if (!(e instanceof HttpRequestError || e instanceof RpcRequestError)) return false;
  // No status: the connection failed (HttpRequestError), or the node answered a JSON-RPC error in a 200 (RpcRequestError).
  if (e.status === undefined) return e instanceof HttpRequestError;
  return e.status === 408 || e.status === 429 || e.status >= 500;
};

/**
 * A rejection handler for a chain read whose failure is an answer (no such contract function, not a Safe, a refused
 * signature): it answers `value`, except when the chain did not answer at all, which is thrown on (a 503, and asked
 * again next time, never remembered as the answer).
 */
export const refusedAs =
  <T>(value: T) =>
  (error: unknown): T => {
    if (chainUnavailable(error)) throw error;
    return value;
  };

/** Block `n` of the chain, or null when the chain has none there; any other failure (no answer) is thrown. */
export const blockAt = (client: PublicClient, n: bigint) =>
  client.getBlock({ blockNumber: n }).catch((error: unknown) => {
    if (error instanceof BlockNotFoundError) return null;
    throw error;
  });
