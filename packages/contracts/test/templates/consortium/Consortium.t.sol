// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {Consortium} from "../../../contracts/templates/consortium/Consortium.sol";
import {IConsortium} from "../../../contracts/templates/consortium/IConsortium.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";
import {TemplateFeeOnTransferERC20} from "../../mocks/templates/TemplateFeeOnTransferERC20.sol";
import {TemplateReentrantERC20} from "../../mocks/templates/TemplateReentrantERC20.sol";
import {TemplateTestGovernor} from "../../mocks/templates/TemplateTestGovernor.sol";

contract ConsortiumTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant UNIT = 1e18;

    bytes32 internal constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    Consortium internal implementation;
    /// @dev One member one vote: alice 50%, bob 30%, carol 20%.
    Consortium internal equal;
    /// @dev Weighted: alice 100, bob 300, carol 600 units; same shares.
    Consortium internal weighted;
    TemplateMockERC20 internal usd;
    TemplateFeeOnTransferERC20 internal feeToken;

    uint256 internal constant ALICE_PK = 0xA11CE;
    address internal alice;
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);
    address internal dave = address(0xDA7E);
    address internal executor = address(0xE8EC);
    address internal payer = address(0x9A1E);
    address internal stranger = address(0xBAD);

    function setUp() public {
        vm.warp(T0);
        alice = vm.addr(ALICE_PK);
        implementation = new Consortium();
        equal = _new(_m3(alice, bob, carol), new uint256[](0), _s3(5_000, 3_000, 2_000), false);
        weighted = _new(_m3(alice, bob, carol), _w3(100, 300, 600), _s3(5_000, 3_000, 2_000), true);
        usd = new TemplateMockERC20("Dollar", "USD");
        feeToken = new TemplateFeeOnTransferERC20(100);
        usd.mint(payer, 1_000_000e18);
        feeToken.mint(payer, 1_000_000e18);
        vm.startPrank(payer);
        usd.approve(address(equal), type(uint256).max);
        usd.approve(address(weighted), type(uint256).max);
        feeToken.approve(address(equal), type(uint256).max);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _new(
        address[] memory members,
        uint256[] memory weights,
        uint16[] memory shares,
        bool weightedByStake
    ) internal returns (Consortium c) {
        c = Consortium(Clones.clone(address(implementation)));
        c.initialize(executor, members, weights, shares, weightedByStake);
    }

    function _m3(address a, address b, address c) internal pure returns (address[] memory m) {
        m = new address[](3);
        m[0] = a;
        m[1] = b;
        m[2] = c;
    }

    function _m1(address a) internal pure returns (address[] memory m) {
        m = new address[](1);
        m[0] = a;
    }

    function _w3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory w) {
        w = new uint256[](3);
        w[0] = a;
        w[1] = b;
        w[2] = c;
    }

    function _w1(uint256 a) internal pure returns (uint256[] memory w) {
        w = new uint256[](1);
        w[0] = a;
    }

    function _s3(uint16 a, uint16 b, uint16 c) internal pure returns (uint16[] memory s) {
        s = new uint16[](3);
        s[0] = a;
        s[1] = b;
        s[2] = c;
    }

    function _s1(uint16 a) internal pure returns (uint16[] memory s) {
        s = new uint16[](1);
        s[0] = a;
    }

    function _distribute(Consortium c, uint256 amount) internal {
        vm.prank(payer);
        c.distribute(usd, amount);
    }

    function _skip(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
    }

    function _contains(address[] memory list, address item) internal pure returns (bool) {
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == item) return true;
        }
        return false;
    }

    function _signDelegation(
        address verifyingContract,
        uint256 pk,
        address delegatee,
        uint256 nonce,
        uint256 expiry
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 domain = keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH,
                keccak256("AIDAO Consortium"),
                keccak256("1"),
                block.chainid,
                verifyingContract
            )
        );
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        (v, r, s) = vm.sign(pk, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // initialize
    // ---------------------------------------------------------------------------------------------------------

    function test_initialize_oneMemberOneVote() public view {
        assertEq(equal.executor(), executor, "executor");
        assertTrue(!equal.weightedByStake(), "not weighted");
        assertEq(equal.memberCount(), 3, "three members");
        address[] memory list = equal.members();
        assertTrue(_contains(list, alice) && _contains(list, bob) && _contains(list, carol), "members listed");
        IConsortium.MemberInfo memory info = equal.memberInfo(bob);
        assertTrue(info.isMember, "bob is a member");
        assertEq(info.units, UNIT, "1e18 units");
        assertEq(info.shareBps, 3_000, "share");
        assertEq(equal.getVotes(alice), UNIT, "alice self-delegated");
        assertEq(equal.delegates(carol), carol, "carol self-delegated");
        assertEq(equal.totalUnits(), 3 * UNIT, "total units");
        assertEq(equal.totalShareBps(), 10_000, "shares");
        assertEq(equal.MEMBER_UNITS(), UNIT, "member units");
        assertEq(equal.MAX_MEMBERS(), 100, "max members");
    }

    function test_initialize_weighted() public view {
        assertTrue(weighted.weightedByStake(), "weighted");
        assertEq(weighted.memberInfo(carol).units, 600, "carol's weight");
        assertEq(weighted.getVotes(bob), 300, "bob votes");
        assertEq(weighted.totalUnits(), 1_000, "total");
    }

    function test_initialize_emitsMemberAdded() public {
        Consortium c = Consortium(Clones.clone(address(implementation)));
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, address(0), alice);
        vm.expectEmit();
        emit IVotes.DelegateVotesChanged(alice, 0, 7);
        vm.expectEmit();
        emit IConsortium.MemberAdded(alice, 7, 10_000);
        vm.expectEmit();
        emit Initializable.Initialized(1);
        c.initialize(executor, _m1(alice), _w1(7), _s1(10_000), true);
    }

    function test_initialize_equalModeIgnoresWeights() public {
        Consortium c = _new(_m3(alice, bob, carol), _w3(5, 0, type(uint256).max), _s3(1, 2, 9_997), false);
        assertEq(c.memberInfo(carol).units, UNIT, "weights ignored");
        assertEq(c.totalUnits(), 3 * UNIT, "total");
    }

    function test_initialize_revertsOnReinitialize() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        equal.initialize(stranger, _m1(stranger), new uint256[](0), _s1(10_000), false);
        assertEq(equal.executor(), executor, "executor unchanged");
    }

    function test_initialize_revertsOnImplementation() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(executor, _m1(alice), new uint256[](0), _s1(10_000), false);
    }

    function test_initialize_revertsOnZeroExecutor() public {
        Consortium c = Consortium(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumZeroAddress.selector));
        c.initialize(address(0), _m1(alice), new uint256[](0), _s1(10_000), false);
    }

    function test_initialize_revertsOnZeroMember() public {
        Consortium c = Consortium(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumZeroAddress.selector));
        c.initialize(executor, _m1(address(0)), new uint256[](0), _s1(10_000), false);
    }

    function test_initialize_revertsOnNoMembers() public {
        Consortium c = Consortium(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNoMembers.selector));
        c.initialize(executor, new address[](0), new uint256[](0), new uint16[](0), false);
    }

    function test_initialize_revertsOnDuplicateMember() public {
        Consortium c = Consortium(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumDuplicateMember.selector, alice));
        c.initialize(executor, _m3(alice, bob, alice), new uint256[](0), _s3(5_000, 3_000, 2_000), false);
    }

    function test_initialize_revertsOnLengthMismatch() public {
        Consortium c = Consortium(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumLengthMismatch.selector, 3, 0, 1));
        c.initialize(executor, _m3(alice, bob, carol), new uint256[](0), _s1(10_000), false);
        // Weighted: weights are required.
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumLengthMismatch.selector, 3, 0, 3));
        c.initialize(executor, _m3(alice, bob, carol), new uint256[](0), _s3(5_000, 3_000, 2_000), true);
        // Equal: weights may be given, but then one per member.
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumLengthMismatch.selector, 3, 1, 3));
        c.initialize(executor, _m3(alice, bob, carol), _w1(1), _s3(5_000, 3_000, 2_000), false);
    }

    function test_initialize_revertsIfSharesDoNotSumTo10000() public {
        Consortium c = Consortium(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidSharesSum.selector, 9_999));
        c.initialize(executor, _m3(alice, bob, carol), new uint256[](0), _s3(5_000, 3_000, 1_999), false);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidSharesSum.selector, 10_001));
        c.initialize(executor, _m3(alice, bob, carol), new uint256[](0), _s3(5_000, 3_000, 2_001), false);
    }

    function test_initialize_revertsOnInvalidWeight() public {
        Consortium c = Consortium(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidWeight.selector, bob, 0));
        c.initialize(executor, _m3(alice, bob, carol), _w3(1, 0, 1), _s3(5_000, 3_000, 2_000), true);
        uint256 tooBig = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidWeight.selector, carol, tooBig));
        c.initialize(executor, _m3(alice, bob, carol), _w3(1, 1, tooBig), _s3(5_000, 3_000, 2_000), true);
    }

    function test_initialize_revertsOnTooManyMembers() public {
        address[] memory many = new address[](101);
        uint16[] memory shares = new uint16[](101);
        for (uint256 i = 0; i < many.length; i++) many[i] = address(uint160(0x1000 + i));
        shares[0] = 10_000;
        Consortium c = Consortium(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumTooManyMembers.selector, 101, 100));
        c.initialize(executor, many, new uint256[](0), shares, false);
        // 100 is fine.
        address[] memory hundred = new address[](100);
        uint16[] memory hundredShares = new uint16[](100);
        for (uint256 i = 0; i < hundred.length; i++) {
            hundred[i] = many[i];
            hundredShares[i] = 100;
        }
        c.initialize(executor, hundred, new uint256[](0), hundredShares, false);
        assertEq(c.memberCount(), 100, "hundred members");
    }

    // ---------------------------------------------------------------------------------------------------------
    // clock and votes
    // ---------------------------------------------------------------------------------------------------------

    function test_clock_isBlockTimestamp() public {
        assertEq(equal.clock(), T0, "clock");
        _skip(5);
        assertEq(equal.clock(), T0 + 5, "follows time");
        assertTrue(keccak256(bytes(equal.CLOCK_MODE())) == keccak256("mode=timestamp"), "mode=timestamp");
    }

    function test_units_areNotTransferable() public {
        vm.prank(alice);
        (bool ok, ) = address(equal).call(abi.encodeCall(IERC20.transfer, (bob, 1)));
        assertTrue(!ok, "no transfer");
        assertEq(equal.memberInfo(alice).units, UNIT, "units stay");
    }

    function test_delegate_movesVotes() public {
        vm.prank(alice);
        equal.delegate(bob);
        assertEq(equal.getVotes(alice), 0, "alice");
        assertEq(equal.getVotes(bob), 2 * UNIT, "bob votes twice");
        assertEq(equal.totalUnits(), 3 * UNIT, "total unchanged");
    }

    function test_delegateBySig_delegatesForSignerOnThisCloneOnly() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(address(weighted), ALICE_PK, bob, 0, expiry);
        equal.delegateBySig(bob, 0, expiry, v, r, s); // signed for the other clone: recovers someone else
        assertEq(equal.delegates(alice), alice, "untouched on the wrong clone");
        weighted.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(weighted.delegates(alice), bob, "delegated");
        assertEq(weighted.getVotes(bob), 400, "bob votes with alice's weight");
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 1));
        weighted.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_revertsIfExpired() public {
        uint256 expiry = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(address(equal), ALICE_PK, bob, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        equal.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_getPastVotes_exactAcrossMembershipChanges() public {
        _skip(10); // T0 + 10
        vm.prank(executor);
        weighted.addMember(dave, 1_000, 0);
        _skip(10); // T0 + 20
        vm.prank(executor);
        weighted.setMember(carol, 100, 2_000);
        _skip(10); // T0 + 30
        vm.prank(executor);
        weighted.removeMember(dave);
        _skip(10);
        assertEq(weighted.getPastTotalSupply(T0), 1_000, "initial");
        assertEq(weighted.getPastTotalSupply(T0 + 10), 2_000, "dave joined");
        assertEq(weighted.getPastTotalSupply(T0 + 20), 1_500, "carol shrank");
        assertEq(weighted.getPastTotalSupply(T0 + 30), 500, "dave left");
        assertEq(weighted.getPastVotes(dave, T0 + 9), 0, "dave before");
        assertEq(weighted.getPastVotes(dave, T0 + 29), 1_000, "dave during");
        assertEq(weighted.getPastVotes(dave, T0 + 30), 0, "dave after");
        assertEq(weighted.getPastVotes(carol, T0 + 19), 600, "carol before");
        assertEq(weighted.getPastVotes(carol, T0 + 20), 100, "carol after");
    }

    function test_getPastVotes_revertsOnFutureLookup() public {
        vm.expectRevert(abi.encodeWithSelector(VotesUpgradeable.ERC5805FutureLookup.selector, T0, uint48(T0)));
        equal.getPastVotes(alice, T0);
        vm.expectRevert(abi.encodeWithSelector(VotesUpgradeable.ERC5805FutureLookup.selector, T0, uint48(T0)));
        equal.getPastTotalSupply(T0);
    }

    function test_governor_membersVoteAndExecutorAddsMember() public {
        // A consortium whose executor is its Governor (no timelock, for brevity), at a predictable CREATE2 address.
        Consortium c = Consortium(Clones.clone(address(implementation)));
        bytes32 salt = bytes32("consortium");
        bytes32 initCodeHash = keccak256(abi.encodePacked(type(TemplateTestGovernor).creationCode, abi.encode(c)));
        address predicted = address(
            uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, initCodeHash))))
        );
        c.initialize(predicted, _m3(alice, bob, carol), new uint256[](0), _s3(5_000, 3_000, 2_000), false);
        TemplateTestGovernor governor = new TemplateTestGovernor{salt: salt}(c);
        assertEq(address(governor), predicted, "predicted governor");
        _skip(1);

        address[] memory targets = _m1(address(c));
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(IConsortium.addMember, (dave, 0, 0));
        vm.prank(alice);
        uint256 id = governor.propose(targets, values, calldatas, "add dave");
        _skip(1 days + 1);
        vm.prank(alice);
        governor.castVote(id, 1);
        vm.prank(bob);
        governor.castVote(id, 1);
        vm.prank(carol);
        governor.castVote(id, 0);
        (uint256 against, uint256 forVotes, ) = governor.proposalVotes(id);
        assertEq(forVotes, 2 * UNIT, "two members for");
        assertEq(against, UNIT, "one against");
        _skip(1 weeks);
        assertTrue(governor.state(id) == IGovernor.ProposalState.Succeeded, "succeeded");
        governor.execute(targets, values, calldatas, keccak256("add dave"));
        assertTrue(c.memberInfo(dave).isMember, "dave joined by vote");
    }

    // ---------------------------------------------------------------------------------------------------------
    // addMember
    // ---------------------------------------------------------------------------------------------------------

    function test_addMember_onlyExecutor() public {
        address[3] memory callers = [stranger, alice, address(this)];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNotExecutor.selector, callers[i]));
            vm.prank(callers[i]);
            equal.addMember(dave, 0, 0);
        }
        vm.prank(executor);
        equal.addMember(dave, 0, 0);
        assertTrue(equal.memberInfo(dave).isMember, "executor may");
    }

    function test_addMember_zeroShareMemberVotesWithoutRevenue() public {
        vm.expectEmit();
        emit IConsortium.MemberAdded(dave, UNIT, 0);
        vm.prank(executor);
        equal.addMember(dave, 12345, 0); // weight ignored: one member one vote
        assertEq(equal.memberCount(), 4, "four");
        assertEq(equal.getVotes(dave), UNIT, "one vote");
        assertEq(equal.delegates(dave), dave, "self-delegated");
        assertEq(equal.totalUnits(), 4 * UNIT, "total");
        _distribute(equal, 1_000);
        assertEq(equal.claimable(dave, address(usd)), 0, "no revenue share");
    }

    function test_addMember_weightedUsesWeight() public {
        vm.prank(executor);
        weighted.addMember(dave, 250, 0);
        assertEq(weighted.getVotes(dave), 250, "weight");
        assertEq(weighted.totalUnits(), 1_250, "total");
    }

    function test_addMember_revertsIfAlreadyMember() public {
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAlreadyMember.selector, alice));
        vm.prank(executor);
        equal.addMember(alice, 0, 0);
    }

    function test_addMember_revertsIfSharesWouldNotSumTo10000() public {
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidSharesSum.selector, 10_001));
        vm.prank(executor);
        equal.addMember(dave, 0, 1);
    }

    function test_addMember_revertsOnZeroAddressOrWeight() public {
        vm.startPrank(executor);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumZeroAddress.selector));
        equal.addMember(address(0), 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidWeight.selector, dave, 0));
        weighted.addMember(dave, 0, 0);
        vm.stopPrank();
    }

    function test_addMember_revertsAboveMaxMembers() public {
        address[] memory hundred = new address[](100);
        uint16[] memory shares = new uint16[](100);
        for (uint256 i = 0; i < hundred.length; i++) {
            hundred[i] = address(uint160(0x1000 + i));
            shares[i] = 100;
        }
        Consortium c = _new(hundred, new uint256[](0), shares, false);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumTooManyMembers.selector, 101, 100));
        vm.prank(executor);
        c.addMember(dave, 0, 0);
    }

    function test_addMember_rejoiningMemberVotesForItselfAgain() public {
        vm.startPrank(executor);
        equal.addMember(dave, 0, 0);
        vm.stopPrank();
        vm.prank(dave);
        equal.delegate(bob);
        vm.startPrank(executor);
        equal.removeMember(dave);
        assertEq(equal.getVotes(bob), UNIT, "dave's vote left bob");
        equal.addMember(dave, 0, 0);
        vm.stopPrank();
        assertEq(equal.delegates(dave), dave, "self-delegated again");
        assertEq(equal.getVotes(dave), UNIT, "votes for itself");
        assertEq(equal.getVotes(bob), UNIT, "bob only his own");
    }

    // ---------------------------------------------------------------------------------------------------------
    // removeMember
    // ---------------------------------------------------------------------------------------------------------

    function test_removeMember_onlyExecutor() public {
        vm.prank(executor);
        equal.addMember(dave, 0, 0);
        address[3] memory callers = [stranger, alice, dave];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNotExecutor.selector, callers[i]));
            vm.prank(callers[i]);
            equal.removeMember(dave);
        }
        vm.prank(executor);
        equal.removeMember(dave);
        assertTrue(!equal.memberInfo(dave).isMember, "executor may");
    }

    function test_removeMember_burnsUnitsAndKeepsClaimable() public {
        vm.prank(executor);
        weighted.addMember(dave, 400, 0);
        vm.prank(dave);
        weighted.delegate(alice);
        assertEq(weighted.getVotes(alice), 500, "alice votes with dave's weight");
        vm.expectEmit();
        emit IVotes.DelegateVotesChanged(alice, 500, 100);
        vm.expectEmit();
        emit IConsortium.MemberRemoved(dave, 400, 0);
        vm.prank(executor);
        weighted.removeMember(dave);
        assertEq(weighted.getVotes(alice), 100, "dave's weight left alice's votes");
        assertEq(weighted.totalUnits(), 1_000, "total");
        IConsortium.MemberInfo memory info = weighted.memberInfo(dave);
        assertTrue(!info.isMember && info.units == 0 && info.shareBps == 0, "record cleared");
        assertTrue(!_contains(weighted.members(), dave), "unlisted");
    }

    function test_removeMember_revertsIfNotMember() public {
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNotMember.selector, dave));
        vm.prank(executor);
        equal.removeMember(dave);
    }

    function test_removeMember_revertsIfShareWouldBeLost() public {
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidSharesSum.selector, 8_000));
        vm.prank(executor);
        equal.removeMember(carol);
    }

    function test_removeMember_revertsForLastMember() public {
        Consortium c = _new(_m1(alice), new uint256[](0), _s1(10_000), false);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNoMembers.selector));
        vm.prank(executor);
        c.removeMember(alice);
    }

    // ---------------------------------------------------------------------------------------------------------
    // setMember
    // ---------------------------------------------------------------------------------------------------------

    function test_setMember_onlyExecutor() public {
        address[3] memory callers = [stranger, carol, address(this)];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNotExecutor.selector, callers[i]));
            vm.prank(callers[i]);
            weighted.setMember(carol, 1, 2_000);
        }
        vm.prank(executor);
        weighted.setMember(carol, 1, 2_000);
        assertEq(weighted.memberInfo(carol).units, 1, "executor may");
    }

    function test_setMember_changesWeightAndEmitsOldAndNew() public {
        vm.expectEmit();
        emit IConsortium.MemberUpdated(carol, 600, 900, 2_000, 2_000);
        vm.prank(executor);
        weighted.setMember(carol, 900, 2_000);
        assertEq(weighted.getVotes(carol), 900, "grew");
        assertEq(weighted.totalUnits(), 1_300, "total grew");
        vm.prank(executor);
        weighted.setMember(carol, 50, 2_000);
        assertEq(weighted.getVotes(carol), 50, "shrank");
        assertEq(weighted.totalUnits(), 450, "total shrank");
    }

    function test_setMember_equalModeKeepsOneVote() public {
        vm.prank(executor);
        equal.setMember(bob, 77, 3_000);
        assertEq(equal.getVotes(bob), UNIT, "still one vote");
    }

    function test_setMember_revertsIfNotMember() public {
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNotMember.selector, dave));
        vm.prank(executor);
        equal.setMember(dave, 0, 0);
    }

    function test_setMember_revertsIfSharesWouldNotSumTo10000() public {
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidSharesSum.selector, 10_500));
        vm.prank(executor);
        equal.setMember(bob, 0, 3_500);
    }

    function test_setMember_revertsOnInvalidWeight() public {
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidWeight.selector, bob, 0));
        vm.prank(executor);
        weighted.setMember(bob, 0, 3_000);
    }

    // ---------------------------------------------------------------------------------------------------------
    // setMembers
    // ---------------------------------------------------------------------------------------------------------

    function test_setMembers_onlyExecutor() public {
        address[3] memory callers = [stranger, bob, address(this)];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNotExecutor.selector, callers[i]));
            vm.prank(callers[i]);
            equal.setMembers(_m1(alice), new uint256[](0), _s1(10_000));
        }
        vm.prank(executor);
        equal.setMembers(_m1(alice), new uint256[](0), _s1(10_000));
        assertEq(equal.memberCount(), 1, "executor may");
    }

    function test_setMembers_rebalancesSharesInOneCall() public {
        // Carol leaves, dave joins with a share, alice and bob are rebalanced: one call, validated at the end.
        vm.prank(executor);
        weighted.setMembers(_m3(bob, dave, alice), _w3(300, 200, 150), _s3(4_000, 1_000, 5_000));
        assertEq(weighted.memberCount(), 3, "three");
        assertTrue(!weighted.memberInfo(carol).isMember, "carol left");
        assertEq(weighted.memberInfo(dave).shareBps, 1_000, "dave's share");
        assertEq(weighted.memberInfo(bob).shareBps, 4_000, "bob's share");
        assertEq(weighted.memberInfo(alice).units, 150, "alice's weight");
        assertEq(weighted.getVotes(carol), 0, "carol's votes gone");
        assertEq(weighted.getVotes(dave), 200, "dave votes");
        assertEq(weighted.totalUnits(), 650, "total");
        assertEq(weighted.totalShareBps(), 10_000, "shares");
    }

    function test_setMembers_emitsRemovalsThenAdditionsAndUpdates() public {
        vm.expectEmit();
        emit IConsortium.MemberRemoved(carol, UNIT, 2_000);
        vm.expectEmit();
        emit IConsortium.MemberUpdated(alice, UNIT, UNIT, 5_000, 6_000);
        vm.expectEmit();
        emit IConsortium.MemberAdded(dave, UNIT, 1_000);
        vm.expectEmit();
        emit IConsortium.MemberUpdated(bob, UNIT, UNIT, 3_000, 3_000);
        vm.prank(executor);
        equal.setMembers(_m3(alice, dave, bob), new uint256[](0), _s3(6_000, 1_000, 3_000));
    }

    function test_setMembers_revertsOnInvalidLists() public {
        vm.startPrank(executor);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNoMembers.selector));
        equal.setMembers(new address[](0), new uint256[](0), new uint16[](0));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumDuplicateMember.selector, dave));
        equal.setMembers(_m3(dave, alice, dave), new uint256[](0), _s3(5_000, 3_000, 2_000));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumLengthMismatch.selector, 3, 0, 1));
        equal.setMembers(_m3(dave, alice, bob), new uint256[](0), _s1(10_000));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidSharesSum.selector, 9_000));
        equal.setMembers(_m3(dave, alice, bob), new uint256[](0), _s3(5_000, 3_000, 1_000));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumZeroAddress.selector));
        equal.setMembers(_m1(address(0)), new uint256[](0), _s1(10_000));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidWeight.selector, dave, 0));
        weighted.setMembers(_m1(dave), _w1(0), _s1(10_000));
        vm.stopPrank();
        // A failed replacement changes nothing.
        assertEq(equal.memberCount(), 3, "unchanged");
        assertEq(equal.totalUnits(), 3 * UNIT, "units unchanged");
    }

    function test_setMembers_revertsAboveMaxMembers() public {
        address[] memory many = new address[](101);
        uint16[] memory shares = new uint16[](101);
        for (uint256 i = 0; i < many.length; i++) many[i] = address(uint160(0x1000 + i));
        shares[0] = 10_000;
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumTooManyMembers.selector, 101, 100));
        vm.prank(executor);
        equal.setMembers(many, new uint256[](0), shares);
    }

    // ---------------------------------------------------------------------------------------------------------
    // distribute and claim
    // ---------------------------------------------------------------------------------------------------------

    function test_distribute_splitsByShares() public {
        vm.expectEmit();
        emit IConsortium.RevenueDistributed(address(usd), payer, 1_000e18, 1_000e18);
        _distribute(equal, 1_000e18);
        assertEq(equal.claimable(alice, address(usd)), 500e18, "alice 50%");
        assertEq(equal.claimable(bob, address(usd)), 300e18, "bob 30%");
        assertEq(equal.claimable(carol, address(usd)), 200e18, "carol 20%");
        assertEq(equal.totalDistributed(address(usd)), 1_000e18, "distributed");
        assertEq(usd.balanceOf(address(equal)), 1_000e18, "held until claimed");
    }

    function test_distribute_sharesNotVotesDecide() public {
        // Weighted votes (100/300/600) do not change the revenue split (50/30/20).
        _distribute(weighted, 100);
        assertEq(weighted.claimable(alice, address(usd)), 50, "alice");
        assertEq(weighted.claimable(carol, address(usd)), 20, "carol");
    }

    function test_distribute_carriesRoundingRemainder() public {
        // 7 wei: 3.5 + 2.1 + 1.4 -> 3 + 2 + 1 = 6, 1 carried.
        _distribute(equal, 7);
        assertEq(equal.undistributed(address(usd)), 1, "carried");
        // 3 more: pool 4 -> 2 + 1 + 0 = 3, 1 carried.
        _distribute(equal, 3);
        assertEq(equal.claimable(alice, address(usd)), 5, "alice");
        assertEq(equal.claimable(bob, address(usd)), 3, "bob");
        assertEq(equal.claimable(carol, address(usd)), 1, "carol");
        assertEq(equal.undistributed(address(usd)), 1, "carried again");
        assertEq(equal.totalDistributed(address(usd)), 10, "distributed");
    }

    function test_distribute_creditsFeeOnTransferTokenByAmountReceived() public {
        vm.expectEmit();
        emit IConsortium.RevenueDistributed(address(feeToken), payer, 9_900, 9_900);
        vm.prank(payer);
        uint256 received = equal.distribute(feeToken, 10_000);
        assertEq(received, 9_900, "received");
        assertEq(equal.claimable(alice, address(feeToken)), 4_950, "alice on received");
        assertEq(equal.totalDistributed(address(feeToken)), 9_900, "distributed");
    }

    function test_distribute_isPermissionless() public {
        usd.mint(stranger, 10);
        vm.startPrank(stranger);
        usd.approve(address(equal), 10);
        equal.distribute(usd, 10);
        vm.stopPrank();
        assertEq(equal.claimable(alice, address(usd)), 5, "anyone may pay");
    }

    function test_distribute_revertsOnZeroAmountOrToken() public {
        vm.startPrank(payer);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumZeroAmount.selector));
        equal.distribute(usd, 0);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumZeroAddress.selector));
        equal.distribute(IERC20(address(0)), 1);
        vm.stopPrank();
    }

    function test_distribute_revertsWithoutAllowance() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(equal), 0, 1));
        vm.prank(stranger);
        equal.distribute(usd, 1);
    }

    function test_distribute_accrualSurvivesMembershipChanges() public {
        _distribute(equal, 1_000);
        // Rebalance: carol leaves, dave takes her share.
        vm.prank(executor);
        equal.setMembers(_m3(alice, bob, dave), new uint256[](0), _s3(5_000, 3_000, 2_000));
        _distribute(equal, 1_000);
        assertEq(equal.claimable(carol, address(usd)), 200, "carol keeps what she earned");
        assertEq(equal.claimable(dave, address(usd)), 200, "dave earns from his arrival");
        assertEq(equal.claimable(alice, address(usd)), 1_000, "alice both");
        vm.prank(carol);
        assertEq(equal.claim(usd), 200, "a former member claims");
    }

    function test_claim_paysAndResets() public {
        _distribute(equal, 1_000e18);
        vm.expectEmit();
        emit IConsortium.Claimed(bob, address(usd), 300e18);
        vm.prank(bob);
        assertEq(equal.claim(usd), 300e18, "paid");
        assertEq(usd.balanceOf(bob), 300e18, "bob got it");
        assertEq(equal.claimable(bob, address(usd)), 0, "reset");
        assertEq(equal.totalClaimed(address(usd)), 300e18, "claimed");
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNothingToClaim.selector, bob, address(usd)));
        vm.prank(bob);
        equal.claim(usd);
    }

    function test_claim_revertsWithNothingToClaim() public {
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNothingToClaim.selector, stranger, address(usd)));
        vm.prank(stranger);
        equal.claim(usd);
    }

    function test_claim_revertsOnReentrancy() public {
        TemplateReentrantERC20 evil = new TemplateReentrantERC20();
        evil.mint(payer, 1_000);
        vm.startPrank(payer);
        evil.approve(address(equal), 1_000);
        equal.distribute(IERC20(address(evil)), 1_000);
        vm.stopPrank();
        // The token re-enters claim while paying alice (as itself: it has nothing to claim either way, but the
        // guard stops it first).
        evil.arm(address(equal), abi.encodeCall(IConsortium.claim, (IERC20(address(evil)))));
        vm.prank(alice);
        equal.claim(IERC20(address(evil)));
        assertTrue(evil.attempted() && !evil.succeeded(), "re-entry failed");
        assertTrue(
            keccak256(evil.returned()) ==
                keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "ReentrancyGuardReentrantCall"
        );
        assertEq(evil.balanceOf(alice), 500, "alice paid once");
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzz
    // ---------------------------------------------------------------------------------------------------------

    function testFuzz_distribute_splitsExactly(uint256 amount, uint16 s0, uint16 s1) public {
        amount = bound(amount, 1, 1_000_000e18);
        s0 = uint16(bound(s0, 0, 10_000));
        s1 = uint16(bound(s1, 0, 10_000 - s0));
        uint16 s2 = 10_000 - s0 - s1;
        vm.prank(executor);
        equal.setMembers(_m3(alice, bob, carol), new uint256[](0), _s3(s0, s1, s2));
        _distribute(equal, amount);
        uint256 a = equal.claimable(alice, address(usd));
        uint256 b = equal.claimable(bob, address(usd));
        uint256 c = equal.claimable(carol, address(usd));
        assertEq(a, (amount * s0) / 10_000, "alice");
        assertEq(b, (amount * s1) / 10_000, "bob");
        assertEq(c, (amount * s2) / 10_000, "carol");
        assertEq(a + b + c + equal.undistributed(address(usd)), amount, "nothing lost or created");
        assertLe(equal.undistributed(address(usd)), 2, "remainder below the member count");
    }

    function testFuzz_setMembers_keepsUnitsAndVotesConsistent(uint256 seed) public {
        address[5] memory pool = [alice, bob, carol, dave, stranger];
        for (uint256 round = 0; round < 4; round++) {
            seed = uint256(keccak256(abi.encode(seed, round)));
            uint256 count = 1 + (seed % 5);
            address[] memory list = new address[](count);
            uint256[] memory weights = new uint256[](count);
            uint16[] memory shares = new uint16[](count);
            uint256 left = 10_000;
            uint256 total;
            for (uint256 i = 0; i < count; i++) {
                list[i] = pool[(seed / 7 + i) % 5];
                weights[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, 1e27);
                total += weights[i];
                shares[i] = uint16(i == count - 1 ? left : bound(seed >> (i * 16), 0, left));
                left -= shares[i];
            }
            vm.prank(executor);
            weighted.setMembers(list, weights, shares);
            _skip(1);
            assertEq(weighted.memberCount(), count, "count");
            assertEq(weighted.totalUnits(), total, "total units = sum of weights");
            assertEq(weighted.getPastTotalSupply(block.timestamp - 1), total, "past total");
            uint256 votes;
            for (uint256 i = 0; i < pool.length; i++) votes += weighted.getVotes(pool[i]);
            assertEq(votes, total, "votes = units (all self-delegated)");
            assertEq(weighted.totalShareBps(), 10_000, "shares");
        }
    }
}
