import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RateLimiter } from "./rateLimit.ts";

describe("RateLimiter", () => {
  it("lets 100 requests a minute through per key, then says how long to wait", () => {
    const limiter = new RateLimiter(100, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 100; i++) assert.equal(limiter.take("1.2.3.4", t0 + i), 0, `request ${i + 1}`);
    assert.equal(limiter.take("1.2.3.4", t0 + 100), 60, "the 101st waits for the window to end");
    assert.equal(limiter.take("1.2.3.4", t0 + 30_000), 30);
    assert.equal(limiter.take("5.6.7.8", t0 + 30_000), 0, "another address has its own window");
    assert.equal(limiter.take("1.2.3.4", t0 + 60_000), 0, "a new window starts after a minute");
  });

  it("forgets lapsed windows", () => {
    const limiter = new RateLimiter(1, 1_000);
    for (let i = 0; i < 1_000; i++) limiter.take(`k${i}`, 0);
    assert.equal(limiter.take("k0", 500), 1);
    limiter.take("fresh", 5_000); // sweeps
    assert.equal(limiter.tracked, 1);
  });
});
