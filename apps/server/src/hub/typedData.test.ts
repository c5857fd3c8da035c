import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HUB_TYPES, hubDomain, SNAPSHOT_DOMAIN } from "@aidao/sdk";
import { hashTypedData } from "viem";
import { seededRandom } from "./tally/random-ballots.ts";
import { hashHubMessage } from "./typedData.ts";

describe("hashHubMessage", () => {
  it("equals viem's EIP-712 hash for every hub type, in both domains, on random messages", () => {
    const rand = seededRandom(7);
    const text = () =>
      Array.from({ length: Math.floor(rand() * 40) }, () =>
        String.fromCodePoint(rand() < 0.8 ? 32 + Math.floor(rand() * 90) : 0x4e00 + Math.floor(rand() * 500)),
      ).join("");
    const value = (type: string): unknown => {
      switch (type) {
        case "string":
          return text();
        case "address":
          return `0x${Array.from({ length: 40 }, () => Math.floor(rand() * 16).toString(16)).join("")}`;
        case "uint32":
          return Math.floor(rand() * 2 ** 32);
        case "uint64":
          return Math.floor(rand() * Number.MAX_SAFE_INTEGER);
        case "string[]":
          return Array.from({ length: Math.floor(rand() * 5) }, text);
        case "uint32[]":
          return Array.from({ length: Math.floor(rand() * 6) }, () => Math.floor(rand() * 64));
        default:
          throw new Error(type);
      }
    };
    const domains = [
      SNAPSHOT_DOMAIN,
      { ...SNAPSHOT_DOMAIN, chainId: 31337 },
      hubDomain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3"),
    ];
    let checked = 0;
    for (const types of Object.values(HUB_TYPES)) {
      const [primaryType, fields] = Object.entries(types)[0] as [string, ReadonlyArray<{ name: string; type: string }>];
      for (let k = 0; k < 40; k++) {
        const message = Object.fromEntries(fields.map((f) => [f.name, value(f.type)]));
        const domain = domains[k % domains.length] as Record<string, unknown>;
        const expected = hashTypedData({ domain, types, primaryType, message } as never);
        assert.equal(hashHubMessage(domain, types, primaryType, message), expected, `${primaryType} #${k}`);
        checked++;
      }
    }
    assert.equal(checked, 240);
  });
});
