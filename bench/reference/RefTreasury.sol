// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @dev A treasury without the education split: a deposit is one recorded transferFrom.
contract RefTreasury {
    using SafeERC20 for IERC20;

    event IncomeReceived(address indexed token, address indexed from, uint256 amount);

    function deposit(IERC20 token, uint256 amount) external {
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit IncomeReceived(address(token), msg.sender, amount);
    }
}
