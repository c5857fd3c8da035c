// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/**
 * @title IStaking
 * @notice Stake AIDAO for non-transferable, checkpointed, delegatable voting power (OpenZeppelin IVotes /
 * ERC-5805, timestamp clock). A stake counts for voting, and can be withdrawn, only once it has matured:
 * it must have been staked for longer than the minimum staking period.
 */
interface IStaking is IERC5805 {
    /// @notice Thrown when staking or unstaking zero tokens.
    error StakingZeroAmount();

    /// @notice Thrown when `account` asks to unstake more than its matured stake.
    /// @param account Who asked.
    /// @param requested The amount asked for.
    /// @param matured The amount that has matured and can be withdrawn now.
    error StakingInsufficientMatured(address account, uint256 requested, uint256 matured);

    /// @notice Thrown when `account` changes its delegate while part of its stake is still maturing.
    /// @dev Maturing stake is already scheduled to count for the current delegate at its maturity time, and a
    /// schedule cannot be rewritten once written (checkpoints only grow), so delegation waits for maturity.
    /// @param account Who asked.
    /// @param maturesAt When all of `account`'s stake has matured and delegation is possible again.
    error StakingDelegateWhileMaturing(address account, uint256 maturesAt);

    /// @notice Thrown when governance sets a minimum staking period outside the hard-coded bounds.
    /// @param period The rejected period in seconds.
    /// @param min The smallest allowed period.
    /// @param max The largest allowed period.
    error StakingPeriodOutOfBounds(uint256 period, uint256 min, uint256 max);

    /// @notice Thrown when a past-votes query asks about the present or the future.
    /// @param timepoint The requested timepoint.
    /// @param clock The current clock.
    error StakingFutureLookup(uint256 timepoint, uint48 clock);

    /// @notice Emitted when `account` stakes `amount`, which counts for voting from `maturesAt` on.
    event Staked(address indexed account, uint256 amount, uint256 maturesAt);

    /// @notice Emitted when `account` withdraws `amount` of matured stake.
    event Unstaked(address indexed account, uint256 amount);

    /// @notice Emitted when governance changes the minimum staking period.
    event MinStakePeriodSet(uint64 oldPeriod, uint64 newPeriod);

    /// @notice Stakes `amount` AIDAO from the caller (who must have approved this contract).
    /// @dev The first stake of an account without a delegate delegates to itself. Returns when it matures.
    function stake(uint256 amount) external returns (uint256 maturesAt);

    /// @notice Like {stake}, with an ERC-2612 permit so that approving and staking take one transaction.
    /// @dev A permit that fails (e.g. front-run) is ignored when the allowance is already sufficient.
    function stakeWithPermit(
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 maturesAt);

    /// @notice Withdraws `amount` of the caller's matured stake and returns exactly that principal.
    function unstake(uint256 amount) external;

    /// @notice Governance (the owner, i.e. the timelock) sets the minimum staking period for future stakes.
    /// @param period Seconds; within [MIN_STAKE_PERIOD_FLOOR, MIN_STAKE_PERIOD_CEILING].
    function setMinStakePeriod(uint64 period) external;

    /// @notice The staked token (AIDAO).
    function token() external view returns (address);

    /// @notice The minimum staking period in seconds that applies to new stakes.
    function minStakePeriod() external view returns (uint64);

    /// @notice The principal `account` has staked (matured or not).
    function stakedBalanceOf(address account) external view returns (uint256);

    /// @notice The part of `account`'s stake that has matured: its voting units, withdrawable now.
    function maturedBalanceOf(address account) external view returns (uint256);

    /// @notice When all of `account`'s current stake will have matured (0 if it never staked).
    function maturesAt(address account) external view returns (uint256);

    /// @notice The total principal staked by everyone.
    function totalStaked() external view returns (uint256);
}
