// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IRewardsDistributor
 * @notice Holds the 39% rewards allocation. Governance posts epochs, each a Merkle root of (account, amount) with
 * its total; a claim proves its leaf and then vests linearly from the epoch's start to the end of the three-year
 * programme. Leaves follow OpenZeppelin's merkle-tree standard: keccak256(bytes.concat(keccak256(abi.encode(account,
 * amount)))).
 */
interface IRewardsDistributor {
    /// @notice An epoch of rewards.
    /// @param root The Merkle root of (address account, uint256 amount) leaves.
    /// @param total The sum of the amounts in the tree.
    /// @param start When its rewards start vesting.
    /// @param uri Where the full list (and the data to recompute the root) is published.
    struct Epoch {
        bytes32 root;
        uint256 total;
        uint64 start;
        string uri;
    }

    /// @notice Thrown when an epoch would allocate more than the contract was funded with, or when a claim would
    /// register a leaf whose amount exceeds what is left of its epoch's total (a tree inconsistent with its total).
    /// @param requested The epoch total (posting) or the leaf amount (claiming).
    /// @param available Funded minus already allocated (posting), or the epoch total minus the amounts already
    /// registered in it (claiming).
    error RewardsDistributorOverAllocated(uint256 requested, uint256 available);

    /// @notice Thrown for an epoch id that does not exist.
    error RewardsDistributorUnknownEpoch(uint256 epochId);

    /// @notice Thrown when a proof does not prove (account, amount) in the epoch's tree.
    error RewardsDistributorInvalidProof(uint256 epochId, address account, uint256 amount);

    /// @notice Thrown when a claim names an amount other than the one already registered for the account.
    error RewardsDistributorAmountMismatch(uint256 epochId, address account, uint256 amount, uint256 registered);

    /// @notice Thrown when an epoch has an empty root or total.
    error RewardsDistributorEmptyEpoch();

    /// @notice Emitted when governance posts an epoch.
    event EpochPosted(uint256 indexed epochId, bytes32 root, uint256 total, uint64 start, string uri);

    /// @notice Emitted when `account` receives vested rewards of an epoch.
    event Claimed(uint256 indexed epochId, address indexed account, uint256 amount, uint256 totalReleased);

    /// @notice Governance posts an epoch; returns its id (0, 1, 2, …).
    function postEpoch(bytes32 root, uint256 total, string calldata uri) external returns (uint256 epochId);

    /// @notice Proves `account`'s `amount` in `epochId` (once) and pays it what has vested so far; anyone may call.
    /// @return released What this call paid.
    function claim(
        uint256 epochId,
        address account,
        uint256 amount,
        bytes32[] calldata proof
    ) external returns (uint256 released);

    /// @notice The AIDAO token.
    function token() external view returns (address);

    /// @notice When the three-year programme ends (every claim is fully vested by then).
    function programmeEnd() external view returns (uint64);

    /// @notice An epoch.
    function epoch(uint256 epochId) external view returns (Epoch memory);

    /// @notice How many epochs were posted.
    function epochCount() external view returns (uint256);

    /// @notice The sum of all epoch totals.
    function totalAllocated() external view returns (uint256);

    /// @notice The sum of everything paid out.
    function totalReleased() external view returns (uint256);

    /// @notice Everything the contract was ever funded with: its balance plus what it paid out.
    function funded() external view returns (uint256);

    /// @notice `account`'s registered amount in `epochId` and how much of it was released.
    function allocation(uint256 epochId, address account) external view returns (uint256 amount, uint256 released);

    /// @notice How much of `amount` in `epochId` has vested at `timestamp`.
    function vestedAmount(uint256 epochId, uint256 amount, uint64 timestamp) external view returns (uint256);
}
