// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title IGrantProgram
 * @notice The grant template's program: a committee (a Safe) proposes milestone grants, token holders may veto a
 * grant during a window after its proposal, and the committee then releases its milestones in order.
 *
 * Budget: the program pays grants from its own balance. The DAO funds it by transferring tokens to it (e.g. the
 * executor has the treasury spend to the program) or with {fund}; the executor takes back what is not committed with
 * {withdraw}. A proposal commits its whole amount at once, so the sum of open commitments (the unpaid milestones of
 * Pending and Active grants) never exceeds the balance, and a veto or a cancellation frees what was left.
 *
 * Veto: a voter's weight is `vetoToken.getPastVotes(voter, proposedAt - 1)` (a snapshot taken before the proposal,
 * so votes bought or borrowed afterwards count for nothing) and each voter vetoes a grant at most once. The grant is
 * Vetoed as soon as the vetoes reach `vetoQuorumBps` of `vetoToken.getPastTotalSupply(proposedAt - 1)`. The veto
 * token must use a timestamp clock (ERC-6372 "mode=timestamp"), as the snapshot is a time. Each grant keeps the
 * veto window and quorum in force when it was proposed.
 *
 * Lifecycle: Pending (during the veto window) -> Vetoed | Active; Active -> Completed (last milestone released) |
 * Cancelled. Pending grants can be cancelled too. A grant is Pending at times [proposedAt, vetoEndsAt) and Active
 * from vetoEndsAt on, unless vetoed or cancelled.
 */
interface IGrantProgram {
    /// @notice The state of a grant.
    enum GrantState {
        None,
        Pending,
        Vetoed,
        Active,
        Completed,
        Cancelled
    }

    /// @notice A grant.
    /// @param recipient Who receives the milestones.
    /// @param token The token paid.
    /// @param proposedAt When the committee proposed it.
    /// @param vetoEndsAt The first second it can no longer be vetoed (proposedAt + the veto window then in force).
    /// @param vetoQuorumBps The veto quorum in force when it was proposed, in basis points of the snapshot supply.
    /// @param milestonesPaid How many milestones were released (they are released in order).
    /// @param closed The terminal state it reached (Vetoed, Completed or Cancelled), or None while open.
    /// @param totalAmount The sum of its milestones.
    /// @param paidAmount What was released so far.
    /// @param vetoWeight The sum of the veto weights cast so far.
    struct Grant {
        address recipient;
        uint48 proposedAt;
        uint48 vetoEndsAt;
        IERC20 token;
        uint16 vetoQuorumBps;
        uint32 milestonesPaid;
        GrantState closed;
        uint256 totalAmount;
        uint256 paidAmount;
        uint256 vetoWeight;
    }

    /// @notice Thrown when an address argument is zero where it cannot be.
    error GrantProgramZeroAddress();

    /// @notice Thrown when someone other than the committee calls a committee-only function.
    /// @param caller Who called.
    error GrantProgramNotCommittee(address caller);

    /// @notice Thrown when someone other than the executor calls an executor-only function.
    /// @param caller Who called.
    error GrantProgramNotExecutor(address caller);

    /// @notice Thrown when someone other than the committee or the executor cancels a grant.
    /// @param caller Who called.
    error GrantProgramNotCommitteeOrExecutor(address caller);

    /// @notice Thrown when the veto window is outside [MIN_VETO_WINDOW, MAX_VETO_WINDOW].
    /// @param window The rejected window in seconds.
    error GrantProgramVetoWindowOutOfRange(uint256 window);

    /// @notice Thrown when the veto quorum is 0 or above 10_000 basis points.
    /// @param bps The rejected quorum.
    error GrantProgramVetoQuorumOutOfRange(uint256 bps);

    /// @notice Thrown when the veto token does not use a timestamp clock.
    /// @param token The veto token.
    error GrantProgramVetoTokenNotTimestamp(address token);

    /// @notice Thrown when a grant has no milestones or more than MAX_MILESTONES.
    /// @param count How many milestones were given.
    error GrantProgramMilestoneCountOutOfRange(uint256 count);

    /// @notice Thrown when a milestone amount is zero.
    /// @param index The milestone.
    error GrantProgramZeroMilestone(uint256 index);

    /// @notice Thrown when a grant (or a withdrawal) asks for more than the uncommitted balance.
    /// @param token The token.
    /// @param requested The amount asked for.
    /// @param available The balance not committed to open grants.
    error GrantProgramInsufficientBudget(address token, uint256 requested, uint256 available);

    /// @notice Thrown when an amount of zero is funded or withdrawn.
    error GrantProgramZeroAmount();

    /// @notice Thrown for a grant id that does not exist.
    /// @param grantId The id.
    error GrantProgramUnknownGrant(uint256 grantId);

    /// @notice Thrown when an action needs a grant in another state.
    /// @param grantId The grant.
    /// @param state Its current state.
    error GrantProgramInvalidState(uint256 grantId, GrantState state);

    /// @notice Thrown when `voter` vetoes a grant a second time.
    /// @param grantId The grant.
    /// @param voter The voter.
    error GrantProgramAlreadyVetoed(uint256 grantId, address voter);

    /// @notice Thrown when `voter` had no votes at the grant's snapshot.
    /// @param grantId The grant.
    /// @param voter The voter.
    error GrantProgramNoVetoPower(uint256 grantId, address voter);

    /// @notice Thrown when a milestone is released out of order.
    /// @param grantId The grant.
    /// @param expected The next milestone to release.
    /// @param given The milestone asked for.
    error GrantProgramMilestoneOutOfOrder(uint256 grantId, uint256 expected, uint256 given);

    /// @notice Emitted when the committee proposes a grant, after its amount was committed.
    event GrantProposed(
        uint256 indexed grantId,
        address indexed recipient,
        address indexed token,
        uint256 totalAmount,
        uint256[] milestoneAmounts,
        uint48 vetoEndsAt,
        string descriptionURI
    );

    /// @notice Emitted for every veto cast, with the running total.
    event VetoCast(uint256 indexed grantId, address indexed voter, uint256 weight, uint256 totalVetoWeight);

    /// @notice Emitted when the vetoes reached the quorum: the grant is Vetoed and its commitment freed.
    /// @param quorum The veto weight that was needed.
    event GrantVetoed(uint256 indexed grantId, uint256 totalVetoWeight, uint256 quorum);

    /// @notice Emitted when a milestone was paid.
    event MilestoneReleased(
        uint256 indexed grantId,
        uint256 indexed milestoneIndex,
        address indexed recipient,
        uint256 amount
    );

    /// @notice Emitted when the last milestone of a grant was paid.
    event GrantCompleted(uint256 indexed grantId, uint256 paidAmount);

    /// @notice Emitted when a grant was cancelled; `unpaidAmount` was freed.
    event GrantCancelled(uint256 indexed grantId, address indexed by, uint256 unpaidAmount);

    /// @notice Emitted when someone funded the program with {fund}.
    event Funded(address indexed token, address indexed from, uint256 amount);

    /// @notice Emitted when the executor withdrew uncommitted funds to the treasury.
    event Withdrawn(address indexed token, address indexed to, uint256 amount);

    /// @notice Emitted when the executor (or `initialize`) sets the committee.
    event CommitteeSet(address oldCommittee, address newCommittee);

    /// @notice Emitted when the executor (or `initialize`) sets the veto parameters.
    event VetoParamsSet(uint48 oldWindow, uint48 newWindow, uint16 oldQuorumBps, uint16 newQuorumBps);

    /// @notice Sets up a clone; the factory calls it in the creation transaction, and only once.
    /// @param committee The Safe that proposes grants and releases milestones.
    /// @param treasury Where {withdraw} sends uncommitted funds.
    /// @param vetoToken The IVotes token (timestamp clock) whose holders may veto grants.
    /// @param vetoWindow Seconds after a proposal during which it may be vetoed.
    /// @param vetoQuorumBps The share of the veto token's snapshot supply that vetoes a grant, in (0, 10_000].
    /// @param executor The DAO's governance (its timelock or Safe).
    function initialize(
        address committee,
        address treasury,
        IVotes vetoToken,
        uint48 vetoWindow,
        uint256 vetoQuorumBps,
        address executor
    ) external;

    /// @notice The committee proposes a grant to `recipient` paid in `token` in milestones, committing its total.
    /// @param milestoneAmounts The milestones, in release order; each above 0.
    /// @param descriptionURI Where the grant is described (e.g. an IPFS URI); emitted only.
    /// @return grantId The new grant's id (ids start at 1).
    function proposeGrant(
        address recipient,
        IERC20 token,
        uint256[] calldata milestoneAmounts,
        string calldata descriptionURI
    ) external returns (uint256 grantId);

    /// @notice Vetoes a Pending grant with the caller's votes at the grant's snapshot; once per voter.
    function veto(uint256 grantId) external;

    /// @notice The committee pays milestone `milestoneIndex` of an Active grant; milestones are released in order.
    function releaseMilestone(uint256 grantId, uint256 milestoneIndex) external;

    /// @notice The committee or the executor cancels a Pending or Active grant; the unpaid milestones are freed.
    function cancelGrant(uint256 grantId) external;

    /// @notice Pulls `amount` of `token` from the caller (who must have approved it) into the program's budget.
    /// Anyone may fund; a plain transfer to the program funds it just as well (without the event).
    /// @return received The amount actually received (as measured by balance).
    function fund(IERC20 token, uint256 amount) external returns (uint256 received);

    /// @notice The executor sends `amount` of uncommitted `token` back to the treasury.
    function withdraw(IERC20 token, uint256 amount) external;

    /// @notice The executor appoints a new committee.
    function setCommittee(address committee) external;

    /// @notice The executor sets the veto window and quorum for grants proposed from now on.
    function setVetoParams(uint48 vetoWindow, uint256 vetoQuorumBps) external;

    /// @notice The committee.
    function committee() external view returns (address);

    /// @notice The DAO's governance.
    function executor() external view returns (address);

    /// @notice Where withdrawals go.
    function treasury() external view returns (address);

    /// @notice The token whose holders may veto.
    function vetoToken() external view returns (IVotes);

    /// @notice The veto window, in seconds, for grants proposed from now on.
    function vetoWindow() external view returns (uint48);

    /// @notice The veto quorum, in basis points, for grants proposed from now on.
    function vetoQuorumBps() external view returns (uint16);

    /// @notice How many grants were proposed (ids are 1..grantCount()).
    function grantCount() external view returns (uint256);

    /// @notice The grant `grantId`.
    function grant(uint256 grantId) external view returns (Grant memory);

    /// @notice The milestone amounts of `grantId`, in release order.
    function milestones(uint256 grantId) external view returns (uint256[] memory);

    /// @notice The state of `grantId` now (None for an id that does not exist).
    function state(uint256 grantId) external view returns (GrantState);

    /// @notice The snapshot timepoint of `grantId`'s veto (proposedAt - 1).
    function vetoSnapshot(uint256 grantId) external view returns (uint256);

    /// @notice The veto weight that vetoes `grantId`: its quorum of the snapshot supply (rounded up).
    function vetoQuorum(uint256 grantId) external view returns (uint256);

    /// @notice Whether `voter` has vetoed `grantId`.
    function hasVetoed(uint256 grantId, address voter) external view returns (bool);

    /// @notice The unpaid milestones of open (Pending and Active) grants in `token`.
    function committed(address token) external view returns (uint256);

    /// @notice The balance of `token` not committed to open grants: what new grants and withdrawals may use.
    function available(address token) external view returns (uint256);
}
