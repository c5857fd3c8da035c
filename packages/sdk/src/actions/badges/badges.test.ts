import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeFunctionData, type Hex } from "viem";
import { BaseError } from "../../errors.ts";
import { contributorBadgesAbi } from "../../generated/abis.ts";
import { awardBadgeCall, revokeBadgeCall } from "./badgeCalls.ts";
import { badgeKind, badgeKindName, isBadgeKindName } from "./badgeKind.ts";
import { parseBadgeMetadata } from "./badgeMetadata.ts";

const BADGES = "0x00000000000000000000000000000000000bad9e" as const;
const ALICE = "0x00000000000000000000000000000000000A11cE" as const; // checksummed, as viem decodes it

describe("badgeKind", () => {
  it('stores a name left-aligned in 32 bytes, as bytes32("FirstContribution") in Solidity', () => {
    assert.equal(
      badgeKind("FirstContribution"),
      `0x${Buffer.from("FirstContribution").toString("hex").padEnd(64, "0")}`,
    );
  });

  it("reads the name back, and leaves a malformed kind as hex", () => {
    assert.equal(badgeKindName(badgeKind("top-labeller_2026")), "top-labeller_2026");
    const rightAligned = `0x${"00".repeat(31)}41` as Hex;
    assert.equal(badgeKindName(rightAligned), rightAligned);
  });

  for (const [name, ok] of [
    ["A", true],
    ["x".repeat(32), true],
    ["", false],
    ["x".repeat(33), false],
    ["has space", false],
    ['quote"', false],
    ["é", false],
  ] as const) {
    it(`${ok ? "accepts" : "refuses"} ${JSON.stringify(name)}`, () => {
      assert.equal(isBadgeKindName(name), ok);
      if (ok) badgeKind(name);
      else assert.throws(() => badgeKind(name), BaseError);
    });
  }
});

describe("awardBadgeCall", () => {
  it("encodes ContributorBadges.award for the DAO's governance to make", () => {
    const call = awardBadgeCall(BADGES, { daoId: 2n, kind: "VersionPromoted", holder: ALICE, uri: "ipfs://b" });
    assert.equal(call.target, BADGES);
    assert.equal(call.value, 0n);
    const decoded = decodeFunctionData({ abi: contributorBadgesAbi, data: call.data });
    assert.equal(decoded.functionName, "award");
    assert.deepEqual(decoded.args, [2n, badgeKind("VersionPromoted"), ALICE, "ipfs://b"]);
  });

  it("defaults to an empty URI (the contract then describes the badge on chain)", () => {
    const call = awardBadgeCall(BADGES, { daoId: 1n, kind: "FirstContribution", holder: ALICE });
    assert.equal(decodeFunctionData({ abi: contributorBadgesAbi, data: call.data }).args?.[3], "");
  });

  for (const [what, input] of [
    ["DAO 0", { daoId: 0n, kind: "FirstContribution", holder: ALICE }],
    ["a bad kind", { daoId: 1n, kind: "no spaces", holder: ALICE }],
    ["the zero holder", { daoId: 1n, kind: "FirstContribution", holder: `0x${"00".repeat(20)}` }],
    ["a non-address", { daoId: 1n, kind: "FirstContribution", holder: "0x1234" }],
  ] as const) {
    it(`refuses ${what} before anything is sent`, () => {
      assert.throws(() => awardBadgeCall(BADGES, input as Parameters<typeof awardBadgeCall>[1]), BaseError);
    });
  }
});

describe("revokeBadgeCall", () => {
  it("encodes ContributorBadges.revoke with the reason", () => {
    const call = revokeBadgeCall(BADGES, 7n, "a mistake");
    assert.deepEqual(decodeFunctionData({ abi: contributorBadgesAbi, data: call.data }).args, [7n, "a mistake"]);
  });

  it("refuses id 0", () => assert.throws(() => revokeBadgeCall(BADGES, 0n), BaseError));
});

describe("parseBadgeMetadata", () => {
  const json = { name: "FirstContribution #1", attributes: [{ trait_type: "DAO", value: 1 }] };

  it("decodes a base64 data: URI, as ContributorBadges generates", () => {
    const uri = `data:application/json;base64,${Buffer.from(JSON.stringify(json)).toString("base64")}`;
    assert.deepEqual(parseBadgeMetadata(uri), json);
  });

  it("decodes a percent-encoded data: URI", () => {
    assert.deepEqual(parseBadgeMetadata(`data:application/json,${encodeURIComponent(JSON.stringify(json))}`), json);
  });

  for (const uri of [
    "ipfs://badge",
    "https://x/1.json",
    "data:application/json;base64,!!!",
    "data:application/json,[1]",
  ]) {
    it(`returns null for ${uri}`, () => assert.equal(parseBadgeMetadata(uri), null));
  }
});
