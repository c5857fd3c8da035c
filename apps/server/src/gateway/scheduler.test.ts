import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { GatewayError } from "./errors.ts";
import { PriorityScheduler } from "./scheduler.ts";

/** A job that runs until `release()` is called. */
function gate(): { promise: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/** Lets queued promise callbacks run (the slot hand-over happens in microtasks). */
const settle = () => sleep(5);

const isBusy = (e: unknown): boolean => {
  assert.ok(e instanceof GatewayError, `a GatewayError, not ${String(e)}`);
  assert.equal(e.code, "BUSY");
  assert.equal(e.status, 429);
  assert.ok(typeof e.retryAfter === "number" && e.retryAfter >= 1, `retryAfter ${e.retryAfter}`);
  assert.ok(Number.isInteger(e.retryAfter), "retryAfter is whole seconds");
  return true;
};

describe("PriorityScheduler", () => {
  it("with limit 1, does not start a second job while the first one runs", async () => {
    const scheduler = new PriorityScheduler({ limit: 1 });
    const first = gate();
    const started: string[] = [];
    const a = scheduler.run(false, async () => {
      started.push("a");
      await first.promise;
      return "a done";
    });
    const b = scheduler.run(false, async () => {
      started.push("b");
      return "b done";
    });
    await settle();
    assert.deepEqual(started, ["a"]);
    assert.deepEqual(scheduler.stats, { limit: 1, active: 1, priorityQueued: 0, queued: 1 });
    first.release();
    assert.equal(await a, "a done");
    assert.equal(await b, "b done");
    assert.deepEqual(started, ["a", "b"]);
    assert.deepEqual(scheduler.stats, { limit: 1, active: 0, priorityQueued: 0, queued: 0 });
  });

  it("starts queued stakers' requests before normal requests that queued earlier", async () => {
    const scheduler = new PriorityScheduler({ limit: 1 });
    const blocker = gate();
    const order: string[] = [];
    const job = (name: string) => async () => {
      order.push(name);
      await sleep(1);
    };
    const running = scheduler.run(false, () => blocker.promise);
    const all = [
      scheduler.run(false, job("normal 1")),
      scheduler.run(false, job("normal 2")),
      scheduler.run(true, job("staker 1")),
      scheduler.run(false, job("normal 3")),
      scheduler.run(true, job("staker 2")),
    ];
    await settle();
    assert.deepEqual(order, []);
    assert.deepEqual(scheduler.stats, { limit: 1, active: 1, priorityQueued: 2, queued: 3 });
    blocker.release();
    await Promise.all([running, ...all]);
    assert.deepEqual(order, ["staker 1", "staker 2", "normal 1", "normal 2", "normal 3"]);
  });

  it("starts a staker's request at once while a slot is free", async () => {
    const scheduler = new PriorityScheduler({ limit: 2 });
    const blocker = gate();
    const running = scheduler.run(false, () => blocker.promise);
    let started = false;
    const staker = scheduler.run(true, async () => {
      started = true;
    });
    await staker;
    assert.ok(started);
    blocker.release();
    await running;
  });

  it("refuses a normal request beyond maxQueue at once with BUSY (429, retryAfter >= 1)", async () => {
    const scheduler = new PriorityScheduler({ limit: 1, maxQueue: 2 });
    const blocker = gate();
    const running = scheduler.run(false, () => blocker.promise);
    const queued = [scheduler.run(false, async () => 1), scheduler.run(false, async () => 2)];
    let ran = false;
    await assert.rejects(
      scheduler.run(false, async () => {
        ran = true;
      }),
      isBusy,
    );
    assert.equal(ran, false, "the refused work never runs");
    assert.equal(scheduler.stats.queued, 2);
    // A staker still queues: the priority queue has its own (larger) bound.
    const staker = scheduler.run(true, async () => "staker");
    await settle();
    assert.equal(scheduler.stats.priorityQueued, 1);
    blocker.release();
    await running;
    assert.deepEqual(await Promise.all([staker, ...queued]), ["staker", 1, 2]);
  });

  it("refuses a staker's request beyond four times maxQueue with BUSY", async () => {
    const scheduler = new PriorityScheduler({ limit: 1, maxQueue: 1 });
    const blocker = gate();
    const running = scheduler.run(false, () => blocker.promise);
    const queued = Array.from({ length: 4 }, (_, i) => scheduler.run(true, async () => i));
    await assert.rejects(
      scheduler.run(true, async () => 99),
      isBusy,
    );
    blocker.release();
    await running;
    assert.deepEqual(await Promise.all(queued), [0, 1, 2, 3]);
  });

  it("rejects a normal request with BUSY once it has waited longer than maxWaitMs, and never runs it", async () => {
    const scheduler = new PriorityScheduler({ limit: 1, maxWaitMs: 50 });
    const blocker = gate();
    const running = scheduler.run(false, () => blocker.promise);
    let ran = false;
    const startedAt = performance.now();
    await assert.rejects(
      scheduler.run(false, async () => {
        ran = true;
      }),
      isBusy,
    );
    assert.ok(performance.now() - startedAt >= 45, "it waited for maxWaitMs first");
    assert.equal(scheduler.stats.queued, 0, "the expired request left the queue");
    blocker.release();
    await running;
    await settle();
    assert.equal(ran, false);
    assert.deepEqual(scheduler.stats, { limit: 1, active: 0, priorityQueued: 0, queued: 0 });
    // The slot is free again: the next request runs at once.
    assert.equal(await scheduler.run(false, async () => "next"), "next");
  });

  it("does not time out a normal request that starts within maxWaitMs", async () => {
    const scheduler = new PriorityScheduler({ limit: 1, maxWaitMs: 200 });
    const blocker = gate();
    const running = scheduler.run(false, () => blocker.promise);
    const waiting = scheduler.run(false, async () => {
      await sleep(300); // runs past maxWaitMs: the timer must have been cleared when it started
      return "ok";
    });
    await sleep(20);
    blocker.release();
    await running;
    assert.equal(await waiting, "ok");
  });

  it("does not time out a staker's request however long it waits", async () => {
    const scheduler = new PriorityScheduler({ limit: 1, maxWaitMs: 20 });
    const blocker = gate();
    const running = scheduler.run(false, () => blocker.promise);
    const staker = scheduler.run(true, async () => "served");
    await sleep(100);
    assert.equal(scheduler.stats.priorityQueued, 1);
    blocker.release();
    await running;
    assert.equal(await staker, "served");
  });

  it("releases the slot of a job that fails, and passes the job's error through", async () => {
    const scheduler = new PriorityScheduler({ limit: 1, maxWaitMs: 1000 });
    const failure = new Error("model crashed");
    const failing = scheduler.run(false, async () => {
      await sleep(10);
      throw failure;
    });
    const next = scheduler.run(false, async () => "after the failure");
    await assert.rejects(failing, (e) => e === failure);
    assert.equal(await next, "after the failure");
    await assert.rejects(
      scheduler.run(true, () => {
        throw new Error("synchronous throw");
      }),
      /synchronous throw/,
    );
    assert.deepEqual(scheduler.stats, { limit: 1, active: 0, priorityQueued: 0, queued: 0 });
    assert.equal(await scheduler.run(false, async () => "free"), "free");
  });

  it("never runs more than `limit` jobs at once (50 jobs with random delays, limit 3)", async () => {
    const scheduler = new PriorityScheduler({ limit: 3 });
    let running = 0;
    let maxRunning = 0;
    let done = 0;
    const jobs = Array.from({ length: 50 }, (_, i) =>
      scheduler.run(randomInt(4) === 0, async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        assert.ok(scheduler.stats.active <= 3, `active ${scheduler.stats.active}`);
        await sleep(randomInt(1, 15));
        running--;
        done++;
        return i;
      }),
    );
    assert.deepEqual(
      await Promise.all(jobs),
      Array.from({ length: 50 }, (_, i) => i),
    );
    assert.equal(done, 50);
    assert.equal(maxRunning, 3, "the limit is reached and never exceeded");
    assert.deepEqual(scheduler.stats, { limit: 3, active: 0, priorityQueued: 0, queued: 0 });
  });

  it("rejects a concurrency limit that is not a positive integer", () => {
    for (const limit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => new PriorityScheduler({ limit }), /positive integer/, `limit ${limit}`);
    }
    assert.equal(new PriorityScheduler({ limit: 1 }).limit, 1);
  });
});
