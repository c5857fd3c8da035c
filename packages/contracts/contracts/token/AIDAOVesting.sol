// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {VestingWalletCliff} from "@openzeppelin/contracts/finance/VestingWalletCliff.sol";

/**
 * @title AIDAOVesting
 * @notice Holds a vested allocation (team, advisors, incentives): nothing is releasable before the cliff,
 * then the allocation vests linearly from `start` to `start + duration`.
 * @dev A thin composition of OpenZeppelin's VestingWallet and VestingWalletCliff; the beneficiary owns the
 * wallet and may hand it over with `transferOwnership`.
 */
contract AIDAOVesting is VestingWalletCliff {
    /// @param beneficiary Who may release the vested tokens.
    /// @param start When vesting starts (unix seconds).
    /// @param duration How long linear vesting lasts, in seconds.
    /// @param cliff Seconds after `start` before anything vests; at most `duration`.
    constructor(
        address beneficiary,
        uint64 start,
        uint64 duration,
        uint64 cliff
    ) VestingWallet(beneficiary, start, duration) VestingWalletCliff(cliff) {}
}
