import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeDeployment } from "@aidao/contracts/deploy";
import { rewardsDistributorAbi } from "@aidao/sdk";
import { dev, type LocalStack, startLocalStack } from "@aidao/server/testing";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { encodeFunctionData, erc20Abi, formatEther, type Hex, parseEther } from "viem";
import { main } from "../main.ts";

const DAY = 86_400;

describe("aidao rewards show, rewards claim", () => {
  let stack: LocalStack;
  let args: string[];
  let tree: StandardMerkleTree<[string, string]>;
  const dir = mkdtempSync(join(tmpdir(), "aidao-rewards-cli-"));
  const run = (...argv: string[]) => main([...argv, ...args]);
  const [alice, bob, carol] = [dev(7).address, dev(8).address, dev(9).address];
  const leaves: Array<[string, string]> = [
    [alice, parseEther("1000").toString()],
    [bob, parseEther("2000").toString()],
    [carol, parseEther("500").toString()],
  ];
  const aliceFile = join(dir, "alice.json");
  const treeFile = join(dir, "epoch-0.json");
  const balance = (who: `0x${string}`) =>
    stack.publicClient.readContract({ address: stack.token, abi: erc20Abi, functionName: "balanceOf", args: [who] });

  before(async () => {
    stack = await startLocalStack();
    writeDeployment(dir, stack.deployment as never);
    // Governance posts epoch 0 as a passed proposal would, and publishes its tree and each account's claim.
    tree = StandardMerkleTree.of(leaves, ["address", "uint256"]);
    await stack.asDAO({
      target: stack.deployment.contracts.RewardsDistributor.address,
      data: encodeFunctionData({
        abi: rewardsDistributorAbi,
        functionName: "postEpoch",
        args: [tree.root as Hex, parseEther("3500"), "ipfs://epoch-0"],
      }),
    });
    writeFileSync(treeFile, JSON.stringify(tree.dump()));
    writeFileSync(
      aliceFile,
      JSON.stringify({ epoch: 0, account: alice, amount: leaves[0]?.[1], proof: tree.getProof(0) }),
    );
    args = ["--rpc", stack.chain.rpcUrl, "--deployments", dir];
  });
  after(() => stack?.stop());

  it("shows the epochs, and what an account's published claim has vested before its first claim", async () => {
    const bare = await run("rewards", "show", "--account", alice);
    assert.equal(bare.code, 0, bare.out);
    assert.match(bare.out, /3500 AIDAO allocated in 1 epoch, 0 AIDAO paid/);
    assert.match(bare.out, /epoch 0 {3}posted .*, total 3500 AIDAO, list at ipfs:\/\/epoch-0/);
    assert.match(bare.out, /not claimed yet: aidao rewards claim --epoch 0 --claim FILE/);
    const withFile = await run("rewards", "show", "--claim", aliceFile);
    assert.match(withFile.out, /yours {6}1000 AIDAO \(from the claim file, not registered yet\)/);
  });

  it("claims what has vested with a published claim file, and shows the rest vesting", async () => {
    await stack.travel(365 * DAY);
    const before = await balance(alice);
    const r = await run("rewards", "claim", "--claim", aliceFile, "--dev-account", "7");
    assert.equal(r.code, 0, r.out);
    const paid = (await balance(alice)) - before;
    // A year of the three-year programme (less the few seconds between deployment and the epoch): about a third.
    assert.ok(paid > parseEther("333") && paid < parseEther("334"), formatEther(paid));
    assert.match(r.out, new RegExp(`claimed ${formatEther(paid)} AIDAO of epoch 0 for ${alice}`));
    assert.match(r.out, /allocation 1000 AIDAO: 333\.\d+ AIDAO released so far, 666\.\d+ AIDAO still vesting until/);
    const shown = await run("rewards", "show", "--dev-account", "7");
    assert.match(shown.out, /yours {6}1000 AIDAO \(registered\)/);
    assert.match(shown.out, new RegExp(`released ${formatEther(paid)} AIDAO`));
  });

  it("claims for another account with --epoch, --amount and --proof (anyone may; the account is paid)", async () => {
    const before = await balance(bob);
    const proof = tree.getProof(1).join(",");
    const r = await run(
      "rewards",
      "claim",
      "--epoch",
      "0",
      "--amount",
      "2000",
      "--proof",
      proof,
      "--account",
      bob,
      "--dev-account",
      "9",
    );
    assert.equal(r.code, 0, r.out);
    assert.ok((await balance(bob)) - before > parseEther("666"));
  });

  it("claims from the epoch's whole published tree, finding the signer's leaf and proof", async () => {
    const r = await run("rewards", "claim", "--claim", treeFile, "--epoch", "0", "--dev-account", "9", "--json");
    assert.equal(r.code, 0, r.out);
    const claimed = JSON.parse(r.out);
    assert.equal(claimed.account, carol);
    assert.equal(claimed.amount, parseEther("500").toString());
    assert.ok(BigInt(claimed.released) > parseEther("166"));
  });

  it("refuses a claim that is not in the epoch's tree, and an amount other than the registered one", async () => {
    const forged = await run(
      "rewards",
      "claim",
      "--epoch",
      "0",
      "--amount",
      "5000",
      "--proof",
      tree.getProof(0).join(","),
      "--dev-account",
      "10",
    );
    assert.equal(forged.code, 1, forged.out);
    assert.match(forged.out, /not in the epoch's Merkle tree\. \[RewardsDistributorInvalidProof\]/);
    assert.match(
      forged.out,
      /check the epoch, the amount \(in AIDAO\) and the proof against epoch 0's list \(ipfs:\/\/epoch-0\)/,
    );
    const other = await run(
      "rewards",
      "claim",
      "--epoch",
      "0",
      "--amount",
      "999",
      "--proof",
      tree.getProof(0).join(","),
      "--dev-account",
      "7",
    );
    assert.equal(other.code, 1, other.out);
    assert.match(other.out, /\[RewardsDistributorAmountMismatch\]/);
    assert.match(other.out, /registered amount in epoch 0 is 1000 AIDAO/);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ["a claim without an epoch", ["rewards", "claim", "--amount", "1", "--proof", ""], /--epoch is required/],
    [
      "an epoch that was never posted",
      ["rewards", "claim", "--epoch", "5", "--amount", "1", "--proof", ""],
      /there is no epoch 5 \(1 posted/,
    ],
    [
      "a proof that is not one",
      ["rewards", "claim", "--epoch", "0", "--amount", "1", "--proof", "0x12"],
      /"0x12" is not a 32-byte hash/,
    ],
    ["a claim without a proof", ["rewards", "claim", "--epoch", "0", "--amount", "1"], /--proof is required/],
    ["a claim file that does not exist", ["rewards", "claim", "--claim", "/nonexistent.json"], /no such file/],
    ["a whole tree without its epoch", ["rewards", "claim", "--claim", "TREE"], /is a whole tree: say which --epoch/],
    ["a claim file and flags at once", ["rewards", "claim", "--claim", "ALICE", "--amount", "1"], /not both/],
    [
      "someone else's claim file for --account",
      ["rewards", "show", "--claim", "ALICE", "--account", dev(3).address],
      /is 0x.*'s claim, not --account/,
    ],
  ];
  for (const [name, argv, message] of usage) {
    it(`refuses ${name} with exit code 2 and says why`, async () => {
      const files = argv.map((a) => (a === "TREE" ? treeFile : a === "ALICE" ? aliceFile : a));
      const r = await run(...files, "--dev-account", "7");
      assert.match(r.out, message);
      assert.equal(r.code, 2);
    });
  }
});
