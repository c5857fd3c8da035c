import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CONTRACT_NAMES, parseDeployment } from "./deployments.ts";
import { loadDeployment } from "./loadDeployment.ts";

const address = (i: number) => `0x${i.toString(16).padStart(40, "0")}`;
const valid = () => ({
  chainId: 31337,
  deployer: address(1),
  contracts: Object.fromEntries(CONTRACT_NAMES.map((name, i) => [name, { address: address(i + 10), block: i + 1 }])),
  safeInfrastructure: {},
});

describe("parseDeployment", () => {
  it("reads every contract's address and block", () => {
    const d = parseDeployment(valid());
    assert.equal(d.contracts.Staking.address, address(10 + CONTRACT_NAMES.indexOf("Staking")));
    assert.equal(typeof d.contracts.Staking.block, "bigint");
  });

  const broken: Array<[string, (d: ReturnType<typeof valid>) => unknown, RegExp]> = [
    ["not an object", () => "nope", /not an object/],
    ["a chain id that is not a positive integer", (d) => ({ ...d, chainId: -1 }), /chainId/],
    ["a deployer that is not an address", (d) => ({ ...d, deployer: "0x12" }), /deployer/],
    ["no contracts", (d) => ({ ...d, contracts: undefined }), /contracts/],
    [
      "a missing contract",
      (d) => {
        const { Staking: _, ...rest } = d.contracts;
        return { ...d, contracts: rest };
      },
      /contracts\.Staking\.address/,
    ],
    [
      "a contract without a block",
      (d) => ({ ...d, contracts: { ...d.contracts, Treasury: { address: address(5) } } }),
      /contracts\.Treasury\.block/,
    ],
  ];
  for (const [name, mutate, message] of broken) {
    it(`rejects ${name}`, () => assert.throws(() => parseDeployment(mutate(valid())), message));
  }
});

describe("loadDeployment", () => {
  const dir = mkdtempSync(join(tmpdir(), "aidao-deployments-"));

  it("loads <dir>/<chainId>.json", () => {
    writeFileSync(join(dir, "31337.json"), JSON.stringify(valid()));
    assert.equal(loadDeployment(dir, 31337).chainId, 31337);
  });

  it("names the missing file", () => assert.throws(() => loadDeployment(dir, 1), /No AIDAO deployment for chain 1/));

  it("rejects a file that is for another chain", () => {
    writeFileSync(join(dir, "5.json"), JSON.stringify(valid()));
    assert.throws(() => loadDeployment(dir, 5), /is for chain 31337, not 5/);
  });

  it("rejects a file that is not JSON", () => {
    writeFileSync(join(dir, "7.json"), "{");
    assert.throws(() => loadDeployment(dir, 7), /not valid JSON/);
  });
});
