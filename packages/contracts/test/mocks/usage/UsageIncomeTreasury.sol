// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IDAORegistry} from "../../../contracts/factory/IDAORegistry.sol";

/// @dev A DAO treasury with ChildTreasury's ERC20 income entry point (`deposit`, pulling the amount with
/// transferFrom) and its `daoRecord`, so a real DAORegistry can register it. It counts its incomes and can be told
/// to reject them.
contract UsageIncomeTreasury {
    using SafeERC20 for IERC20;

    address public immutable timelock;
    bool public rejecting;
    uint256 public depositCount;
    mapping(address token => uint256) public received;

    error UsageIncomeTreasuryRejected();

    constructor(address timelock_) {
        timelock = timelock_;
    }

    function setRejecting(bool rejecting_) external {
        rejecting = rejecting_;
    }

    function deposit(IERC20 token, uint256 amount) external returns (uint256 got) {
        if (rejecting) revert UsageIncomeTreasuryRejected();
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        got = token.balanceOf(address(this)) - before;
        received[address(token)] += got;
        depositCount++;
    }

    function daoRecord() external view returns (IDAORegistry.DAO memory record) {
        record.treasury = address(this);
        record.timelock = timelock;
        record.parentId = 1;
        record.mode = IDAORegistry.GovernanceMode.OnChain;
        record.templateId = keccak256("usage-test");
    }
}
