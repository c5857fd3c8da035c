// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../../utils/Vm.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {DonationVault} from "../../../contracts/templates/donation/DonationVault.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";
import {TemplateFeeOnTransferERC20} from "../../mocks/templates/TemplateFeeOnTransferERC20.sol";
import {TemplateIncomeTreasury} from "../../mocks/templates/TemplateIncomeTreasury.sol";
import {DonationVaultHandler} from "./DonationVaultHandler.sol";

/// @dev The invariants of the DonationVault contract header, checked after random sequences of handler calls.
contract DonationVaultInvariantsTest is InvariantTest {
    address internal constant EXECUTOR = address(0xE8EC);

    DonationVault internal vault;
    TemplateIncomeTreasury internal treasury;
    DonationVaultHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        TemplateMockERC20 a = new TemplateMockERC20("A", "A");
        TemplateMockERC20 b = new TemplateMockERC20("B", "B");
        TemplateFeeOnTransferERC20 f = new TemplateFeeOnTransferERC20(250);
        address[] memory tokens = new address[](4);
        tokens[0] = address(0);
        tokens[1] = address(a);
        tokens[2] = address(b);
        tokens[3] = address(f);
        uint256[] memory rates = new uint256[](4);
        rates[0] = 3_000e18;
        rates[1] = 1e18;
        rates[2] = 1e30;
        rates[3] = 5e17;
        treasury = new TemplateIncomeTreasury();
        vault = DonationVault(Clones.clone(address(new DonationVault())));
        vault.initialize(EXECUTOR, address(treasury), tokens, rates);
        handler = new DonationVaultHandler(vault, EXECUTOR, treasury, a, b, f);
        targetContract(address(handler));
    }

    /// @dev DonationVault header: unitsOf(a) never decreases (donations are final).
    function invariant_unitsNeverDecrease() public view {
        assertEq(handler.ghostViolations(), 0, "a donation broke a rule (see the handler)");
        assertEq(handler.ghostUnitsDecreased(), 0, "an account's units went down");
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; i++) {
            assertEq(vault.unitsOf(actors[i]), handler.ghostUnits(actors[i]), "units != sum of credited units");
        }
    }

    /// @dev DonationVault header: totalUnits() == the sum of unitsOf(all donors); votes are those units, delegated.
    function invariant_totalUnitsEqualsSumOfDonorUnits() public view {
        address[] memory actors = handler.actors();
        uint256 sum;
        uint256 delegated;
        uint256 votes;
        for (uint256 i = 0; i < actors.length; i++) {
            uint256 units = vault.unitsOf(actors[i]);
            sum += units;
            if (vault.delegates(actors[i]) != address(0)) delegated += units;
            votes += vault.getVotes(actors[i]);
        }
        assertEq(vault.totalUnits(), sum, "total units != sum of units");
        assertEq(sum, handler.ghostTotalUnits(), "sum of units != ghost");
        assertEq(votes, delegated, "votes != units delegated to someone");
        assertLe(votes, vault.totalUnits(), "votes above supply");
        if (block.timestamp > 1_700_000_000) {
            assertLe(vault.getPastTotalSupply(block.timestamp - 1), vault.totalUnits(), "past supply above now");
        }
    }

    /// @dev DonationVault header: after every call the vault holds no balance of any token, nor ETH, and no
    /// allowance to the treasury.
    function invariant_vaultHoldsNoFunds() public view {
        assertEq(handler.ghostCallsLeavingBalance(), 0, "a call left funds (or an allowance) in the vault");
        assertEq(handler.ghostViolations(), 0, "a donation broke a rule (see the handler)");
        address[] memory assets = handler.assets();
        for (uint256 i = 0; i < assets.length; i++) {
            address asset = assets[i];
            uint256 held = asset == address(0) ? address(vault).balance : IERC20(asset).balanceOf(address(vault));
            assertEq(held, 0, "vault holds funds");
            if (asset != address(0)) {
                assertEq(IERC20(asset).allowance(address(vault), address(treasury)), 0, "allowance left");
            }
        }
    }

    /// @dev DonationVault header: totalDonated(t) == the sum of donatedBy(all donors, t); everything reached the
    /// treasury as incomes (exactly, for tokens without a transfer fee).
    function invariant_donationsAccountedAndForwarded() public view {
        address[] memory assets = handler.assets();
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < assets.length; i++) {
            address asset = assets[i];
            uint256 sum;
            for (uint256 j = 0; j < actors.length; j++) {
                uint256 donated = vault.donatedBy(actors[j], asset);
                assertEq(donated, handler.ghostDonatedBy(actors[j], asset), "donatedBy");
                sum += donated;
            }
            assertEq(vault.totalDonated(asset), sum, "totalDonated != sum of donatedBy");
            assertEq(sum, handler.ghostDonated(asset), "totalDonated != ghost");
            assertEq(
                handler.ghostForwarded(asset),
                handler.ghostDonated(asset) + handler.ghostStray(asset),
                "forwarded"
            );
            // Every forward was an income announced with exactly the amount that left the vault (fee tokens too).
            assertEq(treasury.incomeTotal(asset), handler.ghostForwarded(asset), "incomes != forwarded");
            uint256 got = asset == address(0) ? address(treasury).balance : IERC20(asset).balanceOf(address(treasury));
            assertEq(got, treasury.receivedTotal(asset), "treasury received only through incomes");
            if (!handler.isFeeToken(asset)) {
                assertEq(got, handler.ghostForwarded(asset), "treasury received everything");
            }
        }
    }

    /// @dev DonationVault header: every forward (donation or sweep) is exactly one income of the treasury.
    function invariant_everyForwardIsOneIncome() public view {
        assertEq(treasury.incomeCount(), handler.ghostForwards(), "incomes != forwards");
        assertEq(handler.ghostViolations(), 0, "a forward was not one exact income (see the handler)");
    }
}
