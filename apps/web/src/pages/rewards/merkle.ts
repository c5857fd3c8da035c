import { type Address, concat, encodeAbiParameters, getAddress, type Hex, isAddress, isHex, keccak256 } from "viem";

/** One account's leaf of an epoch: what RewardsDistributor.claim takes. */
export type RewardClaim = { epoch: bigint; account: Address; amount: bigint; proof: Hex[] };

/** The leaf hash of OpenZeppelin's standard Merkle tree for `(address account, uint256 amount)`. */
export const leafHash = (account: Address, amount: bigint): Hex =>
  keccak256(keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [account, amount])));

/** OpenZeppelin's MerkleProof.processProof: hashes sorted pairs up to the root. */
export function rootOf(leaf: Hex, proof: Hex[]): Hex {
  return proof.reduce<Hex>(
    (hash, p) => keccak256(hash.toLowerCase() < p.toLowerCase() ? concat([hash, p]) : concat([p, hash])),
    leaf,
  );
}

/**
 * Reads what an epoch publishes, as `aidao rewards claim --claim FILE` does: one account's leaf
 * `{ epoch, account, amount, proof }`, or the epoch's whole `StandardMerkleTree.dump()` (the account's proof is then
 * walked up from it). Returns the claim, or why it cannot be used, in words.
 */
export function claimFromJson(
  text: string,
  account: Address,
  epoch: bigint,
): { claim: RewardClaim; error: null } | { claim: null; error: string } {
  const fail = (error: string) => ({ claim: null, error }) as const;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail("Not valid JSON: paste the epoch's claim file or its whole tree.");
  }
  if (parsed?.format === "standard-v1") {
    const tree = parsed.tree as Hex[];
    const values = parsed.values as Array<{ value: [string, string]; treeIndex: number }>;
    if (
      JSON.stringify(parsed.leafEncoding) !== '["address","uint256"]' ||
      !Array.isArray(tree) ||
      !Array.isArray(values)
    ) {
      return fail("This tree's leaves are not (address, amount).");
    }
    const entry = values.find(
      (v) => typeof v.value?.[0] === "string" && isAddress(v.value[0]) && getAddress(v.value[0]) === account,
    );
    if (!entry) return fail(`${account} has no reward in this tree.`);
    const amount = BigInt(entry.value[1]);
    let index = entry.treeIndex;
    if (tree[index] !== leafHash(account, amount)) return fail("The tree is corrupt: the leaf does not match.");
    // A complete binary tree in an array: node i's parent is (i - 1) / 2, its sibling i ± 1.
    const proof: Hex[] = [];
    while (index > 0) {
      const sibling = tree[index % 2 === 1 ? index + 1 : index - 1];
      if (!sibling) return fail("The tree is corrupt: a node is missing.");
      proof.push(sibling);
      index = Math.floor((index - 1) / 2);
    }
    return { claim: { epoch, account, amount, proof }, error: null };
  }
  const { epoch: e, account: a, amount, proof } = parsed ?? {};
  if (!/^\d+$/.test(String(e))) return fail("epoch must be an epoch number.");
  if (BigInt(String(e)) !== epoch) return fail(`This claim is for epoch ${e}, not epoch ${epoch}.`);
  if (typeof a !== "string" || !isAddress(a, { strict: false })) return fail("account must be an address.");
  if (getAddress(a) !== account) return fail(`This claim is ${getAddress(a)}'s, not yours (${account}).`);
  if (typeof amount !== "string" || !/^\d+$/.test(amount) || BigInt(amount) === 0n) {
    return fail("amount must be a positive amount in wei, as a decimal string.");
  }
  if (!Array.isArray(proof) || !proof.every((p) => typeof p === "string" && isHex(p) && p.length === 66)) {
    return fail("proof must be a list of 32-byte hex hashes.");
  }
  return { claim: { epoch, account, amount: BigInt(amount), proof: proof as Hex[] }, error: null };
}
