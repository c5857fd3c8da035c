// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../utils/Vm.sol";
import {RewardsDistributor} from "../../contracts/rewards/RewardsDistributor.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {RewardsDistributorHandler} from "./RewardsDistributorHandler.sol";

contract RewardsDistributorInvariantsTest is InvariantTest {
    RewardsDistributor internal distributor;
    MockERC20 internal token;
    RewardsDistributorHandler internal handler;
    address internal gov = address(0x6000);

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new MockERC20("AIDAO", "AIDAO");
        distributor = new RewardsDistributor(token, gov, uint64(block.timestamp + 3 * 365 days));
        token.mint(address(distributor), 390_000_000e18);
        handler = new RewardsDistributorHandler(distributor, token, gov, distributor.funded());
        targetContract(address(handler));
    }

    /// @dev RewardsDistributor header: totalAllocated() <= funded(), so every posted epoch is fully payable.
    function invariant_totalAllocatedLeFunded() public view {
        assertLe(distributor.totalAllocated(), distributor.funded(), "allocated > funded");
        assertEq(distributor.totalAllocated(), handler.ghostAllocated(), "allocated != sum of epoch totals");
        assertEq(handler.ghostOverAllocationsAccepted(), 0, "an over-allocating epoch was accepted");
    }

    /// @dev RewardsDistributor header: totalReleased() <= totalAllocated().
    function invariant_totalReleasedLeTotalAllocated() public view {
        assertLe(distributor.totalReleased(), distributor.totalAllocated(), "released > allocated");
    }

    /// @dev RewardsDistributor header: no account receives more than its leaf amount per epoch; and (stricter) no
    /// epoch pays more than its stated total, even when its leaves add up to more.
    function invariant_noAccountReceivesMoreThanItsLeafAmountPerEpoch() public view {
        address[] memory actors = handler.actors();
        uint256 epochs = handler.epochCount();
        for (uint256 e = 0; e < epochs; e++) {
            uint256 epochPaid;
            for (uint256 i = 0; i < actors.length; i++) {
                uint256 paid = handler.ghostPaid(e, actors[i]);
                (uint256 registered, uint256 released) = distributor.allocation(e, actors[i]);
                assertLe(paid, handler.leafAmount(e, actors[i]), "paid > leaf amount");
                assertEq(released, paid, "released != paid");
                assertLe(released, registered, "released > registered");
                if (registered != 0) assertEq(registered, handler.leafAmount(e, actors[i]), "registered != leaf");
                epochPaid += paid;
            }
            assertEq(epochPaid, handler.ghostEpochPaid(e), "epoch ghost");
            assertLe(epochPaid, distributor.epoch(e).total, "epoch paid > epoch total");
        }
        assertEq(handler.ghostInvalidClaimsAccepted(), 0, "a forged claim was accepted");
        assertEq(handler.ghostWrongPayouts(), 0, "a claim paid other than what had vested");
    }

    /// @dev Everything claimed came out of what was funded, and the books balance.
    function invariant_rewardsClaimedLeFunded() public view {
        assertLe(handler.ghostClaimed(), handler.ghostFunded(), "claimed > funded");
        assertEq(distributor.totalReleased(), handler.ghostClaimed(), "released != claimed");
        assertEq(distributor.funded(), handler.ghostFunded(), "funded != minted to it");
        assertEq(
            token.balanceOf(address(distributor)),
            handler.ghostFunded() - handler.ghostClaimed(),
            "balance != funded - claimed"
        );
    }
}
