// The worker's typed errors: a stable code, an HTTP status, whether a retry can help, and the culprit in `details`.

export type WorkerErrorCode =
  | "BAD_INPUT"
  | "BAD_SIGNATURE"
  | "BODY_TOO_LARGE"
  | "UNKNOWN_MODEL"
  | "WRONG_DAO"
  | "UNKNOWN_CONTRIBUTION"
  | "DUPLICATE_CONTRIBUTION"
  | "UNKNOWN_ARTIFACT"
  | "UNKNOWN_JOB"
  | "UNKNOWN_JOB_KIND"
  | "JOB_NOT_CANCELLABLE"
  | "JOB_NOT_RETRYABLE"
  | "ARTIFACT_CORRUPT"
  | "STORE_FAILED"
  | "CHAIN_UNAVAILABLE";

const STATUS: Record<WorkerErrorCode, number> = {
  BAD_INPUT: 422,
  BAD_SIGNATURE: 401,
  BODY_TOO_LARGE: 413,
  UNKNOWN_MODEL: 404,
  WRONG_DAO: 422,
  UNKNOWN_CONTRIBUTION: 404,
  DUPLICATE_CONTRIBUTION: 409,
  UNKNOWN_ARTIFACT: 404,
  UNKNOWN_JOB: 404,
  UNKNOWN_JOB_KIND: 422,
  JOB_NOT_CANCELLABLE: 409,
  JOB_NOT_RETRYABLE: 409,
  ARTIFACT_CORRUPT: 500,
  STORE_FAILED: 503,
  CHAIN_UNAVAILABLE: 503,
};

/** Codes a retry can fix (the store or the chain was away); every other code is the caller's to fix. */
const RETRYABLE = new Set<WorkerErrorCode>(["STORE_FAILED", "CHAIN_UNAVAILABLE"]);

export class WorkerError extends Error {
  override name = "WorkerError";
  readonly code: WorkerErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: WorkerErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    this.retryable = RETRYABLE.has(code);
    this.details = details;
  }
}
