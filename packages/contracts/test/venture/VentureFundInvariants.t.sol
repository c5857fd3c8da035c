// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../utils/Vm.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IVentureFund} from "../../contracts/venture/IVentureFund.sol";
import {IVenturePriceSource} from "../../contracts/venture/IVenturePriceSource.sol";
import {VentureFund} from "../../contracts/venture/VentureFund.sol";
import {VentureReceipts} from "../../contracts/venture/VentureReceipts.sol";
import {FeeOnTransferERC20} from "../mocks/FeeOnTransferERC20.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";
import {VentureDecimalsERC20} from "../mocks/venture/VentureDecimalsERC20.sol";
import {VentureMockSwap} from "../mocks/venture/VentureMockSwap.sol";
import {VentureReceiptsHarness} from "../mocks/venture/VentureReceiptsHarness.sol";
import {VentureFundHandler} from "./VentureFundHandler.sol";

contract VentureFundInvariantsTest is InvariantTest {
    uint256 internal constant SCALE = 1e27;

    VentureFund internal fund;
    VentureReceiptsHarness internal receipts;
    VentureFundHandler internal handler;
    address internal gov = address(0x6000);
    address internal daoExec = address(0xDA0E);

    function setUp() public {
        vm.warp(1_700_000_000);
        MockDAORegistry registry = new MockDAORegistry();
        uint256 daoId = registry.addDAO(daoExec);
        fund = VentureFund(Clones.clone(address(new VentureFund())));
        receipts = VentureReceiptsHarness(Clones.clone(address(new VentureReceiptsHarness())));
        receipts.initialize("Venture Receipt", "VRCPT", address(fund));
        fund.initialize(gov, VentureReceipts(address(receipts)), registry);

        address[] memory depositTokens = new address[](3);
        depositTokens[0] = address(new MockERC20("Dollar", "USD"));
        depositTokens[1] = address(new VentureDecimalsERC20("USDC", 6));
        depositTokens[2] = address(new FeeOnTransferERC20(100));
        address[] memory tokens = new address[](4);
        for (uint256 i = 0; i < 3; i++) tokens[i] = depositTokens[i];
        tokens[3] = address(new MockERC20("AI DAO token", "AIT")); // received from investments only

        vm.startPrank(gov);
        for (uint256 i = 0; i < 3; i++) {
            fund.acceptToken(depositTokens[i], IVenturePriceSource(address(0)), 365 days);
            fund.setPrice(depositTokens[i], (i + 1) * 1e18);
        }
        fund.openRound(1e24, uint64(block.timestamp + 3 days), uint64(block.timestamp + 6 days));
        vm.stopPrank();

        address[] memory actors = new address[](4);
        for (uint256 i = 0; i < actors.length; i++) actors[i] = address(uint160(0xA000 + i));
        handler = new VentureFundHandler(
            fund,
            receipts,
            new VentureMockSwap(),
            gov,
            daoExec,
            daoId,
            actors,
            depositTokens,
            tokens
        );
        targetContract(address(handler));
    }

    /// @dev VentureFund header: for every round r, raised(r) == Σ value of r's live receipts <= cap(r).
    function invariant_capTableEqualsLiveReceiptsAndFitsCap() public view {
        uint256 rounds = fund.roundCount();
        uint256 minted = receipts.minted();
        uint256[] memory sums = new uint256[](rounds + 1);
        for (uint256 id = 1; id <= minted; id++) {
            (, uint32 rid, uint256 value) = receipts.holderAndValue(id);
            assertEq(value, handler.ghostValue(id), "receipt value != value at deposit");
            sums[rid] += value;
        }
        for (uint256 r = 1; r <= rounds; r++) {
            IVentureFund.Round memory round = fund.round(r);
            assertEq(round.raised, sums[r], "raised != sum of the round's receipts");
            assertEq(round.raised, handler.ghostRaised(r), "raised != ghost");
            assertLe(round.raised, round.cap, "raised > cap");
        }
        assertEq(handler.ghostWrongDeposits(), 0, "a deposit credited other than received x price");
        assertEq(handler.ghostDepositsWrongfullyAccepted(), 0, "a deposit past the cap or the close was accepted");
    }

    /// @dev VentureFund header: for every token t, Σ over rounds of (held + distributed − claimed) <= balance of t.
    function invariant_booksFitTheFundsBalance() public view {
        address[] memory booked = fund.bookedTokens();
        uint256 rounds = fund.roundCount();
        for (uint256 t = 0; t < booked.length; t++) {
            uint256 owed;
            for (uint256 r = 1; r <= rounds; r++) {
                VentureFund.Book memory b = fund.book(r, booked[t]);
                owed += b.held + b.distributed - b.claimed;
            }
            assertLe(owed, IERC20(booked[t]).balanceOf(address(fund)), "books > balance");
        }
        assertEq(handler.ghostForeignSpendsAccepted(), 0, "an execution spent a token it did not name");
        assertEq(handler.ghostWrongStateAccepted(), 0, "an action succeeded in a state that forbids it");
    }

    /// @dev VentureFund header: for every round r and token t, Σ over r's receipts of claimed <= distributed(r, t);
    /// each receipt has claimed at most floor(value·acc/SCALE), and every claim paid exactly what was owed.
    function invariant_claimedNeverExceedsDistributed() public view {
        address[] memory tokens = handler.tokens();
        uint256 rounds = fund.roundCount();
        uint256 minted = receipts.minted();
        for (uint256 t = 0; t < tokens.length; t++) {
            uint256[] memory claimedPerRound = new uint256[](rounds + 1);
            for (uint256 id = 1; id <= minted; id++) {
                (, uint32 rid, uint256 value) = receipts.holderAndValue(id);
                uint256 c = fund.claimed(id, tokens[t]);
                assertLe(c, Math.mulDiv(value, fund.book(rid, tokens[t]).acc, SCALE), "receipt claimed > entitled");
                claimedPerRound[rid] += c;
            }
            for (uint256 r = 1; r <= rounds; r++) {
                VentureFund.Book memory b = fund.book(r, tokens[t]);
                assertLe(b.claimed, b.distributed, "claimed > distributed");
                assertEq(b.claimed, claimedPerRound[r], "book's claimed != sum of its receipts' claims");
                assertEq(b.claimed, handler.ghostClaimed(r, tokens[t]), "claimed != ghost");
                assertEq(b.distributed, handler.ghostDistributed(r, tokens[t]), "distributed != ghost");
            }
        }
        assertEq(handler.ghostWrongPayouts(), 0, "a claim paid other than what was owed, or not to the holder");
    }

    /// @dev VentureReceipts header: getTotalSupply() == Σ value of all live receipts == Σ raised over rounds, and
    /// unitsOf(a) == Σ value of the receipts a holds (every receipt is held by an actor here).
    function invariant_receiptsSupplyEqualsRaisedAndUnitsFollowHolders() public view {
        uint256 raised;
        for (uint256 r = 1; r <= fund.roundCount(); r++) raised += fund.round(r).raised;
        assertEq(receipts.getTotalSupply(), raised, "receipts' supply != sum of raised");

        address[] memory actors = handler.actors();
        uint256 minted = receipts.minted();
        uint256 units;
        uint256 votes;
        for (uint256 a = 0; a < actors.length; a++) {
            uint256 held;
            for (uint256 id = 1; id <= minted; id++) {
                (address holder, , uint256 value) = receipts.holderAndValue(id);
                if (holder == actors[a]) held += value;
            }
            assertEq(receipts.unitsOf(actors[a]), held, "units != sum of values held");
            units += held;
            votes += receipts.getVotes(actors[a]);
        }
        assertEq(units, raised, "units held != supply");
        assertLe(votes, raised, "votes > supply");
    }
}
