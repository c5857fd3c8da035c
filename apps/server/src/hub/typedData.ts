import type { Hex } from "viem";
import { keccak256 } from "../gateway/keccak.ts";

type Field = { name: string; type: string };

/**
 * EIP-712 hashing for the hub's own message types, with the native keccak: viem's `hashTypedData` (pure JS, with full
 * validation) took ~190 µs a message here, more than the signature recovery. The types are few and flat (strings,
 * unsigned integers, addresses, string and uint32 arrays; no nested structs), so each message's struct hash is
 * assembled directly; type hashes and domain separators are computed once and cached. `typedData.test.ts`
 * holds it equal to viem's for every type.
 */
export function hashHubMessage(
  domain: Record<string, unknown>,
  types: Record<string, readonly Field[]>,
  primaryType: string,
  message: Record<string, unknown>,
): Hex {
  const fields = types[primaryType] as readonly Field[];
  const words = Buffer.alloc(32 * (fields.length + 1));
  typeHashOf(primaryType, fields).copy(words, 0);
  for (const [i, f] of fields.entries()) encodeField(f.type, message[f.name]).copy(words, 32 * (i + 1));
  const digest = Buffer.alloc(66);
  digest[0] = 0x19;
  digest[1] = 0x01;
  domainSeparatorOf(domain).copy(digest, 2);
  Buffer.from(keccak256(words)).copy(digest, 34);
  return `0x${Buffer.from(keccak256(digest)).toString("hex")}`;
}

const typeHashes = new Map<string, Buffer>();
function typeHashOf(primaryType: string, fields: readonly Field[]): Buffer {
  const encoded = `${primaryType}(${fields.map((f) => `${f.type} ${f.name}`).join(",")})`;
  let h = typeHashes.get(encoded);
  if (!h) {
    h = Buffer.from(keccak256(Buffer.from(encoded)));
    typeHashes.set(encoded, h);
  }
  return h;
}

const separators = new Map<string, Buffer>();
/** The domain separator, cached per domain (a hub sees a handful: Snapshot's and one per space). */
function domainSeparatorOf(domain: Record<string, unknown>): Buffer {
  const key = JSON.stringify(domain);
  let s = separators.get(key);
  if (!s) {
    s = domainSeparator(domain);
    if (separators.size > 1_000) separators.clear(); // domains are few; never let odd ones grow it
    separators.set(key, s);
  }
  return s;
}

const DOMAIN_FIELDS: Field[] = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
  { name: "salt", type: "bytes32" },
];

function domainSeparator(domain: Record<string, unknown>): Buffer {
  const fields = DOMAIN_FIELDS.filter((f) => domain[f.name] !== undefined);
  const words = Buffer.alloc(32 * (fields.length + 1));
  typeHashOf("EIP712Domain", fields).copy(words, 0);
  for (const [i, f] of fields.entries()) encodeField(f.type, domain[f.name]).copy(words, 32 * (i + 1));
  return Buffer.from(keccak256(words));
}

function encodeField(type: string, value: unknown): Buffer {
  switch (type) {
    case "string":
      return stringHash(value as string);
    case "address":
    case "bytes32": {
      const out = Buffer.alloc(32);
      const hex = (value as string).slice(2);
      Buffer.from(hex, "hex").copy(out, 32 - hex.length / 2);
      return out;
    }
    case "uint32":
    case "uint64":
    case "uint256":
      return uint(BigInt(value as number | string));
    case "string[]":
      return Buffer.from(keccak256(Buffer.concat((value as string[]).map((s) => encodeField("string", s)))));
    case "uint32[]":
      return Buffer.from(keccak256(Buffer.concat((value as number[]).map((n) => uint(BigInt(n))))));
    default:
      throw new Error(`the hub does not hash EIP-712 type ${type}`);
  }
}

const stringHashes = new Map<string, Buffer>();
/** keccak256 of a string, remembered for short ones (spaces, addresses, proposal ids, apps: repeated in every vote). */
function stringHash(s: string): Buffer {
  if (s.length > 66) return Buffer.from(keccak256(Buffer.from(s, "utf8")));
  let h = stringHashes.get(s);
  if (!h) {
    h = Buffer.from(keccak256(Buffer.from(s, "utf8")));
    if (stringHashes.size >= 50_000) stringHashes.clear();
    stringHashes.set(s, h);
  }
  return h;
}

function uint(n: bigint): Buffer {
  const out = Buffer.alloc(32);
  let x = n;
  for (let i = 31; i >= 0 && x > 0n; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}
