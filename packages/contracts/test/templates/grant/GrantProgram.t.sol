// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {GrantProgram} from "../../../contracts/templates/grant/GrantProgram.sol";
import {IGrantProgram} from "../../../contracts/templates/grant/IGrantProgram.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";
import {TemplateFeeOnTransferERC20} from "../../mocks/templates/TemplateFeeOnTransferERC20.sol";
import {TemplateReentrantERC20} from "../../mocks/templates/TemplateReentrantERC20.sol";
import {TemplateVotesToken, TemplateBlockClockVotesToken} from "../../mocks/templates/TemplateVotesToken.sol";

contract GrantProgramTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint48 internal constant WINDOW = 3 days;
    uint256 internal constant QUORUM_BPS = 1_000; // 10%
    uint256 internal constant BUDGET = 1_000_000e18;

    GrantProgram internal implementation;
    GrantProgram internal program;
    TemplateVotesToken internal vetoToken;
    TemplateMockERC20 internal usd;
    TemplateMockERC20 internal other;

    address internal committee = address(0xC0);
    address internal executor = address(0xE8EC);
    address internal treasury = address(0x7EA5);
    address internal recipient = address(0x9EC1);
    address internal stranger = address(0xBAD);
    // Veto token holders: 60 + 50 + 890 = 1000 tokens; the 10% quorum is 100.
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);

    function setUp() public {
        vm.warp(T0);
        vetoToken = new TemplateVotesToken();
        _mintVotes(alice, 60e18);
        _mintVotes(bob, 50e18);
        _mintVotes(carol, 890e18);
        usd = new TemplateMockERC20("Dollar", "USD");
        other = new TemplateMockERC20("Other", "OTH");
        implementation = new GrantProgram();
        program = _newProgram(WINDOW, QUORUM_BPS);
        usd.mint(address(program), BUDGET); // the treasury spent it to the program
        vm.warp(T0 + 1 days); // the holdings above are in the past
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _mintVotes(address to, uint256 amount) internal {
        vetoToken.mint(to, amount);
        vm.prank(to);
        vetoToken.delegate(to);
    }

    function _newProgram(uint48 window, uint256 bps) internal returns (GrantProgram p) {
        p = GrantProgram(Clones.clone(address(implementation)));
        p.initialize(committee, treasury, IVotes(address(vetoToken)), window, bps, executor);
    }

    function _amounts(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory m) {
        m = new uint256[](3);
        m[0] = a;
        m[1] = b;
        m[2] = c;
    }

    function _oneAmount(uint256 a) internal pure returns (uint256[] memory m) {
        m = new uint256[](1);
        m[0] = a;
    }

    /// @dev A three-milestone grant of 100 + 200 + 300.
    function _propose() internal returns (uint256 grantId) {
        vm.prank(committee);
        grantId = program.proposeGrant(recipient, usd, _amounts(100e18, 200e18, 300e18), "ipfs://grant");
    }

    function _veto(address voter, uint256 grantId) internal {
        vm.prank(voter);
        program.veto(grantId);
    }

    function _release(uint256 grantId, uint256 index) internal {
        vm.prank(committee);
        program.releaseMilestone(grantId, index);
    }

    function _skip(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
    }

    function _state(uint256 grantId) internal view returns (uint256) {
        return uint256(program.state(grantId));
    }

    function _s(IGrantProgram.GrantState s) internal pure returns (uint256) {
        return uint256(s);
    }

    // ---------------------------------------------------------------------------------------------------------
    // initialize
    // ---------------------------------------------------------------------------------------------------------

    function test_initialize_setsState() public view {
        assertEq(program.committee(), committee, "committee");
        assertEq(program.treasury(), treasury, "treasury");
        assertEq(address(program.vetoToken()), address(vetoToken), "veto token");
        assertEq(program.vetoWindow(), WINDOW, "window");
        assertEq(program.vetoQuorumBps(), QUORUM_BPS, "quorum");
        assertEq(program.executor(), executor, "executor");
        assertEq(program.grantCount(), 0, "no grants");
        assertEq(program.MIN_VETO_WINDOW(), 1 hours, "min window");
        assertEq(program.MAX_VETO_WINDOW(), 30 days, "max window");
        assertEq(program.MAX_MILESTONES(), 32, "max milestones");
    }

    function test_initialize_emitsSettings() public {
        GrantProgram p = GrantProgram(Clones.clone(address(implementation)));
        vm.expectEmit();
        emit IGrantProgram.CommitteeSet(address(0), committee);
        vm.expectEmit();
        emit IGrantProgram.VetoParamsSet(0, WINDOW, 0, uint16(QUORUM_BPS));
        vm.expectEmit();
        emit Initializable.Initialized(1);
        p.initialize(committee, treasury, IVotes(address(vetoToken)), WINDOW, QUORUM_BPS, executor);
    }

    function test_initialize_revertsOnReinitialize() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        program.initialize(stranger, stranger, IVotes(address(vetoToken)), WINDOW, QUORUM_BPS, stranger);
        assertEq(program.committee(), committee, "committee unchanged");
    }

    function test_initialize_revertsOnImplementation() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(committee, treasury, IVotes(address(vetoToken)), WINDOW, QUORUM_BPS, executor);
    }

    function test_initialize_revertsOnZeroAddresses() public {
        IVotes token = IVotes(address(vetoToken));
        bytes memory err = abi.encodeWithSelector(IGrantProgram.GrantProgramZeroAddress.selector);
        GrantProgram p = GrantProgram(Clones.clone(address(implementation)));
        vm.expectRevert(err);
        p.initialize(address(0), treasury, token, WINDOW, QUORUM_BPS, executor);
        vm.expectRevert(err);
        p.initialize(committee, address(0), token, WINDOW, QUORUM_BPS, executor);
        vm.expectRevert(err);
        p.initialize(committee, treasury, IVotes(address(0)), WINDOW, QUORUM_BPS, executor);
        vm.expectRevert(err);
        p.initialize(committee, treasury, token, WINDOW, QUORUM_BPS, address(0));
    }

    function test_initialize_revertsOnVetoWindowOutOfRange() public {
        GrantProgram p = GrantProgram(Clones.clone(address(implementation)));
        IVotes token = IVotes(address(vetoToken));
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoWindowOutOfRange.selector, 1 hours - 1));
        p.initialize(committee, treasury, token, 1 hours - 1, QUORUM_BPS, executor);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoWindowOutOfRange.selector, 30 days + 1));
        p.initialize(committee, treasury, token, 30 days + 1, QUORUM_BPS, executor);
    }

    function test_initialize_revertsOnVetoQuorumOutOfRange() public {
        GrantProgram p = GrantProgram(Clones.clone(address(implementation)));
        IVotes token = IVotes(address(vetoToken));
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoQuorumOutOfRange.selector, 0));
        p.initialize(committee, treasury, token, WINDOW, 0, executor);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoQuorumOutOfRange.selector, 10_001));
        p.initialize(committee, treasury, token, WINDOW, 10_001, executor);
        // uint256 values that would wrap in a uint16 are rejected, not truncated.
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoQuorumOutOfRange.selector, 65_536 + 1));
        p.initialize(committee, treasury, token, WINDOW, 65_536 + 1, executor);
    }

    function test_initialize_acceptsBounds() public {
        GrantProgram p = _newProgram(1 hours, 1);
        assertEq(p.vetoWindow(), 1 hours, "min window");
        p = _newProgram(30 days, 10_000);
        assertEq(p.vetoQuorumBps(), 10_000, "full quorum");
    }

    function test_initialize_revertsIfVetoTokenUsesBlockNumbers() public {
        TemplateBlockClockVotesToken blockToken = new TemplateBlockClockVotesToken();
        GrantProgram p = GrantProgram(Clones.clone(address(implementation)));
        vm.expectRevert(
            abi.encodeWithSelector(IGrantProgram.GrantProgramVetoTokenNotTimestamp.selector, address(blockToken))
        );
        p.initialize(committee, treasury, IVotes(address(blockToken)), WINDOW, QUORUM_BPS, executor);
    }

    function test_initialize_revertsIfVetoTokenHasNoClock() public {
        GrantProgram p = GrantProgram(Clones.clone(address(implementation)));
        // An account without code, and a contract without clock().
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoTokenNotTimestamp.selector, stranger));
        p.initialize(committee, treasury, IVotes(stranger), WINDOW, QUORUM_BPS, executor);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoTokenNotTimestamp.selector, address(usd)));
        p.initialize(committee, treasury, IVotes(address(usd)), WINDOW, QUORUM_BPS, executor);
    }

    // ---------------------------------------------------------------------------------------------------------
    // fund and withdraw
    // ---------------------------------------------------------------------------------------------------------

    function test_fund_pullsAndEmits() public {
        other.mint(treasury, 500e18);
        vm.startPrank(treasury);
        other.approve(address(program), 500e18);
        vm.expectEmit();
        emit IGrantProgram.Funded(address(other), treasury, 500e18);
        uint256 received = program.fund(other, 500e18);
        vm.stopPrank();
        assertEq(received, 500e18, "received");
        assertEq(other.balanceOf(address(program)), 500e18, "held");
        assertEq(program.available(address(other)), 500e18, "available");
    }

    function test_fund_creditsFeeOnTransferTokenByAmountReceived() public {
        TemplateFeeOnTransferERC20 fee = new TemplateFeeOnTransferERC20(100);
        fee.mint(stranger, 10_000);
        vm.startPrank(stranger);
        fee.approve(address(program), 10_000);
        vm.expectEmit();
        emit IGrantProgram.Funded(address(fee), stranger, 9_900);
        assertEq(program.fund(fee, 10_000), 9_900, "received");
        vm.stopPrank();
        assertEq(program.available(address(fee)), 9_900, "available = received");
    }

    function test_fund_revertsOnZeroAmountOrToken() public {
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramZeroAmount.selector));
        program.fund(usd, 0);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramZeroAddress.selector));
        program.fund(IERC20(address(0)), 1);
    }

    function test_fund_revertsWithoutAllowance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(program), 0, 1)
        );
        vm.prank(stranger);
        program.fund(usd, 1);
    }

    function test_withdraw_onlyExecutor() public {
        address[4] memory callers = [stranger, committee, treasury, alice];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNotExecutor.selector, callers[i]));
            vm.prank(callers[i]);
            program.withdraw(usd, 1);
        }
        vm.prank(executor);
        program.withdraw(usd, 1);
        assertEq(usd.balanceOf(treasury), 1, "executor may");
    }

    function test_withdraw_sendsUncommittedToTreasury() public {
        _propose(); // commits 600
        vm.expectEmit();
        emit IGrantProgram.Withdrawn(address(usd), treasury, BUDGET - 600e18);
        vm.prank(executor);
        program.withdraw(usd, BUDGET - 600e18);
        assertEq(usd.balanceOf(treasury), BUDGET - 600e18, "treasury");
        assertEq(usd.balanceOf(address(program)), 600e18, "commitment stays");
        assertEq(program.available(address(usd)), 0, "nothing available");
    }

    function test_withdraw_revertsAboveAvailable() public {
        _propose();
        vm.expectRevert(
            abi.encodeWithSelector(
                IGrantProgram.GrantProgramInsufficientBudget.selector,
                address(usd),
                BUDGET - 600e18 + 1,
                BUDGET - 600e18
            )
        );
        vm.prank(executor);
        program.withdraw(usd, BUDGET - 600e18 + 1);
    }

    function test_withdraw_revertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramZeroAmount.selector));
        vm.prank(executor);
        program.withdraw(usd, 0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // proposeGrant
    // ---------------------------------------------------------------------------------------------------------

    function test_proposeGrant_onlyCommittee() public {
        address[4] memory callers = [stranger, executor, treasury, alice];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNotCommittee.selector, callers[i]));
            vm.prank(callers[i]);
            program.proposeGrant(recipient, usd, _oneAmount(1), "");
        }
        vm.prank(committee);
        assertEq(program.proposeGrant(recipient, usd, _oneAmount(1), ""), 1, "committee may");
    }

    function test_proposeGrant_storesAndCommits() public {
        uint256 id = _propose();
        assertEq(id, 1, "first id");
        assertEq(program.grantCount(), 1, "count");
        IGrantProgram.Grant memory g = program.grant(id);
        assertEq(g.recipient, recipient, "recipient");
        assertEq(address(g.token), address(usd), "token");
        assertEq(g.proposedAt, block.timestamp, "proposedAt");
        assertEq(g.vetoEndsAt, block.timestamp + WINDOW, "vetoEndsAt");
        assertEq(g.vetoQuorumBps, QUORUM_BPS, "quorum bps");
        assertEq(g.milestonesPaid, 0, "none paid");
        assertEq(_s(g.closed), _s(IGrantProgram.GrantState.None), "open");
        assertEq(g.totalAmount, 600e18, "total");
        assertEq(g.paidAmount, 0, "paid");
        assertEq(g.vetoWeight, 0, "veto weight");
        uint256[] memory m = program.milestones(id);
        assertEq(m.length, 3, "three milestones");
        assertEq(m[0], 100e18, "m0");
        assertEq(m[2], 300e18, "m2");
        assertEq(_state(id), _s(IGrantProgram.GrantState.Pending), "pending");
        assertEq(program.committed(address(usd)), 600e18, "committed");
        assertEq(program.available(address(usd)), BUDGET - 600e18, "available");
        assertEq(program.vetoSnapshot(id), block.timestamp - 1, "snapshot");
        assertEq(program.vetoQuorum(id), 100e18, "10% of 1000");
        assertEq(_propose(), 2, "ids increase");
    }

    function test_proposeGrant_emitsGrantProposed() public {
        vm.expectEmit();
        emit IGrantProgram.GrantProposed(
            1,
            recipient,
            address(usd),
            600e18,
            _amounts(100e18, 200e18, 300e18),
            uint48(block.timestamp + WINDOW),
            "ipfs://grant"
        );
        _propose();
    }

    function test_proposeGrant_revertsOnZeroRecipientOrToken() public {
        vm.startPrank(committee);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramZeroAddress.selector));
        program.proposeGrant(address(0), usd, _oneAmount(1), "");
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramZeroAddress.selector));
        program.proposeGrant(recipient, IERC20(address(0)), _oneAmount(1), "");
        vm.stopPrank();
    }

    function test_proposeGrant_revertsOnMilestoneCount() public {
        vm.startPrank(committee);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramMilestoneCountOutOfRange.selector, 0));
        program.proposeGrant(recipient, usd, new uint256[](0), "");
        uint256[] memory many = new uint256[](33);
        for (uint256 i = 0; i < many.length; i++) many[i] = 1;
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramMilestoneCountOutOfRange.selector, 33));
        program.proposeGrant(recipient, usd, many, "");
        uint256[] memory max = new uint256[](32);
        for (uint256 i = 0; i < max.length; i++) max[i] = 1;
        program.proposeGrant(recipient, usd, max, "");
        vm.stopPrank();
    }

    function test_proposeGrant_revertsOnZeroMilestone() public {
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramZeroMilestone.selector, 1));
        vm.prank(committee);
        program.proposeGrant(recipient, usd, _amounts(1, 0, 1), "");
    }

    function test_proposeGrant_revertsAboveUncommittedBudget() public {
        _propose(); // 600 committed
        uint256 free = BUDGET - 600e18;
        vm.expectRevert(
            abi.encodeWithSelector(IGrantProgram.GrantProgramInsufficientBudget.selector, address(usd), free + 1, free)
        );
        vm.prank(committee);
        program.proposeGrant(recipient, usd, _oneAmount(free + 1), "");
        vm.prank(committee);
        program.proposeGrant(recipient, usd, _oneAmount(free), ""); // exactly what is left
        assertEq(program.available(address(usd)), 0, "fully committed");
    }

    function test_proposeGrant_revertsForUnfundedToken() public {
        vm.expectRevert(
            abi.encodeWithSelector(IGrantProgram.GrantProgramInsufficientBudget.selector, address(other), 1, 0)
        );
        vm.prank(committee);
        program.proposeGrant(recipient, other, _oneAmount(1), "");
    }

    function test_proposeGrant_usesCurrentVetoParams() public {
        vm.prank(executor);
        program.setVetoParams(1 days, 5_000);
        uint256 id = _propose();
        IGrantProgram.Grant memory g = program.grant(id);
        assertEq(g.vetoEndsAt, block.timestamp + 1 days, "new window");
        assertEq(g.vetoQuorumBps, 5_000, "new quorum");
        assertEq(program.vetoQuorum(id), 500e18, "50% of 1000");
    }

    // ---------------------------------------------------------------------------------------------------------
    // veto
    // ---------------------------------------------------------------------------------------------------------

    function test_veto_defeatsGrantAboveQuorum() public {
        uint256 id = _propose();
        _veto(alice, id); // 60 < 100
        assertEq(_state(id), _s(IGrantProgram.GrantState.Pending), "still pending");
        vm.expectEmit();
        emit IGrantProgram.VetoCast(id, bob, 50e18, 110e18);
        vm.expectEmit();
        emit IGrantProgram.GrantVetoed(id, 110e18, 100e18);
        _veto(bob, id); // 110 >= 100
        assertEq(_state(id), _s(IGrantProgram.GrantState.Vetoed), "vetoed");
        assertEq(program.grant(id).vetoWeight, 110e18, "weight");
        assertEq(program.committed(address(usd)), 0, "commitment freed");
        assertEq(program.available(address(usd)), BUDGET, "budget back");
    }

    function test_veto_exactlyAtQuorumVetoes() public {
        vm.prank(executor);
        program.setVetoParams(WINDOW, 1_100); // 110: alice + bob exactly
        uint256 id = _propose();
        assertEq(program.vetoQuorum(id), 110e18, "quorum");
        _veto(alice, id);
        _veto(bob, id);
        assertEq(_state(id), _s(IGrantProgram.GrantState.Vetoed), "vetoed at exactly the quorum");
    }

    function test_veto_quorumRoundsUp() public {
        vm.prank(executor);
        program.setVetoParams(WINDOW, 1); // 1000e18 * 1 / 10_000 = 1e17 exactly
        uint256 id = _propose();
        assertEq(program.vetoQuorum(id), 1e17, "exact");
        vetoToken.mint(stranger, 3); // supply 1000e18 + 3: quorum 1e17 + 0.0003 -> 1e17 + 1
        _skip(1);
        id = _propose();
        assertEq(program.vetoQuorum(id), 1e17 + 1, "rounded up");
    }

    function test_veto_belowQuorumLetsGrantBecomeActive() public {
        uint256 id = _propose();
        _veto(alice, id);
        _skip(WINDOW);
        assertEq(_state(id), _s(IGrantProgram.GrantState.Active), "active");
        _release(id, 0);
        assertEq(usd.balanceOf(recipient), 100e18, "paid");
    }

    function test_veto_usesSnapshotBeforeProposal() public {
        // Votes acquired in the proposal's second (e.g. a flash loan) count for nothing.
        address flash = address(0xF1A5);
        vetoToken.mint(flash, 10_000e18);
        vm.prank(flash);
        vetoToken.delegate(flash);
        uint256 id = _propose();
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNoVetoPower.selector, id, flash));
        _veto(flash, id);
        // And the quorum is computed on the supply before them.
        assertEq(program.vetoQuorum(id), 100e18, "quorum on the old supply");
    }

    function test_veto_votesMovedAfterProposalDoNotCountTwice() public {
        uint256 id = _propose();
        _skip(1);
        vm.prank(alice);
        vetoToken.transfer(bob, 60e18);
        _veto(alice, id); // 60 at the snapshot
        _veto(bob, id); // 50 at the snapshot, not 110
        assertEq(program.grant(id).vetoWeight, 110e18, "60 + 50");
    }

    function test_veto_countsDelegatedVotes() public {
        vm.prank(alice);
        vetoToken.delegate(bob);
        _skip(1);
        uint256 id = _propose();
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNoVetoPower.selector, id, alice));
        _veto(alice, id);
        _veto(bob, id); // 110
        assertEq(_state(id), _s(IGrantProgram.GrantState.Vetoed), "bob vetoes with alice's votes");
    }

    function test_veto_revertsIfVotedTwice() public {
        uint256 id = _propose();
        _veto(alice, id);
        assertTrue(program.hasVetoed(id, alice), "recorded");
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramAlreadyVetoed.selector, id, alice));
        _veto(alice, id);
    }

    function test_veto_revertsWithoutVotes() public {
        uint256 id = _propose();
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNoVetoPower.selector, id, stranger));
        _veto(stranger, id);
    }

    function test_veto_revertsAfterWindow() public {
        uint256 id = _propose();
        _skip(WINDOW - 1);
        _veto(alice, id); // last second of the window
        _skip(1);
        vm.expectRevert(
            abi.encodeWithSelector(IGrantProgram.GrantProgramInvalidState.selector, id, IGrantProgram.GrantState.Active)
        );
        _veto(bob, id);
    }

    function test_veto_revertsOnVetoedOrCancelledGrant() public {
        uint256 id = _propose();
        _veto(alice, id);
        _veto(bob, id);
        vm.expectRevert(
            abi.encodeWithSelector(IGrantProgram.GrantProgramInvalidState.selector, id, IGrantProgram.GrantState.Vetoed)
        );
        _veto(carol, id);
        uint256 id2 = _propose();
        vm.prank(committee);
        program.cancelGrant(id2);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGrantProgram.GrantProgramInvalidState.selector,
                id2,
                IGrantProgram.GrantState.Cancelled
            )
        );
        _veto(carol, id2);
    }

    function test_veto_revertsOnUnknownGrant() public {
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramUnknownGrant.selector, 1));
        _veto(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramUnknownGrant.selector, 0));
        _veto(alice, 0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // releaseMilestone
    // ---------------------------------------------------------------------------------------------------------

    function test_releaseMilestone_revertsDuringVetoWindow() public {
        uint256 id = _propose();
        _skip(WINDOW - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGrantProgram.GrantProgramInvalidState.selector,
                id,
                IGrantProgram.GrantState.Pending
            )
        );
        _release(id, 0);
        _skip(1);
        _release(id, 0); // the first second after the window
    }

    function test_releaseMilestone_paysInOrderAndCompletes() public {
        uint256 id = _propose();
        _skip(WINDOW);
        vm.expectEmit();
        emit IGrantProgram.MilestoneReleased(id, 0, recipient, 100e18);
        _release(id, 0);
        assertEq(usd.balanceOf(recipient), 100e18, "first");
        assertEq(program.committed(address(usd)), 500e18, "committed shrinks");
        assertEq(program.grant(id).milestonesPaid, 1, "one paid");
        _release(id, 1);
        vm.expectEmit();
        emit IGrantProgram.MilestoneReleased(id, 2, recipient, 300e18);
        vm.expectEmit();
        emit IGrantProgram.GrantCompleted(id, 600e18);
        _release(id, 2);
        assertEq(usd.balanceOf(recipient), 600e18, "all paid");
        assertEq(program.grant(id).paidAmount, 600e18, "paidAmount");
        assertEq(_state(id), _s(IGrantProgram.GrantState.Completed), "completed");
        assertEq(program.committed(address(usd)), 0, "nothing committed");
        assertEq(usd.balanceOf(address(program)), BUDGET - 600e18, "paid from the budget");
    }

    function test_releaseMilestone_revertsOutOfOrder() public {
        uint256 id = _propose();
        _skip(WINDOW);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramMilestoneOutOfOrder.selector, id, 0, 1));
        _release(id, 1);
        _release(id, 0);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramMilestoneOutOfOrder.selector, id, 1, 0));
        _release(id, 0); // no double payment
    }

    function test_releaseMilestone_revertsOnCompletedGrant() public {
        vm.prank(committee);
        uint256 id = program.proposeGrant(recipient, usd, _oneAmount(5e18), "");
        _skip(WINDOW);
        _release(id, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGrantProgram.GrantProgramInvalidState.selector,
                id,
                IGrantProgram.GrantState.Completed
            )
        );
        _release(id, 1);
    }

    function test_releaseMilestone_vetoedGrantNeverPays() public {
        uint256 id = _propose();
        _veto(alice, id);
        _veto(bob, id);
        _skip(WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(IGrantProgram.GrantProgramInvalidState.selector, id, IGrantProgram.GrantState.Vetoed)
        );
        _release(id, 0);
        assertEq(usd.balanceOf(recipient), 0, "nothing paid");
    }

    function test_releaseMilestone_revertsOnCancelledGrant() public {
        uint256 id = _propose();
        _skip(WINDOW);
        _release(id, 0);
        vm.prank(executor);
        program.cancelGrant(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGrantProgram.GrantProgramInvalidState.selector,
                id,
                IGrantProgram.GrantState.Cancelled
            )
        );
        _release(id, 1);
    }

    function test_releaseMilestone_revertsOnUnknownGrant() public {
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramUnknownGrant.selector, 7));
        _release(7, 0);
    }

    function test_releaseMilestone_onlyCommittee() public {
        uint256 id = _propose();
        _skip(WINDOW);
        address[4] memory callers = [stranger, executor, recipient, alice];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNotCommittee.selector, callers[i]));
            vm.prank(callers[i]);
            program.releaseMilestone(id, 0);
        }
        _release(id, 0);
        assertEq(usd.balanceOf(recipient), 100e18, "committee may");
    }

    function test_releaseMilestone_revertsOnReentrancy() public {
        // The committee is the token itself here, so its transfer hook re-enters as the committee: the guard stops it.
        TemplateReentrantERC20 evil = new TemplateReentrantERC20();
        GrantProgram p = GrantProgram(Clones.clone(address(implementation)));
        p.initialize(address(evil), treasury, IVotes(address(vetoToken)), WINDOW, QUORUM_BPS, executor);
        evil.mint(address(p), 100);
        vm.prank(address(evil));
        uint256 id = p.proposeGrant(recipient, IERC20(address(evil)), _amounts(10, 20, 30), "");
        _skip(WINDOW);
        evil.arm(address(p), abi.encodeCall(IGrantProgram.releaseMilestone, (id, 1)));
        vm.prank(address(evil));
        p.releaseMilestone(id, 0);
        assertTrue(evil.attempted() && !evil.succeeded(), "re-entry failed");
        assertTrue(
            keccak256(evil.returned()) ==
                keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "ReentrancyGuardReentrantCall"
        );
        assertEq(p.grant(id).milestonesPaid, 1, "only one paid");
    }

    // ---------------------------------------------------------------------------------------------------------
    // cancelGrant
    // ---------------------------------------------------------------------------------------------------------

    function test_cancelGrant_roleMatrix() public {
        uint256 id = _propose();
        address[4] memory callers = [stranger, recipient, alice, treasury];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(
                abi.encodeWithSelector(IGrantProgram.GrantProgramNotCommitteeOrExecutor.selector, callers[i])
            );
            vm.prank(callers[i]);
            program.cancelGrant(id);
        }
        vm.prank(committee);
        program.cancelGrant(id);
        assertEq(_state(id), _s(IGrantProgram.GrantState.Cancelled), "committee may");
        uint256 id2 = _propose();
        vm.prank(executor);
        program.cancelGrant(id2);
        assertEq(_state(id2), _s(IGrantProgram.GrantState.Cancelled), "executor may");
    }

    function test_cancelGrant_pendingFreesEverything() public {
        uint256 id = _propose();
        vm.expectEmit();
        emit IGrantProgram.GrantCancelled(id, committee, 600e18);
        vm.prank(committee);
        program.cancelGrant(id);
        assertEq(program.committed(address(usd)), 0, "freed");
        assertEq(program.available(address(usd)), BUDGET, "available");
    }

    function test_cancelGrant_activeLeavesRemainingMilestonesUnpaid() public {
        uint256 id = _propose();
        _skip(WINDOW);
        _release(id, 0);
        vm.expectEmit();
        emit IGrantProgram.GrantCancelled(id, executor, 500e18);
        vm.prank(executor);
        program.cancelGrant(id);
        assertEq(usd.balanceOf(recipient), 100e18, "only the first was paid");
        assertEq(program.grant(id).paidAmount, 100e18, "paidAmount");
        assertEq(program.committed(address(usd)), 0, "remaining freed");
        assertEq(program.available(address(usd)), BUDGET - 100e18, "available");
    }

    function test_cancelGrant_revertsOnClosedGrants() public {
        uint256 vetoed = _propose();
        _veto(alice, vetoed);
        _veto(bob, vetoed);
        vm.prank(committee);
        uint256 completed = program.proposeGrant(recipient, usd, _oneAmount(1), "");
        uint256 cancelled = _propose();
        vm.prank(committee);
        program.cancelGrant(cancelled);
        _skip(WINDOW);
        _release(completed, 0);

        vm.startPrank(executor);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGrantProgram.GrantProgramInvalidState.selector,
                vetoed,
                IGrantProgram.GrantState.Vetoed
            )
        );
        program.cancelGrant(vetoed);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGrantProgram.GrantProgramInvalidState.selector,
                completed,
                IGrantProgram.GrantState.Completed
            )
        );
        program.cancelGrant(completed);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGrantProgram.GrantProgramInvalidState.selector,
                cancelled,
                IGrantProgram.GrantState.Cancelled
            )
        );
        program.cancelGrant(cancelled);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramUnknownGrant.selector, 99));
        program.cancelGrant(99);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------------------------------------------------
    // setCommittee and setVetoParams
    // ---------------------------------------------------------------------------------------------------------

    function test_setCommittee_onlyExecutor() public {
        address[4] memory callers = [stranger, committee, treasury, alice];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNotExecutor.selector, callers[i]));
            vm.prank(callers[i]);
            program.setCommittee(stranger);
        }
        vm.expectEmit();
        emit IGrantProgram.CommitteeSet(committee, bob);
        vm.prank(executor);
        program.setCommittee(bob);
        assertEq(program.committee(), bob, "executor may");
    }

    function test_setCommittee_handsOverEveryCommitteePower() public {
        uint256 id = _propose();
        vm.prank(executor);
        program.setCommittee(bob);
        _skip(WINDOW);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNotCommittee.selector, committee));
        _release(id, 0);
        vm.prank(bob);
        program.releaseMilestone(id, 0);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNotCommitteeOrExecutor.selector, committee));
        vm.prank(committee);
        program.cancelGrant(id);
        vm.prank(bob);
        program.cancelGrant(id);
    }

    function test_setCommittee_revertsOnZero() public {
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramZeroAddress.selector));
        vm.prank(executor);
        program.setCommittee(address(0));
    }

    function test_setVetoParams_onlyExecutor() public {
        address[4] memory callers = [stranger, committee, treasury, carol];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramNotExecutor.selector, callers[i]));
            vm.prank(callers[i]);
            program.setVetoParams(1 days, 2_000);
        }
        vm.expectEmit();
        emit IGrantProgram.VetoParamsSet(WINDOW, 1 days, uint16(QUORUM_BPS), 2_000);
        vm.prank(executor);
        program.setVetoParams(1 days, 2_000);
        assertEq(program.vetoWindow(), 1 days, "window");
        assertEq(program.vetoQuorumBps(), 2_000, "quorum");
    }

    function test_setVetoParams_revertsOutOfRange() public {
        vm.startPrank(executor);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoWindowOutOfRange.selector, 0));
        program.setVetoParams(0, 1_000);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoWindowOutOfRange.selector, 31 days));
        program.setVetoParams(31 days, 1_000);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoQuorumOutOfRange.selector, 0));
        program.setVetoParams(1 days, 0);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramVetoQuorumOutOfRange.selector, 10_001));
        program.setVetoParams(1 days, 10_001);
        vm.stopPrank();
    }

    function test_setVetoParams_doesNotChangeOpenGrants() public {
        uint256 id = _propose();
        vm.prank(executor);
        program.setVetoParams(30 days, 10_000);
        assertEq(program.grant(id).vetoEndsAt, block.timestamp + WINDOW, "window kept");
        assertEq(program.vetoQuorum(id), 100e18, "quorum kept");
        _skip(WINDOW);
        assertEq(_state(id), _s(IGrantProgram.GrantState.Active), "active on its own schedule");
    }

    // ---------------------------------------------------------------------------------------------------------
    // views
    // ---------------------------------------------------------------------------------------------------------

    function test_state_followsTheLifecycle() public {
        assertEq(_state(0), _s(IGrantProgram.GrantState.None), "id 0");
        assertEq(_state(1), _s(IGrantProgram.GrantState.None), "not yet");
        uint256 id = _propose();
        assertEq(_state(id), _s(IGrantProgram.GrantState.Pending), "pending");
        _skip(WINDOW - 1);
        assertEq(_state(id), _s(IGrantProgram.GrantState.Pending), "pending until the last second");
        _skip(1);
        assertEq(_state(id), _s(IGrantProgram.GrantState.Active), "active");
    }

    function test_views_revertOnUnknownGrant() public {
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramUnknownGrant.selector, 1));
        program.grant(1);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramUnknownGrant.selector, 1));
        program.milestones(1);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramUnknownGrant.selector, 1));
        program.vetoSnapshot(1);
        vm.expectRevert(abi.encodeWithSelector(IGrantProgram.GrantProgramUnknownGrant.selector, 1));
        program.vetoQuorum(1);
        assertTrue(!program.hasVetoed(1, alice), "hasVetoed is false");
    }

    function test_available_countsDirectTransfers() public {
        other.mint(address(program), 42);
        assertEq(program.available(address(other)), 42, "a plain transfer funds the program");
    }

    function test_available_isZeroIfBalanceFellBelowCommitments() public {
        // Only a token that takes funds away from holders could do this; the view does not underflow.
        other.mint(address(program), 100);
        vm.prank(committee);
        program.proposeGrant(recipient, other, _oneAmount(100), "");
        other.burn(address(program), 40);
        assertEq(program.committed(address(other)), 100, "still committed");
        assertEq(program.available(address(other)), 0, "zero");
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzz
    // ---------------------------------------------------------------------------------------------------------

    function testFuzz_veto_quorumBoundary(uint256 bps, uint256 aliceVotes, uint256 bobVotes) public {
        bps = bound(bps, 1, 10_000);
        aliceVotes = bound(aliceVotes, 1, 1e30);
        bobVotes = bound(bobVotes, 1, 1e30);
        vetoToken.mint(address(0xA1), aliceVotes);
        vetoToken.mint(address(0xB1), bobVotes);
        vm.prank(address(0xA1));
        vetoToken.delegate(address(0xA1));
        vm.prank(address(0xB1));
        vetoToken.delegate(address(0xB1));
        _skip(1);
        vm.prank(executor);
        program.setVetoParams(WINDOW, bps);
        uint256 id = _propose();
        uint256 supply = vetoToken.totalSupply();
        _veto(address(0xA1), id);
        bool vetoedAfterOne = aliceVotes * 10_000 >= supply * bps;
        assertEq(
            _state(id),
            _s(vetoedAfterOne ? IGrantProgram.GrantState.Vetoed : IGrantProgram.GrantState.Pending),
            "one"
        );
        if (!vetoedAfterOne) {
            _veto(address(0xB1), id);
            bool vetoedAfterTwo = (aliceVotes + bobVotes) * 10_000 >= supply * bps;
            assertEq(
                _state(id),
                _s(vetoedAfterTwo ? IGrantProgram.GrantState.Vetoed : IGrantProgram.GrantState.Pending),
                "two"
            );
        }
    }

    function testFuzz_releaseMilestone_paysExactlyTheMilestones(uint256 seed, uint8 count, uint8 released) public {
        count = uint8(bound(count, 1, 32));
        released = uint8(bound(released, 0, count));
        uint256[] memory m = new uint256[](count);
        uint256 total;
        for (uint256 i = 0; i < count; i++) {
            m[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, BUDGET / 64);
            total += m[i];
        }
        vm.prank(committee);
        uint256 id = program.proposeGrant(recipient, usd, m, "");
        _skip(WINDOW);
        uint256 paid;
        for (uint256 i = 0; i < released; i++) {
            _release(id, i);
            paid += m[i];
        }
        assertEq(usd.balanceOf(recipient), paid, "recipient got the released milestones");
        assertEq(program.grant(id).paidAmount, paid, "paidAmount");
        assertLe(paid, total, "paid <= total");
        assertEq(program.committed(address(usd)), total - paid, "committed = unpaid");
        assertEq(
            _state(id),
            _s(released == count ? IGrantProgram.GrantState.Completed : IGrantProgram.GrantState.Active),
            "state"
        );
        if (released < count) {
            vm.prank(executor);
            program.cancelGrant(id);
            assertEq(program.committed(address(usd)), 0, "cancel frees the rest");
        }
        assertEq(program.available(address(usd)), BUDGET - paid, "available");
    }

    function testFuzz_proposeGrant_commitmentsNeverExceedBalance(uint256[6] memory amounts) public {
        uint256 committedSum;
        for (uint256 i = 0; i < amounts.length; i++) {
            uint256 amount = bound(amounts[i], 1, BUDGET);
            vm.prank(committee);
            try program.proposeGrant(recipient, usd, _oneAmount(amount), "") {
                committedSum += amount;
            } catch {
                assertTrue(committedSum + amount > BUDGET, "rejected only above the budget");
            }
            assertLe(program.committed(address(usd)), usd.balanceOf(address(program)), "committed <= balance");
        }
        assertEq(program.committed(address(usd)), committedSum, "committed");
    }
}
