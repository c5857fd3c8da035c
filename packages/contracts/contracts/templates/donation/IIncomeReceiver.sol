// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title IIncomeReceiver
 * @notice The two income entry points of a DAO's treasury (a `ChildTreasury` clone) that the {DonationVault} pays
 * donations through. Paying through them, rather than with a plain transfer, makes every donation an income of the
 * treasury, so it charges the protocol fee (`DAORegistry.protocolFeeBps`, paid to the main AIDAO treasury) and
 * routes its distribution share, like every other income.
 * @dev Only the two functions the vault calls are declared; `ChildTreasury.deposit` also returns the amount it
 * received, which the vault does not need and ignores.
 */
interface IIncomeReceiver {
    /// @notice Records an ERC20 income of `amount` of `token`, pulled from the caller with `transferFrom` (the caller
    /// approved it first).
    /// @param token The token paid in.
    /// @param amount The amount to pull from the caller.
    function deposit(IERC20 token, uint256 amount) external;

    /// @notice Records the attached ETH as an income.
    function depositETH() external payable;
}
