// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {RevenueShareToken} from "../../../contracts/templates/revenue/RevenueShareToken.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {FeeOnTransferERC20} from "../../mocks/FeeOnTransferERC20.sol";
import {RevenueShareTokenHandler} from "./RevenueShareTokenHandler.sol";

contract RevenueShareTokenInvariantsTest is InvariantTest {
    uint256 internal constant SUPPLY = 1_000_000e18;

    RevenueShareToken internal token;
    RevenueShareTokenHandler internal handler;
    address internal dao = address(0xDA0);

    function setUp() public {
        vm.warp(1_700_000_000);
        RevenueShareToken implementation = new RevenueShareToken();
        token = RevenueShareToken(Clones.clone(address(implementation)));

        // Six actors: four initial holders with uneven balances, two that start with nothing.
        address[] memory actors = new address[](6);
        for (uint256 i = 0; i < actors.length; i++) actors[i] = address(uint160(0xA000 + i));
        address[] memory holders = new address[](4);
        uint256[] memory amounts = new uint256[](4);
        (holders[0], holders[1], holders[2], holders[3]) = (actors[0], actors[1], actors[2], actors[3]);
        (amounts[0], amounts[1], amounts[2], amounts[3]) = (400_000e18, 300_000e18 - 7, 200_000e18 + 3, 100_000e18 + 4);
        token.initialize("Revenue DAO", "RDAO", holders, amounts, dao);

        IERC20[] memory payouts = new IERC20[](3);
        payouts[0] = new MockERC20("USD", "USD");
        payouts[1] = new MockERC20("WETH", "WETH");
        payouts[2] = new FeeOnTransferERC20(250); // 2.5% burnt on every transfer, in and out

        handler = new RevenueShareTokenHandler(token, dao, actors, payouts);
        targetContract(address(handler));
    }

    /// @dev RevenueShareToken header: Σ claimed + Σ claimable <= Σ received, and the difference is dust below the
    /// number of holders + the number of distributions.
    function invariant_claimedPlusClaimableEqualsReceivedMinusDust() public view {
        IERC20[] memory payouts = handler.payouts();
        address[] memory actors = handler.actors();
        for (uint256 p = 0; p < payouts.length; p++) {
            IERC20 payout = payouts[p];
            uint256 received = handler.ghostReceived(payout);
            uint256 owed = handler.ghostClaimed(payout);
            for (uint256 i = 0; i < actors.length; i++) owed += token.claimable(actors[i], payout);
            assertLe(owed, received, "claimed + claimable above received");
            if (received > 0) {
                assertLe(received - owed, actors.length + handler.ghostDistributions(payout) - 1, "more than dust");
            }
            assertEq(token.totalDistributed(payout), received, "totalDistributed != ghost received");
            assertEq(token.totalClaimed(payout), handler.ghostClaimed(payout), "totalClaimed != ghost claimed");
        }
        assertEq(handler.ghostReceivedMismatches(), 0, "distribute returned something else than arrived");
        assertEq(handler.ghostClaimMismatches(), 0, "a claim paid something else than claimable");
    }

    /// @dev Pro rata: each holder's claimed + claimable is the floor of its exact share of every distribution (its
    /// balance at that moment over the supply), within one unit.
    function invariant_eachHolderGetsItsExactShare() public view {
        IERC20[] memory payouts = handler.payouts();
        address[] memory actors = handler.actors();
        for (uint256 p = 0; p < payouts.length; p++) {
            for (uint256 i = 0; i < actors.length; i++) {
                uint256 exact = handler.ghostEntitlementNumerator(payouts[p], actors[i]) / SUPPLY;
                uint256 got = handler.ghostClaimedBy(payouts[p], actors[i]) + token.claimable(actors[i], payouts[p]);
                assertLe(got, exact + 1, "holder got more than its share");
                assertGe(got + 1, exact, "holder got less than its share");
            }
        }
    }

    /// @dev Transfers settle revenue: they never change anyone's claimable amount.
    function invariant_transfersMoveNoRevenue() public view {
        assertEq(handler.ghostTransferMovedRevenue(), 0, "a transfer changed a claimable amount");
    }

    /// @dev RevenueShareToken header: the token holds exactly totalDistributed - totalClaimed of every payout token
    /// (nobody sends payout tokens to it directly here), so every claimable amount is covered.
    function invariant_tokenHoldsWhatItOwes() public view {
        IERC20[] memory payouts = handler.payouts();
        for (uint256 p = 0; p < payouts.length; p++) {
            IERC20 payout = payouts[p];
            assertEq(
                payout.balanceOf(address(token)),
                handler.ghostReceived(payout) - handler.ghostClaimed(payout),
                "payout balance != received - claimed"
            );
        }
    }

    /// @dev RevenueShareToken header: totalSupply never changes after initialize, and only the handler's payout tokens
    /// are registered (at most MAX_PAYOUT_TOKENS).
    function invariant_totalSupplyConstantAndPayoutTokensBounded() public view {
        assertEq(token.totalSupply(), SUPPLY, "total supply changed");
        address[] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i = 0; i < actors.length; i++) sum += token.balanceOf(actors[i]);
        assertEq(sum, SUPPLY, "balances do not add up to the supply");
        assertLe(token.payoutTokens().length, handler.payouts().length, "unexpected payout token");
        assertLe(token.payoutTokens().length, token.MAX_PAYOUT_TOKENS(), "too many payout tokens");
    }

    /// @dev Settlement does not disturb ERC20Votes: each delegate's votes are the balances delegated to it.
    function invariant_votesMatchDelegatedBalances() public view {
        address[] memory actors = handler.actors();
        uint256 total;
        for (uint256 d = 0; d < actors.length; d++) {
            uint256 delegated;
            for (uint256 i = 0; i < actors.length; i++) {
                if (token.delegates(actors[i]) == actors[d]) delegated += token.balanceOf(actors[i]);
            }
            assertEq(token.getVotes(actors[d]), delegated, "votes != delegated balances");
            total += delegated;
        }
        assertLe(total, token.totalSupply(), "votes above supply");
    }
}
