import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ContractFunctionRevertedError, encodeErrorResult, parseEther, BaseError as ViemBaseError } from "viem";
import { BaseError, describeError, formatDuration, protocolErrorsAbi, toAidaoError } from "./errors.ts";
import { stakingAbi } from "./generated/abis.ts";

describe("formatDuration", () => {
  for (const [seconds, expected] of [
    [0, "0 s"],
    [45, "45 s"],
    [60, "1 min"],
    [3_600, "1 h"],
    [3_660, "1 h 1 min"],
    [86_400, "1 d"],
    [273_600, "3 d 4 h"],
  ] as const) {
    it(`formats ${seconds} s as "${expected}"`, () => assert.equal(formatDuration(seconds), expected));
  }
});

describe("describeError", () => {
  it("says how much stake can be withdrawn when unstaking too much", () => {
    const text = describeError("StakingInsufficientMatured", ["0x0", parseEther("10"), parseEther("2.5")]);
    assert.equal(text, "Stake not matured: you asked for 10 AIDAO but only 2.5 AIDAO can be withdrawn now.");
  });

  it("says when delegation becomes possible", () => {
    const maturesAt = BigInt(Math.floor(Date.now() / 1000) + 3 * 86_400 + 4 * 3_600 + 30);
    assert.equal(
      describeError("StakingDelegateWhileMaturing", ["0x0", maturesAt]),
      "Stake still maturing: delegation is possible in 3 d 4 h.",
    );
  });

  it("falls back to the error's name and arguments when it has no sentence", () => {
    assert.equal(describeError("SomethingElse", [1n, "x"]), "SomethingElse(1, x)");
  });
});

describe("toAidaoError", () => {
  it("decodes a revert raised by another contract than the one called", () => {
    const data = encodeErrorResult({
      abi: protocolErrorsAbi,
      errorName: "ERC20InsufficientAllowance",
      args: ["0x0000000000000000000000000000000000000001", 0n, 5n],
    });
    const revert = new ContractFunctionRevertedError({ abi: stakingAbi, data, functionName: "stake" });
    const error = toAidaoError(new ViemBaseError("call failed", { cause: revert }));
    assert.ok(error instanceof BaseError);
    assert.equal(error.errorName, "ERC20InsufficientAllowance");
    assert.equal(error.shortMessage, "The token allowance is too low; approve first.");
  });

  it("decodes a revert of the called contract with its arguments", () => {
    const data = encodeErrorResult({ abi: stakingAbi, errorName: "StakingZeroAmount" });
    const revert = new ContractFunctionRevertedError({ abi: stakingAbi, data, functionName: "stake" });
    const error = toAidaoError(new ViemBaseError("call failed", { cause: revert }));
    assert.equal(error.errorName, "StakingZeroAmount");
    assert.deepEqual(error.args, []);
  });

  it("keeps a plain error's message and cause", () => {
    const cause = new Error("socket hang up");
    const error = toAidaoError(cause);
    assert.equal(error.shortMessage, "socket hang up");
    assert.equal(error.cause, cause);
  });
});
