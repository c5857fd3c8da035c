// An S3-compatible artifact store: one object per artifact at <prefix>/<hash>, addressed path-style
// (<endpoint>/<bucket>/<key>) so that MinIO, Ceph, R2 and AWS all answer; requests signed with SigV4.
import type { ArtifactStore, ContentHash } from "../types.ts";
import { WorkerError } from "../workerError.ts";
import { isContentHash, sha256Hex } from "./hash.ts";
import { type Credentials, signRequest } from "./sigv4.ts";

export type S3StoreOptions = {
  endpoint: string;
  bucket: string;
  /** Key prefix, without leading or trailing slash ("" for the bucket's root). */
  prefix: string;
  region: string;
  credentials: Credentials;
  fetch?: typeof fetch;
};

export class S3ArtifactStore implements ArtifactStore {
  readonly location: string;
  private readonly options: S3StoreOptions;
  private readonly fetch: typeof fetch;

  constructor(options: S3StoreOptions) {
    this.options = options;
    this.fetch = options.fetch ?? fetch;
    this.location = `s3://${options.bucket}/${options.prefix}${options.prefix ? "/" : ""}?endpoint=${options.endpoint}&region=${options.region}`;
  }

  /** The object's URL for `hash`. */
  urlOf(hash: ContentHash): URL {
    if (!isContentHash(hash)) throw new WorkerError("BAD_INPUT", `"${hash}" is not a sha256 hex hash`, { hash });
    const key = this.options.prefix ? `${this.options.prefix}/${hash}` : hash;
    return new URL(`${this.options.endpoint.replace(/\/+$/, "")}/${this.options.bucket}/${key}`);
  }

  async put(bytes: Uint8Array, mediaType: string): Promise<{ hash: ContentHash; size: number }> {
    const hash = sha256Hex(bytes);
    if (await this.has(hash)) return { hash, size: bytes.length };
    const response = await this.request("PUT", hash, { "content-type": mediaType }, bytes);
    if (!response.ok) throw await this.failure("PUT", hash, response);
    return { hash, size: bytes.length };
  }

  async get(hash: ContentHash): Promise<Uint8Array | undefined> {
    const response = await this.request("GET", hash);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) throw await this.failure("GET", hash, response);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const actual = sha256Hex(bytes);
    if (actual !== hash)
      throw new WorkerError("ARTIFACT_CORRUPT", `object ${hash} hashes to ${actual}`, { hash, actual });
    return bytes;
  }

  async has(hash: ContentHash): Promise<boolean> {
    const response = await this.request("HEAD", hash);
    await response.body?.cancel();
    if (response.status === 404) return false;
    if (!response.ok) throw await this.failure("HEAD", hash, response);
    return true;
  }

  private async request(
    method: string,
    hash: ContentHash,
    headers: Record<string, string> = {},
    body?: Uint8Array,
  ): Promise<Response> {
    const url = this.urlOf(hash);
    const signed = signRequest({
      method,
      url,
      headers,
      // The body's own hash: S3 refuses a PUT whose bytes differ from what was signed.
      payloadHash: body ? hash : sha256Hex(new Uint8Array()),
      region: this.options.region,
      credentials: this.options.credentials,
    });
    try {
      return await this.fetch(url, { method, headers: signed, ...(body ? { body } : {}) });
    } catch (error) {
      throw new WorkerError("STORE_FAILED", `${method} ${url}: ${(error as Error).message}`, { hash });
    }
  }

  private async failure(method: string, hash: ContentHash, response: Response): Promise<WorkerError> {
    const text = (await response.text().catch(() => "")).slice(0, 300);
    return new WorkerError("STORE_FAILED", `${method} ${hash}: HTTP ${response.status} ${text}`, {
      hash,
      status: response.status,
    });
  }
}
