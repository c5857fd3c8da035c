import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress } from "viem";
import { SafePayloadError } from "./errors.ts";
import { buildSafePlugins, MAX_SAFE_DATA_BYTES, parseSafePayload } from "./payload.ts";

const SAFE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const TO = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const tx = (over: Record<string, unknown> = {}) => ({ to: TO, value: "0", data: "0x", ...over });
const plugins = (safe: unknown, others: Record<string, unknown> = {}) => JSON.stringify({ ...others, safe });
const payload = (over: Record<string, unknown> = {}) => ({ safe: SAFE, chainId: 31337, transactions: [tx()], ...over });

describe("parseSafePayload()", () => {
  it("reads a payload, checksumming addresses, lowercasing data and defaulting the operation to a call", () => {
    const p = parseSafePayload(
      plugins(
        payload({ transactions: [tx({ value: "1000000000000000000", data: "0xA9059CBB" }), tx({ operation: 0 })] }),
        { poap: {} },
      ),
    );
    assert.deepEqual(p, {
      safe: SAFE,
      chainId: 31337,
      transactions: [
        { to: getAddress(TO), value: 10n ** 18n, data: "0xa9059cbb", operation: 0 },
        { to: getAddress(TO), value: 0n, data: "0x", operation: 0 },
      ],
    });
  });

  it("returns undefined for a proposal without a Safe payload", () => {
    for (const p of [undefined, null, "", "{}", JSON.stringify({ safeSnap: { safes: [] } })]) {
      assert.equal(parseSafePayload(p), undefined, String(p));
    }
  });

  const bad: Array<[string, unknown, string, string]> = [
    // [case, plugins, code, culprit field]
    ["plugins not a string", { safe: payload() }, "PLUGINS_INVALID", "plugins"],
    ["plugins not JSON", "{safe:", "PLUGINS_INVALID", "plugins"],
    ["plugins an array", "[]", "PLUGINS_INVALID", "plugins"],
    ["payload not an object", plugins("0x01"), "PAYLOAD_INVALID", "plugins.safe"],
    ["unknown payload field", plugins(payload({ value: "1" })), "PAYLOAD_INVALID", "value"],
    ["safe not an address", plugins(payload({ safe: "0x1234" })), "PAYLOAD_INVALID", "safe"],
    [
      "safe with a bad checksum",
      plugins(payload({ safe: "0x5fbDB2315678afecb367f032d93F642f64180aa3" })),
      "PAYLOAD_INVALID",
      "safe",
    ],
    ["safe the zero address", plugins(payload({ safe: `0x${"0".repeat(40)}` })), "PAYLOAD_INVALID", "safe"],
    ["chainId a string", plugins(payload({ chainId: "1" })), "PAYLOAD_INVALID", "chainId"],
    ["chainId zero", plugins(payload({ chainId: 0 })), "PAYLOAD_INVALID", "chainId"],
    ["chainId fractional", plugins(payload({ chainId: 1.5 })), "PAYLOAD_INVALID", "chainId"],
    ["no transactions field", plugins({ safe: SAFE, chainId: 1 }), "PAYLOAD_INVALID", "transactions"],
    ["empty transactions", plugins(payload({ transactions: [] })), "PAYLOAD_INVALID", "transactions"],
    [
      "33 transactions",
      plugins(payload({ transactions: Array.from({ length: 33 }, () => tx()) })),
      "PAYLOAD_INVALID",
      "transactions",
    ],
    [
      "a transaction not an object",
      plugins(payload({ transactions: [tx(), "0x"] })),
      "PAYLOAD_INVALID",
      "transactions[1]",
    ],
    [
      "a misspelt transaction field",
      plugins(payload({ transactions: [tx({ operaton: 1 })] })),
      "PAYLOAD_INVALID",
      "transactions[0].operaton",
    ],
    [
      "to not an address",
      plugins(payload({ transactions: [tx(), tx(), tx({ to: "vitalik.eth" })] })),
      "PAYLOAD_INVALID",
      "transactions[2].to",
    ],
    [
      "to the zero address",
      plugins(payload({ transactions: [tx({ to: `0x${"0".repeat(40)}` })] })),
      "PAYLOAD_INVALID",
      "transactions[0].to",
    ],
    [
      "value a number",
      plugins(payload({ transactions: [tx({ value: 1 })] })),
      "PAYLOAD_INVALID",
      "transactions[0].value",
    ],
    [
      "value in hex",
      plugins(payload({ transactions: [tx({ value: "0x1" })] })),
      "PAYLOAD_INVALID",
      "transactions[0].value",
    ],
    [
      "value with a leading zero",
      plugins(payload({ transactions: [tx({ value: "01" })] })),
      "PAYLOAD_INVALID",
      "transactions[0].value",
    ],
    [
      "value negative",
      plugins(payload({ transactions: [tx({ value: "-1" })] })),
      "PAYLOAD_INVALID",
      "transactions[0].value",
    ],
    [
      "value above uint256",
      plugins(payload({ transactions: [tx({ value: (2n ** 256n).toString() })] })),
      "PAYLOAD_INVALID",
      "transactions[0].value",
    ],
    [
      "data missing",
      plugins(payload({ transactions: [{ to: TO, value: "0" }] })),
      "PAYLOAD_INVALID",
      "transactions[0].data",
    ],
    [
      "data odd-length",
      plugins(payload({ transactions: [tx({ data: "0xabc" })] })),
      "PAYLOAD_INVALID",
      "transactions[0].data",
    ],
    [
      "data not hex",
      plugins(payload({ transactions: [tx({ data: "0xzz" })] })),
      "PAYLOAD_INVALID",
      "transactions[0].data",
    ],
    [
      "data too large in total",
      plugins(payload({ transactions: [tx({ data: `0x${"00".repeat(MAX_SAFE_DATA_BYTES + 1)}` })] })),
      "PAYLOAD_INVALID",
      "transactions",
    ],
    [
      "a delegatecall",
      plugins(payload({ transactions: [tx(), tx({ operation: 1 })] })),
      "DELEGATECALL_REFUSED",
      "transactions[1].operation",
    ],
    [
      "an unknown operation",
      plugins(payload({ transactions: [tx({ operation: "0" })] })),
      "PAYLOAD_INVALID",
      "transactions[0].operation",
    ],
  ];
  for (const [name, input, code, field] of bad) {
    it(`refuses ${name} (${code} at ${field})`, () => {
      assert.throws(
        () => parseSafePayload(input),
        (e: unknown) => e instanceof SafePayloadError && e.code === code && e.details.field === field,
      );
    });
  }

  it("refuses a payload for another chain or another Safe than the space's", () => {
    const p = plugins(payload());
    assert.throws(() => parseSafePayload(p, { chainId: 1 }), { name: "SafePayloadError", code: "WRONG_CHAIN" });
    assert.throws(() => parseSafePayload(p, { safe: getAddress(TO) }), {
      name: "SafePayloadError",
      code: "WRONG_SAFE",
    });
    assert.ok(parseSafePayload(p, { chainId: 31337, safe: SAFE.toLowerCase() as `0x${string}` }));
  });

  it("names the culprit in its message", () => {
    assert.throws(() => parseSafePayload(plugins(payload({ transactions: [tx(), tx(), tx({ to: "0x12" })] }))), {
      message: "plugins.safe.transactions[2].to is not an address",
    });
  });
});

describe("buildSafePlugins()", () => {
  it("writes a payload that parses back, keeping the other plugins", () => {
    const text = buildSafePlugins(
      { safe: SAFE, chainId: 31337, transactions: [{ to: TO, value: 5n, data: "0x" }] },
      JSON.stringify({ poap: { id: 1 } }),
    );
    assert.deepEqual(JSON.parse(text).poap, { id: 1 });
    assert.deepEqual(parseSafePayload(text)?.transactions, [
      { to: getAddress(TO), value: 5n, data: "0x", operation: 0 },
    ]);
  });

  it("refuses to write a payload the hub would refuse", () => {
    assert.throws(() => buildSafePlugins({ safe: SAFE, chainId: 31337, transactions: [] }), {
      code: "PAYLOAD_INVALID",
    });
  });
});
