// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {VentureReceipts} from "../../../contracts/venture/VentureReceipts.sol";

/// @dev VentureReceipts with its current total voting supply exposed (OpenZeppelin keeps `_getTotalSupply`
/// internal), for the invariant getTotalSupply() == Σ value of all live receipts.
contract VentureReceiptsHarness is VentureReceipts {
    function getTotalSupply() external view returns (uint256) {
        return _getTotalSupply();
    }
}
