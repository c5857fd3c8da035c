import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeAbiParameters, keccak256, toHex } from "viem";
import { descriptionHash, proposalId } from "./proposal.ts";

describe("proposalId", () => {
  const calls = { targets: [`0x${"11".repeat(20)}` as const], values: [0n], calldatas: ["0x1234" as const] };

  it("hashes the calls and the description hash as Governor.hashProposal does", () => {
    const expected = BigInt(
      keccak256(
        encodeAbiParameters(
          [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
          [calls.targets, calls.values, calls.calldatas, keccak256(toHex("hello"))],
        ),
      ),
    );
    assert.equal(proposalId(calls, "hello"), expected);
  });

  it("changes with the description", () => assert.notEqual(proposalId(calls, "a"), proposalId(calls, "b")));

  it("hashes the description's UTF-8 bytes", () => assert.equal(descriptionHash("é"), keccak256("0xc3a9")));
});
