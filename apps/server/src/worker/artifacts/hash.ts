import { createHash } from "node:crypto";
import type { ContentHash } from "../types.ts";

/** The content hash of `bytes`: sha256, lowercase hex without 0x (an artifact's id). */
export function sha256Hex(bytes: Uint8Array): ContentHash {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Whether `hash` is shaped like a content hash (64 lowercase hex digits): what every store checks before using it. */
export function isContentHash(hash: string): boolean {
  return /^[0-9a-f]{64}$/.test(hash);
}
