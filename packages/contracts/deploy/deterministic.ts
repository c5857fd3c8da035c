import {
  type Address,
  concat,
  encodeAbiParameters,
  getAddress,
  getContractAddress,
  type Hex,
  keccak256,
  type PublicClient,
  type TransactionSerializedLegacy,
} from "viem";
import type { DeployClients } from "./clients.ts";

/**
 * Arachnid's deterministic-deployment proxy: a call with `salt ‖ initCode` as data CREATE2s `initCode` with `salt`.
 * It was deployed by a keyless pre-signed transaction, so it has this address on every chain (anvil predeploys it).
 */
export const DETERMINISTIC_DEPLOYMENT_PROXY: Address = getAddress("0x4e59b44847b379578588920ca78fbf26c0b4956c");

/**
 * Safe's copy of the same proxy, deployed on each chain by Safe's own signer. Safe 1.4.1's canonical addresses are its
 * CREATE2 addresses with salt zero for the official `@safe-global/safe-contracts` build.
 */
export const SAFE_SINGLETON_FACTORY: Address = getAddress("0x914d7Fec6aaC8cd542e72Bca78B30650d45643d7");

/** The runtime code of both proxies. */
export const CREATE2_PROXY_CODE: Hex =
  "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3";

/**
 * The proxy's deployment: a pre-EIP-155 transaction (valid on every chain) with a made-up signature (r = s = 0x2222…),
 * so nobody holds its signer's key and the signer's nonce 0 can only ever be this transaction. It pays 100,000 gas at
 * 100 gwei: the signer needs 0.01 ETH.
 */
export const CREATE2_PROXY_DEPLOYMENT = {
  transaction:
    "0xf8a58085174876e800830186a08080b853604580600e600039806000f350fe7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf31ba02222222222222222222222222222222222222222222222222222222222222222a02222222222222222222222222222222222222222222222222222222222222222" as TransactionSerializedLegacy,
  signer: getAddress("0x3fab184622dc19b6109349b94811493bf2a45362"),
  cost: 100_000n * 100_000_000_000n,
};

/** Where `initCode` lands when `factory` CREATE2s it with `salt`. */
export function create2Address(factory: Address, salt: Hex, initCode: Hex): Address {
  return getContractAddress({ opcode: "CREATE2", from: factory, salt, bytecode: initCode });
}

/** The code at `address` ("0x" when none). */
export async function codeAt(publicClient: PublicClient, address: Address, blockNumber?: bigint): Promise<Hex> {
  return (await publicClient.getCode({ address, ...(blockNumber === undefined ? {} : { blockNumber }) })) ?? "0x";
}

/**
 * Puts a CREATE2 proxy at `proxy` if the chain lacks it, and says how it got there:
 * - on a development chain (anvil, Hardhat), by setting its code (`*_setCode`): no transaction, nothing to pay;
 * - elsewhere, for Arachnid's proxy only, by funding its one-time signer and broadcasting its pre-signed transaction.
 * Throws when neither works (a chain that refuses pre-EIP-155 transactions, or Safe's factory on a real chain).
 */
export async function ensureCreate2Proxy(
  clients: DeployClients,
  proxy: Address,
): Promise<{ status: "already there" } | { status: "installed"; note: string; hash?: Hex }> {
  const { publicClient, walletClient } = clients;
  const code = await codeAt(publicClient, proxy);
  // Arachnid's proxy comes from one keyless transaction, so its code is the same everywhere; Safe's is Safe's.
  if (code === CREATE2_PROXY_CODE || (code !== "0x" && proxy !== DETERMINISTIC_DEPLOYMENT_PROXY)) {
    return { status: "already there" };
  }
  if (code !== "0x") throw new Error(`${proxy} holds other code than the deterministic-deployment proxy's`);
  for (const method of ["hardhat_setCode", "anvil_setCode"]) {
    try {
      await publicClient.request({ method: method as never, params: [proxy, CREATE2_PROXY_CODE] as never });
      if ((await codeAt(publicClient, proxy)) === CREATE2_PROXY_CODE) {
        return { status: "installed", note: `development chain: set its code with ${method}` };
      }
    } catch {}
  }
  const chainId = await publicClient.getChainId();
  if (proxy !== DETERMINISTIC_DEPLOYMENT_PROXY) {
    throw new Error(
      `${proxy} (Safe's singleton factory) is not on chain ${chainId}, and neither is Safe 1.4.1, which it deploys at its canonical addresses: ask Safe to add the chain (github.com/safe-global/safe-singleton-factory).`,
    );
  }
  const { transaction, signer, cost } = CREATE2_PROXY_DEPLOYMENT;
  const balance = await publicClient.getBalance({ address: signer });
  if (balance < cost) {
    const hash = await walletClient.sendTransaction({
      to: signer,
      value: cost - balance,
      account: walletClient.account,
      chain: walletClient.chain,
    });
    await publicClient.waitForTransactionReceipt({ hash });
  }
  let hash: Hex;
  try {
    hash = await publicClient.request({ method: "eth_sendRawTransaction", params: [transaction] });
  } catch (error) {
    throw new Error(
      `The deterministic-deployment proxy ${proxy} is not on chain ${chainId} and the node refused its pre-signed (pre-EIP-155) deployment: ${(error as Error).message.split("\n")[0]}. Use a node that accepts it (geth: --rpc.allow-unprotected-txs) or ask the chain to deploy it.`,
      { cause: error },
    );
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || (await codeAt(publicClient, proxy)) !== CREATE2_PROXY_CODE) {
    throw new Error(`Deploying the deterministic-deployment proxy failed in transaction ${hash}`);
  }
  return { status: "installed", note: "broadcast its pre-signed deployment", hash };
}

/**
 * Sends `salt ‖ initCode` to a CREATE2 proxy and waits; throws unless the contract is then at its predicted address.
 */
export async function sendCreate2(
  clients: DeployClients,
  proxy: Address,
  salt: Hex,
  initCode: Hex,
): Promise<{ address: Address; hash: Hex; block: bigint }> {
  const { publicClient, walletClient } = clients;
  const address = create2Address(proxy, salt, initCode);
  const hash = await walletClient.sendTransaction({
    to: proxy,
    data: concat([salt, initCode]),
    account: walletClient.account,
    chain: walletClient.chain,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || (await codeAt(publicClient, address)) === "0x") {
    throw new Error(`CREATE2 of ${address} through ${proxy} failed in transaction ${hash}`);
  }
  return { address, hash, block: receipt.blockNumber };
}

/**
 * The block in which `address` got its code, by bisection over historical state (for a contract found already
 * deployed by an interrupted run). Nodes that keep no history cannot answer: then the latest block, flagged.
 */
export async function creationBlock(
  publicClient: PublicClient,
  address: Address,
): Promise<{ block: bigint; exact: boolean }> {
  const latest = await publicClient.getBlockNumber();
  let low = 0n;
  let high = latest;
  try {
    while (low < high) {
      const middle = (low + high) / 2n;
      if ((await codeAt(publicClient, address, middle)) === "0x") low = middle + 1n;
      else high = middle;
    }
    return { block: low, exact: true };
  } catch {
    return { block: latest, exact: false };
  }
}

/** The init code of the proxy that OpenZeppelin's `Create3` CREATE2s, then calls to CREATE the contract. */
const CREATE3_PROXY_INITCODE_HASH: Hex = "0x57a34f6e879358dd76825d6700df87013ad6a3fb43c0d0c602f70a8772c153bd";

/**
 * Where `Create3Deployer` at `create3Deployer`, called by `caller` with `salt`, puts its contract: a function of these
 * three alone, not of the contract's code (see contracts/deploy/Create3Deployer.sol).
 */
export function create3Address(create3Deployer: Address, caller: Address, salt: Hex): Address {
  const namespaced = keccak256(encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [caller, salt]));
  const proxy = getContractAddress({
    opcode: "CREATE2",
    from: create3Deployer,
    salt: namespaced,
    bytecodeHash: CREATE3_PROXY_INITCODE_HASH,
  });
  return getContractAddress({ from: proxy, nonce: 1n });
}
