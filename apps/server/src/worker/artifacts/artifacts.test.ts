import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ArtifactStore } from "../types.ts";
import type { WorkerError } from "../workerError.ts";
import { CREDENTIALS, startFakeS3 } from "./fakeS3.ts";
import { FsArtifactStore } from "./fsStore.ts";
import { sha256Hex } from "./hash.ts";
import { openArtifactStore } from "./openStore.ts";
import { S3ArtifactStore } from "./s3Store.ts";
import { signRequest } from "./sigv4.ts";

describe("signRequest()", () => {
  it("reproduces AWS's published example (GET Object with a Range header)", () => {
    const headers = signRequest({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { range: "bytes=0-9" },
      payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      region: "us-east-1",
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
      date: new Date("2013-05-24T00:00:00Z"),
    });
    assert.equal(
      headers.authorization,
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });
});

describe("artifact stores", () => {
  let dir: string;
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  const stores: Record<string, () => ArtifactStore> = {};
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "aidao-artifacts-"));
    s3 = await startFakeS3();
    stores.fs = () => new FsArtifactStore(join(dir, "fs"));
    stores.s3 = () =>
      new S3ArtifactStore({
        endpoint: s3.endpoint,
        bucket: "models",
        prefix: "dao/1",
        region: "eu-west-1",
        credentials: CREDENTIALS,
      });
  });
  after(async () => {
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const name of ["fs", "s3"]) {
    describe(name, () => {
      it("put() stores bytes under their sha256, once, and get() returns them", async () => {
        const store = stores[name]?.() as ArtifactStore;
        const bytes = new TextEncoder().encode(`hello ${name}`);
        const first = await store.put(bytes, "text/plain");
        const again = await store.put(bytes, "text/plain");
        assert.deepEqual(first, { hash: sha256Hex(bytes), size: bytes.length });
        assert.deepEqual(again, first);
        assert.equal(await store.has(first.hash), true);
        assert.deepEqual(await store.get(first.hash), bytes);
      });

      it("get() and has() report a missing artifact as absent", async () => {
        const store = stores[name]?.() as ArtifactStore;
        const missing = sha256Hex(new TextEncoder().encode("never stored"));
        assert.equal(await store.has(missing), false);
        assert.equal(await store.get(missing), undefined);
      });

      it("get() refuses a malformed hash", async () => {
        const store = stores[name]?.() as ArtifactStore;
        await assert.rejects(store.get("../../etc/passwd"), (e: WorkerError) => e.code === "BAD_INPUT");
      });
    });
  }

  it("the fs store refuses bytes that no longer match their hash", async () => {
    const store = new FsArtifactStore(join(dir, "corrupt"));
    const { hash } = await store.put(new TextEncoder().encode("original"), "text/plain");
    await writeFile(store.pathOf(hash), "tampered");
    await assert.rejects(store.get(hash), (e: WorkerError) => e.code === "ARTIFACT_CORRUPT");
  });

  it("the fs store leaves no temporary files behind", async () => {
    const store = new FsArtifactStore(join(dir, "clean"));
    const { hash } = await store.put(new TextEncoder().encode("x"), "text/plain");
    assert.deepEqual(await readdir(join(dir, "clean", hash.slice(0, 2))), [hash]);
  });

  it("the s3 store signs every request and keys objects by prefix and hash", async () => {
    const store = stores.s3?.() as S3ArtifactStore;
    const { hash } = await store.put(new TextEncoder().encode("signed"), "text/plain");
    assert.ok(s3.objects.has(`/models/dao/1/${hash}`));
    assert.ok(s3.seen.includes("PUT content-type;host;x-amz-content-sha256;x-amz-date"));
  });

  it("the s3 store surfaces a refused signature as STORE_FAILED", async () => {
    const store = new S3ArtifactStore({
      endpoint: s3.endpoint,
      bucket: "models",
      prefix: "",
      region: "eu-west-1",
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "wrong" },
    });
    await assert.rejects(store.put(new TextEncoder().encode("nope"), "text/plain"), (e: WorkerError) => {
      return e.code === "STORE_FAILED" && e.details.status === 403;
    });
  });

  it("the s3 store refuses an object whose bytes do not match its hash", async () => {
    const store = stores.s3?.() as S3ArtifactStore;
    const { hash } = await store.put(new TextEncoder().encode("to be swapped"), "text/plain");
    s3.objects.set(`/models/dao/1/${hash}`, Buffer.from("swapped"));
    await assert.rejects(store.get(hash), (e: WorkerError) => e.code === "ARTIFACT_CORRUPT");
  });

  it("openArtifactStore() reads --artifacts and the environment", () => {
    assert.equal(openArtifactStore(undefined, "/data").location, "/data/artifacts");
    const store = openArtifactStore("s3://bucket/a/b?endpoint=http://minio:9000", "/data", {
      AWS_ACCESS_KEY_ID: "k",
      AWS_SECRET_ACCESS_KEY: "s",
    });
    assert.equal(store.location, "s3://bucket/a/b/?endpoint=http://minio:9000&region=us-east-1");
    assert.equal(
      openArtifactStore(store.location, "/data", { AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s" }).location,
      store.location,
    );
    assert.throws(() => openArtifactStore("s3://bucket", "/data", {}), /AWS_ACCESS_KEY_ID/);
    assert.throws(() => openArtifactStore("ftp://x/y", "/data", {}), /not a directory/);
  });
});
