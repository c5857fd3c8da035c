// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {InvariantTest} from "../utils/Vm.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ChildTreasury} from "../../contracts/factory/ChildTreasury.sol";
import {DAOInfo} from "../../contracts/factory/DAOInfo.sol";
import {DAORegistry} from "../../contracts/factory/DAORegistry.sol";
import {IDAORegistry} from "../../contracts/factory/IDAORegistry.sol";
import {RevenueShareToken} from "../../contracts/templates/revenue/RevenueShareToken.sol";
import {EducationFund} from "../../contracts/treasury/EducationFund.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {ChildTreasuryHandler} from "./ChildTreasuryHandler.sol";

/// @dev A revenue-sharing DAO's treasury (a clone with immutable arguments, as the factory makes it) over a real main
/// Treasury and DAORegistry with a 2% protocol fee, driven by random incomes, share transfers and claims.
contract ChildTreasuryInvariantsTest is InvariantTest {
    uint16 internal constant FEE_BPS = 200;
    ChildTreasuryHandler internal handler;
    Treasury internal mainTreasury;
    EducationFund internal education;
    ChildTreasury internal treasury;
    RevenueShareToken internal token;

    function setUp() public {
        education = new EducationFund(address(this));
        mainTreasury = new Treasury(address(this), address(education), 800, address(0));
        IDAORegistry.DAO memory main;
        main.treasury = address(mainTreasury);
        DAORegistry registry = new DAORegistry(address(this), main, FEE_BPS, address(this));

        token = RevenueShareToken(Clones.cloneDeterministic(address(new RevenueShareToken()), bytes32("token")));
        ChildTreasury.Args memory args;
        args.token = address(token);
        args.distributor = address(token);
        args.timelock = address(0xD0);
        args.info = DAOInfo.pack(10_000, 1, 1, IDAORegistry.GovernanceMode.OnChain);
        address impl = address(new ChildTreasury(registry));
        address predicted = Clones.predictDeterministicAddressWithImmutableArgs(impl, abi.encode(args), bytes32("t"));

        address[] memory holders = new address[](4);
        uint256[] memory amounts = new uint256[](4);
        for (uint256 i = 0; i < 4; ++i) {
            holders[i] = address(uint160(0xA0 + i));
            amounts[i] = (i + 1) * 1e21;
        }
        token.initialize("Face", "FACE", holders, amounts, predicted);
        treasury = ChildTreasury(
            payable(Clones.cloneDeterministicWithImmutableArgs(impl, abi.encode(args), bytes32("t")))
        );

        MockERC20[] memory payouts = new MockERC20[](2);
        payouts[0] = new MockERC20("USD", "USD");
        payouts[1] = new MockERC20("EUR", "EUR");
        handler = new ChildTreasuryHandler(treasury, token, FEE_BPS, holders, payouts);
        targetContract(address(handler));
    }

    /// @dev Every fee charged reached the main treasury (which gave its education share away in the same call).
    function invariant_protocolFeesReceivedEqualFeesCharged() public view {
        MockERC20[] memory payouts = handler.payouts();
        for (uint256 i = 0; i < payouts.length; ++i) {
            uint256 atMain = payouts[i].balanceOf(address(mainTreasury)) + payouts[i].balanceOf(address(education));
            assertEq(atMain, handler.ghostFees(payouts[i]), "main treasury + education == fees charged");
            assertGe(
                payouts[i].balanceOf(address(education)) * 10_000,
                handler.ghostFees(payouts[i]) * 800,
                "education got at least 8% of the fees"
            );
        }
    }

    /// @dev Σ claimed + Σ claimable = Σ received − fees, less dust that never exceeds one unit per holder and income.
    function invariant_claimedPlusClaimableEqualsReceivedMinusFees() public view {
        MockERC20[] memory payouts = handler.payouts();
        address[] memory holders = handler.holders();
        for (uint256 i = 0; i < payouts.length; ++i) {
            uint256 owed;
            for (uint256 h = 0; h < holders.length; ++h) owed += token.claimable(holders[h], payouts[i]);
            uint256 paidOut = handler.ghostClaimed(payouts[i]) + owed;
            uint256 shared = handler.ghostReceived(payouts[i]) - handler.ghostFees(payouts[i]);
            assertLe(paidOut, shared, "never more than received minus fees");
            assertLe(shared - paidOut, holders.length + handler.ghostIncomes(), "only dust stays behind");
        }
    }

    /// @dev With 100% distribution the treasury keeps nothing of any income.
    function invariant_treasuryKeepsNothingWhenEverythingIsShared() public view {
        MockERC20[] memory payouts = handler.payouts();
        for (uint256 i = 0; i < payouts.length; ++i) {
            assertEq(payouts[i].balanceOf(address(treasury)), 0, "child treasury balance");
        }
    }
}
