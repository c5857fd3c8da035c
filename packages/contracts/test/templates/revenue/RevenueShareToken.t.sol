// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ERC20PermitUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20PermitUpgradeable.sol";
import {ERC20VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20VotesUpgradeable.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {RevenueShareToken} from "../../../contracts/templates/revenue/RevenueShareToken.sol";
import {IRevenueShareToken} from "../../../contracts/templates/revenue/IRevenueShareToken.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {FeeOnTransferERC20} from "../../mocks/FeeOnTransferERC20.sol";
import {ReentrantPayoutToken} from "../../mocks/revenue/ReentrantPayoutToken.sol";

/// @dev Shared set-up: one implementation, clones of it, payout tokens and their payer (the DAO's treasury, which is
/// also the distributor admin).
abstract contract RevenueShareTokenBase is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant PRECISION = 1e36;

    RevenueShareToken internal implementation;

    address internal dao = address(0xDA0);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA401);
    address internal dave = address(0xDA7E);
    address internal stranger = address(0xBAD);

    function _clone(
        string memory name_,
        address[] memory holders,
        uint256[] memory amounts
    ) internal returns (RevenueShareToken clone) {
        clone = RevenueShareToken(Clones.clone(address(implementation)));
        clone.initialize(name_, "RDAO", holders, amounts, dao);
    }

    function _newPayoutToken(string memory name_, RevenueShareToken spender) internal returns (MockERC20 payout) {
        payout = new MockERC20(name_, name_);
        payout.mint(dao, type(uint128).max);
        vm.prank(dao);
        payout.approve(address(spender), type(uint256).max);
    }

    function _addresses(address a, address b, address c) internal pure returns (address[] memory list) {
        list = new address[](3);
        (list[0], list[1], list[2]) = (a, b, c);
    }

    function _amounts(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory list) {
        list = new uint256[](3);
        (list[0], list[1], list[2]) = (a, b, c);
    }
}

contract RevenueShareTokenTest is RevenueShareTokenBase {
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    uint256 internal constant OWNER_PK = 0x0A11;

    RevenueShareToken internal token;
    MockERC20 internal usdc;
    MockERC20 internal weth;
    FeeOnTransferERC20 internal feeToken;

    function setUp() public {
        vm.warp(T0);
        implementation = new RevenueShareToken();
        // alice 50%, bob 30%, carol 20%.
        token = _clone("Revenue DAO", _addresses(alice, bob, carol), _amounts(500e18, 300e18, 200e18));
        usdc = _newPayoutToken("USD", token);
        weth = _newPayoutToken("WETH", token);
        feeToken = new FeeOnTransferERC20(100); // 1% burnt on every transfer
        feeToken.mint(dao, 1e30);
        vm.prank(dao);
        feeToken.approve(address(token), type(uint256).max);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _distribute(IERC20 payout, uint256 amount) internal returns (uint256 received) {
        vm.prank(dao);
        received = token.distribute(payout, amount);
    }

    function _claim(address account, IERC20 payout) internal returns (uint256 paid) {
        vm.prank(account);
        paid = token.claim(payout);
    }

    function _transfer(address from, address to, uint256 amount) internal {
        vm.prank(from);
        token.transfer(to, amount);
    }

    function _domainSeparator(RevenueShareToken clone) internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256(bytes(clone.name())),
                    keccak256("1"),
                    block.chainid,
                    address(clone)
                )
            );
    }

    function _permitDigest(
        bytes32 domainSeparator,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal pure returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    function _freshClone() internal returns (RevenueShareToken) {
        return RevenueShareToken(Clones.clone(address(implementation)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // constructor and initialize
    // ---------------------------------------------------------------------------------------------------------

    function test_constructor_locksImplementation() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize("Impl", "IMPL", _addresses(alice, bob, carol), _amounts(1, 1, 1), dao);
        assertEq(implementation.totalSupply(), 0, "implementation has no supply");
    }

    function test_initialize_setsMetadataSupplyAndAdmin() public view {
        assertTrue(keccak256(bytes(token.name())) == keccak256("Revenue DAO"), "name");
        assertTrue(keccak256(bytes(token.symbol())) == keccak256("RDAO"), "symbol");
        assertEq(token.decimals(), 18, "decimals");
        assertEq(token.totalSupply(), 1_000e18, "supply");
        assertEq(token.balanceOf(alice), 500e18, "alice");
        assertEq(token.balanceOf(bob), 300e18, "bob");
        assertEq(token.balanceOf(carol), 200e18, "carol");
        assertEq(token.distributorAdmin(), dao, "admin");
        assertEq(token.payoutTokens().length, 0, "no payout token yet");
        assertEq(token.MAX_PAYOUT_TOKENS(), 16, "max payout tokens");
        assertEq(token.PRECISION(), 1e36, "precision");
        assertEq(token.MAX_TOTAL_DISTRIBUTED(), type(uint256).max / 1e36, "max total distributed");
    }

    function test_initialize_emitsTransfersFromZero() public {
        RevenueShareToken clone = _freshClone();
        vm.expectEmit();
        emit IERC20.Transfer(address(0), alice, 7);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), bob, 8);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), carol, 9);
        clone.initialize("X", "X", _addresses(alice, bob, carol), _amounts(7, 8, 9), dao);
    }

    function test_initialize_sumsRepeatedHolder() public {
        RevenueShareToken clone = _clone("X", _addresses(alice, bob, alice), _amounts(1, 2, 3));
        assertEq(clone.balanceOf(alice), 4, "alice twice");
        assertEq(clone.totalSupply(), 6, "supply");
    }

    function test_initialize_revertsIfCalledTwice() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        token.initialize("Again", "AGN", _addresses(stranger, bob, carol), _amounts(1, 1, 1), stranger);
        assertEq(token.balanceOf(stranger), 0, "nothing minted");
    }

    function test_initialize_revertsOnNoHolders() public {
        RevenueShareToken clone = _freshClone();
        vm.expectRevert(abi.encodeWithSelector(IRevenueShareToken.RevenueShareTokenNoHolders.selector));
        clone.initialize("X", "X", new address[](0), new uint256[](0), dao);
    }

    function test_initialize_revertsOnLengthMismatch() public {
        RevenueShareToken clone = _freshClone();
        vm.expectRevert(abi.encodeWithSelector(IRevenueShareToken.RevenueShareTokenLengthMismatch.selector, 3, 2));
        clone.initialize("X", "X", _addresses(alice, bob, carol), new uint256[](2), dao);
    }

    function test_initialize_revertsOnZeroHolder() public {
        RevenueShareToken clone = _freshClone();
        vm.expectRevert(abi.encodeWithSelector(IRevenueShareToken.RevenueShareTokenZeroHolder.selector, 1));
        clone.initialize("X", "X", _addresses(alice, address(0), carol), _amounts(1, 1, 1), dao);
    }

    function test_initialize_revertsOnZeroAmount() public {
        RevenueShareToken clone = _freshClone();
        vm.expectRevert(abi.encodeWithSelector(IRevenueShareToken.RevenueShareTokenZeroInitialAmount.selector, carol));
        clone.initialize("X", "X", _addresses(alice, bob, carol), _amounts(1, 1, 0), dao);
    }

    function test_initialize_revertsOnZeroDistributorAdmin() public {
        RevenueShareToken clone = _freshClone();
        vm.expectRevert(abi.encodeWithSelector(IRevenueShareToken.RevenueShareTokenZeroDistributorAdmin.selector));
        clone.initialize("X", "X", _addresses(alice, bob, carol), _amounts(1, 1, 1), address(0));
    }

    function test_initialize_revertsIfSupplyAbovePrecision() public {
        RevenueShareToken clone = _freshClone();
        vm.expectRevert(
            abi.encodeWithSelector(ERC20VotesUpgradeable.ERC20ExceededSafeSupply.selector, PRECISION + 1, PRECISION)
        );
        clone.initialize("X", "X", _addresses(alice, bob, carol), _amounts(PRECISION - 1, 1, 1), dao);
    }

    function test_initialize_acceptsSupplyOfPrecision() public {
        RevenueShareToken clone = _clone("X", _addresses(alice, bob, carol), _amounts(PRECISION - 2, 1, 1));
        assertEq(clone.totalSupply(), PRECISION, "supply at the cap");
    }

    // ---------------------------------------------------------------------------------------------------------
    // votes (timestamp clock)
    // ---------------------------------------------------------------------------------------------------------

    function test_clock_isBlockTimestamp() public {
        assertEq(token.clock(), T0, "clock at T0");
        vm.warp(T0 + 12345);
        assertEq(token.clock(), T0 + 12345, "clock follows time");
    }

    function test_CLOCK_MODE_isTimestamp() public view {
        assertTrue(keccak256(bytes(token.CLOCK_MODE())) == keccak256("mode=timestamp"), "clock mode");
    }

    function test_delegate_isRequiredToVote() public {
        assertEq(token.getVotes(alice), 0, "no votes before delegating");
        vm.prank(alice);
        token.delegate(alice);
        assertEq(token.getVotes(alice), 500e18, "self-delegated");
        vm.prank(bob);
        token.delegate(alice);
        assertEq(token.getVotes(alice), 800e18, "bob's votes too");
        assertEq(token.getVotes(bob), 0, "bob delegated away");
    }

    function test_getPastVotes_usesTimestamps() public {
        vm.prank(alice);
        token.delegate(alice);
        vm.prank(bob);
        token.delegate(bob);
        vm.warp(T0 + 100);
        _transfer(alice, bob, 100e18);
        vm.warp(T0 + 200);
        _transfer(bob, carol, 50e18); // carol has not delegated: those votes vanish
        vm.warp(T0 + 300);

        assertEq(token.getPastVotes(alice, T0), 500e18, "alice at T0");
        assertEq(token.getPastVotes(alice, T0 + 99), 500e18, "alice before the transfer");
        assertEq(token.getPastVotes(alice, T0 + 100), 400e18, "alice after the transfer");
        assertEq(token.getPastVotes(bob, T0 + 100), 400e18, "bob after receiving");
        assertEq(token.getPastVotes(bob, T0 + 200), 350e18, "bob after sending to carol");
        assertEq(token.getPastVotes(carol, T0 + 200), 0, "carol did not delegate");
        assertEq(token.getPastTotalSupply(T0 + 250), 1_000e18, "total supply");
    }

    function test_getPastVotes_revertsForPresentOrFuture() public {
        vm.expectRevert(abi.encodeWithSelector(VotesUpgradeable.ERC5805FutureLookup.selector, T0, uint48(T0)));
        token.getPastVotes(alice, T0);
    }

    function test_transfer_movesVotesButNotEarnedRevenue() public {
        vm.prank(alice);
        token.delegate(alice);
        _distribute(usdc, 1_000e18);
        _transfer(alice, dave, 100e18);
        assertEq(token.getVotes(alice), 400e18, "votes moved with the transfer");
        assertEq(token.claimable(alice, usdc), 500e18, "revenue stayed");
    }

    // ---------------------------------------------------------------------------------------------------------
    // permit (EIP-712 domain per clone)
    // ---------------------------------------------------------------------------------------------------------

    function test_eip712Domain_isTheClonesOwn() public view {
        (, string memory name_, string memory version, uint256 chainId, address verifyingContract, , ) = token
            .eip712Domain();
        assertTrue(keccak256(bytes(name_)) == keccak256("Revenue DAO"), "domain name = token name");
        assertTrue(keccak256(bytes(version)) == keccak256("1"), "version 1");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifyingContract, address(token), "the clone, not the implementation");
        assertTrue(token.DOMAIN_SEPARATOR() == _domainSeparator(token), "DOMAIN_SEPARATOR");
    }

    function test_permit_setsAllowance() public {
        address owner = vm.addr(OWNER_PK);
        _transfer(alice, owner, 10e18);
        uint256 deadline = T0 + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            OWNER_PK,
            _permitDigest(token.DOMAIN_SEPARATOR(), owner, stranger, 10e18, 0, deadline)
        );
        token.permit(owner, stranger, 10e18, deadline, v, r, s);
        assertEq(token.allowance(owner, stranger), 10e18, "allowance");
        assertEq(token.nonces(owner), 1, "nonce used");
        vm.prank(stranger);
        token.transferFrom(owner, dave, 10e18);
        assertEq(token.balanceOf(dave), 10e18, "spent through the permit");
    }

    function test_permit_rejectedBySiblingClone() public {
        address owner = vm.addr(OWNER_PK);
        address[] memory holders = _addresses(owner, bob, carol);
        uint256[] memory amounts = _amounts(10e18, 1, 1);
        // Same implementation, same name, same holders: only the verifying contract differs.
        RevenueShareToken first = _clone("Twin", holders, amounts);
        RevenueShareToken second = _clone("Twin", holders, amounts);
        assertTrue(first.DOMAIN_SEPARATOR() != second.DOMAIN_SEPARATOR(), "distinct domains");

        uint256 deadline = T0 + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            OWNER_PK,
            _permitDigest(first.DOMAIN_SEPARATOR(), owner, stranger, 10e18, 0, deadline)
        );
        // On the sibling the signature recovers to some other address.
        address recovered = ecrecover(
            _permitDigest(second.DOMAIN_SEPARATOR(), owner, stranger, 10e18, 0, deadline),
            v,
            r,
            s
        );
        vm.expectRevert(abi.encodeWithSelector(ERC20PermitUpgradeable.ERC2612InvalidSigner.selector, recovered, owner));
        second.permit(owner, stranger, 10e18, deadline, v, r, s);

        first.permit(owner, stranger, 10e18, deadline, v, r, s);
        assertEq(first.allowance(owner, stranger), 10e18, "valid on its own clone");
        assertEq(second.allowance(owner, stranger), 0, "nothing on the sibling");
    }

    function test_permit_revertsIfExpired() public {
        address owner = vm.addr(OWNER_PK);
        uint256 deadline = T0 - 1;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            OWNER_PK,
            _permitDigest(token.DOMAIN_SEPARATOR(), owner, stranger, 1, 0, deadline)
        );
        vm.expectRevert(abi.encodeWithSelector(ERC20PermitUpgradeable.ERC2612ExpiredSignature.selector, deadline));
        token.permit(owner, stranger, 1, deadline, v, r, s);
    }

    // ---------------------------------------------------------------------------------------------------------
    // distribute
    // ---------------------------------------------------------------------------------------------------------

    function test_distribute_creditsHoldersProRata() public {
        uint256 received = _distribute(usdc, 1_000e18);
        assertEq(received, 1_000e18, "received");
        assertEq(token.claimable(alice, usdc), 500e18, "alice 50%");
        assertEq(token.claimable(bob, usdc), 300e18, "bob 30%");
        assertEq(token.claimable(carol, usdc), 200e18, "carol 20%");
        assertEq(token.claimable(dave, usdc), 0, "non-holder");
        assertEq(usdc.balanceOf(address(token)), 1_000e18, "pulled into the token");
        assertEq(token.totalDistributed(usdc), 1_000e18, "total distributed");
    }

    function test_distribute_emitsRevenueDistributed() public {
        vm.expectEmit();
        emit IRevenueShareToken.RevenueDistributed(address(usdc), dao, 1_000e18, PRECISION);
        _distribute(usdc, 1_000e18);
        vm.expectEmit();
        emit IRevenueShareToken.RevenueDistributed(address(usdc), dao, 500e18, PRECISION + PRECISION / 2);
        _distribute(usdc, 500e18);
    }

    function test_distribute_registersPayoutTokenOnFirstDistribution() public {
        _distribute(usdc, 1);
        _distribute(weth, 1);
        _distribute(usdc, 1);
        IERC20[] memory list = token.payoutTokens();
        assertEq(list.length, 2, "registered once each");
        assertEq(address(list[0]), address(usdc), "first");
        assertEq(address(list[1]), address(weth), "second");
    }

    function test_distribute_anyoneMayDistributeRegisteredToken() public {
        _distribute(usdc, 1_000e18);
        usdc.mint(stranger, 100e18);
        vm.startPrank(stranger);
        usdc.approve(address(token), 100e18);
        vm.expectEmit();
        emit IRevenueShareToken.RevenueDistributed(address(usdc), stranger, 100e18, PRECISION + PRECISION / 10);
        token.distribute(usdc, 100e18);
        vm.stopPrank();
        assertEq(token.claimable(alice, usdc), 550e18, "alice");
        assertEq(token.totalDistributed(usdc), 1_100e18, "total");
    }

    function test_distribute_revertsIfStrangerRegistersNewToken() public {
        usdc.mint(stranger, 100e18);
        vm.startPrank(stranger);
        usdc.approve(address(token), 100e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRevenueShareToken.RevenueShareTokenNotDistributorAdmin.selector,
                stranger,
                address(usdc)
            )
        );
        token.distribute(usdc, 100e18);
        vm.stopPrank();
    }

    function test_distribute_revertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(IRevenueShareToken.RevenueShareTokenZeroAmount.selector));
        _distribute(usdc, 0);
        assertEq(token.payoutTokens().length, 0, "not registered");
    }

    function test_distribute_revertsIfNothingArrives() public {
        FeeOnTransferERC20 burnsAll = new FeeOnTransferERC20(10_000);
        burnsAll.mint(dao, 1e18);
        vm.prank(dao);
        burnsAll.approve(address(token), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IRevenueShareToken.RevenueShareTokenZeroAmount.selector));
        _distribute(burnsAll, 1e18);
    }

    function test_distribute_revertsOnOwnTokenAsPayout() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRevenueShareToken.RevenueShareTokenInvalidPayoutToken.selector, address(token))
        );
        _distribute(token, 1);
    }

    function test_distribute_revertsOnZeroAddressPayout() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRevenueShareToken.RevenueShareTokenInvalidPayoutToken.selector, address(0))
        );
        _distribute(IERC20(address(0)), 1);
    }

    function test_distribute_revertsWithoutAllowance() public {
        usdc.mint(stranger, 1e18);
        _distribute(usdc, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(token), 0, 1e18)
        );
        vm.prank(stranger);
        token.distribute(usdc, 1e18);
    }

    function test_distribute_revertsOn17thPayoutToken() public {
        for (uint256 i = 0; i < 16; i++) {
            _distribute(_newPayoutToken("P", token), 1e18);
        }
        assertEq(token.payoutTokens().length, 16, "16 registered");
        MockERC20 seventeenth = _newPayoutToken("P17", token);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRevenueShareToken.RevenueShareTokenTooManyPayoutTokens.selector,
                address(seventeenth)
            )
        );
        _distribute(seventeenth, 1e18);
        // Registered tokens can still be distributed at the cap.
        _distribute(token.payoutTokens()[3], 1e18);
        assertEq(token.totalDistributed(token.payoutTokens()[3]), 2e18, "registered token still distributable");
    }

    function test_distribute_feeOnTransferCreditsAmountReceived() public {
        uint256 received = _distribute(feeToken, 1_000e18);
        assertEq(received, 990e18, "1% burnt on the way in");
        assertEq(token.totalDistributed(feeToken), 990e18, "credited what arrived");
        assertEq(token.claimable(alice, feeToken), 495e18, "alice's half of what arrived");
        assertEq(token.claimable(bob, feeToken), 297e18, "bob");
        assertEq(token.claimable(carol, feeToken), 198e18, "carol");
        assertEq(feeToken.balanceOf(address(token)), 990e18, "held");
    }

    function test_distribute_carriesRemainderToNextDistribution() public {
        RevenueShareToken clone = _clone("Thirds", _addresses(alice, bob, carol), _amounts(1, 1, 1));
        MockERC20 payout = _newPayoutToken("P", clone);
        vm.startPrank(dao);
        clone.distribute(payout, 1); // a third of a unit each: nobody can claim yet
        vm.stopPrank();
        assertEq(clone.claimable(alice, payout), 0, "a third rounds down");
        vm.expectEmit();
        emit IRevenueShareToken.RevenueDistributed(address(payout), dao, 2, PRECISION); // remainder carried
        vm.prank(dao);
        clone.distribute(payout, 2);
        assertEq(clone.claimable(alice, payout), 1, "alice");
        assertEq(clone.claimable(bob, payout), 1, "bob");
        assertEq(clone.claimable(carol, payout), 1, "carol: nothing lost");
    }

    function test_distribute_revertsAboveMaxTotalDistributed() public {
        MockERC20 huge = new MockERC20("Huge", "HUGE");
        uint256 max = token.MAX_TOTAL_DISTRIBUTED();
        huge.mint(dao, max + 1);
        vm.prank(dao);
        huge.approve(address(token), type(uint256).max);
        _distribute(huge, max - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRevenueShareToken.RevenueShareTokenDistributionCapExceeded.selector,
                address(huge),
                max + 1
            )
        );
        _distribute(huge, 2);
        _distribute(huge, 1); // exactly the cap
        assertEq(token.totalDistributed(huge), max, "at the cap");
        // Settlement at the cap does not overflow.
        _transfer(alice, dave, 500e18);
        uint256 aliceShare = token.claimable(alice, huge);
        assertLe(aliceShare, max / 2, "alice: at most half");
        assertGe(aliceShare + 1, max / 2, "alice: half, within a unit");
        assertEq(_claim(alice, huge), aliceShare, "paid");
    }

    function test_distribute_revertsOnReentrancy() public {
        ReentrantPayoutToken ree = new ReentrantPayoutToken();
        ree.mint(dao, 10e18);
        vm.prank(dao);
        ree.approve(address(token), type(uint256).max);
        ree.arm(address(token), abi.encodeCall(token.distribute, (IERC20(address(ree)), 1)));
        vm.expectRevert(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        _distribute(ree, 1e18);
    }

    // ---------------------------------------------------------------------------------------------------------
    // claim and claimFor
    // ---------------------------------------------------------------------------------------------------------

    function test_claim_paysProRataShare() public {
        _distribute(usdc, 1_000e18);
        assertEq(_claim(alice, usdc), 500e18, "alice returned");
        assertEq(_claim(bob, usdc), 300e18, "bob returned");
        assertEq(_claim(carol, usdc), 200e18, "carol returned");
        assertEq(usdc.balanceOf(alice), 500e18, "alice paid");
        assertEq(usdc.balanceOf(bob), 300e18, "bob paid");
        assertEq(usdc.balanceOf(carol), 200e18, "carol paid");
        assertEq(usdc.balanceOf(address(token)), 0, "everything paid out");
        assertEq(token.totalClaimed(usdc), 1_000e18, "total claimed");
        assertEq(token.claimable(alice, usdc), 0, "nothing left");
    }

    function test_claim_emitsRevenueClaimed() public {
        _distribute(usdc, 1_000e18);
        vm.expectEmit();
        emit IRevenueShareToken.RevenueClaimed(alice, address(usdc), 500e18);
        _claim(alice, usdc);
    }

    function test_claim_secondClaimPaysNothing() public {
        _distribute(usdc, 1_000e18);
        _claim(alice, usdc);
        assertEq(_claim(alice, usdc), 0, "nothing more");
        assertEq(usdc.balanceOf(alice), 500e18, "paid once");
        assertEq(token.totalClaimed(usdc), 500e18, "claimed once");
    }

    function test_claim_unregisteredTokenPaysNothing() public {
        assertEq(_claim(alice, usdc), 0, "nothing distributed");
        assertEq(token.claimable(alice, weth), 0, "claimable 0");
        assertEq(token.totalDistributed(weth), 0, "distributed 0");
        assertEq(token.totalClaimed(weth), 0, "claimed 0");
    }

    function test_claim_accumulatesAcrossDistributions() public {
        _distribute(usdc, 1_000e18);
        _distribute(usdc, 3_000e18);
        assertEq(_claim(bob, usdc), 1_200e18, "30% of both");
        _distribute(usdc, 1_000e18);
        assertEq(_claim(bob, usdc), 300e18, "30% of the new one");
        assertEq(_claim(alice, usdc), 2_500e18, "alice's half of all three");
    }

    function test_claim_keepsFractionForLater() public {
        // alice 1/3, bob 2/3 of a supply of 3.
        address[] memory holders = new address[](2);
        (holders[0], holders[1]) = (alice, bob);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (1, 2);
        RevenueShareToken clone = _clone("Dust", holders, amounts);
        MockERC20 payout = _newPayoutToken("P", clone);

        vm.startPrank(dao);
        clone.distribute(payout, 1);
        clone.distribute(payout, 1);
        vm.stopPrank();
        assertEq(clone.claimable(bob, payout), 1, "bob: 4/3 rounds down");
        vm.prank(bob);
        assertEq(clone.claim(payout), 1, "bob claims 1, keeps 1/3");
        assertEq(clone.claimable(alice, payout), 0, "alice: 2/3 rounds down");

        vm.prank(dao);
        clone.distribute(payout, 1);
        assertEq(clone.claimable(bob, payout), 1, "bob: his kept 1/3 plus 2/3");
        assertEq(clone.claimable(alice, payout), 1, "alice: 3/3");
        vm.prank(bob);
        clone.claim(payout);
        vm.prank(alice);
        clone.claim(payout);
        assertEq(payout.balanceOf(bob), 2, "bob got exactly 2/3 of 3");
        assertEq(payout.balanceOf(alice), 1, "alice got exactly 1/3 of 3");
        assertEq(payout.balanceOf(address(clone)), 0, "no dust left");
    }

    function test_claimFor_paysAccountNotCaller() public {
        _distribute(usdc, 1_000e18);
        vm.expectEmit();
        emit IRevenueShareToken.RevenueClaimed(bob, address(usdc), 300e18);
        vm.prank(stranger);
        assertEq(token.claimFor(bob, usdc), 300e18, "returned");
        assertEq(usdc.balanceOf(bob), 300e18, "bob paid");
        assertEq(usdc.balanceOf(stranger), 0, "caller got nothing");
    }

    function test_claimFor_zeroAddressPaysNothing() public {
        _distribute(usdc, 1_000e18);
        assertEq(token.claimFor(address(0), usdc), 0, "address(0) holds nothing");
    }

    function test_claim_feeOnTransferPayout() public {
        _distribute(feeToken, 1_000e18); // 990e18 arrive
        assertEq(_claim(alice, feeToken), 495e18, "sent");
        assertEq(feeToken.balanceOf(alice), 495e18 - feeToken.feeOf(495e18), "the token takes its fee");
        assertEq(token.totalClaimed(feeToken), 495e18, "counts what was sent");
        assertEq(feeToken.balanceOf(address(token)), 495e18, "the rest stays for bob and carol");
        _claim(bob, feeToken);
        _claim(carol, feeToken);
        assertEq(feeToken.balanceOf(address(token)), 0, "solvent to the last unit");
    }

    function test_claim_multiplePayoutTokensAreIndependent() public {
        _distribute(usdc, 1_000e18);
        _distribute(weth, 10e18);
        _distribute(feeToken, 100e18);
        assertEq(_claim(alice, weth), 5e18, "weth");
        assertEq(token.claimable(alice, usdc), 500e18, "usdc untouched");
        assertEq(token.claimable(alice, feeToken), 49.5e18, "fee token untouched");
        assertEq(_claim(alice, usdc), 500e18, "usdc");
        assertEq(_claim(alice, feeToken), 49.5e18, "fee token");
    }

    function test_claim_revertsOnReentrancy() public {
        ReentrantPayoutToken ree = new ReentrantPayoutToken();
        ree.mint(dao, 10e18);
        vm.prank(dao);
        ree.approve(address(token), type(uint256).max);
        _distribute(ree, 10e18);
        ree.arm(address(token), abi.encodeCall(token.claimFor, (bob, IERC20(address(ree)))));
        vm.expectRevert(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        _claim(alice, ree);
    }

    function test_claim_payoutHookMayMoveShareTokens() public {
        // Transfers are not guarded: a payout token's hook may move share tokens, and settlement stays exact.
        ReentrantPayoutToken ree = new ReentrantPayoutToken();
        ree.mint(dao, 11e18);
        vm.prank(dao);
        ree.approve(address(token), type(uint256).max);
        _distribute(ree, 10e18);
        vm.prank(alice);
        token.approve(address(ree), 500e18);
        ree.arm(address(token), abi.encodeCall(token.transferFrom, (alice, dave, 500e18)));
        assertEq(_claim(alice, ree), 5e18, "alice paid");
        assertEq(token.balanceOf(dave), 500e18, "moved during the payout");
        assertEq(token.claimable(alice, ree), 0, "alice has nothing left");
        assertEq(token.claimable(dave, ree), 0, "dave earned nothing yet");
        _distribute(ree, 1e18);
        assertEq(token.claimable(dave, ree), 0.5e18, "dave earns from now on");
        assertEq(token.claimable(alice, ree), 0, "alice no longer");
    }

    // ---------------------------------------------------------------------------------------------------------
    // transfers settle revenue
    // ---------------------------------------------------------------------------------------------------------

    function test_transfer_settlesRevenueEarnedBeforeTransfer() public {
        _distribute(usdc, 1_000e18);
        _transfer(alice, dave, 500e18);
        assertEq(token.claimable(alice, usdc), 500e18, "alice keeps what she earned");
        assertEq(token.claimable(dave, usdc), 0, "dave earned nothing yet");
        assertEq(_claim(alice, usdc), 500e18, "alice claims with no balance left");
    }

    function test_transfer_revenueAfterTransferGoesToReceiver() public {
        _distribute(usdc, 1_000e18);
        _transfer(alice, dave, 200e18);
        _distribute(usdc, 1_000e18);
        assertEq(token.claimable(alice, usdc), 500e18 + 300e18, "alice: 50% then 30%");
        assertEq(token.claimable(dave, usdc), 200e18, "dave: 20% of the second");
        assertEq(token.claimable(bob, usdc), 600e18, "bob unaffected");
        assertEq(token.claimable(carol, usdc), 400e18, "carol unaffected");
    }

    function test_transfer_toNewHolderDoesNotInheritPastRevenue() public {
        _distribute(usdc, 1_000e18);
        _transfer(alice, dave, 1);
        _transfer(dave, bob, 1);
        _transfer(bob, dave, 100e18);
        assertEq(token.claimable(dave, usdc), 0, "no revenue from before dave held tokens");
        assertEq(token.claimable(bob, usdc), 300e18, "bob's stays");
        assertEq(token.claimable(alice, usdc), 500e18, "alice's stays");
    }

    function test_transfer_afterClaimKeepsAccountsExact() public {
        _distribute(usdc, 1_000e18);
        _claim(alice, usdc);
        _transfer(alice, bob, 250e18);
        _distribute(usdc, 1_000e18);
        assertEq(token.claimable(alice, usdc), 250e18, "alice: 25% of the second");
        assertEq(token.claimable(bob, usdc), 300e18 + 550e18, "bob: 30% then 55%");
    }

    function test_transferFrom_settlesBothAccounts() public {
        _distribute(usdc, 1_000e18);
        vm.prank(bob);
        token.approve(stranger, 300e18);
        vm.prank(stranger);
        token.transferFrom(bob, carol, 300e18);
        _distribute(usdc, 1_000e18);
        assertEq(token.claimable(bob, usdc), 300e18, "bob: only the first");
        assertEq(token.claimable(carol, usdc), 200e18 + 500e18, "carol: 20% then 50%");
        assertEq(token.claimable(stranger, usdc), 0, "spender earns nothing");
    }

    function test_transfer_toSelfKeepsRevenue() public {
        _distribute(usdc, 1_000e18);
        _transfer(alice, alice, 500e18);
        assertEq(token.claimable(alice, usdc), 500e18, "unchanged");
        _distribute(usdc, 1_000e18);
        assertEq(token.claimable(alice, usdc), 1_000e18, "still 50%");
    }

    function test_transfer_settlesEveryPayoutToken() public {
        _distribute(usdc, 1_000e18);
        _distribute(weth, 10e18);
        _distribute(feeToken, 1_000e18);
        _transfer(carol, dave, 200e18);
        _distribute(usdc, 1_000e18);
        _distribute(weth, 10e18);
        _distribute(feeToken, 1_000e18);
        assertEq(token.claimable(carol, usdc), 200e18, "carol usdc");
        assertEq(token.claimable(carol, weth), 2e18, "carol weth");
        assertEq(token.claimable(carol, feeToken), 198e18, "carol fee token");
        assertEq(token.claimable(dave, usdc), 200e18, "dave usdc");
        assertEq(token.claimable(dave, weth), 2e18, "dave weth");
        assertEq(token.claimable(dave, feeToken), 198e18, "dave fee token");
    }

    function test_transfer_gasBoundedWithMaxPayoutTokens() public {
        for (uint256 i = 0; i < 16; i++) {
            _distribute(_newPayoutToken("P", token), 1e18);
        }
        // Worst case: both accounts settled for the first time in every payout token (zero slots written).
        vm.prank(alice);
        uint256 gasBefore = gasleft();
        token.transfer(dave, 1);
        uint256 first = gasBefore - gasleft();
        for (uint256 i = 0; i < 16; i++) {
            _distribute(token.payoutTokens()[i], 1e18);
        }
        // Usual case: both accounts already have positions in every payout token.
        vm.prank(alice);
        gasBefore = gasleft();
        token.transfer(dave, 1);
        uint256 steady = gasBefore - gasleft();
        assertLe(first, 1_200_000, "first settlement of 16 payout tokens stays bounded");
        assertLe(steady, 420_000, "settling 16 payout tokens stays bounded");
    }

    function test_totalSupply_neverChanges() public {
        _distribute(usdc, 1_000e18);
        _transfer(alice, dave, 123e18);
        _claim(dave, usdc);
        _claim(alice, usdc);
        vm.prank(bob);
        token.delegate(bob);
        _distribute(feeToken, 77e18);
        assertEq(token.totalSupply(), 1_000e18, "fixed supply");
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzz
    // ---------------------------------------------------------------------------------------------------------

    function testFuzz_distribute_neverOverpays(uint96 a, uint96 b, uint96 c) public {
        vm.assume(a > 0 && b > 0 && c > 0);
        _distribute(usdc, a);
        _transfer(alice, dave, 123_456_789);
        _distribute(usdc, b);
        _transfer(bob, alice, 300e18 - 7);
        _distribute(usdc, c);
        _transfer(dave, carol, 1);

        uint256 total = uint256(a) + b + c;
        address[4] memory holders = [alice, bob, carol, dave];
        uint256 owed;
        for (uint256 i = 0; i < holders.length; i++) owed += token.claimable(holders[i], usdc);
        assertLe(owed, total, "claimable never exceeds received");
        uint256 paid;
        for (uint256 i = 0; i < holders.length; i++) paid += _claim(holders[i], usdc);
        assertEq(paid, owed, "claims pay what was claimable");
        assertLe(paid, total, "never over-paid");
        assertLe(total - paid, holders.length + 3 - 1, "dust < holders + distributions");
        assertEq(usdc.balanceOf(address(token)), total - paid, "dust stays in the token");
        assertEq(token.totalClaimed(usdc), paid, "total claimed");
    }

    function testFuzz_claim_matchesExactShare(uint96 amount, uint256 supply, uint256 aliceShare) public {
        vm.assume(amount > 0);
        supply = bound(supply, 2, PRECISION);
        aliceShare = bound(aliceShare, 1, supply - 1);
        address[] memory holders = new address[](2);
        (holders[0], holders[1]) = (alice, bob);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (aliceShare, supply - aliceShare);
        RevenueShareToken clone = _clone("Fuzz", holders, amounts);
        MockERC20 payout = _newPayoutToken("P", clone);
        vm.prank(dao);
        clone.distribute(payout, amount);
        uint256 aliceExact = (uint256(amount) * aliceShare) / supply;
        uint256 bobExact = (uint256(amount) * (supply - aliceShare)) / supply;
        uint256 aliceGot = clone.claimable(alice, payout);
        uint256 bobGot = clone.claimable(bob, payout);
        // The floor of the exact share, or one unit less when the accumulator's carried remainder (< 1e-36 per
        // share) tips an exact integer below.
        assertLe(aliceGot, aliceExact, "alice not above her exact share");
        assertGe(aliceGot + 1, aliceExact, "alice within one unit");
        assertLe(bobGot, bobExact, "bob not above his exact share");
        assertGe(bobGot + 1, bobExact, "bob within one unit");
        assertLe(aliceGot + bobGot, amount, "never more than distributed");
        assertLe(amount - (aliceGot + bobGot), 2, "dust < holders + distributions");
    }

    function testFuzz_transfer_splitsRevenueAtTransferTime(uint96 before, uint96 afterwards, uint256 moved) public {
        vm.assume(before > 0 && afterwards > 0);
        moved = bound(moved, 0, 500e18);
        _distribute(usdc, before);
        _transfer(alice, dave, moved);
        _distribute(usdc, afterwards);
        uint256 aliceExact = (uint256(before) * 500e18 + uint256(afterwards) * (500e18 - moved)) / 1_000e18;
        uint256 daveExact = (uint256(afterwards) * moved) / 1_000e18;
        // Each is the floor of the exact value, give or take the 1e-36 rounding of the accumulator.
        assertLe(token.claimable(alice, usdc), aliceExact, "alice not above exact");
        assertGe(token.claimable(alice, usdc) + 1, aliceExact, "alice within one unit");
        assertLe(token.claimable(dave, usdc), daveExact, "dave not above exact");
        assertGe(token.claimable(dave, usdc) + 1, daveExact, "dave within one unit");
    }
}

/// @dev A claim reads and writes only the claimant's records: it costs the same with 10 and with 1,000 holders.
contract RevenueShareTokenGasTest is RevenueShareTokenBase {
    RevenueShareToken internal small;
    RevenueShareToken internal large;
    MockERC20 internal payoutSmall;
    MockERC20 internal payoutLarge;
    address internal claimerSmall = address(0xC1A1);
    address internal claimerLarge = address(0xC1A2);

    function setUp() public {
        vm.warp(T0);
        implementation = new RevenueShareToken();
        // Both have a supply of 1,000e18 and a claimer holding 1e18, so the claims write the same values.
        small = _clone("Small", _holders(claimerSmall, 10, 0x10000), _balances(10, 111e18));
        large = _clone("Large", _holders(claimerLarge, 1_000, 0x20000), _balances(1_000, 1e18));
        payoutSmall = _newPayoutToken("PS", small);
        payoutLarge = _newPayoutToken("PL", large);
        vm.startPrank(dao);
        small.distribute(payoutSmall, 1_000e18);
        large.distribute(payoutLarge, 1_000e18);
        vm.stopPrank();
        // Transfers among the other holders, so the large clone has a busy history.
        for (uint256 i = 1; i < 50; i++) {
            vm.prank(address(uint160(0x20000 + i)));
            large.transfer(address(uint160(0x20000 + i + 1)), 1);
        }
        assertEq(small.claimable(claimerSmall, payoutSmall), 1e18, "small claimable");
        assertEq(large.claimable(claimerLarge, payoutLarge), 1e18, "large claimable");
    }

    /// @dev `count` holders: `first`, then `count - 1` addresses from `base + 1`.
    function _holders(address first, uint256 count, uint256 base) internal pure returns (address[] memory list) {
        list = new address[](count);
        list[0] = first;
        for (uint256 i = 1; i < count; i++) list[i] = address(uint160(base + i));
    }

    /// @dev 1e18 for the first holder, `each` for the others.
    function _balances(uint256 count, uint256 each) internal pure returns (uint256[] memory list) {
        list = new uint256[](count);
        list[0] = 1e18;
        for (uint256 i = 1; i < count; i++) list[i] = each;
    }

    function test_claim_gasIndependentOfHolderCount() public {
        assertEq(small.totalSupply(), large.totalSupply(), "same supply");
        // Both clones delegate to one implementation: touch it first so neither claim pays for its cold access.
        assertTrue(address(implementation).code.length > 0, "implementation deployed");

        vm.prank(claimerSmall);
        uint256 gasBefore = gasleft();
        small.claim(payoutSmall);
        uint256 gasSmall = gasBefore - gasleft();

        vm.prank(claimerLarge);
        gasBefore = gasleft();
        large.claim(payoutLarge);
        uint256 gasLarge = gasBefore - gasleft();

        uint256 diff = gasSmall > gasLarge ? gasSmall - gasLarge : gasLarge - gasSmall;
        assertLe(diff * 100, gasSmall * 2, "claim gas within 2% with 10 and 1,000 holders");
        assertEq(payoutSmall.balanceOf(claimerSmall), 1e18, "small paid");
        assertEq(payoutLarge.balanceOf(claimerLarge), 1e18, "large paid");
    }
}
