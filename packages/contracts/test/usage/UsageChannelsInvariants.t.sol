// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IUsageChannels} from "../../contracts/usage/IUsageChannels.sol";
import {UsageWorld} from "../mocks/usage/UsageWorld.sol";
import {UsageChannelsHandler} from "./UsageChannelsHandler.sol";

/// @dev UsageChannels over the real registries and treasuries of {UsageWorld}, driven by {UsageChannelsHandler}:
/// three customers, four endpoints (an AI DAO's model in a plain and in a fee-on-transfer token, the main DAO's model,
/// a model without contributors), random top-ups, extensions, voucher batches, reclaims, withdrawals and time warps.
contract UsageChannelsInvariantsTest is UsageWorld, InvariantTest {
    UsageChannelsHandler internal handler;

    function setUp() public {
        _deployWorld();
        uint256[] memory endpoints = new uint256[](4);
        endpoints[0] = epA;
        endpoints[1] = epAFot;
        endpoints[2] = epB;
        endpoints[3] = epC;
        address[] memory tokens = new address[](2);
        tokens[0] = address(usd);
        tokens[1] = address(fot);
        uint256[] memory keys = new uint256[](3);
        keys[0] = 0xC0FFEE1;
        keys[1] = 0xC0FFEE2;
        keys[2] = 0xC0FFEE3;
        address[] memory contributors = new address[](5);
        contributors[0] = DATA;
        contributors[1] = TRAINER;
        contributors[2] = CODER;
        contributors[3] = CREDITED;
        contributors[4] = OPS;
        address[] memory daoSide = new address[](4);
        daoSide[0] = address(mainTreasury);
        daoSide[1] = address(education);
        daoSide[2] = address(child);
        daoSide[3] = address(simpleTreasury);
        handler = new UsageChannelsHandler(channels, endpoints, tokens, keys, contributors, daoSide);
        targetContract(address(handler));
    }

    /// @dev For every channel, redeemed <= deposit and <= the highest amount its customer signed, and redeemed is
    /// exactly the highest claim it was paid for, capped by its voucher and by the deposit at the time.
    function invariant_redeemedNeverExceedsDepositOrSignedAmount() public view {
        bytes32[] memory ids = handler.ids();
        for (uint256 i; i < ids.length; ++i) {
            if (handler.closed(ids[i])) continue;
            IUsageChannels.Channel memory c = channels.channel(ids[i]);
            assertLe(c.redeemed, c.deposit, "redeemed <= deposit");
            assertLe(c.redeemed, handler.highestSigned(ids[i]), "redeemed <= highest signed voucher");
            assertEq(c.redeemed, handler.expectedRedeemed(ids[i]), "redeemed == max(min(claim, voucher, deposit))");
        }
    }

    /// @dev Reclaimed channels are gone.
    function invariant_reclaimedChannelsAreDeleted() public view {
        bytes32[] memory ids = handler.ids();
        for (uint256 i; i < ids.length; ++i) {
            if (!handler.closed(ids[i])) continue;
            IUsageChannels.Channel memory c = channels.channel(ids[i]);
            assertEq(c.customer, address(0), "customer cleared");
            assertEq(c.deposit, 0, "deposit cleared");
        }
    }

    /// @dev Σ paid out (DAO incomes + contributor credits) + Σ refunds <= Σ deposits credited, per token; every split
    /// conserves what its batch paid.
    function invariant_payoutsPlusRefundsNeverExceedDeposits() public view {
        address[] memory tokens = handler.tokens();
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            uint256 paid = handler.ghostPaid(token);
            assertEq(handler.ghostSplitTotal(token), paid, "sum of split totals == sum paid");
            assertEq(
                handler.ghostToContributors(token) + handler.ghostToDAO(token),
                paid,
                "toContributors + toDAO == paid"
            );
            assertLe(
                paid + handler.ghostRefunded(token),
                handler.ghostDeposited(token),
                "payouts + refunds <= deposits"
            );
        }
        assertEq(handler.ghostReturnedTotalMismatches(), 0, "redeem returns what its Redeemed events paid");
    }

    /// @dev What contributors were credited is either withdrawn or still credited; the DAO side received no more than
    /// its share (exactly it for a plain token; less for a fee-on-transfer one).
    function invariant_creditsAndDAOIncomesAccountForEverySplit() public view {
        address[] memory tokens = handler.tokens();
        address[] memory contributors = handler.contributors();
        address[] memory daoSide = handler.daoSide();
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            uint256 outstanding;
            for (uint256 i; i < contributors.length; ++i) outstanding += channels.credits(contributors[i], token);
            assertEq(outstanding + handler.ghostWithdrawn(token), handler.ghostToContributors(token), "credits");
            uint256 received;
            for (uint256 i; i < daoSide.length; ++i) received += IERC20(token).balanceOf(daoSide[i]);
            if (token == address(usd)) assertEq(received, handler.ghostToDAO(token), "DAO side == toDAO");
            else assertLe(received, handler.ghostToDAO(token), "DAO side <= toDAO (fee on transfer)");
        }
    }

    /// @dev The contract holds at least (exactly, but for direct donations) Σ open channels' (deposit − redeemed) +
    /// Σ unwithdrawn credits, per token.
    function invariant_balanceCoversOpenChannelsAndCredits() public view {
        address[] memory tokens = handler.tokens();
        address[] memory contributors = handler.contributors();
        bytes32[] memory ids = handler.ids();
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            uint256 owed;
            for (uint256 i; i < ids.length; ++i) {
                IUsageChannels.Channel memory c = channels.channel(ids[i]);
                if (c.token == token) owed += c.deposit - c.redeemed;
            }
            uint256 openOwed = owed;
            for (uint256 i; i < contributors.length; ++i) owed += channels.credits(contributors[i], token);
            uint256 balance = IERC20(token).balanceOf(address(channels));
            assertGe(balance, owed, "balance >= open channels + credits");
            assertEq(balance, owed + handler.ghostDonated(token), "balance == open channels + credits + donations");
            assertEq(
                openOwed,
                handler.ghostDeposited(token) - handler.ghostPaid(token) - handler.ghostRefunded(token),
                "open channels hold deposits - paid - refunds"
            );
        }
    }
}
