// The words the gateway's writer thread shares with the event loop (an Int32Array over a SharedArrayBuffer).

/** The id of the last batch the thread finished (committed and durable, or failed), as an int32 (`id | 0`). */
export const DONE = 0;
/** 1 when that batch succeeded, 2 when it failed (its error comes as a message). */
export const DONE_OK = 1;
/**
 * The id (`| 0`) of the batch for which the event loop wants a message too. Whichever side sees that batch done first
 * takes it back (compareExchange of that id to 0), so an older batch's acknowledgement never takes a newer one's.
 */
export const ARMED = 2;
