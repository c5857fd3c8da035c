// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ChildTreasury} from "../../../contracts/factory/ChildTreasury.sol";
import {DAOInfo} from "../../../contracts/factory/DAOInfo.sol";
import {DAORegistry} from "../../../contracts/factory/DAORegistry.sol";
import {IDAORegistry} from "../../../contracts/factory/IDAORegistry.sol";
import {DonationVault} from "../../../contracts/templates/donation/DonationVault.sol";
import {IDonationVault} from "../../../contracts/templates/donation/IDonationVault.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";
import {TemplateFeeOnTransferERC20} from "../../mocks/templates/TemplateFeeOnTransferERC20.sol";
import {TemplateMainTreasury} from "../../mocks/templates/TemplateIncomeTreasury.sol";

/// @dev A DonationVault paying into a real ChildTreasury clone (as the factory makes them), whose registry is a real
/// DAORegistry: every donation (and every sweep) is an income of the treasury, so the protocol fee is charged on it.
contract DonationVaultChildTreasuryTest is Test {
    uint16 internal constant FEE_BPS = 200; // 2%
    uint256 internal constant RATE_USD = 1e18;
    uint256 internal constant RATE_ETH = 3_000e18;

    address internal alice = address(0xA11CE);
    address internal executor = address(0xE8EC);

    TemplateMainTreasury internal main;
    DAORegistry internal registry;
    ChildTreasury internal child;
    DonationVault internal vault;
    TemplateMockERC20 internal usd;
    TemplateFeeOnTransferERC20 internal feeToken;

    function setUp() public {
        vm.warp(1_700_000_000);
        main = new TemplateMainTreasury();
        IDAORegistry.DAO memory mainDAO;
        mainDAO.treasury = address(main);
        registry = new DAORegistry(address(this), mainDAO, FEE_BPS, address(this));
        usd = new TemplateMockERC20("Dollar", "USD");
        feeToken = new TemplateFeeOnTransferERC20(100); // 1% burnt on every transfer

        // The vault is cloned first (the treasury's record names it), then initialized with the treasury.
        vault = DonationVault(Clones.clone(address(new DonationVault())));
        ChildTreasury.Args memory args = ChildTreasury.Args({
            governor: address(0),
            timelock: executor,
            safe: address(0),
            creator: address(this),
            token: address(0),
            module: address(vault),
            distributor: address(0),
            info: DAOInfo.pack(0, 1, 1, IDAORegistry.GovernanceMode.OnChain),
            templateId: keccak256("donation"),
            daoURI: ""
        });
        child = ChildTreasury(
            payable(Clones.cloneWithImmutableArgs(address(new ChildTreasury(registry)), abi.encode(args)))
        );
        address[] memory tokens = new address[](3);
        tokens[0] = address(usd);
        tokens[1] = address(0);
        tokens[2] = address(feeToken);
        uint256[] memory rates = new uint256[](3);
        rates[0] = RATE_USD;
        rates[1] = RATE_ETH;
        rates[2] = RATE_USD;
        vault.initialize(executor, address(child), tokens, rates);

        usd.mint(alice, 1_000_000e18);
        feeToken.mint(alice, 1_000_000e18);
        vm.deal(alice, 1_000 ether);
    }

    function _donate(IERC20 token, uint256 amount) internal returns (uint256 units) {
        vm.startPrank(alice);
        token.approve(address(vault), amount);
        units = vault.donate(token, amount);
        vm.stopPrank();
    }

    function _assertVaultEmpty(IERC20 token) internal view {
        assertEq(token.balanceOf(address(vault)), 0, "vault keeps nothing");
        assertEq(token.allowance(address(vault), address(child)), 0, "no allowance left to the treasury");
    }

    function test_setup_wiring() public view {
        assertEq(vault.treasury(), address(child), "vault pays the child treasury");
        assertEq(child.daoRecord().module, address(vault), "the treasury's module is the vault");
        assertEq(registry.mainTreasury(), address(main), "main treasury");
        assertEq(registry.protocolFeeBps(), FEE_BPS, "fee");
    }

    function test_donate_paysProtocolFee() public {
        vm.startPrank(alice);
        usd.approve(address(vault), 100e18);
        vm.expectEmit();
        emit ChildTreasury.IncomeReceived(address(usd), address(vault), 100e18, 2e18, 0);
        vm.expectEmit();
        emit IDonationVault.Donated(alice, address(usd), 100e18, 100e18);
        uint256 units = vault.donate(usd, 100e18);
        vm.stopPrank();
        assertEq(units, 100e18, "units on the whole donation");
        assertEq(vault.totalDonated(address(usd)), 100e18, "donated: what the vault received");
        assertEq(main.fees(address(usd)), 2e18, "protocol fee to the main treasury");
        assertEq(main.feeCount(), 1, "one fee");
        assertEq(usd.balanceOf(address(child)), 98e18, "the rest stays in the DAO's treasury");
        _assertVaultEmpty(usd);
        assertEq(usd.allowance(address(child), address(main)), 0, "the treasury's own allowance consumed too");
    }

    function test_donateETH_paysProtocolFee() public {
        vm.expectEmit();
        emit ChildTreasury.IncomeReceived(address(0), address(vault), 1 ether, 0.02 ether, 0);
        vm.prank(alice);
        uint256 units = vault.donateETH{value: 1 ether}();
        assertEq(units, 3_000e18, "units");
        assertEq(main.fees(address(0)), 0.02 ether, "protocol fee");
        assertEq(address(child).balance, 0.98 ether, "the rest in the DAO's treasury");
        assertEq(address(vault).balance, 0, "vault keeps nothing");
    }

    function test_sweep_paysProtocolFee() public {
        usd.mint(address(vault), 50e18);
        vm.deal(address(vault), 2 ether);
        vault.sweep(address(usd));
        vault.sweep(address(0));
        assertEq(main.fees(address(usd)), 1e18, "fee on the stray tokens");
        assertEq(main.fees(address(0)), 0.04 ether, "fee on the stray ETH");
        assertEq(usd.balanceOf(address(child)), 49e18, "rest of the tokens");
        assertEq(address(child).balance, 1.96 ether, "rest of the ETH");
        _assertVaultEmpty(usd);
        assertEq(address(vault).balance, 0, "no ETH left");
    }

    function test_donate_feeOnTransferToken() public {
        // The vault receives 9_900 (1% burnt), credits that, and deposits all of it; the treasury receives 9_801
        // (1% burnt again) and charges 2% of that: 196, of which the main treasury receives 195 (1% burnt).
        uint256 units = _donate(feeToken, 10_000);
        assertEq(units, 9_900, "units on what the vault received");
        assertEq(vault.totalDonated(address(feeToken)), 9_900, "donated");
        assertEq(main.fees(address(feeToken)), 195, "fee, net of the token's own");
        assertEq(feeToken.balanceOf(address(child)), 9_801 - 196, "rest");
        _assertVaultEmpty(feeToken);
    }

    function test_donate_revertsIfTreasuryReverts() public {
        // With a protocol fee the main treasury cannot take (it has no code), every income of the child reverts.
        IDAORegistry.DAO memory mainDAO;
        mainDAO.treasury = address(0xDEAD);
        DAORegistry broken = new DAORegistry(address(this), mainDAO, FEE_BPS, address(this));
        ChildTreasury.Args memory args = ChildTreasury.Args({
            governor: address(0),
            timelock: executor,
            safe: address(0),
            creator: address(this),
            token: address(0),
            module: address(0),
            distributor: address(0),
            info: DAOInfo.pack(0, 1, 1, IDAORegistry.GovernanceMode.OnChain),
            templateId: keccak256("donation"),
            daoURI: ""
        });
        address badChild = Clones.cloneWithImmutableArgs(address(new ChildTreasury(broken)), abi.encode(args));
        DonationVault v = DonationVault(Clones.clone(address(new DonationVault())));
        address[] memory tokens = new address[](1);
        tokens[0] = address(usd);
        uint256[] memory rates = new uint256[](1);
        rates[0] = RATE_USD;
        v.initialize(executor, badChild, tokens, rates);
        vm.startPrank(alice);
        usd.approve(address(v), 10e18);
        vm.expectRevert();
        v.donate(usd, 10e18);
        vm.stopPrank();
        assertEq(usd.balanceOf(alice), 1_000_000e18, "donor keeps its tokens");
        assertEq(usd.balanceOf(address(v)), 0, "vault holds nothing");
        assertEq(usd.balanceOf(badChild), 0, "treasury holds nothing");
        assertEq(v.totalUnits(), 0, "no units");
    }

    function testFuzz_donate_paysProtocolFee(uint256 amount, uint256 feeBps) public {
        amount = bound(amount, 1, 1_000_000e18);
        feeBps = bound(feeBps, 0, registry.MAX_PROTOCOL_FEE_BPS());
        registry.setProtocolFeeBps(uint16(feeBps));
        uint256 units = _donate(usd, amount);
        uint256 fee = (amount * feeBps) / 10_000;
        assertEq(units, amount, "units on the whole donation");
        assertEq(main.fees(address(usd)), fee, "protocol fee");
        assertEq(usd.balanceOf(address(child)), amount - fee, "rest in the DAO's treasury");
        _assertVaultEmpty(usd);
    }
}
