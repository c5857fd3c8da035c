// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {GrantProgram} from "../../../contracts/templates/grant/GrantProgram.sol";
import {IGrantProgram} from "../../../contracts/templates/grant/IGrantProgram.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";
import {TemplateVotesToken} from "../../mocks/templates/TemplateVotesToken.sol";

/// @dev Drives a GrantProgram clone: the committee proposes, releases (in and out of order) and cancels, holders
/// veto, the executor cancels, withdraws and changes veto parameters, anyone funds, time passes. Every grant has its
/// own recipient, so a recipient's balance is exactly what its grant paid.
contract GrantProgramHandler is Test {
    GrantProgram public immutable program;
    TemplateVotesToken public immutable vetoToken;
    address public immutable committee;
    address public immutable executor;
    address public immutable treasury;

    address[] internal _tokens;
    address[] internal _voters;

    /// @dev Grants that were ever Vetoed (they must never pay).
    mapping(uint256 grantId => bool) public everVetoed;
    /// @dev Outcomes that contradict the rules (must stay 0). Counted rather than reverted: reverts of handler calls
    /// are ignored by the invariant runner.
    uint256 public ghostViolations;
    uint256 public ghostReleases;
    uint256 public ghostVetoes;

    constructor(
        GrantProgram program_,
        TemplateVotesToken vetoToken_,
        address committee_,
        address executor_,
        address treasury_,
        address[] memory tokens_,
        address[] memory voters_
    ) {
        program = program_;
        vetoToken = vetoToken_;
        committee = committee_;
        executor = executor_;
        treasury = treasury_;
        _tokens = tokens_;
        _voters = voters_;
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    /// @dev The recipient of grant `grantId`.
    function recipientOf(uint256 grantId) public pure returns (address) {
        return address(uint160(0x100000 + grantId));
    }

    // ---------------------------------------------------------------------------------------------------------
    // actions
    // ---------------------------------------------------------------------------------------------------------

    function propose(uint256 tokenSeed, uint256 count, uint256 seed) external {
        address token = _tokens[tokenSeed % _tokens.length];
        count = bound(count, 1, 5);
        uint256[] memory amounts = new uint256[](count);
        uint256 total;
        for (uint256 i = 0; i < count; i++) {
            amounts[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, 200e18);
            total += amounts[i];
        }
        uint256 free = program.available(token);
        uint256 id = program.grantCount() + 1;
        vm.prank(committee);
        try program.proposeGrant(recipientOf(id), IERC20(token), amounts, "") {
            if (total > free) ghostViolations++;
        } catch {
            if (total <= free) ghostViolations++;
        }
    }

    function veto(uint256 voterSeed, uint256 grantSeed) external {
        uint256 id = _grant(grantSeed);
        if (id == 0) return;
        address voter = _voters[voterSeed % _voters.length];
        bool pending = program.state(id) == IGrantProgram.GrantState.Pending;
        vm.prank(voter);
        try program.veto(id) {
            ghostVetoes++;
            if (!pending) ghostViolations++;
            if (program.state(id) == IGrantProgram.GrantState.Vetoed) everVetoed[id] = true;
        } catch {}
    }

    function release(uint256 grantSeed) external {
        uint256 id = _grant(grantSeed);
        if (id == 0) return;
        bool active = program.state(id) == IGrantProgram.GrantState.Active;
        uint256 next = program.grant(id).milestonesPaid;
        vm.prank(committee);
        try program.releaseMilestone(id, next) {
            ghostReleases++;
            if (!active) ghostViolations++;
        } catch {
            if (active) ghostViolations++;
        }
    }

    /// @dev A release of any milestone: succeeds only for the next one of an Active grant.
    function releaseAny(uint256 grantSeed, uint256 index) external {
        uint256 id = _grant(grantSeed);
        if (id == 0) return;
        index = bound(index, 0, 6);
        bool allowed =
            program.state(id) == IGrantProgram.GrantState.Active && index == program.grant(id).milestonesPaid;
        vm.prank(committee);
        try program.releaseMilestone(id, index) {
            ghostReleases++;
            if (!allowed) ghostViolations++;
        } catch {}
    }

    function cancel(uint256 grantSeed, bool byExecutor) external {
        uint256 id = _grant(grantSeed);
        if (id == 0) return;
        vm.prank(byExecutor ? executor : committee);
        try program.cancelGrant(id) {} catch {}
    }

    function fund(uint256 tokenSeed, uint256 amount, bool direct) external {
        address token = _tokens[tokenSeed % _tokens.length];
        amount = bound(amount, 1, 500e18);
        if (direct) {
            TemplateMockERC20(token).mint(address(program), amount);
        } else {
            TemplateMockERC20(token).mint(address(this), amount);
            IERC20(token).approve(address(program), amount);
            program.fund(IERC20(token), amount);
        }
    }

    function withdraw(uint256 tokenSeed, uint256 amount) external {
        address token = _tokens[tokenSeed % _tokens.length];
        uint256 free = program.available(token);
        amount = bound(amount, 1, free + 1);
        vm.prank(executor);
        try program.withdraw(IERC20(token), amount) {
            if (amount > free) ghostViolations++;
        } catch {}
    }

    function setVetoParams(uint256 window, uint256 bps) external {
        window = bound(window, 0, 31 days);
        bps = bound(bps, 0, 10_001);
        bool valid = window >= 1 hours && window <= 30 days && bps >= 1 && bps <= 10_000;
        vm.prank(executor);
        try program.setVetoParams(uint48(window), bps) {
            if (!valid) ghostViolations++;
        } catch {
            if (valid) ghostViolations++;
        }
    }

    function moveVotes(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _voters[fromSeed % _voters.length];
        address to = _voters[toSeed % _voters.length];
        amount = bound(amount, 0, vetoToken.balanceOf(from));
        vm.prank(from);
        vetoToken.transfer(to, amount);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 2 days));
    }

    function _grant(uint256 seed) private view returns (uint256) {
        uint256 count = program.grantCount();
        return count == 0 ? 0 : 1 + (seed % count);
    }
}
