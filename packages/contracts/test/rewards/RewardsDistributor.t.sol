// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {IRewardsDistributor} from "../../contracts/rewards/IRewardsDistributor.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MerkleBuilder} from "./RewardsDistributorHandler.sol";

contract RewardsDistributorTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant DURATION = 3 * 365 days; // even, so the midpoint is exact
    uint64 internal constant END = uint64(T0 + DURATION);
    uint256 internal constant FUNDING = 1_000_000e18;

    RewardsDistributor internal rd;
    MockERC20 internal token;

    address internal gov = address(0x6000);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);
    address internal dave = address(0xDA7E);
    address internal keeper = address(0xBEEF);

    address[] internal accounts;
    uint256[] internal amounts;

    function setUp() public {
        vm.warp(T0);
        token = new MockERC20("AIDAO", "AIDAO");
        rd = new RewardsDistributor(token, gov, END);
        token.mint(address(rd), FUNDING);
        // The default epoch: alice 100, bob 250, carol 7, dave 1000 (tokens, 18 decimals except carol's wei).
        (accounts.push(), accounts.push(), accounts.push(), accounts.push()) = (alice, bob, carol, dave);
        (amounts.push(), amounts.push(), amounts.push(), amounts.push()) = (100e18, 250e18, 7, 1_000e18);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _sum(uint256[] memory values) internal pure returns (uint256 s) {
        for (uint256 i = 0; i < values.length; i++) s += values[i];
    }

    function _root(address[] memory accs, uint256[] memory amts) internal pure returns (bytes32) {
        return MerkleBuilder.root(MerkleBuilder.leaves(accs, amts));
    }

    function _proof(address[] memory accs, uint256[] memory amts, uint256 i) internal pure returns (bytes32[] memory) {
        return MerkleBuilder.proof(MerkleBuilder.leaves(accs, amts), i);
    }

    /// @dev Posts the default epoch now and returns its id.
    function _postDefault() internal returns (uint256) {
        vm.prank(gov);
        return rd.postEpoch(_root(accounts, amounts), _sum(amounts), "ipfs://epoch");
    }

    function _claim(uint256 epochId, uint256 i) internal returns (uint256) {
        return rd.claim(epochId, accounts[i], amounts[i], _proof(accounts, amounts, i));
    }

    function _single(address account, uint256 amount) internal pure returns (address[] memory a, uint256[] memory m) {
        a = new address[](1);
        m = new uint256[](1);
        a[0] = account;
        m[0] = amount;
    }

    // ---------------------------------------------------------------------------------------------------------
    // constructor and views
    // ---------------------------------------------------------------------------------------------------------

    function test_constructor_setsState() public view {
        assertEq(rd.owner(), gov, "owner");
        assertEq(rd.token(), address(token), "token");
        assertEq(rd.programmeEnd(), END, "programme end");
        assertEq(rd.epochCount(), 0, "no epochs");
        assertEq(rd.totalAllocated(), 0, "nothing allocated");
        assertEq(rd.totalReleased(), 0, "nothing released");
        assertEq(rd.funded(), FUNDING, "funded is the balance");
    }

    function test_constructor_revertsOnZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new RewardsDistributor(token, address(0), END);
    }

    function test_funded_isBalancePlusReleased() public {
        _postDefault();
        vm.warp(END);
        _claim(0, 3);
        assertEq(token.balanceOf(address(rd)), FUNDING - 1_000e18, "balance went down");
        assertEq(rd.funded(), FUNDING, "funded unchanged by claims");
        token.mint(address(rd), 5e18);
        assertEq(rd.funded(), FUNDING + 5e18, "top-ups count");
    }

    function test_epoch_revertsOnUnknownEpoch() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorUnknownEpoch.selector, 0));
        rd.epoch(0);
    }

    function test_allocation_isZeroBeforeFirstClaim() public {
        _postDefault();
        (uint256 amount, uint256 released) = rd.allocation(0, alice);
        assertEq(amount, 0, "not registered");
        assertEq(released, 0, "nothing released");
    }

    function test_vestedAmount_isLinearFromEpochStartToProgrammeEnd() public {
        _postDefault();
        assertEq(rd.vestedAmount(0, 1_000e18, uint64(T0 - 1)), 0, "before start");
        assertEq(rd.vestedAmount(0, 1_000e18, uint64(T0)), 0, "at start");
        assertEq(rd.vestedAmount(0, 1_000e18, uint64(T0 + DURATION / 4)), 250e18, "quarter");
        assertEq(rd.vestedAmount(0, 1_000e18, uint64(T0 + DURATION / 2)), 500e18, "half");
        assertEq(rd.vestedAmount(0, 1_000e18, END - 1), (1_000e18 * (DURATION - 1)) / DURATION, "just before end");
        assertEq(rd.vestedAmount(0, 1_000e18, END), 1_000e18, "at end");
        assertEq(rd.vestedAmount(0, 1_000e18, END + 365 days), 1_000e18, "after end");
        assertEq(rd.vestedAmount(0, 3, uint64(T0 + DURATION / 2)), 1, "rounds down");
    }

    function test_vestedAmount_revertsOnUnknownEpoch() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorUnknownEpoch.selector, 0));
        rd.vestedAmount(0, 1, uint64(T0));
    }

    // ---------------------------------------------------------------------------------------------------------
    // postEpoch
    // ---------------------------------------------------------------------------------------------------------

    function test_postEpoch_storesEpochAndEmits() public {
        bytes32 root = _root(accounts, amounts);
        uint256 total = _sum(amounts);
        vm.warp(T0 + 10);
        vm.expectEmit();
        emit IRewardsDistributor.EpochPosted(0, root, total, uint64(T0 + 10), "ipfs://epoch-0");
        vm.prank(gov);
        uint256 id = rd.postEpoch(root, total, "ipfs://epoch-0");
        assertEq(id, 0, "first id");
        IRewardsDistributor.Epoch memory e = rd.epoch(0);
        assertTrue(e.root == root, "root");
        assertEq(e.total, total, "total");
        assertEq(e.start, T0 + 10, "start is now");
        assertTrue(keccak256(bytes(e.uri)) == keccak256("ipfs://epoch-0"), "uri");
        assertEq(rd.epochCount(), 1, "count");
        assertEq(rd.totalAllocated(), total, "allocated");
    }

    function test_postEpoch_returnsSequentialIds() public {
        assertEq(_postDefault(), 0, "first");
        assertEq(_postDefault(), 1, "second");
        assertEq(_postDefault(), 2, "third");
        assertEq(rd.epochCount(), 3, "count");
        assertEq(rd.totalAllocated(), 3 * _sum(amounts), "allocated adds up");
    }

    function test_postEpoch_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        rd.postEpoch(bytes32(uint256(1)), 1, "");
    }

    function test_postEpoch_revertsOnEmptyRoot() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorEmptyEpoch.selector));
        vm.prank(gov);
        rd.postEpoch(bytes32(0), 1, "");
    }

    function test_postEpoch_revertsOnZeroTotal() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorEmptyEpoch.selector));
        vm.prank(gov);
        rd.postEpoch(bytes32(uint256(1)), 0, "");
    }

    function test_postEpoch_revertsWhenOverAllocated() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorOverAllocated.selector, FUNDING + 1, FUNDING)
        );
        vm.prank(gov);
        rd.postEpoch(bytes32(uint256(1)), FUNDING + 1, "");
    }

    function test_postEpoch_revertsWhenEpochsWouldExceedFunded() public {
        vm.prank(gov);
        rd.postEpoch(bytes32(uint256(1)), 600_000e18, "");
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorOverAllocated.selector, 400_001e18, 400_000e18)
        );
        vm.prank(gov);
        rd.postEpoch(bytes32(uint256(2)), 400_001e18, "");
        // Exactly what is left is fine.
        vm.prank(gov);
        rd.postEpoch(bytes32(uint256(2)), 400_000e18, "");
        assertEq(rd.totalAllocated(), rd.funded(), "fully allocated");
    }

    function test_postEpoch_claimsDoNotFreeAllocation() public {
        vm.prank(gov);
        rd.postEpoch(_root(accounts, amounts), FUNDING, "");
        vm.warp(END);
        _claim(0, 3);
        // What was paid out still counts as funded and allocated: nothing is available.
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorOverAllocated.selector, 1, 0));
        vm.prank(gov);
        rd.postEpoch(bytes32(uint256(1)), 1, "");
    }

    function test_postEpoch_topUpMakesRoom() public {
        vm.prank(gov);
        rd.postEpoch(bytes32(uint256(1)), FUNDING, "");
        token.mint(address(rd), 10e18);
        vm.prank(gov);
        rd.postEpoch(bytes32(uint256(2)), 10e18, "");
        assertEq(rd.totalAllocated(), FUNDING + 10e18, "allocated the top-up");
    }

    // ---------------------------------------------------------------------------------------------------------
    // claim: proofs
    // ---------------------------------------------------------------------------------------------------------

    function test_claim_acceptsOpenZeppelinStandardTreeProof() public {
        // Root and proofs produced by @openzeppelin/merkle-tree's StandardMerkleTree.of(values, ["address",
        // "uint256"]) for [[alice, 100e18], [bob, 250e18], [carol, 7]].
        bytes32 root = 0xa2dd4b74282226183f4f04a0d059bced573dd620a7faa55d005fd6b26e67ee00;
        vm.prank(gov);
        rd.postEpoch(root, 100e18 + 250e18 + 7, "ipfs://oz");
        vm.warp(END);
        bytes32[] memory proof = new bytes32[](2);
        proof[0] = 0x33bcf45b6fa4245eff536c506f69b2cb5aff433d16bbf03a6586de10c31b69a0;
        proof[1] = 0x344f8cfd8c013ea6bc71bcc9966a63a978fb91074e7561362145e02725153998;
        assertEq(rd.claim(0, alice, 100e18, proof), 100e18, "alice");
        proof = new bytes32[](1);
        proof[0] = 0xd3228d6c10fc9266a206db7cf5da688cfee3488551c28eec9a7772267ffa6a95;
        assertEq(rd.claim(0, bob, 250e18, proof), 250e18, "bob");
        proof = new bytes32[](2);
        proof[0] = 0x10291beb1d9e7423cc5d0d66b79aef6506a02cbeae337937ddf248fc09330240;
        proof[1] = 0x344f8cfd8c013ea6bc71bcc9966a63a978fb91074e7561362145e02725153998;
        assertEq(rd.claim(0, carol, 7, proof), 7, "carol");
    }

    function test_claim_acceptsSingleLeafTreeWithEmptyProof() public {
        (address[] memory a, uint256[] memory m) = _single(alice, 42e18);
        bytes32 root = _root(a, m);
        assertTrue(root == MerkleBuilder.leaf(alice, 42e18), "root is the leaf");
        vm.prank(gov);
        rd.postEpoch(root, 42e18, "");
        vm.warp(END);
        assertEq(rd.claim(0, alice, 42e18, new bytes32[](0)), 42e18, "paid");
    }

    function test_claim_revertsOnInvalidProof() public {
        _postDefault();
        bytes32[] memory bobProof = _proof(accounts, amounts, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, 0, alice, 100e18)
        );
        rd.claim(0, alice, 100e18, bobProof);
    }

    function test_claim_revertsOnWrongAmount() public {
        _postDefault();
        bytes32[] memory proof = _proof(accounts, amounts, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, 0, alice, 101e18)
        );
        rd.claim(0, alice, 101e18, proof);
    }

    function test_claim_revertsOnWrongAccount() public {
        _postDefault();
        bytes32[] memory proof = _proof(accounts, amounts, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, 0, keeper, 100e18)
        );
        rd.claim(0, keeper, 100e18, proof);
    }

    function test_claim_revertsOnProofOfAnotherEpoch() public {
        _postDefault();
        (address[] memory a, uint256[] memory m) = _single(alice, 5e18);
        vm.prank(gov);
        rd.postEpoch(_root(a, m), 5e18, "");
        bytes32[] memory proof = _proof(accounts, amounts, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, 1, alice, 100e18)
        );
        rd.claim(1, alice, 100e18, proof);
    }

    function test_claim_revertsOnZeroAmountLeaf() public {
        // Even a zero leaf that is really in the tree cannot be claimed.
        address[] memory a = new address[](2);
        uint256[] memory m = new uint256[](2);
        (a[0], m[0]) = (alice, 0);
        (a[1], m[1]) = (bob, 10e18);
        vm.prank(gov);
        rd.postEpoch(_root(a, m), 10e18, "");
        bytes32[] memory proof = _proof(a, m, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorInvalidProof.selector, 0, alice, 0)
        );
        rd.claim(0, alice, 0, proof);
    }

    function test_claim_revertsOnUnknownEpoch() public {
        _postDefault();
        bytes32[] memory proof = _proof(accounts, amounts, 0);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorUnknownEpoch.selector, 1));
        rd.claim(1, alice, 100e18, proof);
    }

    function test_claim_revertsOnAmountMismatchAfterRegistration() public {
        _postDefault();
        _claim(0, 0); // registers alice's 100e18 at the epoch start (pays 0)
        (uint256 registered, ) = rd.allocation(0, alice);
        assertEq(registered, 100e18, "registered");
        vm.warp(END);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsDistributorAmountMismatch.selector,
                0,
                alice,
                200e18,
                100e18
            )
        );
        rd.claim(0, alice, 200e18, new bytes32[](0));
    }

    function test_claim_needsNoProofAfterRegistration() public {
        _postDefault();
        _claim(0, 0);
        vm.warp(END);
        assertEq(rd.claim(0, alice, 100e18, new bytes32[](0)), 100e18, "registered leaf pays without proof");
    }

    // ---------------------------------------------------------------------------------------------------------
    // claim: vesting
    // ---------------------------------------------------------------------------------------------------------

    function test_claim_paysNothingAtEpochStart() public {
        _postDefault();
        uint256 paid = _claim(0, 3);
        assertEq(paid, 0, "nothing vested");
        assertEq(token.balanceOf(dave), 0, "nothing transferred");
        (uint256 registered, uint256 released) = rd.allocation(0, dave);
        assertEq(registered, 1_000e18, "registered anyway");
        assertEq(released, 0, "released");
        assertEq(rd.totalReleased(), 0, "total released");
    }

    function test_claim_paysHalfAtMidpoint() public {
        _postDefault();
        vm.warp(T0 + DURATION / 2);
        assertEq(_claim(0, 3), 500e18, "half");
        assertEq(token.balanceOf(dave), 500e18, "transferred");
    }

    function test_claim_paysAllAtProgrammeEnd() public {
        _postDefault();
        vm.warp(END);
        assertEq(_claim(0, 3), 1_000e18, "all");
        assertEq(token.balanceOf(dave), 1_000e18, "transferred");
    }

    function test_claim_paysAllAfterProgrammeEnd() public {
        _postDefault();
        vm.warp(END + 100 days);
        assertEq(_claim(0, 1), 250e18, "all");
        assertEq(_claim(0, 1), 0, "nothing more");
    }

    function test_claim_repeatedClaimsPayOnlyIncrement() public {
        _postDefault();
        vm.warp(T0 + DURATION / 4);
        assertEq(_claim(0, 3), 250e18, "first quarter");
        assertEq(_claim(0, 3), 0, "same block: nothing more");
        vm.warp(T0 + DURATION / 2);
        assertEq(_claim(0, 3), 250e18, "second quarter");
        vm.warp(END);
        assertEq(_claim(0, 3), 500e18, "rest");
        vm.warp(END + 1);
        assertEq(_claim(0, 3), 0, "fully released");
        assertEq(token.balanceOf(dave), 1_000e18, "exactly the leaf amount");
        (, uint256 released) = rd.allocation(0, dave);
        assertEq(released, 1_000e18, "released");
        assertEq(rd.totalReleased(), 1_000e18, "total released");
    }

    function test_claim_laterEpochVestsFromItsOwnStart() public {
        uint256 start = T0 + 365 days;
        vm.warp(start);
        _postDefault();
        assertEq(rd.epoch(0).start, start, "start");
        vm.warp(start + (END - start) / 2);
        assertEq(_claim(0, 3), 500e18, "half of the remaining programme");
    }

    function test_claim_epochPostedAfterProgrammeEndIsFullyVested() public {
        vm.warp(END + 1 days);
        _postDefault();
        assertEq(_claim(0, 0), 100e18, "all at once");
        assertEq(token.balanceOf(alice), 100e18, "transferred");
    }

    function test_claim_epochPostedAtProgrammeEndIsFullyVested() public {
        vm.warp(END);
        _postDefault();
        assertEq(_claim(0, 0), 100e18, "all at once");
    }

    function test_claim_anyoneCanClaimForAccount() public {
        _postDefault();
        vm.warp(END);
        bytes32[] memory proof = _proof(accounts, amounts, 0);
        vm.prank(keeper);
        uint256 paid = rd.claim(0, alice, 100e18, proof);
        assertEq(paid, 100e18, "paid");
        assertEq(token.balanceOf(alice), 100e18, "to the account");
        assertEq(token.balanceOf(keeper), 0, "not to the caller");
    }

    function test_claim_emitsClaimed() public {
        _postDefault();
        vm.warp(T0 + DURATION / 2);
        vm.expectEmit();
        emit IRewardsDistributor.Claimed(0, bob, 125e18, 125e18);
        _claim(0, 1);
        vm.warp(END);
        vm.expectEmit();
        emit IRewardsDistributor.Claimed(0, bob, 125e18, 250e18);
        _claim(0, 1);
    }

    function test_claim_epochsAreIndependent() public {
        _postDefault();
        vm.warp(T0 + DURATION / 2);
        _postDefault(); // epoch 1 starts at the midpoint
        assertEq(_claim(0, 0), 50e18, "epoch 0: half");
        assertEq(_claim(1, 0), 0, "epoch 1: nothing yet");
        vm.warp(T0 + (3 * DURATION) / 4);
        assertEq(_claim(1, 0), 50e18, "epoch 1: half of its own period");
        (, uint256 released0) = rd.allocation(0, alice);
        (, uint256 released1) = rd.allocation(1, alice);
        assertEq(released0, 50e18, "epoch 0 released");
        assertEq(released1, 50e18, "epoch 1 released");
    }

    function test_claim_malformedEpochCannotPayMoreThanItsTotal() public {
        // Governance error: the leaves (alice 60, bob 60) add up to more than the stated total (100). Another
        // epoch (carol 900) is funded by the rest; it must stay payable.
        address[] memory a = new address[](2);
        uint256[] memory m = new uint256[](2);
        (a[0], m[0]) = (alice, 60e18);
        (a[1], m[1]) = (bob, 60e18);
        vm.startPrank(gov);
        rd.postEpoch(_root(a, m), 100e18, "ipfs://bad");
        (address[] memory c, uint256[] memory cm) = _single(carol, FUNDING - 100e18);
        rd.postEpoch(_root(c, cm), FUNDING - 100e18, "ipfs://good");
        vm.stopPrank();
        vm.warp(END);

        assertEq(rd.claim(0, alice, 60e18, _proof(a, m, 0)), 60e18, "alice");
        bytes32[] memory bobProof = _proof(a, m, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorOverAllocated.selector, 60e18, 40e18)
        );
        rd.claim(0, bob, 60e18, bobProof);
        assertLe(rd.totalReleased(), rd.totalAllocated(), "released <= allocated");
        assertEq(rd.claim(1, carol, FUNDING - 100e18, new bytes32[](0)), FUNDING - 100e18, "carol fully paid");
    }

    function test_claim_leafAboveEpochTotalReverts() public {
        (address[] memory a, uint256[] memory m) = _single(alice, 150e18);
        vm.prank(gov);
        rd.postEpoch(_root(a, m), 100e18, "ipfs://bad");
        vm.warp(END);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDistributorOverAllocated.selector, 150e18, 100e18)
        );
        rd.claim(0, alice, 150e18, new bytes32[](0));
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzz
    // ---------------------------------------------------------------------------------------------------------

    function testFuzz_merkleBuilder_everyLeafVerifies(uint256 size, uint256 seed) public pure {
        size = bound(size, 1, 33);
        address[] memory a = new address[](size);
        uint256[] memory m = new uint256[](size);
        for (uint256 i = 0; i < size; i++) {
            a[i] = address(uint160(uint256(keccak256(abi.encode(seed, i)))));
            m[i] = bound(uint256(keccak256(abi.encode(i, seed))), 1, 1e30);
        }
        bytes32[] memory leaves = MerkleBuilder.leaves(a, m);
        bytes32 root = MerkleBuilder.root(leaves);
        for (uint256 i = 0; i < size; i++) {
            assertTrue(MerkleProof.verify(MerkleBuilder.proof(leaves, i), root, leaves[i]), "leaf verifies");
        }
        assertTrue(!MerkleProof.verify(MerkleBuilder.proof(leaves, 0), root, keccak256("forged")), "forged fails");
    }

    function testFuzz_claim_paysLinearVesting(uint256 amount, uint256 elapsed) public {
        amount = bound(amount, 1, FUNDING);
        elapsed = bound(elapsed, 0, DURATION + 365 days);
        (address[] memory a, uint256[] memory m) = _single(alice, amount);
        vm.prank(gov);
        rd.postEpoch(_root(a, m), amount, "");
        vm.warp(T0 + elapsed);
        uint256 expected = elapsed >= DURATION ? amount : (amount * elapsed) / DURATION;
        assertEq(rd.claim(0, alice, amount, new bytes32[](0)), expected, "linear");
        assertEq(token.balanceOf(alice), expected, "transferred");
        assertLe(expected, amount, "never above the leaf");
    }

    function testFuzz_claim_neverPaysMoreThanLeafAmount(uint256 amount, uint32[6] memory gaps) public {
        amount = bound(amount, 1, FUNDING);
        (address[] memory a, uint256[] memory m) = _single(bob, amount);
        vm.prank(gov);
        rd.postEpoch(_root(a, m), amount, "");
        uint256 paid;
        uint256 lastVested;
        for (uint256 i = 0; i < gaps.length; i++) {
            vm.warp(block.timestamp + bound(gaps[i], 0, DURATION / 3));
            paid += rd.claim(0, bob, amount, new bytes32[](0));
            uint256 vested = rd.vestedAmount(0, amount, uint64(block.timestamp));
            assertGe(vested, lastVested, "vesting is monotonic");
            assertEq(paid, vested, "paid exactly what vested");
            assertLe(paid, amount, "never above the leaf");
            lastVested = vested;
        }
        vm.warp(END);
        paid += rd.claim(0, bob, amount, new bytes32[](0));
        assertEq(paid, amount, "all by the end");
        assertEq(token.balanceOf(bob), amount, "balance");
    }

    function testFuzz_postEpoch_neverAllocatesMoreThanFunded(uint256[5] memory totals) public {
        uint256 allocated;
        for (uint256 i = 0; i < totals.length; i++) {
            uint256 total = bound(totals[i], 1, FUNDING / 2);
            uint256 available = FUNDING - allocated;
            if (total > available) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IRewardsDistributor.RewardsDistributorOverAllocated.selector,
                        total,
                        available
                    )
                );
            } else {
                allocated += total;
            }
            vm.prank(gov);
            rd.postEpoch(bytes32(i + 1), total, "");
            assertEq(rd.totalAllocated(), allocated, "allocated");
            assertLe(rd.totalAllocated(), rd.funded(), "allocated <= funded");
        }
    }
}
