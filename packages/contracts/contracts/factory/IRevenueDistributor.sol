// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title IRevenueDistributor
 * @notice Something that shares revenue among its holders or members (a revenue-sharing token, a consortium).
 * A DAO's treasury sends it its share of every income.
 */
interface IRevenueDistributor {
    /// @notice Pulls `amount` of `token` from the caller (who approved it) and credits it to the holders pro rata.
    function distribute(IERC20 token, uint256 amount) external;
}
