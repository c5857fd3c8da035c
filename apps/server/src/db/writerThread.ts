// The gateway's database writer, on its own thread: it runs each batch the main thread sends as one transaction (one
// fsync) and acknowledges it. The main thread keeps serving requests while a commit waits on the disk, and what it
// saves meanwhile goes into the next batch: group commit that adapts to the disk's latency.
import { parentPort, workerData } from "node:worker_threads";
import { type WriterBatch, writeBatch } from "./batchWriter.ts";
import { openSqlite } from "./sqlite.ts";

const { path, durability } = workerData as { path: string; durability: "full" | "normal" };
const db = openSqlite(path, durability);

// Batches arrive one at a time (the store sends the next only after this one is acknowledged).
parentPort?.on("message", async (message: WriterBatch | "close") => {
  if (message === "close") {
    await db.close();
    parentPort?.postMessage({ closed: true });
    return;
  }
  try {
    await writeBatch(db, message);
    parentPort?.postMessage({ id: message.id, ok: true });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, ok: false, error: (error as Error).message });
  }
});
