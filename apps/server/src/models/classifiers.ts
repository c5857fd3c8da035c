// Where the gateway finds the trained classifier an endpoint serves: the content hash named in the endpoint's URL
// (`aidao:face-recognition#model=<sha256>`), or else its model version's content hash on chain — the hash the worker
// registered and governance promoted. The bytes come from the artifact store the worker wrote them to.
import type { Hex } from "viem";
import { GatewayError } from "../gateway/errors.ts";
import type { ArtifactStore } from "../worker/types.ts";
import { ClassifierError, type FaceClassifier, parseClassifier } from "./faceClassifier.ts";

/** What a built-in model knows of the endpoint it serves. */
export type EndpointRef = { url: string; modelId: bigint; versionId: bigint };

const MAX_CACHED = 16;

export class ClassifierSource {
  private readonly store: ArtifactStore;
  private readonly versionHash: ((modelId: bigint, versionId: bigint) => Promise<Hex>) | undefined;
  private readonly cache = new Map<string, FaceClassifier>();
  private readonly versions = new Map<string, string>();

  constructor(p: { store: ArtifactStore; versionHash?: (modelId: bigint, versionId: bigint) => Promise<Hex> }) {
    this.store = p.store;
    this.versionHash = p.versionHash;
  }

  /** The content hash of the classifier `endpoint` serves. */
  async hashOf(endpoint: EndpointRef): Promise<string> {
    const fragment = endpoint.url.includes("#") ? endpoint.url.slice(endpoint.url.indexOf("#") + 1) : "";
    const named = new URLSearchParams(fragment).get("model");
    if (named !== null) {
      if (!/^[0-9a-f]{64}$/.test(named))
        throw new GatewayError("MODEL_FAILED", `the endpoint's model=${named} is not a sha256 content hash`);
      return named;
    }
    const key = `${endpoint.modelId}:${endpoint.versionId}`;
    const known = this.versions.get(key);
    if (known) return known;
    if (!this.versionHash)
      throw new GatewayError("MODEL_FAILED", "the endpoint names no model=<hash> and this gateway reads no versions");
    // A version's content hash never changes: read once.
    const hash = (await this.versionHash(endpoint.modelId, endpoint.versionId)).slice(2).toLowerCase();
    this.versions.set(key, hash);
    return hash;
  }

  /** The classifier `endpoint` serves, read from the store once and kept (the few most recent). */
  async forEndpoint(endpoint: EndpointRef): Promise<{ hash: string; classifier: FaceClassifier }> {
    const hash = await this.hashOf(endpoint);
    const cached = this.cache.get(hash);
    if (cached) return { hash, classifier: cached };
    const bytes = await this.store.get(hash);
    if (!bytes)
      throw new GatewayError("MODEL_FAILED", `classifier ${hash} is not in this gateway's artifact store`, { hash });
    let classifier: FaceClassifier;
    try {
      classifier = parseClassifier(bytes);
    } catch (error) {
      if (error instanceof ClassifierError)
        throw new GatewayError("MODEL_FAILED", `artifact ${hash} is not a classifier: ${error.message}`, { hash });
      throw error;
    }
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(hash, classifier);
    return { hash, classifier };
  }
}
