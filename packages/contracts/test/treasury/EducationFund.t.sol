// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {EducationFund} from "../../contracts/treasury/EducationFund.sol";
import {IEducationFund} from "../../contracts/treasury/IEducationFund.sol";
import {Treasury} from "../../contracts/treasury/Treasury.sol";
import {ITreasury} from "../../contracts/treasury/ITreasury.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {RejectETH} from "../mocks/RejectETH.sol";

contract EducationFundTest is Test {
    EducationFund internal fund;
    MockERC20 internal token;

    address internal gov = address(0x6000);
    address internal uni = address(0x0E1);
    address internal lab = address(0x0E2);
    address internal stranger = address(0xBAD);

    string internal constant URI = "ipfs://uni";

    function setUp() public {
        fund = new EducationFund(gov);
        token = new MockERC20("Mock", "MCK");
        token.mint(address(fund), 1_000e18);
        vm.deal(address(fund), 10 ether);
    }

    function _add(address partner, string memory uri) internal {
        vm.prank(gov);
        fund.addPartner(partner, uri);
    }

    function _contains(address[] memory list, address item) internal pure returns (bool) {
        for (uint256 i = 0; i < list.length; i++) if (list[i] == item) return true;
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // constructor and receive
    // ---------------------------------------------------------------------------------------------------------

    function test_constructor_setsOwnerAndNoPartners() public view {
        assertEq(fund.owner(), gov, "owner");
        assertEq(fund.partners().length, 0, "no partners");
    }

    function test_constructor_revertsOnZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new EducationFund(address(0));
    }

    function test_receive_acceptsETHAndEmits() public {
        vm.deal(stranger, 1 ether);
        vm.expectEmit();
        emit IEducationFund.ETHReceived(stranger, 1 ether);
        vm.prank(stranger);
        (bool ok, ) = address(fund).call{value: 1 ether}("");
        assertTrue(ok, "accepted");
        assertEq(address(fund).balance, 11 ether, "balance");
    }

    function test_receive_acceptsTreasuryEducationShare() public {
        Treasury treasury = new Treasury(gov, address(fund), 800, address(0));
        vm.deal(stranger, 1 ether);
        vm.expectEmit();
        emit IEducationFund.ETHReceived(address(treasury), 0.08 ether);
        vm.prank(stranger);
        treasury.depositETH{value: 1 ether}(ITreasury.IncomeSource.Donation);
        assertEq(address(fund).balance, 10.08 ether, "share arrived");
    }

    // ---------------------------------------------------------------------------------------------------------
    // addPartner
    // ---------------------------------------------------------------------------------------------------------

    function test_addPartner_approvesAndEmits() public {
        vm.expectEmit();
        emit IEducationFund.PartnerAdded(uni, URI);
        _add(uni, URI);
        assertTrue(fund.isPartner(uni), "partner");
        assertTrue(keccak256(bytes(fund.partnerURI(uni))) == keccak256(bytes(URI)), "uri");
        address[] memory list = fund.partners();
        assertEq(list.length, 1, "one partner");
        assertEq(list[0], uni, "listed");
    }

    function test_addPartner_listsSeveralPartners() public {
        _add(uni, URI);
        _add(lab, "ipfs://lab");
        address[] memory list = fund.partners();
        assertEq(list.length, 2, "two partners");
        assertTrue(_contains(list, uni) && _contains(list, lab), "both listed");
    }

    function test_addPartner_revertsForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        fund.addPartner(uni, URI);
    }

    function test_addPartner_revertsOnZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundZeroInput.selector));
        vm.prank(gov);
        fund.addPartner(address(0), URI);
    }

    function test_addPartner_revertsOnDuplicate() public {
        _add(uni, URI);
        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundAlreadyPartner.selector, uni));
        vm.prank(gov);
        fund.addPartner(uni, "ipfs://other");
    }

    // ---------------------------------------------------------------------------------------------------------
    // updatePartner
    // ---------------------------------------------------------------------------------------------------------

    function test_updatePartner_changesURIAndEmits() public {
        _add(uni, URI);
        vm.expectEmit();
        emit IEducationFund.PartnerUpdated(uni, "ipfs://uni-v2");
        vm.prank(gov);
        fund.updatePartner(uni, "ipfs://uni-v2");
        assertTrue(keccak256(bytes(fund.partnerURI(uni))) == keccak256("ipfs://uni-v2"), "updated uri");
        assertTrue(fund.isPartner(uni), "still a partner");
    }

    function test_updatePartner_revertsForNonOwner() public {
        _add(uni, URI);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, uni));
        vm.prank(uni);
        fund.updatePartner(uni, "ipfs://mine");
    }

    function test_updatePartner_revertsForUnknownPartner() public {
        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundNotPartner.selector, lab));
        vm.prank(gov);
        fund.updatePartner(lab, URI);
    }

    // ---------------------------------------------------------------------------------------------------------
    // removePartner
    // ---------------------------------------------------------------------------------------------------------

    function test_removePartner_removesAndEmits() public {
        _add(uni, URI);
        _add(lab, "ipfs://lab");
        vm.expectEmit();
        emit IEducationFund.PartnerRemoved(uni);
        vm.prank(gov);
        fund.removePartner(uni);
        assertTrue(!fund.isPartner(uni), "no longer a partner");
        assertEq(bytes(fund.partnerURI(uni)).length, 0, "uri cleared");
        address[] memory list = fund.partners();
        assertEq(list.length, 1, "one left");
        assertEq(list[0], lab, "the other remains");
    }

    function test_removePartner_allowsReAdding() public {
        _add(uni, URI);
        vm.prank(gov);
        fund.removePartner(uni);
        _add(uni, "ipfs://uni-again");
        assertTrue(fund.isPartner(uni), "partner again");
        assertTrue(keccak256(bytes(fund.partnerURI(uni))) == keccak256("ipfs://uni-again"), "new uri");
    }

    function test_removePartner_revertsForNonOwner() public {
        _add(uni, URI);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        fund.removePartner(uni);
    }

    function test_removePartner_revertsForUnknownPartner() public {
        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundNotPartner.selector, uni));
        vm.prank(gov);
        fund.removePartner(uni);
    }

    function test_removePartner_revertsWhenRemovedTwice() public {
        _add(uni, URI);
        vm.prank(gov);
        fund.removePartner(uni);
        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundNotPartner.selector, uni));
        vm.prank(gov);
        fund.removePartner(uni);
    }

    // ---------------------------------------------------------------------------------------------------------
    // release
    // ---------------------------------------------------------------------------------------------------------

    function test_release_paysERC20ToPartnerAndEmits() public {
        _add(uni, URI);
        vm.expectEmit();
        emit IEducationFund.GrantReleased(uni, address(token), 250e18, "scholarships 2025");
        vm.prank(gov);
        fund.release(address(token), uni, 250e18, "scholarships 2025");
        assertEq(token.balanceOf(uni), 250e18, "partner paid");
        assertEq(token.balanceOf(address(fund)), 750e18, "fund balance");
    }

    function test_release_paysETHToPartnerAndEmits() public {
        _add(uni, URI);
        vm.expectEmit();
        emit IEducationFund.GrantReleased(uni, address(0), 3 ether, "lab equipment");
        vm.prank(gov);
        fund.release(address(0), uni, 3 ether, "lab equipment");
        assertEq(uni.balance, 3 ether, "partner paid");
        assertEq(address(fund).balance, 7 ether, "fund balance");
    }

    function test_release_revertsForNonOwner() public {
        _add(uni, URI);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, uni));
        vm.prank(uni);
        fund.release(address(token), uni, 1, "");
    }

    function test_release_revertsForNonPartner() public {
        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundNotPartner.selector, stranger));
        vm.prank(gov);
        fund.release(address(token), stranger, 1, "");
    }

    function test_release_revertsForZeroAddressPartner() public {
        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundNotPartner.selector, address(0)));
        vm.prank(gov);
        fund.release(address(0), address(0), 1, "");
    }

    function test_release_revertsOnZeroAmount() public {
        _add(uni, URI);
        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundZeroInput.selector));
        vm.prank(gov);
        fund.release(address(token), uni, 0, "");
    }

    function test_release_revertsForRemovedPartner() public {
        _add(uni, URI);
        vm.prank(gov);
        fund.release(address(token), uni, 1e18, "first tranche");
        vm.prank(gov);
        fund.removePartner(uni);

        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundNotPartner.selector, uni));
        vm.prank(gov);
        fund.release(address(token), uni, 1e18, "second tranche");
        vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundNotPartner.selector, uni));
        vm.prank(gov);
        fund.release(address(0), uni, 1 ether, "second tranche");
        assertEq(token.balanceOf(uni), 1e18, "only the first tranche");
    }

    function test_release_revertsOnInsufficientERC20() public {
        _add(uni, URI);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, address(fund), 1_000e18, 1_001e18)
        );
        vm.prank(gov);
        fund.release(address(token), uni, 1_001e18, "");
    }

    function test_release_revertsOnInsufficientETH() public {
        _add(uni, URI);
        vm.expectRevert(abi.encodeWithSelector(Errors.InsufficientBalance.selector, 10 ether, 11 ether));
        vm.prank(gov);
        fund.release(address(0), uni, 11 ether, "");
    }

    function test_release_revertsWhenPartnerRejectsETH() public {
        address rejecter = address(new RejectETH());
        _add(rejecter, "ipfs://rejecter");
        vm.expectRevert(abi.encodeWithSelector(Errors.FailedCall.selector));
        vm.prank(gov);
        fund.release(address(0), rejecter, 1 ether, "");
    }

    // ---------------------------------------------------------------------------------------------------------
    // views
    // ---------------------------------------------------------------------------------------------------------

    function test_isPartner_falseForUnknown() public view {
        assertTrue(!fund.isPartner(uni), "unknown");
        assertTrue(!fund.isPartner(address(0)), "zero");
    }

    function test_partnerURI_emptyForUnknown() public view {
        assertEq(bytes(fund.partnerURI(uni)).length, 0, "empty");
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzz
    // ---------------------------------------------------------------------------------------------------------

    function testFuzz_release_onlyToApprovedPartners(address partner, uint256 amount, bool approve) public {
        vm.assume(partner != address(0) && partner != address(fund) && partner.code.length == 0);
        amount = bound(amount, 1, 1_000e18);
        uint256 before = token.balanceOf(partner);
        if (approve) _add(partner, URI);
        else vm.expectRevert(abi.encodeWithSelector(IEducationFund.EducationFundNotPartner.selector, partner));
        vm.prank(gov);
        fund.release(address(token), partner, amount, "");
        assertEq(token.balanceOf(partner) - before, approve ? amount : 0, "paid only if approved");
    }
}
