// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Staking} from "../../contracts/staking/Staking.sol";
import {AIDAOToken} from "../../contracts/token/AIDAOToken.sol";

/// @dev Drives Staking with several stakers (stakes, permit stakes, unstakes, delegations by call and by signature,
/// period changes by governance and time warps) and keeps ghost values mirroring what Staking must report.
contract StakingHandler is Test {
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );

    /// @notice A delegate that never stakes.
    address public constant DELEGATE_ONLY = address(0xD00D);

    Staking public immutable staking;
    AIDAOToken public immutable token;
    address public immutable gov;

    uint256[] internal _keys;
    address[] internal _actors;
    /// @dev Everyone who may hold votes: the stakers and DELEGATE_ONLY.
    address[] internal _delegates;

    // ---- principal ghosts ----
    uint256 public ghostStaked;
    uint256 public ghostUnstaked;
    mapping(address account => uint256) public ghostStakedOf;
    mapping(address account => uint256) public ghostUnstakedOf;

    // ---- maturity ghosts ----
    struct Lot {
        uint256 maturesAt;
        uint256 amount;
    }
    mapping(address account => Lot[]) internal _lots;
    uint256 public ghostLastMaturity;
    /// @dev Stakes whose maturesAt was not max(now + period + 1, previous maturesAt) (must stay 0).
    uint256 public ghostWrongMaturities;

    // ---- safety ghosts (must stay 0) ----
    uint256 public ghostWrongPayouts;
    uint256 public ghostEarlyUnstakesAccepted;
    uint256 public ghostDelegationsWhileMaturingAccepted;

    // ---- history ghosts: expected votes and supply at past timepoints ----
    uint256[] internal _snapshotTimes;
    mapping(uint256 time => uint256) public snapshotSupply;
    mapping(uint256 time => mapping(address delegatee => uint256)) public snapshotVotes;

    // ---- call counters ----
    uint256 public stakes;
    uint256 public unstakes;
    uint256 public delegations;
    uint256 public warps;

    constructor(Staking staking_, AIDAOToken token_, address gov_, uint256[] memory keys) {
        staking = staking_;
        token = token_;
        gov = gov_;
        for (uint256 i = 0; i < keys.length; i++) {
            _keys.push(keys[i]);
            _actors.push(vm.addr(keys[i]));
            _delegates.push(vm.addr(keys[i]));
        }
        _delegates.push(DELEGATE_ONLY);
    }

    // ================================================================ views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function delegatesList() external view returns (address[] memory) {
        return _delegates;
    }

    function snapshotTimes() external view returns (uint256[] memory) {
        return _snapshotTimes;
    }

    /// @notice What `account`'s matured stake must be now: its lots that have matured, minus what it withdrew.
    function ghostMatured(address account) public view returns (uint256 sum) {
        Lot[] storage lots = _lots[account];
        for (uint256 i = 0; i < lots.length; i++) {
            if (lots[i].maturesAt <= block.timestamp) sum += lots[i].amount;
        }
        sum -= ghostUnstakedOf[account];
    }

    /// @notice When `account`'s latest lot matures (0 without lots).
    function ghostMaturesAt(address account) public view returns (uint256) {
        Lot[] storage lots = _lots[account];
        return lots.length == 0 ? 0 : lots[lots.length - 1].maturesAt;
    }

    /// @notice What `delegatee`'s votes must be now: the matured stake of the accounts delegating to it.
    function ghostVotes(address delegatee) public view returns (uint256 sum) {
        if (delegatee == address(0)) return 0;
        for (uint256 i = 0; i < _actors.length; i++) {
            if (staking.delegates(_actors[i]) == delegatee) sum += ghostMatured(_actors[i]);
        }
    }

    // ================================================================ actions

    function stake(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 balance = token.balanceOf(actor);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(actor);
        token.approve(address(staking), amount);
        uint256 expected = _expectedMaturity();
        vm.prank(actor);
        uint256 maturity = staking.stake(amount);
        _recordStake(actor, amount, maturity, expected);
    }

    function stakeWithPermit(uint256 actorSeed, uint256 amount, bool frontRun) external {
        uint256 index = actorSeed % _actors.length;
        address actor = _actors[index];
        uint256 balance = token.balanceOf(actor);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, actor, address(staking), amount, token.nonces(actor), deadline)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            _keys[index],
            keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash))
        );
        // Someone may have submitted the permit first: staking must still go through.
        if (frontRun) token.permit(actor, address(staking), amount, deadline, v, r, s);
        uint256 expected = _expectedMaturity();
        vm.prank(actor);
        uint256 maturity = staking.stakeWithPermit(amount, deadline, v, r, s);
        _recordStake(actor, amount, maturity, expected);
    }

    function unstake(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 matured = staking.maturedBalanceOf(actor);
        if (matured == 0) return;
        amount = bound(amount, 1, matured);
        uint256 before = token.balanceOf(actor);
        vm.prank(actor);
        staking.unstake(amount);
        if (token.balanceOf(actor) - before != amount) ghostWrongPayouts++;
        ghostUnstaked += amount;
        ghostUnstakedOf[actor] += amount;
        unstakes++;
    }

    /// @dev Tries to withdraw more than the matured stake: must always fail.
    function unstakeTooMuch(uint256 actorSeed, uint256 extra) external {
        address actor = _actor(actorSeed);
        uint256 amount = staking.maturedBalanceOf(actor) + bound(extra, 1, 1e24);
        vm.prank(actor);
        try staking.unstake(amount) {
            ghostEarlyUnstakesAccepted++;
        } catch {}
    }

    function delegate(uint256 actorSeed, uint256 delegateeSeed) external {
        address actor = _actor(actorSeed);
        address to = _delegatee(delegateeSeed);
        if (_maturing(actor) && staking.delegates(actor) != to) {
            vm.prank(actor);
            try staking.delegate(to) {
                ghostDelegationsWhileMaturingAccepted++;
            } catch {}
            return;
        }
        vm.prank(actor);
        staking.delegate(to);
        delegations++;
    }

    function delegateBySig(uint256 actorSeed, uint256 delegateeSeed) external {
        uint256 index = actorSeed % _actors.length;
        address actor = _actors[index];
        address to = _delegatee(delegateeSeed);
        uint256 expiry = block.timestamp + 1 days;
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, to, staking.nonces(actor), expiry));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            _keys[index],
            keccak256(abi.encodePacked("\x19\x01", _stakingDomainSeparator(), structHash))
        );
        uint256 nonce = staking.nonces(actor);
        if (_maturing(actor) && staking.delegates(actor) != to) {
            try staking.delegateBySig(to, nonce, expiry, v, r, s) {
                ghostDelegationsWhileMaturingAccepted++;
            } catch {}
            return;
        }
        staking.delegateBySig(to, nonce, expiry, v, r, s);
        delegations++;
    }

    function setMinStakePeriod(uint256 period) external {
        vm.prank(gov);
        staking.setMinStakePeriod(uint64(bound(period, 1 days, 90 days)));
    }

    /// @dev Moves time forward, after recording what every delegate's votes and the supply must be at the time
    /// being left (nothing can change them any more), so the invariants can check the history later.
    function warp(uint256 seconds_) external {
        uint256 t = block.timestamp;
        if (snapshotSupply[t] == 0 && _snapshotTimes.length < 64) {
            uint256 supply;
            for (uint256 i = 0; i < _actors.length; i++) {
                supply += ghostMatured(_actors[i]);
            }
            _snapshotTimes.push(t);
            // Stored + 1 so that a zero supply is told apart from "no snapshot".
            snapshotSupply[t] = supply + 1;
            for (uint256 i = 0; i < _delegates.length; i++) {
                snapshotVotes[t][_delegates[i]] = ghostVotes(_delegates[i]);
            }
        }
        vm.warp(t + bound(seconds_, 1, 20 days));
        warps++;
    }

    // ================================================================ internals

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev A staker, DELEGATE_ONLY or nobody.
    function _delegatee(uint256 seed) internal view returns (address) {
        uint256 i = seed % (_delegates.length + 1);
        return i == _delegates.length ? address(0) : _delegates[i];
    }

    function _maturing(address actor) internal view returns (bool) {
        return ghostMaturesAt(actor) > block.timestamp;
    }

    function _expectedMaturity() internal view returns (uint256 m) {
        m = block.timestamp + staking.minStakePeriod() + 1;
        if (m < ghostLastMaturity) m = ghostLastMaturity;
    }

    function _recordStake(address actor, uint256 amount, uint256 maturity, uint256 expected) internal {
        if (maturity != expected) ghostWrongMaturities++;
        ghostLastMaturity = maturity;
        _lots[actor].push(Lot(maturity, amount));
        ghostStaked += amount;
        ghostStakedOf[actor] += amount;
        stakes++;
    }

    function _stakingDomainSeparator() internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                    keccak256("AIDAO Staking"),
                    keccak256("1"),
                    block.chainid,
                    address(staking)
                )
            );
    }
}
