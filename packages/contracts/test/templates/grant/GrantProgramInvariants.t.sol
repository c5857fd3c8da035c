// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../../utils/Vm.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {GrantProgram} from "../../../contracts/templates/grant/GrantProgram.sol";
import {IGrantProgram} from "../../../contracts/templates/grant/IGrantProgram.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";
import {TemplateVotesToken} from "../../mocks/templates/TemplateVotesToken.sol";
import {GrantProgramHandler} from "./GrantProgramHandler.sol";

/// @dev The invariants of the GrantProgram contract header, checked after random sequences of handler calls.
contract GrantProgramInvariantsTest is InvariantTest {
    address internal constant COMMITTEE = address(0xC0);
    address internal constant EXECUTOR = address(0xE8EC);
    address internal constant TREASURY = address(0x7EA5);

    GrantProgram internal program;
    GrantProgramHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        TemplateVotesToken vetoToken = new TemplateVotesToken();
        address[] memory voters = new address[](4);
        voters[0] = address(0xA11CE);
        voters[1] = address(0xB0B);
        voters[2] = address(0xCA201);
        voters[3] = address(0xDA7E);
        for (uint256 i = 0; i < voters.length; i++) {
            vetoToken.mint(voters[i], (i + 1) * 100e18); // 100, 200, 300, 400
            vm.prank(voters[i]);
            vetoToken.delegate(voters[i]);
        }
        address[] memory tokens = new address[](2);
        tokens[0] = address(new TemplateMockERC20("A", "A"));
        tokens[1] = address(new TemplateMockERC20("B", "B"));
        program = GrantProgram(Clones.clone(address(new GrantProgram())));
        program.initialize(COMMITTEE, TREASURY, IVotes(address(vetoToken)), 1 hours, 2_500, EXECUTOR);
        TemplateMockERC20(tokens[0]).mint(address(program), 1_000e18);
        TemplateMockERC20(tokens[1]).mint(address(program), 300e18);
        handler = new GrantProgramHandler(program, vetoToken, COMMITTEE, EXECUTOR, TREASURY, tokens, voters);
        vm.warp(block.timestamp + 1);
        targetContract(address(handler));
    }

    /// @dev Every call the handler made was accepted or refused exactly as the rules say.
    function invariant_handlerSawNoViolation() public view {
        assertEq(handler.ghostViolations(), 0, "a call was accepted or refused against the rules");
    }

    /// @dev GrantProgram header: paidAmount <= totalAmount, and it is the sum of the first milestonesPaid milestones
    /// and exactly what the grant's recipient received.
    function invariant_paidPerGrantAtMostMilestones() public view {
        uint256 count = program.grantCount();
        for (uint256 id = 1; id <= count; id++) {
            IGrantProgram.Grant memory g = program.grant(id);
            uint256[] memory m = program.milestones(id);
            uint256 total;
            uint256 firstPaid;
            for (uint256 i = 0; i < m.length; i++) {
                total += m[i];
                if (i < g.milestonesPaid) firstPaid += m[i];
            }
            assertEq(g.totalAmount, total, "total = sum of milestones");
            assertLe(g.paidAmount, g.totalAmount, "paid > total");
            assertEq(g.paidAmount, firstPaid, "paid != first milestones");
            assertEq(g.token.balanceOf(handler.recipientOf(id)), g.paidAmount, "recipient got exactly paidAmount");
            if (program.state(id) == IGrantProgram.GrantState.Completed) {
                assertEq(g.paidAmount, g.totalAmount, "completed but unpaid");
            }
        }
    }

    /// @dev GrantProgram header: a Vetoed grant never pays.
    function invariant_vetoedGrantNeverPays() public view {
        uint256 count = program.grantCount();
        for (uint256 id = 1; id <= count; id++) {
            bool vetoed = program.state(id) == IGrantProgram.GrantState.Vetoed;
            assertTrue(vetoed == handler.everVetoed(id), "veto state is final");
            if (vetoed) {
                IGrantProgram.Grant memory g = program.grant(id);
                assertEq(g.paidAmount, 0, "vetoed grant paid");
                assertEq(g.token.balanceOf(handler.recipientOf(id)), 0, "vetoed recipient got funds");
                assertGe(g.vetoWeight, 1, "vetoed without weight");
            }
        }
    }

    /// @dev GrantProgram header: committed(t) == the sum of unpaid milestones of open grants <= the balance.
    function invariant_openCommitmentsAtMostBalance() public view {
        address[] memory tokens = handler.tokens();
        uint256 count = program.grantCount();
        for (uint256 t = 0; t < tokens.length; t++) {
            uint256 open;
            for (uint256 id = 1; id <= count; id++) {
                IGrantProgram.Grant memory g = program.grant(id);
                IGrantProgram.GrantState s = program.state(id);
                bool isOpen = s == IGrantProgram.GrantState.Pending || s == IGrantProgram.GrantState.Active;
                if (address(g.token) == tokens[t] && isOpen) open += g.totalAmount - g.paidAmount;
            }
            uint256 balance = IERC20(tokens[t]).balanceOf(address(program));
            assertEq(program.committed(tokens[t]), open, "committed != open unpaid milestones");
            assertLe(open, balance, "commitments above balance");
            assertEq(program.available(tokens[t]), balance - open, "available");
        }
    }

    /// @dev GrantProgram header: the veto parameters stay within their bounds.
    function invariant_vetoParamsWithinBounds() public view {
        assertGe(program.vetoWindow(), program.MIN_VETO_WINDOW(), "window below min");
        assertLe(program.vetoWindow(), program.MAX_VETO_WINDOW(), "window above max");
        assertGe(program.vetoQuorumBps(), 1, "quorum 0");
        assertLe(program.vetoQuorumBps(), 10_000, "quorum above 100%");
    }
}
