import { createPublicClient, custom, type EIP1193RequestFn, http, type PublicClient } from "viem";
import { foundry } from "viem/chains";

export type RpcRequest = { method: string; params?: unknown };

/**
 * A client of the same chain as `client` whose requests for which `fails(request)` holds go to a port nothing listens
 * on instead (a real refused connection, as an RPC outage gives), with viem's retries off so the caller sees it.
 */
export function flakyClient(client: PublicClient, fails: (request: RpcRequest) => boolean): PublicClient {
  const unreachable = http("http://127.0.0.1:1", { retryCount: 0 })({ chain: foundry });
  const request = ((args: RpcRequest) =>
    fails(args) ? unreachable.request(args as never) : client.request(args as never)) as EIP1193RequestFn;
  return createPublicClient({
    chain: foundry,
    transport: custom({ request }, { retryCount: 0 }),
    pollingInterval: 50,
  }) as PublicClient;
}
