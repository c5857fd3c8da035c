import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Address, encodeFunctionData, erc20Abi, type Hex, parseEther } from "viem";
import { dev, type LocalStack, startLocalStack } from "../../testing/localStack.ts";
import { safeAbi } from "./abi.ts";
import { executeSafeTx, safeTxStatus } from "./execute.ts";
import { buildSafePlugins, parseSafePayload, type SafePayloadInput } from "./payload.ts";
import { buildSafeTx, hashSafeTx, type PreparedSafeTx, safeTxTypedData } from "./safeTx.ts";
import { type OwnerSignature, packSignatures, readSafe, verifyOwnerSignature } from "./signatures.ts";

const OWNERS = [4, 5, 6]; // the protocol Safe's owners in the local stack, threshold 2
const EXECUTOR = 9; // not an owner: anyone may execute once the owners have signed
const OUTSIDER = 8;
const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

describe("executing a passed proposal's payload with the protocol's Safe 1.4.1", () => {
  let stack: LocalStack;
  let safe: Address;
  let multiSendCallOnly: Address;
  let owners: Address[];
  let firstExecuted: { prepared: PreparedSafeTx; txHash: Hex };

  const transfer = (to: Address, amount: bigint) => ({
    to: stack.token,
    value: 0n,
    data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, amount] }),
  });
  /** A payload as a proposal carries it: through `plugins`, parsed as the hub parses it. */
  const prepare = async (transactions: SafePayloadInput["transactions"]) => {
    const plugins = buildSafePlugins({ safe, chainId: stack.deployment.chainId, transactions });
    const payload = parseSafePayload(plugins, { chainId: stack.deployment.chainId, safe });
    assert.ok(payload);
    const { nonce } = await readSafe(stack.publicClient, safe);
    return buildSafeTx(payload, nonce, { multiSendCallOnly });
  };
  const signEip712 = (i: number, p: PreparedSafeTx) => stack.wallet(i).signTypedData(safeTxTypedData(p));
  const signEthSign = async (i: number, p: PreparedSafeTx) => {
    const s = await stack.wallet(i).signMessage({ message: { raw: p.hash } });
    return `${s.slice(0, 130)}${(Number.parseInt(s.slice(130), 16) + 4).toString(16)}` as Hex;
  };
  /** Collects owner signatures the way the hub does: each verified against the owners and those collected before. */
  const collect = async (p: PreparedSafeTx, signers: number[], sign = signEip712) => {
    const collected: OwnerSignature[] = [];
    for (const i of signers)
      collected.push(await verifyOwnerSignature(p.hash, await sign(i, p), { owners, collected }));
    return collected;
  };
  const balance = (who: Address) =>
    stack.publicClient.readContract({ address: stack.token, abi: erc20Abi, functionName: "balanceOf", args: [who] });
  const nonce = () => stack.publicClient.readContract({ address: safe, abi: safeAbi, functionName: "nonce" });

  before(async () => {
    stack = await startLocalStack();
    safe = stack.deployment.contracts.Safe.address;
    const address = stack.deployment.safeInfrastructure.multiSendCallOnlyAddress;
    assert.ok(address);
    multiSendCallOnly = address;
    await stack.fund(safe, parseEther("1000"));
    const hash = await stack.wallet(0).sendTransaction({ to: safe, value: parseEther("5") });
    await stack.publicClient.waitForTransactionReceipt({ hash });
    ({ owners } = await readSafe(stack.publicClient, safe));
  });

  after(async () => {
    await stack?.stop();
  });

  it("reads the Safe and hashes SafeTxs exactly as the Safe does, calls and batches", async () => {
    const state = await readSafe(stack.publicClient, safe);
    assert.deepEqual([...state.owners].sort(), OWNERS.map((i) => dev(i).address).sort());
    assert.equal(state.threshold, 2);
    assert.equal(state.nonce, 0n);
    for (const p of [
      await prepare([transfer(dev(12).address, 1n)]),
      await prepare([transfer(dev(12).address, 1n), { to: dev(13).address, value: 1n, data: "0x" }]),
    ]) {
      const t = p.tx;
      const onChain = await stack.publicClient.readContract({
        address: safe,
        abi: safeAbi,
        functionName: "getTransactionHash",
        args: [
          t.to,
          t.value,
          t.data,
          t.operation,
          t.safeTxGas,
          t.baseGas,
          t.gasPrice,
          t.gasToken,
          t.refundReceiver,
          t.nonce,
        ],
      });
      assert.equal(p.hash, onChain);
    }
  });

  it("executes a one-transaction payload as a direct call: the Safe pays AIDAO", async () => {
    const recipient = dev(12).address;
    const before = await balance(recipient);
    const p = await prepare([transfer(recipient, parseEther("100"))]);
    assert.equal(p.tx.operation, 0);
    const result = await executeSafeTx(stack.wallet(EXECUTOR), p, await collect(p, [4, 6]));
    assert.equal(result.success, true);
    assert.equal((await balance(recipient)) - before, parseEther("100"));
    assert.equal(await balance(safe), parseEther("900"));
    assert.equal(await nonce(), 1n);
    firstExecuted = { prepared: p, txHash: result.txHash };
  });

  it("executes a batch through MultiSendCallOnly: AIDAO and ETH to several accounts in one SafeTx", async () => {
    const [a, b, c] = [dev(14).address, dev(15).address, dev(16).address];
    const ethBefore = await stack.publicClient.getBalance({ address: b });
    const p = await prepare([
      transfer(a, parseEther("10")),
      { to: b, value: parseEther("1.5"), data: "0x" },
      transfer(c, parseEther("20")),
    ]);
    assert.equal(p.tx.operation, 1);
    assert.equal(p.tx.to, multiSendCallOnly);
    // One owner signs with eth_sign, another with EIP-712; collected highest address first.
    const descending = [...OWNERS].sort((x, y) => (BigInt(dev(x).address) > BigInt(dev(y).address) ? -1 : 1));
    const collected = [
      ...(await collect(p, [descending[0] as number], signEthSign)),
      ...(await collect(p, [descending[1] as number])),
    ];
    assert.deepEqual(
      collected.map((s) => s.kind),
      ["eth_sign", "eip712"],
    );
    // The Safe requires ascending owners: the collection order reverts (GS026), the packed order passes.
    const check = (signatures: Hex) =>
      stack.publicClient.readContract({
        address: safe,
        abi: safeAbi,
        functionName: "checkSignatures",
        args: [p.hash, "0x", signatures],
      });
    await assert.rejects(check(`0x${collected.map((s) => s.signature.slice(2)).join("")}`), /GS026/);
    await check(packSignatures(collected, 2));

    const result = await executeSafeTx(stack.wallet(EXECUTOR), p, collected);
    assert.equal(result.success, true);
    assert.equal(await balance(a), parseEther("10"));
    assert.equal(await balance(c), parseEther("20"));
    assert.equal((await stack.publicClient.getBalance({ address: b })) - ethBefore, parseEther("1.5"));
    assert.equal(await stack.publicClient.getBalance({ address: safe }), parseEther("3.5"));
    assert.equal(await balance(safe), parseEther("870"));
    assert.equal(await nonce(), 2n);
  });

  it("refuses a non-owner's signature, and sends nothing below the threshold", async () => {
    const p = await prepare([transfer(dev(OUTSIDER).address, parseEther("1"))]);
    await assert.rejects(verifyOwnerSignature(p.hash, await signEip712(OUTSIDER, p), { owners }), code("NOT_OWNER"));
    const outsider: OwnerSignature = {
      owner: dev(OUTSIDER).address,
      signature: await signEip712(OUTSIDER, p),
      kind: "eip712",
    };
    const sent = await stack.publicClient.getTransactionCount({ address: dev(EXECUTOR).address });
    for (const signatures of [[], await collect(p, [5]), [...(await collect(p, [5])), outsider]]) {
      await assert.rejects(executeSafeTx(stack.wallet(EXECUTOR), p, signatures), code("BELOW_THRESHOLD"));
    }
    assert.equal(await stack.publicClient.getTransactionCount({ address: dev(EXECUTOR).address }), sent);
    assert.equal(await nonce(), 2n);
    assert.deepEqual(await safeTxStatus(stack.publicClient, p), { status: "ready" });
  });

  it("tells executed, replaced and queued SafeTxs apart, and refuses to execute them", async () => {
    const { prepared, txHash } = firstExecuted;
    const executed = await safeTxStatus(stack.publicClient, prepared);
    assert.equal(executed.status, "executed");
    assert.equal(executed.status === "executed" && executed.txHash, txHash);
    assert.equal(executed.status === "executed" && executed.success, true);
    await assert.rejects(
      executeSafeTx(stack.wallet(EXECUTOR), prepared, await collect(prepared, [4, 5])),
      code("NONCE_USED"),
    );
    // Another SafeTx at nonce 0, never executed: the nonce went to the first one.
    const payload = parseSafePayload(
      buildSafePlugins({ safe, chainId: stack.deployment.chainId, transactions: [transfer(dev(12).address, 2n)] }),
    );
    assert.ok(payload);
    assert.deepEqual(await safeTxStatus(stack.publicClient, buildSafeTx(payload, 0n)), {
      status: "replaced",
      nonce: 2n,
    });
    const later = buildSafeTx(payload, 5n);
    assert.deepEqual(await safeTxStatus(stack.publicClient, later), { status: "queued", pending: 3n });
    await assert.rejects(
      executeSafeTx(stack.wallet(EXECUTOR), later, await collect(later, [4, 5])),
      (e: unknown) => code("NONCE_AHEAD")(e) && (e as { retryable: boolean }).retryable === true,
    );
  });

  it("refuses, before sending, a SafeTx that would revert or delegatecall anything but MultiSendCallOnly", async () => {
    const sent = await stack.publicClient.getTransactionCount({ address: dev(EXECUTOR).address });
    // More AIDAO than the Safe holds: the inner call fails and, with no safeTxGas, execTransaction reverts (GS013).
    const tooMuch = await prepare([
      transfer(dev(12).address, parseEther("1")),
      transfer(dev(12).address, parseEther("5000")),
    ]);
    await assert.rejects(
      executeSafeTx(stack.wallet(EXECUTOR), tooMuch, await collect(tooMuch, [4, 5])),
      (e: unknown) => code("EXECUTION_REVERTED")(e) && (e as Error).message.includes("GS013"),
    );
    // A delegatecall into the full MultiSend (which allows nested delegatecalls), validly signed, is still refused.
    const multiSend = stack.deployment.safeInfrastructure.multiSendAddress;
    assert.ok(multiSend);
    const tx = { ...tooMuch.tx, to: multiSend };
    const sneaky = { ...tooMuch, tx, hash: hashSafeTx({ ...tooMuch, tx }) };
    await assert.rejects(
      executeSafeTx(stack.wallet(EXECUTOR), sneaky, await collect(sneaky, [4, 5])),
      code("DELEGATECALL_REFUSED"),
    );
    assert.equal(await stack.publicClient.getTransactionCount({ address: dev(EXECUTOR).address }), sent);
    assert.equal(await nonce(), 2n);
  });
});
