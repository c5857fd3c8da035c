// The words the gateway's writer thread shares with the event loop (an Int32Array over a SharedArrayBuffer).

/** The id of the last batch the thread finished (committed and durable, or failed). */
export const DONE = 0;
/** 1 when that batch succeeded, 2 when it failed (its error comes as a message). */
export const DONE_OK = 1;
/** 1 while the event loop wants a message too; whichever side sees DONE first takes it back (exchange to 0). */
export const ARMED = 2;
