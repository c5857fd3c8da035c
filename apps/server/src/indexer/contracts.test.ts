import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aidaoTokenAbi, templateId, ventureReceiptsAbi } from "@aidao/sdk";
import { type Address, encodeAbiParameters, encodeEventTopics, getAddress, type Hex, zeroAddress } from "viem";
import { Decoder, daoContracts, toJson } from "./contracts.ts";

const a = getAddress("0x00000000000000000000000000000000000000a1");
const b = getAddress("0x00000000000000000000000000000000000000b2");

describe("Decoder", () => {
  const decoder = new Decoder();
  const erc20Transfer = {
    topics: encodeEventTopics({ abi: aidaoTokenAbi, eventName: "Transfer", args: { from: a, to: b } }) as Hex[],
    data: encodeAbiParameters([{ type: "uint256" }], [10n ** 30n]),
  };
  const erc721Transfer = {
    topics: encodeEventTopics({
      abi: ventureReceiptsAbi,
      eventName: "Transfer",
      args: { from: a, to: b, tokenId: 7n },
    }) as Hex[],
    data: "0x" as const,
  };

  it("decode() tells an ERC-20 Transfer from an ERC-721 Transfer (same selector) whatever the contract's kind", () => {
    for (const kind of ["AIDAOToken", "VentureReceipts", "Unknown"]) {
      assert.deepEqual(decoder.decode(erc20Transfer, kind), {
        event: "Transfer",
        args: { from: a, to: b, value: 10n ** 30n },
      });
      assert.deepEqual(decoder.decode(erc721Transfer, kind), {
        event: "Transfer",
        args: { from: a, to: b, tokenId: 7n },
      });
    }
  });

  it("decode() returns null for a log no known ABI describes", () => {
    const cases = [
      { name: "no topics", log: { topics: [], data: "0x" as const } },
      { name: "unknown selector", log: { topics: [`0x${"ab".repeat(32)}` as const], data: "0x" as const } },
      { name: "truncated data", log: { topics: erc20Transfer.topics, data: "0x01" as const } },
    ];
    for (const c of cases) assert.equal(decoder.decode(c.log, "AIDAOToken"), null, c.name);
  });
});

describe("daoContracts", () => {
  const dao = {
    treasury: a,
    token: b,
    governor: "0x00000000000000000000000000000000000000c3" as Address,
    timelock: "0x00000000000000000000000000000000000000d4" as Address,
    safe: zeroAddress,
    module: "0x00000000000000000000000000000000000000e5" as Address,
    creator: a,
    parentId: 1n,
    version: 1,
    mode: 0,
  };

  it("daoContracts() names each clone after its template, and leaves out empty roles", () => {
    const table = [
      { template: "venture", token: "VentureReceipts", governor: "VentureGovernor", module: "VentureFund" },
      { template: "grant", token: "RevenueShareToken", governor: "ChildGovernor", module: "GrantProgram" },
      { template: "donation", token: "DAOToken", governor: "ChildGovernor", module: "DonationVault" },
      { template: "consortium", token: "DAOToken", governor: "ChildGovernor", module: "Consortium" },
    ] as const;
    for (const t of table) {
      const got = Object.fromEntries(
        daoContracts({ ...dao, templateId: templateId(t.template) }).map((c) => [c.role, c.contract]),
      );
      assert.deepEqual(
        got,
        {
          treasury: "ChildTreasury",
          token: t.token,
          governor: t.governor,
          timelock: "ChildTimelock",
          module: t.module,
        },
        t.template,
      );
    }
    const safe = "0x00000000000000000000000000000000000000f6" as Address;
    assert.deepEqual(
      daoContracts({ ...dao, safe, templateId: templateId("donation") }).find((c) => c.role === "safe"),
      { role: "safe", address: safe, contract: "Safe" },
      "a DAO's Safe (watched for its executions)",
    );
    const bare = daoContracts({ ...dao, token: zeroAddress, module: zeroAddress, templateId: templateId("donation") });
    assert.deepEqual(
      bare.map((c) => c.role),
      ["treasury", "governor", "timelock"],
    );
  });
});

describe("toJson", () => {
  it("toJson() writes uint256 values, nested ones included, as decimal strings", () => {
    assert.equal(
      toJson({ amount: 2n ** 255n, list: [1n], tuple: { x: 0n, ok: true } }),
      `{"amount":"${2n ** 255n}","list":["1"],"tuple":{"x":"0","ok":true}}`,
    );
  });
});
