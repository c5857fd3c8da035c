import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dispatchOrder, isFloorDispatch, pickNext, type Waiting } from "./priority.ts";

const AIDAO = 10n ** 18n;
const job = (id: number, stake: bigint, queuedAt = id): Waiting => ({ id, stake, queuedAt });

describe("priority", () => {
  it("pickNext() takes the largest stake on ordinary dispatches, the oldest job on every 4th", () => {
    const waiting = [job(1, 0n), job(2, 5n * AIDAO), job(3, 100n * AIDAO), job(4, 5n * AIDAO)];
    assert.equal(pickNext(waiting, 1)?.id, 3);
    assert.equal(pickNext(waiting, 3)?.id, 3);
    assert.equal(pickNext(waiting, 4)?.id, 1);
    assert.equal(pickNext(waiting, 8)?.id, 1);
    assert.equal(pickNext([], 1), undefined);
  });

  it("pickNext() breaks stake ties by age, then id", () => {
    assert.equal(pickNext([job(5, AIDAO, 10), job(6, AIDAO, 9)], 1)?.id, 6);
    assert.equal(pickNext([job(8, AIDAO, 9), job(7, AIDAO, 9)], 1)?.id, 7);
  });

  it("floorEvery 1 is first-in first-out", () => {
    const waiting = [job(1, 0n), job(2, AIDAO), job(3, 2n * AIDAO)];
    assert.deepEqual(
      dispatchOrder(waiting, 1, { floorEvery: 1 }).map((w) => w.id),
      [1, 2, 3],
    );
  });

  it("isFloorDispatch() refuses a floor that is not a positive integer", () => {
    assert.throws(() => isFloorDispatch(1, { floorEvery: 0 }), RangeError);
    assert.throws(() => isFloorDispatch(1, { floorEvery: 1.5 }), RangeError);
  });

  it("dispatchOrder() agrees with pickNext() applied one dispatch at a time", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const waiting = Array.from({ length: 200 }, (_, i) => job(i + 1, BigInt(Math.floor(random() * 50)) * AIDAO));
    const fast = dispatchOrder(waiting, 3).map((w) => w.id);
    const left = [...waiting];
    const slow: number[] = [];
    for (let n = 3; left.length > 0; n++) {
      const next = pickNext(left, n) as Waiting;
      slow.push(next.id);
      left.splice(left.indexOf(next), 1);
    }
    assert.deepEqual(fast, slow);
  });

  it("a small holder queued behind k jobs starts within 4 × (k + 1) dispatches, however many whales arrive", () => {
    // The small holder (stake 0) is the 10th job queued; 1000 whales arrive after it.
    const early = Array.from({ length: 9 }, (_, i) => job(i + 1, 0n));
    const small = job(10, 0n);
    const whales = Array.from({ length: 1000 }, (_, i) => job(11 + i, 1_000_000n * AIDAO));
    const order = dispatchOrder([...early, small, ...whales]);
    const position = order.findIndex((w) => w.id === 10) + 1;
    assert.ok(position <= 4 * 10, `the small holder ran at dispatch ${position}`);
    // …and whales still get three dispatches in four.
    assert.equal(order.slice(0, 40).filter((w) => w.stake > 0n).length, 30);
  });
});
