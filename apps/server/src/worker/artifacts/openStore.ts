// Which artifact store a server uses: `--artifacts s3://bucket/prefix?endpoint=URL&region=R` (credentials from the
// environment, as AWS's tools read them) or, by default, the filesystem under the data directory.
import { join } from "node:path";
import type { ArtifactStore } from "../types.ts";
import { WorkerError } from "../workerError.ts";
import { FsArtifactStore } from "./fsStore.ts";
import { S3ArtifactStore } from "./s3Store.ts";

/** Opens the store `spec` names (a directory path, file:// URL or s3:// URL), or `<dataDir>/artifacts`. */
export function openArtifactStore(
  spec: string | undefined,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): ArtifactStore {
  if (!spec) return new FsArtifactStore(join(dataDir, "artifacts"));
  if (spec.startsWith("file://")) return new FsArtifactStore(new URL(spec).pathname);
  if (!spec.startsWith("s3://")) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec))
      throw new WorkerError("BAD_INPUT", `--artifacts ${spec}: not a directory, file:// or s3:// URL`);
    return new FsArtifactStore(spec);
  }
  const url = new URL(spec);
  const endpoint = url.searchParams.get("endpoint") ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const region = url.searchParams.get("region") ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!url.hostname) throw new WorkerError("BAD_INPUT", `--artifacts ${spec}: no bucket`);
  if (!accessKeyId || !secretAccessKey)
    throw new WorkerError("BAD_INPUT", "--artifacts s3://…: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
  return new S3ArtifactStore({
    endpoint: endpoint ?? `https://s3.${region}.amazonaws.com`,
    bucket: url.hostname,
    prefix: url.pathname.replace(/^\/+|\/+$/g, ""),
    region,
    credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN },
  });
}
