import { createRequire } from "node:module";
import { type Address, getAddress, type Hex, keccak256, type PublicClient } from "viem";
import { type Artifact, readArtifact } from "./artifacts.ts";
import { codeAt } from "./deterministic.ts";

const require = createRequire(import.meta.url);

/** What the code at an address should be. */
export type ExpectedCode =
  /** The artifact's runtime code, immutables masked. */
  | { artifact: string }
  /** Exactly the code with this hash (Safe's canonical deployments), else the artifact's code. */
  | { artifact: string; codeHash: Hex }
  /** An EIP-1167 clone (OpenZeppelin `Clones`, with or without immutable arguments) of `implementation`. */
  | { cloneOf: Address; implementationName: string }
  /** A Safe proxy whose singleton (storage slot 0) is `singleton`. */
  | { safeProxyOf: Address };

/** The verdict on one contract. */
export type CodeCheck = { name: string; address: Address; ok: boolean; detail: string };

const bytes = (hex: Hex) => Buffer.from(hex.slice(2), "hex");

/** Where solc's CBOR metadata starts: its length is the code's last two bytes. */
function metadataStart(code: Buffer): number {
  if (code.length < 2) return code.length;
  const length = code.readUInt16BE(code.length - 2);
  return length + 2 <= code.length ? code.length - length - 2 : code.length;
}

/**
 * Compares runtime code read from a chain with an artifact's `deployedBytecode`: the immutables (which the constructor
 * writes, so they differ per deployment) are masked; when only the trailing metadata hash differs, the executable code
 * is the same and the contract matches with a note.
 */
export function compareCode(onChain: Hex, artifact: Artifact): { ok: boolean; detail: string } {
  if (onChain === "0x") return { ok: false, detail: "no code at this address" };
  const actual = bytes(onChain);
  const expected = bytes(artifact.deployedBytecode);
  const name = artifact.contractName;
  if (actual.length !== expected.length) {
    return { ok: false, detail: `its code (${actual.length} bytes) is not ${name}'s (${expected.length} bytes)` };
  }
  for (const references of Object.values(artifact.immutableReferences ?? {})) {
    for (const { start, length } of references) actual.fill(0, start, start + length);
  }
  if (actual.equals(expected)) return { ok: true, detail: `matches ${name}` };
  const end = metadataStart(expected);
  if (actual.subarray(0, end).equals(expected.subarray(0, end))) {
    return { ok: true, detail: `matches ${name} except its metadata hash (same code, built from other sources)` };
  }
  const at = actual.findIndex((byte, i) => byte !== expected[i]);
  return { ok: false, detail: `its code differs from ${name}'s from byte ${at}` };
}

const CLONE = /^0x363d3d373d3d3d363d73([0-9a-f]{40})5af43d82803e903d91602b57fd5bf3/;
const SAFE_PROXY_SINGLETON_SLOT = "0x0" as const;

/** Checks the code at `address` against what it should be; never throws for a mismatch. */
export async function checkCode(
  publicClient: PublicClient,
  name: string,
  address: Address,
  expected: ExpectedCode,
): Promise<CodeCheck> {
  const code = (await codeAt(publicClient, address)).toLowerCase() as Hex;
  const verdict = (ok: boolean, detail: string): CodeCheck => ({ name, address, ok, detail });
  if (code === "0x") return verdict(false, "no code at this address");
  if ("cloneOf" in expected) {
    const target = CLONE.exec(code)?.[1];
    if (!target) return verdict(false, `not a clone (of ${expected.implementationName})`);
    return getAddress(`0x${target}`) === getAddress(expected.cloneOf)
      ? verdict(true, `clone of ${expected.implementationName}`)
      : verdict(false, `a clone of 0x${target}, not of ${expected.implementationName} ${expected.cloneOf}`);
  }
  if ("safeProxyOf" in expected) {
    const proxy = compareCode(code, readArtifact("SafeProxy"));
    if (!proxy.ok) return verdict(false, proxy.detail);
    const slot = await publicClient.getStorageAt({ address, slot: SAFE_PROXY_SINGLETON_SLOT });
    const singleton = getAddress(`0x${(slot ?? "0x").slice(-40).padStart(40, "0")}`);
    return singleton === getAddress(expected.safeProxyOf)
      ? verdict(true, `Safe proxy of the singleton ${singleton}`)
      : verdict(false, `a Safe proxy of ${singleton}, not of ${expected.safeProxyOf}`);
  }
  if ("codeHash" in expected && keccak256(code) === expected.codeHash.toLowerCase()) {
    return verdict(true, `${expected.artifact}'s canonical code`);
  }
  const result = compareCode(code, readArtifact(expected.artifact));
  return verdict(result.ok, result.detail);
}

/** The canonical code hash of a Safe 1.4.1 contract at `address`, if that is its canonical address. */
export function safeCanonicalCodeHash(getter: string, address: Address): Hex | undefined {
  const deployments = require("@safe-global/safe-deployments") as Record<
    string,
    (filter: { version: string }) => { deployments: { canonical?: { address: Address; codeHash?: Hex } } } | undefined
  >;
  const canonical = deployments[getter]?.({ version: "1.4.1" })?.deployments.canonical;
  return canonical?.codeHash && getAddress(canonical.address) === getAddress(address) ? canonical.codeHash : undefined;
}
