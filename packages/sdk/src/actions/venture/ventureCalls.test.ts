import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeAbiParameters, decodeFunctionData, getAddress, parseAbiParameters, parseEther, zeroAddress } from "viem";
import { ventureFundAbi } from "../../generated/abis.ts";
import { encodeTemplateData } from "../../templates.ts";
import { acceptTokenCall, investCall, openRoundCall, setPriceCall } from "./ventureCalls.ts";

const fund = getAddress(`0x${"aa".repeat(20)}`);
const token = getAddress(`0x${"bb".repeat(20)}`);
const decode = (data: `0x${string}`) => decodeFunctionData({ abi: ventureFundAbi, data });

describe("venture governance calls", () => {
  it("open a round with its cap and schedule, and refuse a round that unlocks before it closes", () => {
    const call = openRoundCall(fund, { cap: parseEther("1000"), closesAt: 10n, unlocksAt: 20n });
    assert.equal(call.target, fund);
    assert.deepEqual(decode(call.data), { functionName: "openRound", args: [parseEther("1000"), 10n, 20n] });
    assert.throws(() => openRoundCall(fund, { cap: 1n, closesAt: 20n, unlocksAt: 10n }), /cannot unlock before/);
    assert.throws(() => openRoundCall(fund, { cap: 0n, closesAt: 1n, unlocksAt: 2n }), /positive cap/);
  });

  it("accept a token with a governance price (no source) and set its price", () => {
    assert.deepEqual(decode(acceptTokenCall(fund, { token, maxAgeSeconds: 3600 }).data).args, [
      token,
      zeroAddress,
      3600,
    ]);
    assert.deepEqual(decode(setPriceCall(fund, token, 5n).data).args, [token, 5n]);
    assert.throws(() => setPriceCall(fund, token, 0n), /positive/);
    assert.throws(() => acceptTokenCall(fund, { token, maxAgeSeconds: 0 }), /maximum age/);
  });

  it("invest names the DAO, amount, token, what comes back and the terms", () => {
    const call = investCall(fund, {
      roundId: 1n,
      daoId: 3n,
      payToken: token,
      amount: 7n,
      receiveToken: fund,
      receiveAmount: 2n,
      terms: "ipfs://terms",
    });
    const { functionName, args } = decode(call.data);
    assert.equal(functionName, "invest");
    assert.deepEqual(args, [
      1n,
      { daoId: 3n, payToken: token, amount: 7n, receiveToken: fund, receiveAmount: 2n, terms: "ipfs://terms" },
    ]);
    const base = { roundId: 1n, daoId: 3n, payToken: token, amount: 7n, terms: "t" };
    assert.throws(() => investCall(fund, { ...base, terms: " " }), /terms/);
    assert.throws(() => investCall(fund, { ...base, receiveToken: token }), /both/);
    assert.throws(() => investCall(fund, { ...base, amount: 0n }), /positive amount/);
  });
});

describe("the venture template's data", () => {
  it("encodes the receipts' name and symbol and the investors' weight (60 by default)", () => {
    const data = encodeTemplateData({ template: "venture", receiptName: "R", receiptSymbol: "RR" });
    assert.deepEqual(decodeAbiParameters(parseAbiParameters("string, string, uint8"), data), ["R", "RR", 60]);
  });

  it("refuses a weight outside 1..99 and empty names", () => {
    for (const investorWeight of [0, 100, 60.5]) {
      assert.throws(
        () => encodeTemplateData({ template: "venture", receiptName: "R", receiptSymbol: "RR", investorWeight }),
        /investorWeight/,
      );
    }
    assert.throws(() => encodeTemplateData({ template: "venture", receiptName: " ", receiptSymbol: "RR" }), /name/);
  });
});
