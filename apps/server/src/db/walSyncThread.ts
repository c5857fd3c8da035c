// Makes an SQLite WAL durable, on its own thread (see walSync.ts): whenever COMMITTED has moved past SYNCED, it
// fdatasyncs the WAL and raises SYNCED to the COMMITTED it read before the sync, so every commit counted by then is on
// the disk. Commits made during a sync are covered by the next one (group commit, with no event loop in the chain).
// A failed sync ends the thread: after a failed fdatasync the kernel may have dropped the pages it could not write,
// and a later sync that succeeds proves nothing about them.
import { closeSync, fdatasyncSync, openSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { ARMED, COMMITTED, FAILED, STOP, SYNCED, SYNCS } from "./walSync.ts";

const { path, control: buffer } = workerData as { path: string; control: SharedArrayBuffer };
const control = new Int32Array(buffer);

/** How long the thread sleeps at most before it looks at STOP again (a stop raised just before a wait is not lost). */
const WAIT_MS = 250;

let fd: number;
try {
  fd = openSync(path, "r");
} catch (error) {
  fail(error as NodeJS.ErrnoException);
}

function fail(error: NodeJS.ErrnoException): never {
  // FAILED before the message: the event loop may see it first, and then answers nothing more.
  Atomics.store(control, FAILED, typeof error.errno === "number" && error.errno < 0 ? error.errno : -1);
  parentPort?.postMessage({ error: error.message });
  if (fd !== undefined) closeSync(fd);
  process.exit(0);
}

let synced = Atomics.load(control, SYNCED);
while (Atomics.load(control, STOP) === 0) {
  const committed = Atomics.load(control, COMMITTED);
  if (committed === synced) {
    Atomics.wait(control, COMMITTED, synced, WAIT_MS);
    continue;
  }
  try {
    fdatasyncSync(fd);
  } catch (error) {
    fail(error as NodeJS.ErrnoException);
  }
  synced = committed;
  Atomics.add(control, SYNCS, 1);
  Atomics.store(control, SYNCED, synced);
  // The event loop waits for word (it has not looked since): tell it.
  if (Atomics.exchange(control, ARMED, 0) === 1) parentPort?.postMessage({});
}
closeSync(fd);
