import { type Address, type Hex, keccak256, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { checkClaim } from "./ClaimForm.tsx";
import { claimFromJson, leafHash, rootOf } from "./merkle.ts";
import { epochVested, sample, walletVested } from "./schedule.ts";
import { releaseBlocker } from "./VestingCard.tsx";

const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address;

describe("schedules", () => {
  it("vests an epoch linearly from its posting to the programme's end", () => {
    expect(epochVested(1000n, 100n, 200n, 100n)).toBe(0n);
    expect(epochVested(1000n, 100n, 200n, 150n)).toBe(500n);
    expect(epochVested(1000n, 100n, 200n, 250n)).toBe(1000n);
  });
  it("vests nothing before the cliff, then catches up linearly", () => {
    const s = { total: 1000n, start: 0n, duration: 100n, cliff: 25n };
    expect(walletVested(s, 24n)).toBe(0n);
    expect(walletVested(s, 25n)).toBe(250n);
    expect(walletVested(s, 100n)).toBe(1000n);
  });
  it("samples the jump at the cliff", () => {
    const pts = sample((t) => walletVested({ total: 100n, start: 0n, duration: 100n, cliff: 33n }, t), 0, 100, 4, [33]);
    expect(pts.map((p) => p.t)).toEqual([0, 25, 32, 33, 50, 75, 100]);
    expect(pts.find((p) => p.t === 32)?.vested).toBe(0n);
    expect(pts.find((p) => p.t === 33)?.vested).toBe(33n);
  });
});

describe("claims", () => {
  const leafA = leafHash(A, parseEther("5"));
  const leafB = leafHash(B, parseEther("7"));
  const root = rootOf(leafA, [leafB]);
  it("builds a root from sorted pairs whichever side the leaf is", () => {
    expect(rootOf(leafB, [leafA])).toBe(root);
    expect(root).not.toBe(keccak256(leafA));
  });
  it("reads a one-account claim file and checks it against the root", () => {
    const file = JSON.stringify({ epoch: 0, account: A, amount: parseEther("5").toString(), proof: [leafB] });
    expect(checkClaim(file, A, 0n, root).claim?.amount).toBe(parseEther("5"));
    expect(checkClaim(file, A, 1n, root).error).toBe("This claim is for epoch 0, not epoch 1.");
    expect(checkClaim(file, B, 0n, root).error).toMatch(/not yours/);
    expect(checkClaim(file, A, 0n, `0x${"11".repeat(32)}` as Hex).error).toMatch(
      /does not lead to epoch 0's Merkle root/,
    );
    expect(checkClaim("{", A, 0n, root).error).toMatch(/Not valid JSON/);
  });
  it("walks a whole tree dump for the account's proof", () => {
    const [hi, lo] = leafA.toLowerCase() > leafB.toLowerCase() ? [leafA, leafB] : [leafB, leafA];
    const dump = {
      format: "standard-v1",
      leafEncoding: ["address", "uint256"],
      tree: [root, hi, lo],
      values: [
        { value: [A, parseEther("5").toString()], treeIndex: hi === leafA ? 1 : 2 },
        { value: [B, parseEther("7").toString()], treeIndex: hi === leafB ? 1 : 2 },
      ],
    };
    const got = claimFromJson(JSON.stringify(dump), B, 3n);
    expect(got.claim).toEqual({ epoch: 3n, account: B, amount: parseEther("7"), proof: [leafA] });
    expect(claimFromJson(JSON.stringify(dump), "0x90F79bf6EB2c4f870365E785982E1f101E93b906", 3n).error).toMatch(
      /no reward/,
    );
  });
});

describe("releaseBlocker", () => {
  const w = { releasable: 0n, start: 1000n, duration: 1000n, cliff: 1500n };
  it("explains why nothing can be released", () => {
    expect(releaseBlocker(w, 1200)).toMatch(/^Nothing to release before the cliff, .* \(in 5 min\)\.$/);
    expect(releaseBlocker(w, 1700)).toBe("Nothing new has vested since the last release.");
    expect(releaseBlocker(w, 2500)).toBe("Everything has been released.");
    expect(releaseBlocker({ ...w, releasable: 1n }, 1700)).toBeNull();
  });
});
