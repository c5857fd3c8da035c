/** The hub's typed errors: an HTTP status, a stable code, and a sentence for people. */
export type HubErrorCode =
  | "BODY_TOO_LARGE"
  | "BAD_ENCODING"
  | "BAD_ENVELOPE"
  | "WRONG_TIMESTAMP"
  | "WRONG_DOMAIN"
  | "UNKNOWN_TYPE"
  | "INVALID_SIGNATURE"
  | "DUPLICATE"
  | "UNKNOWN_SPACE"
  | "UNKNOWN_PROPOSAL"
  | "NOT_ALLOWED"
  | "INVALID_PROPOSAL"
  | "INVALID_SETTINGS"
  | "NOT_EXECUTABLE"
  | "INVALID_CHOICE"
  | "VOTING_CLOSED"
  | "NO_POWER"
  | "LIMIT_REACHED"
  | "RATE_LIMITED"
  | "NOT_FOUND"
  | "BAD_QUERY"
  | "CHAIN_UNAVAILABLE";

const STATUS: Record<HubErrorCode, number> = {
  BODY_TOO_LARGE: 413,
  BAD_ENCODING: 400,
  BAD_ENVELOPE: 400,
  WRONG_TIMESTAMP: 400,
  WRONG_DOMAIN: 400,
  UNKNOWN_TYPE: 400,
  INVALID_SIGNATURE: 401,
  DUPLICATE: 409,
  UNKNOWN_SPACE: 404,
  UNKNOWN_PROPOSAL: 404,
  NOT_ALLOWED: 403,
  INVALID_PROPOSAL: 422,
  INVALID_SETTINGS: 422,
  NOT_EXECUTABLE: 409,
  INVALID_CHOICE: 422,
  VOTING_CLOSED: 422,
  NO_POWER: 403,
  LIMIT_REACHED: 429,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  BAD_QUERY: 400,
  CHAIN_UNAVAILABLE: 503,
};

export class HubError extends Error {
  override name = "HubError";
  readonly code: HubErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;
  /** Seconds before a retry can succeed (429, 503). */
  readonly retryAfter: number | undefined;

  constructor(code: HubErrorCode, message: string, details: Record<string, unknown> = {}, retryAfter?: number) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
    this.retryAfter = retryAfter;
  }

  /**
   * Snapshot's error shape (`error`, `error_description`: what snapshot.js rejects with), plus our code and details.
   */
  toJSON() {
    return {
      error: this.status >= 500 ? "server_error" : "client_error",
      error_description: this.message,
      code: this.code,
      details: Object.fromEntries(
        Object.entries(this.details).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]),
      ),
    };
  }
}
