import { describe, expect, it } from "vitest";
import { formatAmount, formatBps, parseAmount, relative, shortAddress } from "./format.ts";

describe("format", () => {
  it("groups thousands and cuts decimals without rounding up", () => {
    expect(formatAmount(1_234_567_890_000_000_000_000n)).toBe("1,234.56");
    expect(formatAmount(5n * 10n ** 17n)).toBe("0.5");
    expect(formatAmount(30_000_000_000n, 6)).toBe("30,000");
    expect(formatAmount(-2n * 10n ** 18n)).toBe("-2");
    expect(formatAmount(1n, 18, 4)).toBe("0");
  });

  it("parses what people type, refusing what is not a positive amount", () => {
    expect(parseAmount("1.5")).toBe(15n * 10n ** 17n);
    expect(parseAmount(" 100 ", 6)).toBe(100_000_000n);
    for (const bad of ["", "0", "0.0", "-1", "1e3", "abc", "1.2.3", "0.0000001"]) {
      expect(parseAmount(bad, 6), bad).toBeNull();
    }
  });

  it("says basis points, addresses and times for people", () => {
    expect(formatBps(800)).toBe("8%");
    expect(formatBps(1_250)).toBe("12.5%");
    expect(shortAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")).toBe("0xf39F…2266");
    expect(relative(1_000 + 3 * 86_400 + 4 * 3_600, 1_000)).toBe("in 3 d 4 h");
    expect(relative(1_000 - 2 * 3_600, 1_000)).toBe("2 h ago");
  });
});
