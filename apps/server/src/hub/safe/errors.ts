/**
 * The Safe execution module's errors: one class per step (payload, signatures, execution), each with a stable `code`,
 * a sentence for people and the culprit in `details`, and whether retrying later can help (`retryable`), so the
 * routes and the CLI can map them without parsing messages.
 */
export class SafeError<Code extends string = string> extends Error {
  override name = "SafeError";
  readonly code: Code;
  readonly details: Record<string, unknown>;
  /** Whether the same request can succeed later unchanged (the chain moved on); otherwise the input must change. */
  readonly retryable: boolean;

  constructor(code: Code, message: string, details: Record<string, unknown> = {}, retryable = false) {
    super(message);
    this.code = code;
    this.details = details;
    this.retryable = retryable;
  }

  /** The error as JSON (bigints as decimal strings), for HTTP answers and logs. */
  toJSON() {
    return {
      code: this.code,
      message: this.message,
      details: Object.fromEntries(
        Object.entries(this.details).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]),
      ),
    };
  }
}

export type SafePayloadErrorCode =
  /** `plugins` is not a JSON object string. */
  | "PLUGINS_INVALID"
  /** `plugins.safe` is malformed: `details.field` names the culprit. */
  | "PAYLOAD_INVALID"
  /** A transaction asks for a delegatecall, which would run foreign code with the Safe's storage and funds. */
  | "DELEGATECALL_REFUSED"
  /** The payload targets another chain than the one expected. */
  | "WRONG_CHAIN"
  /** The payload targets another Safe than the space's. */
  | "WRONG_SAFE";

/** A proposal's Safe payload was refused; `details.field` is the path of the culprit (`transactions[2].to`). */
export class SafePayloadError extends SafeError<SafePayloadErrorCode> {
  override name = "SafePayloadError";
}

export type SafeSignatureErrorCode =
  /** Not 65 bytes of hex, a zero r or s, or a `v` that is neither EIP-712 (27/28) nor eth_sign (31/32). */
  | "SIGNATURE_MALFORMED"
  /** A high-s (malleable) signature: its low-s twin is the canonical one. */
  | "SIGNATURE_HIGH_S"
  /** The signature recovers to an address that is not an owner of the Safe. */
  | "NOT_OWNER"
  /** This owner has already signed this SafeTx. */
  | "DUPLICATE_SIGNER"
  /** Fewer valid owner signatures than the Safe's threshold. */
  | "BELOW_THRESHOLD"
  /** The address is not a Safe of a supported version. */
  | "NOT_A_SAFE";

/** An owner signature was refused, or there are not enough of them. */
export class SafeSignatureError extends SafeError<SafeSignatureErrorCode> {
  override name = "SafeSignatureError";
}

export type SafeExecutionErrorCode =
  /** The wallet is connected to another chain than the SafeTx's. */
  | "WRONG_CHAIN"
  /** The SafeTx's fields do not hash to its recorded hash (tampered or corrupted). */
  | "HASH_MISMATCH"
  /** A delegatecall to anything but the verified MultiSendCallOnly 1.4.1. */
  | "DELEGATECALL_REFUSED"
  /** The Safe's nonce moved past this SafeTx: it was executed, or another transaction took its nonce. */
  | "NONCE_USED"
  /** Earlier Safe transactions must be executed first (retryable). */
  | "NONCE_AHEAD"
  /** The simulated `execTransaction` reverts (e.g. GS013: an inner call failed); nothing was sent. */
  | "EXECUTION_REVERTED";

/** A SafeTx cannot be executed (now, or at all: see `retryable`). */
export class SafeExecutionError extends SafeError<SafeExecutionErrorCode> {
  override name = "SafeExecutionError";
}
