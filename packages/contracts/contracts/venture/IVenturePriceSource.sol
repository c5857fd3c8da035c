// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IVenturePriceSource
 * @notice Where a venture fund reads the value of a deposit token: an oracle adapter behind one interface. Values are
 * in the fund's unit of account with 18 decimals (1e18 = one unit, e.g. one US dollar) per one whole token
 * (10 ** decimals of its smallest units).
 */
interface IVenturePriceSource {
    /// @notice The value of one whole `token` and when that value was last updated (a unix timestamp).
    function price(address token) external view returns (uint256 value, uint256 updatedAt);
}
