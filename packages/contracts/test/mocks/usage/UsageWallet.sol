// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @dev A smart-contract customer: its owner's ECDSA signatures are its ERC-1271 signatures (unless it is told to
/// refuse every signature), and its owner makes it call anything (approve, open a channel...).
contract UsageWallet is IERC1271 {
    address public immutable owner;
    bool public refuseAll;

    error UsageWalletNotOwner(address caller);

    constructor(address owner_) {
        owner = owner_;
    }

    function setRefuseAll(bool refuse) external {
        refuseAll = refuse;
    }

    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert UsageWalletNotOwner(msg.sender);
        bool ok;
        (ok, result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        if (refuseAll || err != ECDSA.RecoverError.NoError || signer != owner) return 0xffffffff;
        return IERC1271.isValidSignature.selector;
    }
}
