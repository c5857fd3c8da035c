import { parseAbi } from "viem";

/**
 * The part of Safe 1.4.1 (SafeL2) this module calls: reads, `execTransaction` and its outcome events. Written out
 * rather than read from the artifacts so the server needs no compiled contracts; `abi.test.ts` holds every entry equal
 * to the official artifact's.
 */
export const safeAbi = parseAbi([
  "function VERSION() view returns (string)",
  "function getOwners() view returns (address[])",
  "function getThreshold() view returns (uint256)",
  "function nonce() view returns (uint256)",
  "function getTransactionHash(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, uint256 _nonce) view returns (bytes32)",
  "function checkSignatures(bytes32 dataHash, bytes data, bytes signatures) view",
  "function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool success)",
  "event ExecutionSuccess(bytes32 indexed txHash, uint256 payment)",
  "event ExecutionFailure(bytes32 indexed txHash, uint256 payment)",
]);

/** The Safe version whose hashing, signature checks and MultiSendCallOnly this module implements and tests. */
export const SAFE_VERSION = "1.4.1";
