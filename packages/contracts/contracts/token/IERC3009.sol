// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IERC3009
 * @notice EIP-3009 "Transfer With Authorization": the holder signs an EIP-712 authorization off-chain, anyone submits
 * it, and a random 32-byte nonce makes it usable once. This is what x402's `exact` scheme pays with. The `bytes`
 * signature forms also accept ERC-1271 wallets (as USDC v2.2 does).
 */
interface IERC3009 {
    /// @notice Emitted when an authorization is used.
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);
    /// @notice Emitted when an authorizer cancels an authorization before it was used.
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    /// @notice Thrown when the authorization's nonce was already used or canceled.
    error ERC3009AuthorizationUsed(address authorizer, bytes32 nonce);
    /// @notice Thrown before `validAfter`.
    error ERC3009NotYetValid(uint256 validAfter);
    /// @notice Thrown at or after `validBefore`.
    error ERC3009Expired(uint256 validBefore);
    /// @notice Thrown when the signature is not the authorizer's for these terms.
    error ERC3009InvalidSignature(address authorizer);
    /// @notice Thrown when `receiveWithAuthorization` is called by someone other than the payee.
    error ERC3009CallerNotPayee(address caller, address payee);

    /// @notice Transfers `value` from `from` to `to` with `from`'s signed authorization.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice The same, with the signature split into (v, r, s).
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Like transferWithAuthorization, but only the payee `to` may submit it (no front-running the payee).
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice Cancels an unused authorization of `authorizer` (signed by it).
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes calldata signature) external;

    /// @notice True iff `authorizer`'s `nonce` was used or canceled.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool);
}
