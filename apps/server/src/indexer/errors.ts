/** The indexer API's typed errors: an HTTP status, a stable code, and a sentence for people. */
export type IndexerErrorCode = "BAD_QUERY" | "NOT_FOUND";

const STATUS: Record<IndexerErrorCode, 400 | 404> = { BAD_QUERY: 400, NOT_FOUND: 404 };

export class IndexerError extends Error {
  override name = "IndexerError";
  readonly code: IndexerErrorCode;
  readonly status: 400 | 404;
  /** The query parameter at fault, if any. */
  readonly param: string | undefined;

  constructor(code: IndexerErrorCode, message: string, param?: string) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    this.param = param;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.param ? { param: this.param } : {}) } };
  }
}
