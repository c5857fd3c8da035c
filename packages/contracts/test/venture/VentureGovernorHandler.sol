// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Staking} from "../../contracts/staking/Staking.sol";
import {AIDAOToken} from "../../contracts/token/AIDAOToken.sol";
import {VentureFund} from "../../contracts/venture/VentureFund.sol";
import {VentureGovernor} from "../../contracts/venture/VentureGovernor.sol";
import {VentureReceipts} from "../../contracts/venture/VentureReceipts.sol";
import {MockERC20} from "../mocks/MockERC20.sol";

/// @dev Drives the venture governor with a few actors who deposit (receipts), stake and unstake AIDAO, delegate and
/// trade receipts, propose and vote while time passes, and keeps ghost tallies of what every accepted ballot should
/// have counted on each side.
contract VentureGovernorHandler is Test {
    uint256 internal constant MAX_AMOUNT = 1e24;
    uint256 internal constant MAX_PROPOSALS = 8;

    VentureGovernor public immutable governor;
    VentureFund public immutable fund;
    VentureReceipts public immutable receipts;
    Staking public immutable staking;
    AIDAOToken public immutable token;
    MockERC20 public immutable usd;
    uint256 public immutable roundId;

    address[] internal _actors;
    uint256[] internal _proposals;
    mapping(uint256 proposalId => VentureGovernor.Tally) internal _ghostTallies;

    // ---- safety ghosts (must stay 0) ----
    /// @dev Second ballots of the same voter on the same proposal that were accepted.
    uint256 public ghostDoubleVotesAccepted;
    /// @dev Accepted ballots whose weight was not the voter's receipts + stake votes at the snapshot.
    uint256 public ghostWrongWeights;
    /// @dev First ballots on an active proposal that were refused.
    uint256 public ghostFirstVotesRefused;

    // ---- call counters ----
    uint256 public votes;
    uint256 public proposals;

    constructor(
        VentureGovernor governor_,
        VentureFund fund_,
        VentureReceipts receipts_,
        Staking staking_,
        AIDAOToken token_,
        MockERC20 usd_,
        uint256 roundId_,
        address[] memory actors_
    ) {
        governor = governor_;
        fund = fund_;
        receipts = receipts_;
        staking = staking_;
        token = token_;
        usd = usd_;
        roundId = roundId_;
        _actors = actors_;
    }

    // ================================================================ views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function proposalIds() external view returns (uint256[] memory) {
        return _proposals;
    }

    function ghostTally(uint256 proposalId) external view returns (VentureGovernor.Tally memory) {
        return _ghostTallies[proposalId];
    }

    // ================================================================ actions

    function invest(uint256 actorSeed, uint256 amount) external {
        address a = _actor(actorSeed);
        amount = bound(amount, 1, MAX_AMOUNT);
        usd.mint(a, amount);
        vm.startPrank(a);
        usd.approve(address(fund), amount);
        fund.deposit(roundId, address(usd), amount, 0);
        vm.stopPrank();
    }

    function stake(uint256 actorSeed, uint256 amount) external {
        address a = _actor(actorSeed);
        amount = bound(amount, 1, MAX_AMOUNT);
        token.transfer(a, amount);
        vm.startPrank(a);
        token.approve(address(staking), amount);
        staking.stake(amount);
        vm.stopPrank();
    }

    function unstake(uint256 actorSeed, uint256 amount) external {
        address a = _actor(actorSeed);
        uint256 matured = staking.maturedBalanceOf(a);
        if (matured == 0) return;
        vm.prank(a);
        staking.unstake(bound(amount, 1, matured));
    }

    function delegateReceipts(uint256 actorSeed, uint256 toSeed) external {
        address a = _actor(actorSeed);
        vm.prank(a);
        receipts.delegate(_actor(toSeed));
    }

    function transferReceipt(uint256 toSeed, uint256 idSeed) external {
        uint256 minted = receipts.minted();
        if (minted == 0) return;
        uint256 id = bound(idSeed, 1, minted);
        address owner = receipts.ownerOf(id);
        vm.prank(owner);
        receipts.transferFrom(owner, _actor(toSeed), id);
    }

    function propose(uint256 actorSeed) external {
        if (_proposals.length >= MAX_PROPOSALS) return;
        address[] memory t = new address[](1);
        uint256[] memory v = new uint256[](1);
        bytes[] memory c = new bytes[](1);
        t[0] = address(0xDEAD);
        vm.prank(_actor(actorSeed));
        _proposals.push(governor.propose(t, v, c, string.concat("proposal ", Strings.toString(_proposals.length))));
        proposals++;
    }

    function vote(uint256 actorSeed, uint256 proposalSeed, uint256 supportSeed) external {
        if (_proposals.length == 0) return;
        uint256 id = _proposals[bound(proposalSeed, 0, _proposals.length - 1)];
        if (governor.state(id) != IGovernor.ProposalState.Active) return;
        address a = _actor(actorSeed);
        uint8 support = uint8(bound(supportSeed, 0, 2));
        uint256 snapshot = governor.proposalSnapshot(id);
        uint256 investor = receipts.getPastVotes(a, snapshot);
        uint256 holder = staking.getPastVotes(a, snapshot);
        bool already = governor.hasVoted(id, a);

        vm.prank(a);
        try governor.castVote(id, support) returns (uint256 weight) {
            if (already) ghostDoubleVotesAccepted++;
            if (weight != investor + holder) ghostWrongWeights++;
            VentureGovernor.Tally storage g = _ghostTallies[id];
            if (support == 1) {
                g.investorFor += uint128(investor);
                g.holderFor += uint128(holder);
            } else if (support == 0) {
                g.investorAgainst += uint128(investor);
                g.holderAgainst += uint128(holder);
            } else {
                g.investorAbstain += uint128(investor);
                g.holderAbstain += uint128(holder);
            }
            votes++;
        } catch {
            if (!already) ghostFirstVotesRefused++;
        }
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 3 days));
    }

    // ================================================================ internals

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }
}
