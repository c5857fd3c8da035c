// The gateway's database writer, on its own thread: it runs each batch the main thread sends as one transaction (one
// fsync) and acknowledges it. The main thread keeps serving requests while a commit waits on the disk, and what it
// saves meanwhile goes into the next batch: group commit that adapts to the disk's latency. The acknowledgement is
// written to shared memory (writerControl.ts), which the event loop reads at every request; a message follows only if
// the event loop has not taken it by then (or the batch failed: the message carries the error).
import { parentPort, workerData } from "node:worker_threads";
import { type WriterBatch, writeBatch } from "./batchWriter.ts";
import { openSqlite } from "./sqlite.ts";
import { ARMED, DONE, DONE_OK } from "./writerControl.ts";

const {
  path,
  durability,
  control: buffer,
} = workerData as {
  path: string;
  durability: "full" | "normal";
  control: SharedArrayBuffer;
};
const db = openSqlite(path, durability);
const control = new Int32Array(buffer);

// Batches arrive one at a time (the store sends the next only after this one is acknowledged).
parentPort?.on("message", async (message: WriterBatch | "close") => {
  if (message === "close") {
    await db.close();
    parentPort?.postMessage({ closed: true });
    return;
  }
  try {
    await writeBatch(db, message);
    const id = message.id | 0;
    Atomics.store(control, DONE_OK, 1);
    Atomics.store(control, DONE, id);
    if (Atomics.compareExchange(control, ARMED, id, 0) === id) parentPort?.postMessage({ id: message.id, ok: true });
  } catch (error) {
    Atomics.store(control, DONE_OK, 2);
    Atomics.store(control, DONE, message.id | 0);
    parentPort?.postMessage({ id: message.id, ok: false, error: (error as Error).message });
  }
});
