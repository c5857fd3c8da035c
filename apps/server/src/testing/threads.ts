// Helpers for tests of the shared-memory handshakes with worker threads (verifier rings, the WAL's sync thread, the
// writer thread): they block this thread or run microtasks only, so no turn of the event loop happens in between.

/** Blocks this thread until `control[index]` holds `value` (the other thread writes it). */
export function blockUntil(control: Int32Array, index: number, value: number): void {
  while (Atomics.load(control, index) !== value) Atomics.wait(control, index, Atomics.load(control, index), 50);
}

/** Runs `n` rounds of the microtask queue: promise callbacks settle, the event loop does not turn. */
export async function microtasks(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}
