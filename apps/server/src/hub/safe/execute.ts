import { gasLimitFor } from "@aidao/sdk";
import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  ContractFunctionRevertedError,
  type Hex,
  type PublicClient,
  parseEventLogs,
  publicActions,
  type Transport,
  type WalletClient,
} from "viem";
import { safeAbi } from "./abi.ts";
import { SafeExecutionError, SafeSignatureError } from "./errors.ts";
import { assertHash, assertMultiSendCallOnly, type PreparedSafeTx } from "./safeTx.ts";
import { type OwnerSignature, packSignatures, readSafe, verifyOwnerSignature } from "./signatures.ts";

/** What executing a SafeTx did: the Ethereum transaction, and whether the Safe reported `ExecutionSuccess`. */
export type ExecuteSafeTxResult = { txHash: Hex; success: boolean; blockNumber: bigint };

export type ExecuteSafeTxOptions = {
  /** Reads the Safe and simulates; default: the wallet client's own transport. */
  publicClient?: PublicClient;
};

/**
 * Executes a prepared SafeTx with the owners' signatures; anyone can send it (the signatures authorise it, the sender
 * only pays the gas). Everything that can be known beforehand is checked before a transaction is sent, so a refusal
 * costs nothing: the chain, the hash, a batch's MultiSendCallOnly code, the Safe's nonce (`NONCE_USED`,
 * `NONCE_AHEAD`), the signatures against the owners *now* (an owner removed since signing no longer counts;
 * `BELOW_THRESHOLD`), and a simulation (`EXECUTION_REVERTED`, e.g. GS013 when an inner call fails: with no
 * safeTxGas, a failing call reverts the whole transaction and leaves the nonce, so it can be retried once fixed).
 *
 * @example
 * import { executeSafeTx } from "./execute.ts";
 * const { txHash, success } = await executeSafeTx(walletClient, prepared, collected);
 */
export async function executeSafeTx(
  walletClient: WalletClient<Transport, Chain, Account>,
  prepared: PreparedSafeTx,
  signatures: readonly OwnerSignature[],
  options: ExecuteSafeTxOptions = {},
): Promise<ExecuteSafeTxResult> {
  assertHash(prepared);
  const chainId = await walletClient.getChainId();
  if (chainId !== prepared.chainId) {
    throw new SafeExecutionError(
      "WRONG_CHAIN",
      `the SafeTx is for chain ${prepared.chainId}; the wallet is on ${chainId}`,
      {
        chainId,
        expected: prepared.chainId,
      },
    );
  }
  const client = options.publicClient ?? (walletClient.extend(publicActions) as unknown as PublicClient);
  const { safe, tx, hash } = prepared;
  if (tx.operation === 1) await assertMultiSendCallOnly(client, tx.to);
  else if (tx.operation !== 0) {
    throw new SafeExecutionError("DELEGATECALL_REFUSED", `operation ${tx.operation} is neither a call nor a batch`, {
      operation: tx.operation,
    });
  }

  const state = await readSafe(client, safe);
  assertNonce(state.nonce, prepared);

  // Signatures were checked when collected; the owners may have changed since, so only current owners count.
  const valid: OwnerSignature[] = [];
  const refused: Array<{ owner: Address; code: string }> = [];
  for (const s of signatures) {
    try {
      valid.push(await verifyOwnerSignature(hash, s.signature, { owners: state.owners, collected: valid }));
    } catch (e) {
      if (!(e instanceof SafeSignatureError)) throw e;
      refused.push({ owner: s.owner, code: e.code });
    }
  }
  if (valid.length < state.threshold) {
    throw new SafeSignatureError(
      "BELOW_THRESHOLD",
      `${valid.length} valid owner signature(s) for ${hash}; the Safe needs ${state.threshold}`,
      { hash, signatures: valid.length, threshold: state.threshold, refused },
      true,
    );
  }
  const packed = packSignatures(valid, state.threshold);

  const call = { address: safe, ...execTransactionCall(prepared, packed) };
  try {
    await client.simulateContract({ ...call, account: walletClient.account });
  } catch (e) {
    const reason = revertReason(e);
    throw new SafeExecutionError("EXECUTION_REVERTED", `execTransaction of ${hash} would revert: ${reason}`, {
      hash,
      reason,
    });
  }
  // A Safe call's gas can depend on the block that includes it (votes checkpoints keyed by time): send with a margin.
  const gas = await gasLimitFor(walletClient, { ...call, account: walletClient.account } as never);
  const txHash = await walletClient.writeContract({ ...call, gas });
  const receipt = await client.waitForTransactionReceipt({ hash: txHash });
  const outcome = parseEventLogs({
    abi: safeAbi,
    logs: receipt.logs,
    eventName: ["ExecutionSuccess", "ExecutionFailure"],
  }).find((l) => l.address.toLowerCase() === safe.toLowerCase() && l.args.txHash === hash);
  return {
    txHash,
    success: receipt.status === "success" && outcome?.eventName === "ExecutionSuccess",
    blockNumber: receipt.blockNumber,
  };
}

/** Throws unless the Safe's nonce is exactly the SafeTx's: the only moment it can execute. */
function assertNonce(nonce: bigint, p: PreparedSafeTx): void {
  if (nonce > p.tx.nonce) {
    throw new SafeExecutionError(
      "NONCE_USED",
      `the Safe's nonce is ${nonce}: SafeTx ${p.hash} (nonce ${p.tx.nonce}) was executed or replaced`,
      { hash: p.hash, nonce, txNonce: p.tx.nonce },
    );
  }
  if (nonce < p.tx.nonce) {
    throw new SafeExecutionError(
      "NONCE_AHEAD",
      `the Safe's nonce is ${nonce}: ${p.tx.nonce - nonce} earlier Safe transaction(s) must be executed before ${p.hash}`,
      { hash: p.hash, nonce, txNonce: p.tx.nonce },
      true,
    );
  }
}

/** The Safe's revert string (GS013, GS026…) or viem's short message. */
function revertReason(e: unknown): string {
  if (e instanceof BaseError) {
    const reverted = e.walk((x) => x instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.reason) return reverted.reason;
    return e.shortMessage;
  }
  return String(e);
}

/** The `execTransaction` call of a SafeTx with its packed owner signatures (what anyone may send to execute it). */
export function execTransactionCall(prepared: PreparedSafeTx, packedSignatures: Hex) {
  const t = prepared.tx;
  return {
    abi: safeAbi,
    functionName: "execTransaction",
    args: [
      t.to,
      t.value,
      t.data,
      t.operation,
      t.safeTxGas,
      t.baseGas,
      t.gasPrice,
      t.gasToken,
      t.refundReceiver,
      packedSignatures,
    ],
  } as const;
}

/** Where a SafeTx stands on chain. */
export type SafeTxStatus =
  /** The Safe logged its hash: executed in `txHash` (`success` false only for a refunding SafeTx whose call failed). */
  | { status: "executed"; txHash: Hex; blockNumber: bigint; success: boolean }
  /** The Safe's nonce moved past it without it: another SafeTx took the nonce; this one can never execute. */
  | { status: "replaced"; nonce: bigint }
  /** Its nonce is the Safe's: it can execute now, given enough signatures. */
  | { status: "ready" }
  /** `pending` earlier Safe transactions must execute first. */
  | { status: "queued"; pending: bigint };

/**
 * Whether a SafeTx was executed: by the Safe's nonce (cheap, and enough while it has not moved past the SafeTx), then
 * by its `ExecutionSuccess`/`ExecutionFailure` log (the hash is an indexed topic). `fromBlock` bounds the log search
 * (e.g. the block the SafeTx was prepared at; providers limit ranges).
 *
 * @example
 * import { safeTxStatus } from "./execute.ts";
 * const s = await safeTxStatus(publicClient, prepared, { fromBlock: preparedAtBlock });
 * if (s.status === "executed") console.log(`executed in ${s.txHash}`);
 */
export async function safeTxStatus(
  client: PublicClient,
  prepared: PreparedSafeTx,
  options: { fromBlock?: bigint } = {},
): Promise<SafeTxStatus> {
  const nonce = await client.readContract({ address: prepared.safe, abi: safeAbi, functionName: "nonce" });
  if (nonce === prepared.tx.nonce) return { status: "ready" };
  if (nonce < prepared.tx.nonce) return { status: "queued", pending: prepared.tx.nonce - nonce };
  const execution = await findSafeTxExecution(client, prepared.safe, prepared.hash, options);
  return execution ? { status: "executed", ...execution } : { status: "replaced", nonce };
}

/** The transaction in which `safe` logged executing `safeTxHash`, if any (from `fromBlock`, default genesis). */
export async function findSafeTxExecution(
  client: PublicClient,
  safe: Address,
  safeTxHash: Hex,
  options: { fromBlock?: bigint } = {},
): Promise<{ txHash: Hex; blockNumber: bigint; success: boolean } | undefined> {
  const fromBlock = options.fromBlock ?? 0n;
  const [succeeded, failed] = await Promise.all(
    (["ExecutionSuccess", "ExecutionFailure"] as const).map((eventName) =>
      client.getContractEvents({ address: safe, abi: safeAbi, eventName, args: { txHash: safeTxHash }, fromBlock }),
    ),
  );
  const log = succeeded?.[0] ?? failed?.[0];
  if (!log || log.transactionHash === null || log.blockNumber === null) return undefined;
  return { txHash: log.transactionHash, blockNumber: log.blockNumber, success: log.eventName === "ExecutionSuccess" };
}
