// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IGrantProgram} from "./IGrantProgram.sol";

/**
 * @title GrantProgram
 * @notice The grant template's program (see {IGrantProgram}). Deployed once as an implementation and used through
 * EIP-1167 clones that the factory initializes in their creation transaction.
 * @dev The program holds its budget and pays milestones from it; `committed[token]` is the sum of the unpaid
 * milestones of open grants. A proposal must fit in the uncommitted balance, a release pays from the committed part,
 * and a veto or cancellation frees the rest, so commitments never exceed the balance (for tokens that debit the
 * sender exactly the amount transferred). Grants are never deleted.
 *
 * Invariant: for every grant, paidAmount <= totalAmount (the sum of its milestones) and paidAmount is the sum of its
 * first milestonesPaid milestones.
 * Invariant: a Vetoed grant never pays (it is vetoed before its window ends, and only Active grants pay).
 * Invariant: committed(t) == the sum of totalAmount - paidAmount over Pending and Active grants in t
 * <= t.balanceOf(this program).
 * Invariant: vetoWindow() is in [MIN_VETO_WINDOW, MAX_VETO_WINDOW] and vetoQuorumBps() in [1, 10_000].
 */
contract GrantProgram is IGrantProgram, Initializable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The shortest veto window governance may set.
    uint48 public constant MIN_VETO_WINDOW = 1 hours;
    /// @notice The longest veto window governance may set.
    uint48 public constant MAX_VETO_WINDOW = 30 days;
    /// @notice The most milestones a grant may have.
    uint256 public constant MAX_MILESTONES = 32;
    uint16 private constant BPS = 10_000;

    address private _committee;
    address private _treasury;
    address private _executor;
    IVotes private _vetoToken;
    uint48 private _vetoWindow;
    uint16 private _vetoQuorumBps;
    uint256 private _grantCount;
    mapping(uint256 grantId => Grant) private _grants;
    mapping(uint256 grantId => uint256[]) private _milestones;
    mapping(uint256 grantId => mapping(address voter => bool)) private _hasVetoed;
    mapping(address token => uint256) private _committed;

    modifier onlyCommittee() {
        if (msg.sender != _committee) revert GrantProgramNotCommittee(msg.sender);
        _;
    }

    modifier onlyExecutor() {
        if (msg.sender != _executor) revert GrantProgramNotExecutor(msg.sender);
        _;
    }

    /// @dev The implementation is never used directly: only its clones are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IGrantProgram
    function initialize(
        address committee_,
        address treasury_,
        IVotes vetoToken_,
        uint48 vetoWindow_,
        uint256 vetoQuorumBps_,
        address executor_
    ) external initializer {
        if (treasury_ == address(0) || executor_ == address(0)) revert GrantProgramZeroAddress();
        address token = address(vetoToken_);
        if (token == address(0)) revert GrantProgramZeroAddress();
        // The snapshot is a time (proposedAt - 1), so the token's checkpoints must be keyed by time too.
        if (token.code.length == 0) revert GrantProgramVetoTokenNotTimestamp(token);
        try IERC6372(token).clock() returns (uint48 tokenClock) {
            if (tokenClock != block.timestamp) revert GrantProgramVetoTokenNotTimestamp(token);
        } catch {
            revert GrantProgramVetoTokenNotTimestamp(token);
        }
        _treasury = treasury_;
        _executor = executor_;
        _vetoToken = vetoToken_;
        _setCommittee(committee_);
        _setVetoParams(vetoWindow_, vetoQuorumBps_);
    }

    // ---------------------------------------------------------------- grants

    /// @inheritdoc IGrantProgram
    function proposeGrant(
        address recipient,
        IERC20 token,
        uint256[] calldata milestoneAmounts,
        string calldata descriptionURI
    ) external onlyCommittee returns (uint256 grantId) {
        if (recipient == address(0) || address(token) == address(0)) revert GrantProgramZeroAddress();
        uint256 count = milestoneAmounts.length;
        if (count == 0 || count > MAX_MILESTONES) revert GrantProgramMilestoneCountOutOfRange(count);
        uint256 total;
        for (uint256 i = 0; i < count; i++) {
            if (milestoneAmounts[i] == 0) revert GrantProgramZeroMilestone(i);
            total += milestoneAmounts[i];
        }
        uint256 free = available(address(token));
        if (total > free) revert GrantProgramInsufficientBudget(address(token), total, free);

        grantId = ++_grantCount;
        uint48 now_ = uint48(block.timestamp);
        uint48 vetoEndsAt = now_ + _vetoWindow;
        _grants[grantId] = Grant({
            recipient: recipient,
            proposedAt: now_,
            vetoEndsAt: vetoEndsAt,
            token: token,
            vetoQuorumBps: _vetoQuorumBps,
            milestonesPaid: 0,
            closed: GrantState.None,
            totalAmount: total,
            paidAmount: 0,
            vetoWeight: 0
        });
        _milestones[grantId] = milestoneAmounts;
        _committed[address(token)] += total;
        emit GrantProposed(grantId, recipient, address(token), total, milestoneAmounts, vetoEndsAt, descriptionURI);
    }

    /// @inheritdoc IGrantProgram
    function veto(uint256 grantId) external {
        _requireState(grantId, GrantState.Pending);
        if (_hasVetoed[grantId][msg.sender]) revert GrantProgramAlreadyVetoed(grantId, msg.sender);
        Grant storage g = _grants[grantId];
        // Votes at the second before the proposal: nothing acquired at or after it counts.
        uint256 weight = _vetoToken.getPastVotes(msg.sender, g.proposedAt - 1);
        if (weight == 0) revert GrantProgramNoVetoPower(grantId, msg.sender);

        _hasVetoed[grantId][msg.sender] = true;
        uint256 total = g.vetoWeight + weight;
        g.vetoWeight = total;
        emit VetoCast(grantId, msg.sender, weight, total);

        uint256 quorum = vetoQuorum(grantId);
        if (total >= quorum) {
            g.closed = GrantState.Vetoed;
            _committed[address(g.token)] -= g.totalAmount; // nothing was paid while Pending
            emit GrantVetoed(grantId, total, quorum);
        }
    }

    /// @inheritdoc IGrantProgram
    function releaseMilestone(uint256 grantId, uint256 milestoneIndex) external onlyCommittee nonReentrant {
        _requireState(grantId, GrantState.Active);
        Grant storage g = _grants[grantId];
        uint256 expected = g.milestonesPaid;
        if (milestoneIndex != expected) revert GrantProgramMilestoneOutOfOrder(grantId, expected, milestoneIndex);

        uint256 amount = _milestones[grantId][milestoneIndex];
        bool last = milestoneIndex + 1 == _milestones[grantId].length;
        g.milestonesPaid = uint32(milestoneIndex + 1); // < MAX_MILESTONES
        g.paidAmount += amount;
        if (last) g.closed = GrantState.Completed;
        IERC20 token = g.token;
        address recipient = g.recipient;
        _committed[address(token)] -= amount;

        token.safeTransfer(recipient, amount);
        emit MilestoneReleased(grantId, milestoneIndex, recipient, amount);
        if (last) emit GrantCompleted(grantId, g.paidAmount);
    }

    /// @inheritdoc IGrantProgram
    function cancelGrant(uint256 grantId) external {
        if (msg.sender != _committee && msg.sender != _executor) revert GrantProgramNotCommitteeOrExecutor(msg.sender);
        _requireExists(grantId);
        GrantState current = state(grantId);
        if (current != GrantState.Pending && current != GrantState.Active) {
            revert GrantProgramInvalidState(grantId, current);
        }
        Grant storage g = _grants[grantId];
        uint256 unpaid = g.totalAmount - g.paidAmount;
        g.closed = GrantState.Cancelled;
        _committed[address(g.token)] -= unpaid;
        emit GrantCancelled(grantId, msg.sender, unpaid);
    }

    // ---------------------------------------------------------------- budget

    /// @inheritdoc IGrantProgram
    function fund(IERC20 token, uint256 amount) external nonReentrant returns (uint256 received) {
        if (address(token) == address(0)) revert GrantProgramZeroAddress();
        if (amount == 0) revert GrantProgramZeroAmount();
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - before;
        emit Funded(address(token), msg.sender, received);
    }

    /// @inheritdoc IGrantProgram
    function withdraw(IERC20 token, uint256 amount) external onlyExecutor nonReentrant {
        if (amount == 0) revert GrantProgramZeroAmount();
        uint256 free = available(address(token));
        if (amount > free) revert GrantProgramInsufficientBudget(address(token), amount, free);
        token.safeTransfer(_treasury, amount);
        emit Withdrawn(address(token), _treasury, amount);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IGrantProgram
    function setCommittee(address committee_) external onlyExecutor {
        _setCommittee(committee_);
    }

    /// @inheritdoc IGrantProgram
    function setVetoParams(uint48 vetoWindow_, uint256 vetoQuorumBps_) external onlyExecutor {
        _setVetoParams(vetoWindow_, vetoQuorumBps_);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IGrantProgram
    function committee() external view returns (address) {
        return _committee;
    }

    /// @inheritdoc IGrantProgram
    function executor() external view returns (address) {
        return _executor;
    }

    /// @inheritdoc IGrantProgram
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IGrantProgram
    function vetoToken() external view returns (IVotes) {
        return _vetoToken;
    }

    /// @inheritdoc IGrantProgram
    function vetoWindow() external view returns (uint48) {
        return _vetoWindow;
    }

    /// @inheritdoc IGrantProgram
    function vetoQuorumBps() external view returns (uint16) {
        return _vetoQuorumBps;
    }

    /// @inheritdoc IGrantProgram
    function grantCount() external view returns (uint256) {
        return _grantCount;
    }

    /// @inheritdoc IGrantProgram
    function grant(uint256 grantId) external view returns (Grant memory) {
        _requireExists(grantId);
        return _grants[grantId];
    }

    /// @inheritdoc IGrantProgram
    function milestones(uint256 grantId) external view returns (uint256[] memory) {
        _requireExists(grantId);
        return _milestones[grantId];
    }

    /// @inheritdoc IGrantProgram
    function state(uint256 grantId) public view returns (GrantState) {
        if (grantId == 0 || grantId > _grantCount) return GrantState.None;
        Grant storage g = _grants[grantId];
        GrantState closed = g.closed;
        if (closed != GrantState.None) return closed;
        return block.timestamp < g.vetoEndsAt ? GrantState.Pending : GrantState.Active;
    }

    /// @inheritdoc IGrantProgram
    function vetoSnapshot(uint256 grantId) external view returns (uint256) {
        _requireExists(grantId);
        return _grants[grantId].proposedAt - 1;
    }

    /// @inheritdoc IGrantProgram
    function vetoQuorum(uint256 grantId) public view returns (uint256) {
        _requireExists(grantId);
        Grant storage g = _grants[grantId];
        uint256 supply = _vetoToken.getPastTotalSupply(g.proposedAt - 1);
        // Rounded up: `weight >= ceil(supply * bps / 10_000)` is exactly `weight * 10_000 >= supply * bps`.
        return Math.mulDiv(supply, g.vetoQuorumBps, BPS, Math.Rounding.Ceil);
    }

    /// @inheritdoc IGrantProgram
    function hasVetoed(uint256 grantId, address voter) external view returns (bool) {
        return _hasVetoed[grantId][voter];
    }

    /// @inheritdoc IGrantProgram
    function committed(address token) external view returns (uint256) {
        return _committed[token];
    }

    /// @inheritdoc IGrantProgram
    function available(address token) public view returns (uint256) {
        uint256 balance = IERC20(token).balanceOf(address(this));
        uint256 locked = _committed[token];
        return balance > locked ? balance - locked : 0;
    }

    // ---------------------------------------------------------------- internals

    function _requireExists(uint256 grantId) private view {
        if (grantId == 0 || grantId > _grantCount) revert GrantProgramUnknownGrant(grantId);
    }

    function _requireState(uint256 grantId, GrantState required) private view {
        _requireExists(grantId);
        GrantState current = state(grantId);
        if (current != required) revert GrantProgramInvalidState(grantId, current);
    }

    function _setCommittee(address committee_) private {
        if (committee_ == address(0)) revert GrantProgramZeroAddress();
        address old = _committee;
        _committee = committee_;
        emit CommitteeSet(old, committee_);
    }

    function _setVetoParams(uint48 window, uint256 bps) private {
        if (window < MIN_VETO_WINDOW || window > MAX_VETO_WINDOW) revert GrantProgramVetoWindowOutOfRange(window);
        if (bps == 0 || bps > BPS) revert GrantProgramVetoQuorumOutOfRange(bps);
        uint48 oldWindow = _vetoWindow;
        uint16 oldBps = _vetoQuorumBps;
        _vetoWindow = window;
        _vetoQuorumBps = uint16(bps);
        emit VetoParamsSet(oldWindow, window, oldBps, uint16(bps));
    }
}
