// The order in which a DAO's queued jobs run. Pure: the queue (jobs/queue.ts) reads the waiting jobs and the DAO's
// dispatch count in one transaction and asks this file which job goes next.
//
// The rule. Jobs belonging to token owners receive higher priority (the white paper): a dispatch takes the job whose
// submitter had the most AIDAO staked when it was queued (ties: the older job, then the lower id). The fair-share
// floor: every `floorEvery`-th dispatch of a DAO (the 4th, 8th, 12th… by default) takes the job that has waited
// longest instead, whatever its stake. So a job with k jobs queued before it starts within floorEvery × (k + 1)
// dispatches however much stake arrives after it: small holders wait longer, never forever, and 3 in 4 dispatches
// still follow stake.

/** What the order looks at: a queued job's stake (AIDAO wei) and when it was queued (unix ms). */
export type Waiting = { id: number; stake: bigint; queuedAt: number };

export type PriorityOptions = {
  /** Every floorEvery-th dispatch goes to the longest-waiting job (default 4; 1 is first-in first-out). */
  floorEvery: number;
};

export const DEFAULT_PRIORITY: PriorityOptions = { floorEvery: 4 };

/** Whether dispatch number `n` (1-based, per DAO) is a fair-share one. */
export function isFloorDispatch(n: number, options: PriorityOptions = DEFAULT_PRIORITY): boolean {
  if (!Number.isInteger(options.floorEvery) || options.floorEvery < 1)
    throw new RangeError(`floorEvery must be a positive integer, not ${options.floorEvery}`);
  return n % options.floorEvery === 0;
}

const older = (a: Waiting, b: Waiting) => a.queuedAt - b.queuedAt || a.id - b.id;
const richer = (a: Waiting, b: Waiting) => (a.stake > b.stake ? -1 : a.stake < b.stake ? 1 : older(a, b));

/** The job dispatch number `n` (1-based, per DAO) takes from `waiting`; undefined when nothing waits. */
export function pickNext(
  waiting: readonly Waiting[],
  n: number,
  options: PriorityOptions = DEFAULT_PRIORITY,
): Waiting | undefined {
  if (waiting.length === 0) return undefined;
  const compare = isFloorDispatch(n, options) ? older : richer;
  let best = waiting[0] as Waiting;
  for (const w of waiting) if (compare(w, best) < 0) best = w;
  return best;
}

/**
 * The order in which `waiting` would run if nothing else arrived, starting at dispatch number `first` (for tests,
 * the benchmark, and `aidao jobs list` to show a queue's order). O(n log n): a stake heap and a FIFO list.
 */
export function dispatchOrder(
  waiting: readonly Waiting[],
  first = 1,
  options: PriorityOptions = DEFAULT_PRIORITY,
): Waiting[] {
  const byStake = [...waiting].sort(richer);
  const byAge = [...waiting].sort(older);
  const done = new Set<number>();
  const order: Waiting[] = [];
  let s = 0;
  let a = 0;
  for (let n = first; order.length < waiting.length; n++) {
    let next: Waiting | undefined;
    if (isFloorDispatch(n, options)) {
      while (done.has((byAge[a] as Waiting).id)) a++;
      next = byAge[a] as Waiting;
    } else {
      while (done.has((byStake[s] as Waiting).id)) s++;
      next = byStake[s] as Waiting;
    }
    done.add(next.id);
    order.push(next);
  }
  return order;
}
