import assert from "node:assert/strict";
import { it } from "node:test";
import { readArtifact } from "@aidao/contracts/deploy";
import { type AbiEvent, type AbiFunction, toEventSignature, toFunctionSignature } from "viem";
import { safeAbi } from "./abi.ts";

it("safeAbi matches the official SafeL2 1.4.1 artifact, entry for entry", () => {
  const official = readArtifact("SafeL2").abi;
  const sig = (e: AbiFunction | AbiEvent) => (e.type === "event" ? toEventSignature(e) : toFunctionSignature(e));
  for (const entry of safeAbi) {
    const twin = official.find((o) => (o.type === "function" || o.type === "event") && o.name === entry.name) as
      | AbiFunction
      | AbiEvent
      | undefined;
    assert.ok(twin, `${entry.name} is not in SafeL2`);
    assert.equal(sig(entry), sig(twin));
    if (entry.type === "event") {
      assert.deepEqual(
        entry.inputs.map((i) => ("indexed" in i ? i.indexed : false)),
        twin.inputs.map((i) => ("indexed" in i ? i.indexed : false)),
      );
    } else {
      assert.deepEqual(
        entry.outputs.map((o) => o.type),
        (twin as AbiFunction).outputs.map((o) => o.type),
      );
      assert.equal(entry.stateMutability, (twin as AbiFunction).stateMutability);
    }
  }
});
