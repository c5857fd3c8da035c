// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVenturePriceSource} from "../../../contracts/venture/IVenturePriceSource.sol";

/// @dev A price source answering whatever the test sets, including what a real adapter would refuse (a zero price).
contract VentureFixedPriceSource is IVenturePriceSource {
    uint256 public value;
    uint256 public updatedAt;

    function set(uint256 value_, uint256 updatedAt_) external {
        (value, updatedAt) = (value_, updatedAt_);
    }

    function price(address) external view returns (uint256, uint256) {
        return (value, updatedAt);
    }
}
