// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title IConsortium
 * @notice The consortium template's membership: a fixed list of members that jointly own models and endpoints.
 * Members hold non-transferable voting units (OpenZeppelin IVotes / ERC-5805, timestamp clock) that the DAO's
 * Governor counts, and share its revenue by fixed shares.
 *
 * Votes: one member one vote (every member holds MEMBER_UNITS = 1e18 units; weights are ignored) or, if the
 * consortium is `weightedByStake`, weighted (a member holds its weight as units). A member is self-delegated when it
 * joins and may delegate like with any IVotes token.
 *
 * Membership: only the executor (the DAO's governance, i.e. a passed vote) changes it. There is always at least one
 * member (an on-chain DAO without votes could never vote again), at most MAX_MEMBERS, and the revenue shares always
 * sum to 10_000 basis points: every change is validated. So {addMember}, {removeMember} and {setMember} only succeed
 * for changes that keep the sum (adding or removing a member with a 0 share, changing a weight); to rebalance shares
 * (or add or remove a member with a share) the executor calls {setMembers} once with the whole new list, which
 * replaces the old one: members left out are removed, listed ones are added or updated, and the result is validated
 * once.
 *
 * Revenue: anyone may {distribute} an ERC20 amount, which is pulled and split at once among the current members by
 * their shares: each member's part is credited to it, so its claimable amounts survive any later membership change
 * (a removed member still claims what it earned). The rounding remainder is carried into the next distribution of
 * the same token. Members {claim} whenever they like.
 */
interface IConsortium is IERC5805 {
    /// @notice A member's record.
    /// @param isMember Whether the account is a member now.
    /// @param units Its voting units.
    /// @param shareBps Its share of revenue, in basis points.
    struct MemberInfo {
        bool isMember;
        uint96 units;
        uint16 shareBps;
    }

    /// @notice Thrown when an address argument is zero where it cannot be.
    error ConsortiumZeroAddress();

    /// @notice Thrown when a distribution of zero is requested.
    error ConsortiumZeroAmount();

    /// @notice Thrown when someone other than the executor calls an executor-only function.
    /// @param caller Who called.
    error ConsortiumNotExecutor(address caller);

    /// @notice Thrown when member, weight and share lists have inconsistent lengths.
    error ConsortiumLengthMismatch(uint256 members, uint256 weights, uint256 shares);

    /// @notice Thrown when adding an account that is already a member.
    error ConsortiumAlreadyMember(address account);

    /// @notice Thrown when removing or updating an account that is not a member.
    error ConsortiumNotMember(address account);

    /// @notice Thrown when a member list names an account twice.
    error ConsortiumDuplicateMember(address account);

    /// @notice Thrown when a weighted consortium gets a weight of 0 or above 2^96 - 1.
    error ConsortiumInvalidWeight(address account, uint256 weight);

    /// @notice Thrown when a change would leave the shares not summing to 10_000 basis points.
    /// @param sum The sum the change would leave.
    error ConsortiumInvalidSharesSum(uint256 sum);

    /// @notice Thrown when a change would leave no member.
    error ConsortiumNoMembers();

    /// @notice Thrown when a change would leave more than MAX_MEMBERS members.
    error ConsortiumTooManyMembers(uint256 count, uint256 max);

    /// @notice Thrown when `account` has nothing to claim in `token`.
    error ConsortiumNothingToClaim(address account, address token);

    /// @notice Emitted when a member joined.
    event MemberAdded(address indexed account, uint256 units, uint16 shareBps);

    /// @notice Emitted when a member left; what it can claim stays claimable.
    event MemberRemoved(address indexed account, uint256 units, uint16 shareBps);

    /// @notice Emitted when a member's units or share changed.
    event MemberUpdated(
        address indexed account,
        uint256 oldUnits,
        uint256 newUnits,
        uint16 oldShareBps,
        uint16 newShareBps
    );

    /// @notice Emitted for every distribution, after the members were credited.
    /// @param token The token.
    /// @param from Who paid.
    /// @param amount The amount received (as measured by balance, so fee-on-transfer tokens are exact).
    /// @param credited What was credited to members (amount plus the remainder carried from before, rounded down).
    event RevenueDistributed(address indexed token, address indexed from, uint256 amount, uint256 credited);

    /// @notice Emitted when `account` claimed `amount` of `token`.
    event Claimed(address indexed account, address indexed token, uint256 amount);

    /// @notice Sets up a clone; the factory calls it in the creation transaction, and only once.
    /// @param executor The DAO's governance (its timelock or Safe): the only one who may change members.
    /// @param members The first members, at least one, without repetition.
    /// @param weights Their units if `weightedByStake` (each in [1, 2^96 - 1]); ignored, and may be empty, if not.
    /// @param revenueSharesBps Their revenue shares in basis points, summing to 10_000.
    /// @param weightedByStake True for weighted votes, false for one member one vote (fixed for the consortium).
    function initialize(
        address executor,
        address[] calldata members,
        uint256[] calldata weights,
        uint16[] calldata revenueSharesBps,
        bool weightedByStake
    ) external;

    /// @notice The executor adds `account` with `weight` (ignored if not weighted) and `shareBps`.
    function addMember(address account, uint256 weight, uint16 shareBps) external;

    /// @notice The executor removes `account`; its units are burnt, what it can claim stays claimable.
    function removeMember(address account) external;

    /// @notice The executor changes the weight (ignored if not weighted) and share of the member `account`.
    function setMember(address account, uint256 weight, uint16 shareBps) external;

    /// @notice The executor replaces the whole member list (see the contract header); validated once, at the end.
    /// @param weights The weights if weighted (same length as `accounts`); ignored, and may be empty, if not.
    function setMembers(address[] calldata accounts, uint256[] calldata weights, uint16[] calldata sharesBps) external;

    /// @notice Pulls `amount` of `token` from the caller (who must have approved it) and credits it to the members
    /// by their shares.
    /// @return received The amount actually received.
    function distribute(IERC20 token, uint256 amount) external returns (uint256 received);

    /// @notice Pays the caller (a member or a former member) everything it can claim in `token`.
    /// @return amount What was paid.
    function claim(IERC20 token) external returns (uint256 amount);

    /// @notice The DAO's governance.
    function executor() external view returns (address);

    /// @notice Whether votes are weighted (true) or one member one vote (false).
    function weightedByStake() external view returns (bool);

    /// @notice The current members, in no particular order.
    function members() external view returns (address[] memory);

    /// @notice How many members there are.
    function memberCount() external view returns (uint256);

    /// @notice `account`'s record (all zero if it is not a member).
    function memberInfo(address account) external view returns (MemberInfo memory);

    /// @notice What `account` can claim in `token`.
    function claimable(address account, address token) external view returns (uint256);

    /// @notice Everything received by {distribute} in `token`.
    function totalDistributed(address token) external view returns (uint256);

    /// @notice Everything claimed in `token`.
    function totalClaimed(address token) external view returns (uint256);

    /// @notice The rounding remainder of `token` carried into its next distribution.
    function undistributed(address token) external view returns (uint256);

    /// @notice The sum of the members' shares (10_000).
    function totalShareBps() external view returns (uint256);

    /// @notice The voting units of all members.
    function totalUnits() external view returns (uint256);
}
