// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Staking} from "../../contracts/staking/Staking.sol";
import {IStaking} from "../../contracts/staking/IStaking.sol";
import {AIDAOToken} from "../../contracts/token/AIDAOToken.sol";

/// @dev Stakes borrowed tokens and reads its voting weight within the same transaction, like a flash-loan attacker.
contract FlashStaker {
    struct Result {
        uint256 votesNow;
        uint256 pastVotes;
        uint256 pastTotalSupply;
        uint256 matured;
        bool unstaked;
        bool delegated;
    }

    function attack(Staking staking, IERC20 token, uint256 amount, address friend) external returns (Result memory r) {
        token.approve(address(staking), amount);
        staking.stake(amount);
        r.votesNow = staking.getVotes(address(this));
        r.pastVotes = staking.getPastVotes(address(this), block.timestamp - 1);
        r.pastTotalSupply = staking.getPastTotalSupply(block.timestamp - 1);
        r.matured = staking.maturedBalanceOf(address(this));
        // Repaying the loan would need the stake back, and handing the weight to a friend needs a delegation.
        try staking.unstake(amount) {
            r.unstaked = true;
        } catch {}
        try staking.delegate(friend) {
            r.delegated = true;
        } catch {}
    }
}

contract StakingTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint64 internal constant PERIOD = 7 days;
    uint256 internal constant FUNDS = 10_000_000e18;

    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    AIDAOToken internal token;
    Staking internal staking;

    uint256 internal constant ALICE_PK = 0xA11CE;
    uint256 internal constant BOB_PK = 0xB0B;
    uint256 internal constant CAROL_PK = 0xCA201;
    address internal alice;
    address internal bob;
    address internal carol;
    address internal gov = address(0x6000);
    address internal relayer = address(0x8E1A7);

    // ---- naive mirror for the sequence fuzz tests ----
    struct Lot {
        uint256 maturesAt;
        uint256 amount;
    }
    struct Withdrawal {
        uint256 at;
        uint256 amount;
    }
    struct Delegation {
        uint256 at;
        address to;
    }
    address[3] internal _actors;
    mapping(address account => Lot[]) internal _lots;
    mapping(address account => Withdrawal[]) internal _withdrawals;
    mapping(address account => Delegation[]) internal _delegations;
    uint256[] internal _keyTimes;
    uint256 internal _mirrorLastMaturity;

    function setUp() public {
        vm.warp(T0);
        alice = vm.addr(ALICE_PK);
        bob = vm.addr(BOB_PK);
        carol = vm.addr(CAROL_PK);
        vm.label(alice, "alice");
        vm.label(bob, "bob");
        vm.label(carol, "carol");
        address me = address(this);
        token = new AIDAOToken(AIDAOToken.Allocation(me, me, me, me, me, me, me));
        staking = new Staking(token, gov, PERIOD);
        token.transfer(alice, FUNDS);
        token.transfer(bob, FUNDS);
        token.transfer(carol, FUNDS);
        _actors = [alice, bob, carol];
    }

    // ================================================================ helpers

    function _stake(address who, uint256 amount) internal returns (uint256 maturity) {
        vm.startPrank(who);
        token.approve(address(staking), amount);
        maturity = staking.stake(amount);
        vm.stopPrank();
    }

    function _delegate(address who, address to) internal {
        vm.prank(who);
        staking.delegate(to);
    }

    function _unstake(address who, uint256 amount) internal {
        vm.prank(who);
        staking.unstake(amount);
    }

    function _warpTo(uint256 t) internal {
        vm.warp(t);
    }

    function _skip(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
    }

    function _signPermit(
        uint256 pk,
        address spender,
        uint256 value,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        address owner = vm.addr(pk);
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, spender, value, token.nonces(owner), deadline)
        );
        (v, r, s) = vm.sign(pk, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }

    function _stakingDomainSeparator() internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    EIP712_DOMAIN_TYPEHASH,
                    keccak256("AIDAO Staking"),
                    keccak256("1"),
                    block.chainid,
                    address(staking)
                )
            );
    }

    function _signDelegation(
        uint256 pk,
        address delegatee,
        uint256 nonce,
        uint256 expiry
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        (v, r, s) = vm.sign(pk, keccak256(abi.encodePacked("\x19\x01", _stakingDomainSeparator(), structHash)));
    }

    // ================================================================ constructor, clock and views

    function test_constructor_setsTokenOwnerAndPeriod() public view {
        assertEq(staking.token(), address(token), "token");
        assertEq(staking.owner(), gov, "owner");
        assertEq(staking.minStakePeriod(), PERIOD, "period");
        assertEq(staking.MIN_STAKE_PERIOD_FLOOR(), 1 days, "floor");
        assertEq(staking.MIN_STAKE_PERIOD_CEILING(), 90 days, "ceiling");
        assertEq(staking.totalStaked(), 0, "total");
    }

    function test_constructor_revertsIfPeriodOutOfBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingPeriodOutOfBounds.selector, 1 days - 1, 1 days, 90 days)
        );
        new Staking(token, gov, 1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingPeriodOutOfBounds.selector, 90 days + 1, 1 days, 90 days)
        );
        new Staking(token, gov, 90 days + 1);
    }

    function test_constructor_emitsMinStakePeriodSet() public {
        vm.expectEmit();
        emit IStaking.MinStakePeriodSet(0, 3 days);
        new Staking(token, gov, 3 days);
    }

    function test_clock_isBlockTimestamp() public {
        assertEq(staking.clock(), T0, "clock at T0");
        _skip(12345);
        assertEq(staking.clock(), T0 + 12345, "clock after warp");
    }

    function test_CLOCK_MODE_isTimestamp() public view {
        assertTrue(keccak256(bytes(staking.CLOCK_MODE())) == keccak256("mode=timestamp"), "CLOCK_MODE");
    }

    function test_views_zeroForUnknownAccount() public view {
        assertEq(staking.stakedBalanceOf(carol), 0, "staked");
        assertEq(staking.maturedBalanceOf(carol), 0, "matured");
        assertEq(staking.maturesAt(carol), 0, "maturesAt");
        assertEq(staking.getVotes(carol), 0, "votes");
        assertEq(staking.delegates(carol), address(0), "delegate");
        assertEq(staking.nonces(carol), 0, "nonce");
    }

    function test_maturedBalanceOf_growsLotByLot() public {
        uint256 m1 = _stake(alice, 100e18);
        _skip(2 days);
        uint256 m2 = _stake(alice, 50e18);
        assertEq(staking.maturesAt(alice), m2, "maturesAt is the latest lot");
        assertEq(staking.stakedBalanceOf(alice), 150e18, "staked");
        _warpTo(m1 - 1);
        assertEq(staking.maturedBalanceOf(alice), 0, "nothing before m1");
        _warpTo(m1);
        assertEq(staking.maturedBalanceOf(alice), 100e18, "first lot at m1");
        _warpTo(m2 - 1);
        assertEq(staking.maturedBalanceOf(alice), 100e18, "still first lot before m2");
        _warpTo(m2);
        assertEq(staking.maturedBalanceOf(alice), 150e18, "both at m2");
    }

    // ================================================================ stake

    function test_stake_revertsIfZeroAmount() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingZeroAmount.selector));
        staking.stake(0);
    }

    function test_stake_revertsWithoutAllowance() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(staking), 0, 1e18)
        );
        staking.stake(1e18);
    }

    function test_stake_revertsIfBalanceTooLow() public {
        vm.startPrank(alice);
        token.approve(address(staking), FUNDS + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, FUNDS, FUNDS + 1)
        );
        staking.stake(FUNDS + 1);
        vm.stopPrank();
    }

    function test_stake_selfDelegatesOnFirstStake() public {
        vm.startPrank(alice);
        token.approve(address(staking), 10e18);
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, address(0), alice);
        staking.stake(10e18);
        vm.stopPrank();
        assertEq(staking.delegates(alice), alice, "self-delegated");
    }

    function test_stake_emitsStakedWithMaturesAt() public {
        vm.startPrank(alice);
        token.approve(address(staking), 10e18);
        vm.expectEmit();
        emit IStaking.Staked(alice, 10e18, T0 + PERIOD + 1);
        uint256 maturity = staking.stake(10e18);
        vm.stopPrank();
        assertEq(maturity, T0 + PERIOD + 1, "returned maturesAt");
        assertEq(staking.maturesAt(alice), T0 + PERIOD + 1, "stored maturesAt");
    }

    function test_stake_updatesBalancesAndTotal() public {
        _stake(alice, 10e18);
        _stake(bob, 5e18);
        assertEq(staking.stakedBalanceOf(alice), 10e18, "alice staked");
        assertEq(staking.stakedBalanceOf(bob), 5e18, "bob staked");
        assertEq(staking.maturedBalanceOf(alice), 0, "alice matured");
        assertEq(staking.totalStaked(), 15e18, "total");
        assertEq(token.balanceOf(address(staking)), 15e18, "custody");
        assertEq(token.balanceOf(alice), FUNDS - 10e18, "alice paid");
        assertEq(staking.getVotes(alice), 0, "no votes while maturing");
    }

    function test_stake_keepsExistingDelegate() public {
        uint256 m1 = _stake(alice, 10e18);
        _warpTo(m1);
        _delegate(alice, bob);
        uint256 m2 = _stake(alice, 5e18);
        assertEq(staking.delegates(alice), bob, "delegate kept");
        assertEq(staking.getVotes(bob), 10e18, "only matured part now");
        _warpTo(m2);
        assertEq(staking.getVotes(bob), 15e18, "new lot counts for bob at maturity");
        assertEq(staking.getVotes(alice), 0, "nothing for alice");
    }

    function test_stake_withDelegateChosenBeforeFirstStake() public {
        _delegate(carol, bob);
        vm.startPrank(carol);
        token.approve(address(staking), 7e18);
        staking.stake(7e18);
        vm.stopPrank();
        assertEq(staking.delegates(carol), bob, "no self-delegation over an explicit choice");
        _skip(PERIOD + 1);
        assertEq(staking.getVotes(bob), 7e18, "bob");
        assertEq(staking.getVotes(carol), 0, "carol");
    }

    /// @dev Regression: an account that delegated to nobody and then stakes again is self-delegated; its earlier,
    /// matured stake must come along, or its votes fall short and a later move of the whole balance wraps around.
    function test_stake_afterDelegatingToZeroSelfDelegatesWholeBalance() public {
        uint256 m1 = _stake(alice, 100e18);
        _warpTo(m1);
        _delegate(alice, address(0));
        assertEq(staking.getVotes(alice), 0, "undelegated");

        vm.startPrank(alice);
        token.approve(address(staking), 50e18);
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, address(0), alice);
        vm.expectEmit();
        emit IVotes.DelegateVotesChanged(alice, 0, 100e18);
        uint256 m2 = staking.stake(50e18);
        vm.stopPrank();
        assertEq(staking.delegates(alice), alice, "self-delegated again");
        assertEq(staking.getVotes(alice), 100e18, "matured stake counts again");

        _warpTo(m2);
        assertEq(staking.getVotes(alice), 150e18, "all of it after maturity");
        _delegate(alice, bob);
        assertEq(staking.getVotes(alice), 0, "alice after moving");
        assertEq(staking.getVotes(bob), 150e18, "bob after moving");
        _unstake(alice, 150e18);
        assertEq(staking.getVotes(bob), 0, "bob after unstake");
        _skip(1);
        assertEq(staking.getPastTotalSupply(block.timestamp - 1), 0, "supply after unstake");
    }

    // ================================================================ stakeWithPermit

    function test_stakeWithPermit_stakesInOneTransaction() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_PK, address(staking), 42e18, deadline);
        vm.prank(alice);
        vm.expectEmit();
        emit IStaking.Staked(alice, 42e18, T0 + PERIOD + 1);
        uint256 maturity = staking.stakeWithPermit(42e18, deadline, v, r, s);
        assertEq(maturity, T0 + PERIOD + 1, "maturesAt");
        assertEq(staking.stakedBalanceOf(alice), 42e18, "staked");
        assertEq(token.allowance(alice, address(staking)), 0, "allowance used");
        assertEq(token.nonces(alice), 1, "permit nonce used");
        assertEq(staking.delegates(alice), alice, "self-delegated");
    }

    function test_stakeWithPermit_succeedsIfPermitFrontRun() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_PK, address(staking), 42e18, deadline);
        // Someone copies the permit from the mempool and submits it first.
        vm.prank(relayer);
        token.permit(alice, address(staking), 42e18, deadline, v, r, s);
        assertEq(token.allowance(alice, address(staking)), 42e18, "front-run allowance");

        vm.prank(alice);
        staking.stakeWithPermit(42e18, deadline, v, r, s);
        assertEq(staking.stakedBalanceOf(alice), 42e18, "staked anyway");
        assertEq(token.allowance(alice, address(staking)), 0, "allowance used");
    }

    function test_stakeWithPermit_revertsIfPermitInvalidAndNoAllowance() public {
        uint256 deadline = block.timestamp + 1 hours;
        // Signed by bob for alice's tokens: the permit fails and there is no allowance to fall back on.
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(BOB_PK, address(staking), 42e18, deadline);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(staking), 0, 42e18)
        );
        staking.stakeWithPermit(42e18, deadline, v, r, s);
    }

    function test_stakeWithPermit_revertsIfExpiredAndNoAllowance() public {
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_PK, address(staking), 42e18, deadline);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(staking), 0, 42e18)
        );
        staking.stakeWithPermit(42e18, deadline, v, r, s);
    }

    function test_stakeWithPermit_revertsIfZeroAmount() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_PK, address(staking), 0, deadline);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingZeroAmount.selector));
        staking.stakeWithPermit(0, deadline, v, r, s);
    }

    // ================================================================ unstake

    function test_unstake_revertsIfZeroAmount() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingZeroAmount.selector));
        staking.unstake(0);
    }

    function test_unstake_revertsIfNotMatured() public {
        _stake(alice, 10);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientMatured.selector, alice, 10, 0));
        staking.unstake(10);
        // Exactly the minimum period is not enough: the stake must be held strictly longer.
        _warpTo(T0 + PERIOD);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientMatured.selector, alice, 10, 0));
        staking.unstake(10);
    }

    function test_unstake_revertsIfNeverStaked() public {
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientMatured.selector, carol, 1, 0));
        staking.unstake(1);
    }

    function test_unstake_revertsIfMoreThanMatured() public {
        uint256 m = _stake(alice, 10e18);
        _warpTo(m);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientMatured.selector, alice, 10e18 + 1, 10e18));
        staking.unstake(10e18 + 1);
    }

    function test_unstake_returnsExactPrincipal() public {
        uint256 m = _stake(alice, 10e18);
        _warpTo(m);
        vm.prank(alice);
        vm.expectEmit();
        emit IStaking.Unstaked(alice, 10e18);
        staking.unstake(10e18);
        assertEq(token.balanceOf(alice), FUNDS, "principal back");
        assertEq(staking.stakedBalanceOf(alice), 0, "staked");
        assertEq(staking.maturedBalanceOf(alice), 0, "matured");
        assertEq(staking.totalStaked(), 0, "total");
        assertEq(token.balanceOf(address(staking)), 0, "custody");
        assertEq(staking.getVotes(alice), 0, "votes");
    }

    function test_unstake_partial() public {
        uint256 m = _stake(alice, 10e18);
        _warpTo(m);
        _unstake(alice, 4e18);
        assertEq(token.balanceOf(alice), FUNDS - 6e18, "paid 4");
        assertEq(staking.stakedBalanceOf(alice), 6e18, "staked");
        assertEq(staking.maturedBalanceOf(alice), 6e18, "matured");
        assertEq(staking.getVotes(alice), 6e18, "votes");
        assertEq(staking.totalStaked(), 6e18, "total");
        _unstake(alice, 6e18);
        assertEq(token.balanceOf(alice), FUNDS, "all back");
    }

    function test_unstake_onlyMaturedPartAfterAnotherStake() public {
        uint256 m1 = _stake(alice, 100e18);
        _warpTo(m1);
        uint256 m2 = _stake(alice, 50e18);
        assertEq(staking.maturedBalanceOf(alice), 100e18, "first lot matured");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientMatured.selector, alice, 101e18, 100e18));
        staking.unstake(101e18);
        _unstake(alice, 100e18);
        assertEq(staking.maturedBalanceOf(alice), 0, "maturing lot is not withdrawable");
        assertEq(staking.stakedBalanceOf(alice), 50e18, "maturing lot still staked");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientMatured.selector, alice, 1, 0));
        staking.unstake(1);
        _warpTo(m2);
        _unstake(alice, 50e18);
        assertEq(token.balanceOf(alice), FUNDS, "all back");
    }

    function test_unstake_reducesDelegateVotes() public {
        uint256 m = _stake(alice, 100e18);
        _warpTo(m);
        _delegate(alice, bob);
        vm.prank(alice);
        vm.expectEmit();
        emit IVotes.DelegateVotesChanged(bob, 100e18, 60e18);
        staking.unstake(40e18);
        assertEq(staking.getVotes(bob), 60e18, "bob");
        assertEq(staking.getVotes(alice), 0, "alice");
    }

    function test_unstake_whileUndelegatedReducesTotalSupply() public {
        uint256 m = _stake(alice, 100e18);
        _warpTo(m);
        _delegate(alice, address(0));
        _unstake(alice, 30e18);
        _skip(1);
        assertEq(staking.getPastTotalSupply(block.timestamp - 1), 70e18, "supply");
        assertEq(staking.getVotes(alice), 0, "alice");
        assertEq(staking.getVotes(address(0)), 0, "nobody");
    }

    function testFuzz_unstake_returnsPrincipal(uint256 amount, uint256 wait) public {
        amount = bound(amount, 1, FUNDS);
        wait = bound(wait, PERIOD + 1, 10 * 365 days);
        _stake(alice, amount);
        _skip(wait);
        uint256 before = token.balanceOf(alice);
        _unstake(alice, amount);
        assertEq(token.balanceOf(alice) - before, amount, "principal");
        assertEq(token.balanceOf(alice), FUNDS, "nothing lost");
        assertEq(staking.totalStaked(), 0, "total");
    }

    function testFuzz_unstake_revertsBeforeMaturity(uint256 amount, uint256 wait) public {
        amount = bound(amount, 1, FUNDS);
        wait = bound(wait, 0, PERIOD);
        _stake(alice, amount);
        _skip(wait);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientMatured.selector, alice, amount, 0));
        staking.unstake(amount);
    }

    function testFuzz_unstake_partialKeepsRest(uint256 amount, uint256 part) public {
        amount = bound(amount, 2, FUNDS);
        part = bound(part, 1, amount - 1);
        uint256 m = _stake(alice, amount);
        _warpTo(m);
        _unstake(alice, part);
        assertEq(staking.stakedBalanceOf(alice), amount - part, "rest staked");
        assertEq(staking.getVotes(alice), amount - part, "rest votes");
        assertEq(token.balanceOf(alice), FUNDS - amount + part, "part paid");
    }

    // ================================================================ delegate

    function test_delegate_movesMaturedVotesImmediately() public {
        uint256 m = _stake(alice, 100e18);
        _warpTo(m);
        vm.prank(alice);
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, alice, bob);
        vm.expectEmit();
        emit IVotes.DelegateVotesChanged(alice, 100e18, 0);
        vm.expectEmit();
        emit IVotes.DelegateVotesChanged(bob, 0, 100e18);
        staking.delegate(bob);
        assertEq(staking.delegates(alice), bob, "delegate");
        assertEq(staking.getVotes(alice), 0, "alice");
        assertEq(staking.getVotes(bob), 100e18, "bob");
        _skip(1);
        assertEq(staking.getPastVotes(alice, m - 1), 0, "history before maturity");
        assertEq(staking.getPastVotes(bob, m), 100e18, "bob at the delegation time");
        assertEq(staking.getPastTotalSupply(m), 100e18, "supply unchanged");
    }

    function test_delegate_revertsWhileMaturing() public {
        uint256 m = _stake(alice, 100e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingDelegateWhileMaturing.selector, alice, m));
        staking.delegate(bob);
        _warpTo(m - 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingDelegateWhileMaturing.selector, alice, m));
        staking.delegate(address(0));
        _warpTo(m);
        _delegate(alice, bob);
        assertEq(staking.getVotes(bob), 100e18, "delegated at maturity");
    }

    function test_delegate_revertsWhileNewLotMatures() public {
        uint256 m1 = _stake(alice, 100e18);
        _warpTo(m1);
        uint256 m2 = _stake(alice, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingDelegateWhileMaturing.selector, alice, m2));
        staking.delegate(bob);
    }

    function test_delegate_toZeroRemovesVotes() public {
        uint256 m = _stake(alice, 100e18);
        _warpTo(m);
        vm.prank(alice);
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, alice, address(0));
        staking.delegate(address(0));
        assertEq(staking.delegates(alice), address(0), "delegate");
        assertEq(staking.getVotes(alice), 0, "alice");
        assertEq(staking.getVotes(address(0)), 0, "nobody");
        assertEq(staking.maturedBalanceOf(alice), 100e18, "stake still matured");
        _skip(1);
        assertEq(staking.getPastTotalSupply(block.timestamp - 1), 100e18, "still in the supply");
        // And back again.
        _delegate(alice, alice);
        assertEq(staking.getVotes(alice), 100e18, "alice again");
    }

    function test_delegate_sameDelegateIsNoOpWhileMaturing() public {
        _stake(alice, 100e18);
        vm.prank(alice);
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, alice, alice);
        staking.delegate(alice);
        assertEq(staking.delegates(alice), alice, "unchanged");
        assertEq(staking.getVotes(alice), 0, "still maturing");
        _skip(PERIOD + 1);
        assertEq(staking.getVotes(alice), 100e18, "counts at maturity");
    }

    function test_delegate_withoutStakeOnlyRecordsDelegate() public {
        vm.prank(carol);
        vm.expectEmit();
        emit IVotes.DelegateChanged(carol, address(0), bob);
        staking.delegate(bob);
        assertEq(staking.delegates(carol), bob, "delegate");
        assertEq(staking.getVotes(bob), 0, "no votes");
    }

    function test_delegate_chainMovesWholeBalance() public {
        uint256 m = _stake(alice, 100e18);
        _stake(bob, 30e18);
        _warpTo(m);
        _delegate(alice, bob);
        _delegate(alice, carol);
        _delegate(bob, carol);
        assertEq(staking.getVotes(alice), 0, "alice");
        assertEq(staking.getVotes(bob), 0, "bob");
        assertEq(staking.getVotes(carol), 130e18, "carol");
    }

    // ================================================================ delegateBySig

    function test_delegateBySig_delegatesForSigner() public {
        uint256 m = _stake(alice, 100e18);
        _warpTo(m);
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(ALICE_PK, bob, 0, expiry);
        vm.prank(relayer);
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, alice, bob);
        staking.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(staking.delegates(alice), bob, "delegate");
        assertEq(staking.getVotes(bob), 100e18, "bob");
        assertEq(staking.nonces(alice), 1, "nonce used");
        assertEq(staking.delegates(relayer), address(0), "relayer untouched");
    }

    function test_delegateBySig_acceptsExpiryEqualToNow() public {
        uint256 expiry = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(CAROL_PK, bob, 0, expiry);
        staking.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(staking.delegates(carol), bob, "delegate");
    }

    function test_delegateBySig_revertsIfExpired() public {
        uint256 expiry = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(ALICE_PK, bob, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        staking.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_revertsIfWrongNonce() public {
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(ALICE_PK, bob, 1, expiry);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 0));
        staking.delegateBySig(bob, 1, expiry, v, r, s);
    }

    function test_delegateBySig_revertsIfReplayed() public {
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(ALICE_PK, bob, 0, expiry);
        staking.delegateBySig(bob, 0, expiry, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 1));
        staking.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_revertsWhileMaturing() public {
        uint256 m = _stake(alice, 100e18);
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(ALICE_PK, bob, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingDelegateWhileMaturing.selector, alice, m));
        staking.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_tamperedDelegateeRecoversOtherSigner() public {
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(ALICE_PK, bob, 0, expiry);
        // Same signature, other delegatee: it recovers some unrelated address, never alice.
        staking.delegateBySig(carol, 0, expiry, v, r, s);
        assertEq(staking.delegates(alice), address(0), "alice untouched");
        assertEq(staking.nonces(alice), 0, "alice nonce untouched");
    }

    // ================================================================ getVotes / getPastVotes / getPastTotalSupply

    function test_getPastVotes_revertsIfFutureLookup() public {
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingFutureLookup.selector, T0, uint48(T0)));
        staking.getPastVotes(alice, T0);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingFutureLookup.selector, T0 + 1, uint48(T0)));
        staking.getPastVotes(alice, T0 + 1);
        assertEq(staking.getPastVotes(alice, T0 - 1), 0, "past is fine");
    }

    function test_getPastTotalSupply_revertsIfFutureLookup() public {
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingFutureLookup.selector, T0, uint48(T0)));
        staking.getPastTotalSupply(T0);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingFutureLookup.selector, type(uint256).max, uint48(T0)));
        staking.getPastTotalSupply(type(uint256).max);
        assertEq(staking.getPastTotalSupply(T0 - 1), 0, "past is fine");
    }

    function test_getPastVotes_boundaryCountsZeroZeroFull() public {
        uint256 s = block.timestamp;
        _stake(alice, 100e18);
        _warpTo(s + PERIOD + 2);
        assertEq(staking.getPastVotes(alice, s + PERIOD - 1), 0, "s+P-1");
        assertEq(staking.getPastVotes(alice, s + PERIOD), 0, "s+P");
        assertEq(staking.getPastVotes(alice, s + PERIOD + 1), 100e18, "s+P+1");
        assertEq(staking.getPastTotalSupply(s + PERIOD - 1), 0, "supply s+P-1");
        assertEq(staking.getPastTotalSupply(s + PERIOD), 0, "supply s+P");
        assertEq(staking.getPastTotalSupply(s + PERIOD + 1), 100e18, "supply s+P+1");
    }

    function test_getVotes_countsFromMaturesAt() public {
        uint256 m = _stake(alice, 100e18);
        _warpTo(m - 1);
        assertEq(staking.getVotes(alice), 0, "one second early");
        _warpTo(m);
        assertEq(staking.getVotes(alice), 100e18, "at maturesAt");
    }

    function testFuzz_getPastVotes_boundary(uint256 amount, uint64 period) public {
        amount = bound(amount, 1, FUNDS);
        period = uint64(bound(period, 1 days, 90 days));
        vm.prank(gov);
        staking.setMinStakePeriod(period);
        uint256 s = block.timestamp;
        uint256 m = _stake(alice, amount);
        assertEq(m, s + period + 1, "maturesAt");
        _warpTo(s + period + 2);
        assertEq(staking.getPastVotes(alice, s + period), 0, "s+P");
        assertEq(staking.getPastVotes(alice, s + period + 1), amount, "s+P+1");
        assertEq(staking.getPastTotalSupply(s + period), 0, "supply s+P");
        assertEq(staking.getPastTotalSupply(s + period + 1), amount, "supply s+P+1");
    }

    function test_getPastTotalSupply_countsMaturedStakeOfEveryone() public {
        uint256 m1 = _stake(alice, 100e18);
        _skip(1 days);
        uint256 m2 = _stake(bob, 40e18);
        _warpTo(m1);
        _delegate(alice, address(0));
        _warpTo(m2);
        _unstake(bob, 15e18);
        _skip(1);
        assertEq(staking.getPastTotalSupply(m1 - 1), 0, "before");
        assertEq(staking.getPastTotalSupply(m1), 100e18, "alice matured (and undelegated)");
        assertEq(staking.getPastTotalSupply(m2 - 1), 100e18, "bob maturing");
        assertEq(staking.getPastTotalSupply(m2), 125e18, "bob matured and partly unstaked");
        assertEq(staking.getPastVotes(bob, m2), 25e18, "bob votes");
        assertEq(staking.getPastVotes(alice, m2), 0, "alice votes");
    }

    /// @dev A flash loan cannot buy weight: within one transaction, freshly staked tokens carry no votes now or
    /// in the past, cannot be withdrawn to repay the loan, and cannot be passed on to a friend.
    function test_getVotes_zeroForFlashLoanedStake() public {
        _stake(bob, 1_000e18);
        _skip(PERIOD + 2);
        FlashStaker attacker = new FlashStaker();
        token.transfer(address(attacker), 5_000_000e18); // the "loan"
        FlashStaker.Result memory r = attacker.attack(staking, token, 5_000_000e18, carol);
        assertEq(r.votesNow, 0, "getVotes in the same transaction");
        assertEq(r.pastVotes, 0, "getPastVotes(now - 1)");
        assertEq(r.pastTotalSupply, 1_000e18, "supply(now - 1) ignores the loan");
        assertEq(r.matured, 0, "nothing matured");
        assertTrue(!r.unstaked, "cannot repay in the same transaction");
        assertTrue(!r.delegated, "cannot hand the weight over");
        assertEq(staking.getVotes(address(attacker)), 0, "still nothing after the transaction");
        assertEq(staking.getVotes(carol), 0, "friend got nothing");
    }

    // ---------------------------------------------------------------- many checkpoints

    /// @dev 50 operations at distinct times (stakes, partial unstakes, delegations between alice and bob), then the
    /// votes of alice and bob and the supply are checked at every interesting timepoint against a naive mirror.
    function _buildManyCheckpoints() internal returns (uint256 start, uint256 end) {
        start = block.timestamp;
        for (uint256 i = 0; i < 50; i++) {
            _skip(1 hours + ((i * 7919) % 3 days));
            address who = i % 3 == 2 ? bob : alice;
            if (i % 5 == 4) {
                uint256 m = staking.maturedBalanceOf(who);
                if (m > 1) _mirrorUnstake(who, m / 2);
            } else if (i % 11 == 10 && staking.maturesAt(alice) <= block.timestamp) {
                _mirrorDelegate(alice, staking.delegates(alice) == alice ? bob : alice);
            } else {
                _mirrorStake(who, (i + 1) * 1e18);
            }
        }
        end = block.timestamp;
        _skip(PERIOD + 2);
    }

    function _checkMirrorAt(uint256 t) internal view {
        assertEq(staking.getPastVotes(alice, t), _mirrorVotes(alice, t), "alice votes");
        assertEq(staking.getPastVotes(bob, t), _mirrorVotes(bob, t), "bob votes");
        assertEq(staking.getPastTotalSupply(t), _mirrorSupply(t), "supply");
    }

    function test_getPastVotes_exactAfterManyCheckpoints() public {
        (uint256 start, ) = _buildManyCheckpoints();
        assertGe(_keyTimes.length, 50, "many checkpoints");
        for (uint256 i = 0; i < _keyTimes.length; i++) {
            uint256 k = _keyTimes[i];
            _checkMirrorAt(k - 1);
            _checkMirrorAt(k);
            if (k + 1 < block.timestamp) _checkMirrorAt(k + 1);
        }
        _checkMirrorAt(start - 1);
        _checkMirrorAt(block.timestamp - 1);
    }

    function testFuzz_getPastVotes_exactAfterManyCheckpoints(uint256 queryTime) public {
        (uint256 start, ) = _buildManyCheckpoints();
        queryTime = bound(queryTime, start - 1 days, block.timestamp - 1);
        _checkMirrorAt(queryTime);
    }

    // ---------------------------------------------------------------- random sequences vs naive mirror

    function testFuzz_getPastVotes_matchesMirror(uint256 seed) public {
        uint256 start = block.timestamp;
        _mirrorLastMaturity = 0;
        for (uint256 i = 0; i < 28; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            address who = _actors[r % 3];
            uint256 op = (r >> 8) % 7;
            uint256 x = r >> 16;
            if (op <= 1) {
                _mirrorStake(who, bound(x, 1, 1_000e18));
            } else if (op == 2) {
                uint256 m = staking.maturedBalanceOf(who);
                if (m > 0) _mirrorUnstake(who, bound(x, 1, m));
            } else if (op == 3) {
                address to = x % 4 == 3 ? address(0) : _actors[x % 4];
                uint256 matures = staking.maturesAt(who);
                if (matures > block.timestamp && staking.delegates(who) != to) {
                    vm.prank(who);
                    vm.expectRevert(
                        abi.encodeWithSelector(IStaking.StakingDelegateWhileMaturing.selector, who, matures)
                    );
                    staking.delegate(to);
                } else {
                    _mirrorDelegate(who, to);
                }
            } else if (op <= 5) {
                _skip(bound(x, 1, 2 * uint256(PERIOD)));
            } else {
                vm.prank(gov);
                staking.setMinStakePeriod(uint64(bound(x, 1 days, 90 days)));
            }
            for (uint256 j = 0; j < 3; j++) {
                address a = _actors[j];
                assertEq(staking.maturedBalanceOf(a), _mirrorMatured(a, block.timestamp), "matured now");
                assertEq(staking.getVotes(a), _mirrorVotes(a, block.timestamp), "votes now");
            }
        }
        // Move past every scheduled maturity, then compare the whole history.
        _warpTo((_mirrorLastMaturity > block.timestamp ? _mirrorLastMaturity : block.timestamp) + 2);
        for (uint256 i = 0; i < _keyTimes.length; i++) {
            uint256 k = _keyTimes[i];
            _checkAllAt(k - 1);
            _checkAllAt(k);
            _checkAllAt(k + 1);
        }
        _checkAllAt(start - 1);
        _checkAllAt(block.timestamp - 1);
        assertEq(staking.getVotes(address(0)), 0, "address(0) never has votes");
    }

    function _checkAllAt(uint256 t) internal view {
        uint256 sum;
        for (uint256 j = 0; j < 3; j++) {
            address a = _actors[j];
            uint256 v = staking.getPastVotes(a, t);
            assertEq(v, _mirrorVotes(a, t), "past votes");
            sum += v;
        }
        uint256 supply = staking.getPastTotalSupply(t);
        assertEq(supply, _mirrorSupply(t), "past supply");
        assertLe(sum, supply, "votes <= supply");
    }

    // ---------------------------------------------------------------- mirror bookkeeping

    function _mirrorStake(address who, uint256 amount) internal {
        if (_mirrorDelegateAt(who, block.timestamp) == address(0)) {
            _delegations[who].push(Delegation(block.timestamp, who));
        }
        uint256 expected = block.timestamp + staking.minStakePeriod() + 1;
        if (expected < _mirrorLastMaturity) expected = _mirrorLastMaturity;
        _mirrorLastMaturity = expected;
        uint256 m = _stake(who, amount);
        assertEq(m, expected, "maturesAt is max(now + period + 1, last)");
        assertEq(staking.maturesAt(who), m, "stored maturesAt");
        _lots[who].push(Lot(m, amount));
        _keyTimes.push(block.timestamp);
        _keyTimes.push(m);
    }

    function _mirrorUnstake(address who, uint256 amount) internal {
        uint256 before = token.balanceOf(who);
        _unstake(who, amount);
        assertEq(token.balanceOf(who) - before, amount, "exact principal");
        _withdrawals[who].push(Withdrawal(block.timestamp, amount));
        _keyTimes.push(block.timestamp);
    }

    function _mirrorDelegate(address who, address to) internal {
        _delegate(who, to);
        _delegations[who].push(Delegation(block.timestamp, to));
        _keyTimes.push(block.timestamp);
    }

    function _mirrorMatured(address who, uint256 t) internal view returns (uint256 sum) {
        Lot[] storage lots = _lots[who];
        for (uint256 i = 0; i < lots.length; i++) {
            if (lots[i].maturesAt <= t) sum += lots[i].amount;
        }
        Withdrawal[] storage outs = _withdrawals[who];
        for (uint256 i = 0; i < outs.length; i++) {
            if (outs[i].at <= t) sum -= outs[i].amount;
        }
    }

    function _mirrorDelegateAt(address who, uint256 t) internal view returns (address to) {
        Delegation[] storage dels = _delegations[who];
        for (uint256 i = 0; i < dels.length; i++) {
            if (dels[i].at <= t) to = dels[i].to;
        }
    }

    function _mirrorVotes(address delegatee, uint256 t) internal view returns (uint256 sum) {
        if (delegatee == address(0)) return 0;
        for (uint256 j = 0; j < 3; j++) {
            address a = _actors[j];
            if (_mirrorDelegateAt(a, t) == delegatee) sum += _mirrorMatured(a, t);
        }
    }

    function _mirrorSupply(uint256 t) internal view returns (uint256 sum) {
        for (uint256 j = 0; j < 3; j++) {
            sum += _mirrorMatured(_actors[j], t);
        }
    }

    // ================================================================ setMinStakePeriod

    function test_setMinStakePeriod_revertsIfNotOwner() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        staking.setMinStakePeriod(3 days);
    }

    function test_setMinStakePeriod_revertsIfBelowFloor() public {
        vm.prank(gov);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingPeriodOutOfBounds.selector, 1 days - 1, 1 days, 90 days)
        );
        staking.setMinStakePeriod(1 days - 1);
        vm.prank(gov);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingPeriodOutOfBounds.selector, 0, 1 days, 90 days));
        staking.setMinStakePeriod(0);
    }

    function test_setMinStakePeriod_revertsIfAboveCeiling() public {
        vm.prank(gov);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingPeriodOutOfBounds.selector, 90 days + 1, 1 days, 90 days)
        );
        staking.setMinStakePeriod(90 days + 1);
        vm.prank(gov);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingPeriodOutOfBounds.selector, type(uint64).max, 1 days, 90 days)
        );
        staking.setMinStakePeriod(type(uint64).max);
    }

    function test_setMinStakePeriod_acceptsBounds() public {
        vm.startPrank(gov);
        staking.setMinStakePeriod(1 days);
        assertEq(staking.minStakePeriod(), 1 days, "floor");
        staking.setMinStakePeriod(90 days);
        assertEq(staking.minStakePeriod(), 90 days, "ceiling");
        vm.stopPrank();
    }

    function test_setMinStakePeriod_emitsAndApplies() public {
        vm.prank(gov);
        vm.expectEmit();
        emit IStaking.MinStakePeriodSet(PERIOD, 3 days);
        staking.setMinStakePeriod(3 days);
        assertEq(staking.minStakePeriod(), 3 days, "stored");
        uint256 m = _stake(alice, 1e18);
        assertEq(m, block.timestamp + 3 days + 1, "new period applies to new stakes");
    }

    function test_setMinStakePeriod_doesNotChangeExistingStakes() public {
        uint256 m = _stake(alice, 1e18);
        vm.prank(gov);
        staking.setMinStakePeriod(90 days);
        assertEq(staking.maturesAt(alice), m, "unchanged");
        _warpTo(m);
        assertEq(staking.maturedBalanceOf(alice), 1e18, "matured on the old schedule");
    }

    function test_setMinStakePeriod_shorteningKeepsMaturesAtMonotone() public {
        vm.prank(gov);
        staking.setMinStakePeriod(90 days);
        uint256 m1 = _stake(alice, 1e18);
        vm.prank(gov);
        staking.setMinStakePeriod(1 days);
        _skip(1);
        uint256 m2 = _stake(bob, 1e18);
        assertEq(m2, m1, "a later stake never matures before an earlier one");
        _skip(2 days);
        assertEq(staking.getVotes(bob), 0, "bob still maturing");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientMatured.selector, bob, 1e18, 0));
        staking.unstake(1e18);
        _warpTo(m1);
        assertEq(staking.getVotes(bob), 1e18, "bob at m1");
        // Once past the old horizon, the short period applies again.
        uint256 m3 = _stake(carol, 1e18);
        assertEq(m3, block.timestamp + 1 days + 1, "short period");
    }

    function testFuzz_setMinStakePeriod_maturesAtIsMonotone(uint64 p1, uint64 p2, uint256 gap) public {
        p1 = uint64(bound(p1, 1 days, 90 days));
        p2 = uint64(bound(p2, 1 days, 90 days));
        gap = bound(gap, 0, 180 days);
        vm.prank(gov);
        staking.setMinStakePeriod(p1);
        uint256 m1 = _stake(alice, 1e18);
        vm.prank(gov);
        staking.setMinStakePeriod(p2);
        _skip(gap);
        uint256 natural = block.timestamp + p2 + 1;
        uint256 m2 = _stake(bob, 1e18);
        assertGe(m2, m1, "monotone");
        assertEq(m2, natural > m1 ? natural : m1, "max(now + period + 1, previous)");
        _warpTo(m2 - 1);
        assertEq(staking.maturedBalanceOf(bob), 0, "not before m2");
        _warpTo(m2);
        assertEq(staking.maturedBalanceOf(bob), 1e18, "at m2");
    }
}
