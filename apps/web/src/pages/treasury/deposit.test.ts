import { describe, expect, it } from "vitest";
import { checkDeposit, splitIncome } from "./deposit.ts";

describe("checkDeposit", () => {
  it("accepts an amount within the balance", () => {
    expect(checkDeposit("12.5", 18, 20n * 10n ** 18n)).toEqual({ amount: 125n * 10n ** 17n, error: null });
  });
  it("explains what is wrong", () => {
    expect(checkDeposit(" ", 18, undefined).error).toBe("Enter an amount.");
    expect(checkDeposit("-3", 18, undefined).error).toMatch(/positive number/);
    expect(checkDeposit("0.0000001", 6, undefined).error).toMatch(/at most 6 decimals/);
    expect(checkDeposit("21", 18, 20n * 10n ** 18n).error).toBe("That is more than your balance.");
  });
});

describe("splitIncome", () => {
  it("routes the education share, rounded up as the treasury does", () => {
    expect(splitIncome(1000n, 800)).toEqual({ education: 80n, treasury: 920n });
    expect(splitIncome(1001n, 800)).toEqual({ education: 81n, treasury: 920n });
    expect(splitIncome(5600n, 800)).toEqual({ education: 448n, treasury: 5152n });
  });
});
