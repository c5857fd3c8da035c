import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type Address,
  concatHex,
  decodeFunctionData,
  type Hex,
  numberToHex,
  parseAbi,
  recoverTypedDataAddress,
  zeroAddress,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { SafePayload } from "./payload.ts";
import {
  buildSafeTx,
  encodeMultiSend,
  MULTI_SEND_CALL_ONLY_141,
  preparedSafeTxFromJSON,
  preparedSafeTxToJSON,
  safeTxTypedData,
} from "./safeTx.ts";

const SAFE: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const A: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const B: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const payload = (transactions: SafePayload["transactions"]): SafePayload => ({
  safe: SAFE,
  chainId: 31337,
  transactions,
});

describe("buildSafeTx()", () => {
  it("makes one transaction a direct call with no refund, at the given nonce", () => {
    const p = buildSafeTx(payload([{ to: A, value: 7n, data: "0xabcd", operation: 0 }]), 3n);
    assert.deepEqual(p.tx, {
      to: A,
      value: 7n,
      data: "0xabcd",
      operation: 0,
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: zeroAddress,
      refundReceiver: zeroAddress,
      nonce: 3n,
    });
    assert.equal(p.safe, SAFE);
    assert.equal(p.chainId, 31337);
  });

  it("makes several transactions one delegatecall into MultiSendCallOnly, packed as MultiSend reads them", () => {
    const calls = [
      { to: A, value: 1n, data: "0x" as Hex, operation: 0 as const },
      { to: B, value: 0n, data: "0xa9059cbb00" as Hex, operation: 0 as const },
    ];
    const canonical = buildSafeTx(payload(calls), 0n);
    assert.equal(canonical.tx.to, MULTI_SEND_CALL_ONLY_141.address);
    assert.equal(canonical.tx.operation, 1);
    assert.equal(canonical.tx.value, 0n);
    const local = buildSafeTx(payload(calls), 0n, { multiSendCallOnly: B });
    assert.equal(local.tx.to, B);
    assert.notEqual(local.hash, canonical.hash);

    const { args } = decodeFunctionData({
      abi: parseAbi(["function multiSend(bytes transactions)"]),
      data: encodeMultiSend(calls),
    });
    const word = (n: bigint) => numberToHex(n, { size: 32 });
    // Each call: operation (1 byte), to (20), value (32), data length (32), data.
    const expected = concatHex([
      ...["0x00", A, word(1n), word(0n)],
      ...["0x00", B, word(0n), word(5n), "0xa9059cbb00"],
    ] as Hex[]);
    assert.equal(args[0], expected.toLowerCase());
  });

  it("hashes what a wallet signs with signTypedData (domain: chainId and the Safe only)", async () => {
    const owner = privateKeyToAccount(`0x${"11".repeat(32)}`);
    const p = buildSafeTx(payload([{ to: A, value: 1n, data: "0x", operation: 0 }]), 0n);
    const typedData = safeTxTypedData(p);
    assert.deepEqual(typedData.domain, { chainId: 31337, verifyingContract: SAFE });
    const signature = await owner.signTypedData(typedData);
    assert.equal(await recoverTypedDataAddress({ ...typedData, signature }), owner.address);
    // The nonce is in the hash: the same payload at the next nonce is another SafeTx.
    assert.notEqual(buildSafeTx(payload([{ to: A, value: 1n, data: "0x", operation: 0 }]), 1n).hash, p.hash);
  });
});

describe("preparedSafeTxFromJSON()", () => {
  it("reads back what preparedSafeTxToJSON wrote, and refuses a row whose fields no longer match its hash", () => {
    const p = buildSafeTx(payload([{ to: A, value: 10n ** 18n, data: "0x01", operation: 0 }]), 2n);
    const json = JSON.parse(JSON.stringify(preparedSafeTxToJSON(p)));
    assert.deepEqual(preparedSafeTxFromJSON(json), p);
    json.tx.value = "2000000000000000000";
    assert.throws(() => preparedSafeTxFromJSON(json), { name: "SafeExecutionError", code: "HASH_MISMATCH" });
  });
});
