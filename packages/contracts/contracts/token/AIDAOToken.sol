// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @title AIDAOToken
 * @notice The AIDAO governance token: a fixed supply of 1,000,000,000 tokens minted once, at deployment,
 * to the allocation recipients of the white paper (table 4.1).
 * @dev There is deliberately no mint, burn, owner, pause or upgrade path: the supply and the code are final.
 * Voting power does not live here but in {Staking}, so this is a plain ERC20 + ERC20Permit.
 *
 * Invariant: totalSupply() == TOTAL_SUPPLY forever.
 */
contract AIDAOToken is ERC20, ERC20Permit {
    /// @notice The fixed total supply, 1e9 tokens with 18 decimals.
    uint256 public constant TOTAL_SUPPLY = 1_000_000_000e18;

    /// @notice Allocation shares in basis points of {TOTAL_SUPPLY}; they add up to 10,000.
    uint256 public constant REWARDS_BPS = 3_900; // airdrop and rewards, distributed over three years
    uint256 public constant TEAM_BPS = 2_000; // execution team and key stakeholders (vested)
    uint256 public constant VENTURE_BPS = 700; // AI venture DAO investors
    uint256 public constant TREASURY_BPS = 1_600; // AIDAO treasury
    uint256 public constant ADVISORS_BPS = 600; // advisors and key contributors (vested)
    uint256 public constant INCENTIVES_BPS = 500; // management and developer incentives (vested)
    uint256 public constant RESERVED_BPS = 700; // reserved, held by the timelock

    /// @notice The recipients of the seven allocations.
    struct Allocation {
        address rewards;
        address team;
        address venture;
        address treasury;
        address advisors;
        address incentives;
        address reserved;
    }

    /// @notice Thrown when an allocation recipient is the zero address.
    /// @param index The position of the recipient in {Allocation}, from 0 (rewards) to 6 (reserved).
    error AIDAOTokenZeroRecipient(uint256 index);

    /// @param allocation Who receives each share; every address must be non-zero.
    constructor(Allocation memory allocation) ERC20("AIDAO", "AIDAO") ERC20Permit("AIDAO") {
        _allocate(0, allocation.rewards, REWARDS_BPS);
        _allocate(1, allocation.team, TEAM_BPS);
        _allocate(2, allocation.venture, VENTURE_BPS);
        _allocate(3, allocation.treasury, TREASURY_BPS);
        _allocate(4, allocation.advisors, ADVISORS_BPS);
        _allocate(5, allocation.incentives, INCENTIVES_BPS);
        _allocate(6, allocation.reserved, RESERVED_BPS);
        // The shares are constants that add up to 10,000 bps, so the supply is exact.
        assert(totalSupply() == TOTAL_SUPPLY);
    }

    function _allocate(uint256 index, address to, uint256 bps) private {
        if (to == address(0)) revert AIDAOTokenZeroRecipient(index);
        _mint(to, (TOTAL_SUPPLY * bps) / 10_000);
    }
}
