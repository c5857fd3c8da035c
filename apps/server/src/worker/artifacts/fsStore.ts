// The default artifact store: one file per artifact under the data directory, named by its content hash and fanned
// out by its first two hex digits (no directory holds more than 1/256 of the artifacts).
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ArtifactStore, ContentHash } from "../types.ts";
import { WorkerError } from "../workerError.ts";
import { isContentHash, sha256Hex } from "./hash.ts";

export class FsArtifactStore implements ArtifactStore {
  readonly location: string;

  constructor(directory: string) {
    this.location = directory;
  }

  /** Where the artifact `hash` lives (whether or not it is there yet). */
  pathOf(hash: ContentHash): string {
    if (!isContentHash(hash)) throw new WorkerError("BAD_INPUT", `"${hash}" is not a sha256 hex hash`, { hash });
    return join(this.location, hash.slice(0, 2), hash);
  }

  async put(bytes: Uint8Array, _mediaType: string): Promise<{ hash: ContentHash; size: number }> {
    const hash = sha256Hex(bytes);
    const path = this.pathOf(hash);
    if (await this.has(hash)) return { hash, size: bytes.length };
    await mkdir(join(this.location, hash.slice(0, 2)), { recursive: true });
    // Written beside its final name, flushed, then renamed: a reader (or a crash) never sees half an artifact.
    const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      const file = await open(temp, "wx");
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw new WorkerError("STORE_FAILED", `cannot write artifact ${hash}: ${(error as Error).message}`, { hash });
    }
    return { hash, size: bytes.length };
  }

  async get(hash: ContentHash): Promise<Uint8Array | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(hash));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const actual = sha256Hex(bytes);
    if (actual !== hash)
      throw new WorkerError("ARTIFACT_CORRUPT", `artifact ${hash} on disk hashes to ${actual}`, { hash, actual });
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  async has(hash: ContentHash): Promise<boolean> {
    try {
      return (await stat(this.pathOf(hash))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }
}
