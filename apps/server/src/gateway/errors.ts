/** The gateway's typed errors: an HTTP status, a stable machine-readable code, and a sentence for people. */
export type GatewayErrorCode =
  | "UNKNOWN_MODEL"
  | "AMBIGUOUS_MODEL"
  | "PAYMENT_REQUIRED"
  | "MALFORMED_PAYMENT"
  | "WRONG_NETWORK"
  | "WRONG_CONTRACT"
  | "UNKNOWN_CHANNEL"
  | "WRONG_ENDPOINT"
  | "WRONG_TOKEN"
  | "CHANNEL_EXPIRED"
  | "INVALID_SIGNATURE"
  | "VOUCHER_TOO_LOW"
  | "DEPOSIT_TOO_LOW"
  | "PAYMENT_FAILED"
  | "BODY_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "BAD_INPUT"
  | "BUSY"
  | "CHANNEL_ELSEWHERE"
  | "MODEL_FAILED"
  | "UPSTREAM_FAILED"
  | "CHAIN_UNAVAILABLE";

const STATUS: Record<GatewayErrorCode, number> = {
  UNKNOWN_MODEL: 404,
  AMBIGUOUS_MODEL: 409,
  PAYMENT_REQUIRED: 402,
  MALFORMED_PAYMENT: 400,
  WRONG_NETWORK: 402,
  WRONG_CONTRACT: 402,
  UNKNOWN_CHANNEL: 402,
  WRONG_ENDPOINT: 402,
  WRONG_TOKEN: 402,
  CHANNEL_EXPIRED: 402,
  INVALID_SIGNATURE: 402,
  VOUCHER_TOO_LOW: 402,
  DEPOSIT_TOO_LOW: 402,
  PAYMENT_FAILED: 402,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BAD_INPUT: 422,
  BUSY: 429,
  CHANNEL_ELSEWHERE: 503,
  MODEL_FAILED: 500,
  UPSTREAM_FAILED: 502,
  CHAIN_UNAVAILABLE: 503,
};

export class GatewayError extends Error {
  override name = "GatewayError";
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;
  /** Seconds before a retry can succeed (429, 503). */
  readonly retryAfter: number | undefined;

  constructor(code: GatewayErrorCode, message: string, details: Record<string, unknown> = {}, retryAfter?: number) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
    this.retryAfter = retryAfter;
  }

  /** True for errors that a better payment fixes (answered 402 with the payment requirements attached). */
  get isPayment(): boolean {
    return this.status === 402;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...stringify(this.details) } };
  }
}

/** JSON cannot hold bigints: amounts go out as decimal strings. */
export function stringify(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === "bigint" ? v.toString() : v;
  return out;
}
