import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { checkAmount, checkDelegate, countdown, maturityOf, notMaturedHint } from "./maturity.ts";

const NOW = 1_800_000_000;

describe("maturityOf", () => {
  it("says nothing is staked", () => {
    expect(maturityOf({ staked: 0n, matured: 0n, maturesAt: 0n }, NOW).state).toBe("none");
  });
  it("counts down a maturing stake", () => {
    const m = maturityOf(
      { staked: parseEther("10"), matured: parseEther("4"), maturesAt: BigInt(NOW + 3 * 86_400 + 4 * 3_600) },
      NOW,
    );
    expect(m.state).toBe("maturing");
    if (m.state !== "maturing") return;
    expect(m.maturing).toBe(parseEther("6"));
    expect(m.text).toMatch(/^6 AIDAO matures in 3 d 4 h/);
  });
  it("trusts the contract once all has matured", () => {
    expect(maturityOf({ staked: 5n, matured: 5n, maturesAt: BigInt(NOW + 100) }, NOW).state).toBe("matured");
  });
});

describe("countdown", () => {
  it("writes days and h:mm:ss", () => {
    expect(countdown(3 * 86_400 + 4 * 3_600 + 5 * 60 + 6)).toBe("3 d 04:05:06");
    expect(countdown(59)).toBe("00:00:59");
    expect(countdown(-5)).toBe("00:00:00");
  });
});

describe("checkAmount", () => {
  const max = { value: parseEther("100"), message: (m: string) => `You hold only ${m} AIDAO.` };
  it("accepts a decimal amount", () =>
    expect(checkAmount("12.5", max)).toEqual({ amount: parseEther("12.5"), error: null }));
  it("refuses empty, zero, words and negatives", () => {
    expect(checkAmount(" ").error).toBe("Enter an amount of AIDAO.");
    for (const t of ["0", "abc", "-1", "1e3"]) expect(checkAmount(t).error).toMatch(/positive number/);
  });
  it("refuses more than the maximum", () => expect(checkAmount("100.01", max).error).toBe("You hold only 100 AIDAO."));
});

describe("checkDelegate", () => {
  it("accepts an address in any case", () => {
    expect(checkDelegate(" 0x14dc79964da2c08b23698b3d3cc7ca32193d9955 ").error).toBeNull();
  });
  it("explains what is wrong", () => {
    expect(checkDelegate("").error).toMatch(/Enter the address/);
    expect(checkDelegate("0x1234").error).toMatch(/40 hexadecimal digits/);
  });
});

describe("notMaturedHint", () => {
  it("says when the rest matures", () => {
    const hint = notMaturedHint({ staked: parseEther("1000"), matured: 0n, maturesAt: BigInt(NOW + 7 * 86_400) }, NOW);
    expect(hint).toMatch(/^ The rest \(1,000 AIDAO\) matures in 7 d, on /);
    expect(notMaturedHint({ staked: 1n, matured: 1n, maturesAt: 0n }, NOW)).toBe("");
  });
});
