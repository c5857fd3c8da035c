// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {console} from "hardhat/console.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ChildTreasury} from "../../contracts/factory/ChildTreasury.sol";
import {IDAORegistry} from "../../contracts/factory/IDAORegistry.sol";
import {IIncomeReceiver} from "../../contracts/templates/donation/IIncomeReceiver.sol";
import {IModelRegistry} from "../../contracts/registry/IModelRegistry.sol";
import {ITreasury} from "../../contracts/treasury/ITreasury.sol";
import {IUsageChannels} from "../../contracts/usage/IUsageChannels.sol";
import {UsageChannels} from "../../contracts/usage/UsageChannels.sol";
import {FeeOnTransferERC20} from "../mocks/FeeOnTransferERC20.sol";
import {UsageCheats} from "../mocks/usage/UsageCheats.sol";
import {UsageIncomeTreasury} from "../mocks/usage/UsageIncomeTreasury.sol";
import {UsageWallet} from "../mocks/usage/UsageWallet.sol";
import {UsageWorld} from "../mocks/usage/UsageWorld.sol";

/// @dev UsageChannels over a real DAORegistry, ModelRegistry, main Treasury and ChildTreasury (see {UsageWorld}).
contract UsageChannelsTest is UsageWorld {
    uint256 internal constant ALICE_PK = 0xA11CE;
    uint256 internal constant BOB_PK = 0xB0B;
    uint256 internal constant CAROL_PK = 0xCA201;
    uint256 internal constant WALLET_OWNER_PK = 0x3A11E7;
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    address internal alice;
    address internal bob;
    address internal carol;
    address internal stranger = address(0x5742);
    uint64 internal expiry;

    function setUp() public {
        _deployWorld();
        alice = vm.addr(ALICE_PK);
        bob = vm.addr(BOB_PK);
        carol = vm.addr(CAROL_PK);
        expiry = uint64(T0 + 30 days);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    function _redeemOne(uint256 pk, bytes32 id, uint256 cumulativeAmount) internal returns (uint256) {
        return channels.redeem(_one(_voucher(pk, id, cumulativeAmount)));
    }

    function _err(bytes4 selector, bytes32 id) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector, id);
    }

    function _invalidVoucher(bytes32 id, uint256 amount) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IUsageChannels.UsageChannelsInvalidVoucher.selector, id, amount);
    }

    function _share(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount * bps) / BPS;
    }

    /// @dev What the DAO side (the main treasury, the education fund, the child and the simple treasury) holds.
    function _daoSide(IERC20 token) internal view returns (uint256) {
        return
            token.balanceOf(address(mainTreasury)) +
            token.balanceOf(address(education)) +
            token.balanceOf(address(child)) +
            token.balanceOf(address(simpleTreasury));
    }

    function _countLogs(UsageCheats.Log[] memory logs, bytes32 topic0) internal view returns (uint256 n) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(channels) && logs[i].topics[0] == topic0) n++;
        }
    }

    function _permitSig(
        uint256 pk,
        uint256 value,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        address owner = vm.addr(pk);
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, address(channels), value, pusd.nonces(owner), deadline)
        );
        return vm.sign(pk, keccak256(abi.encodePacked("\x19\x01", pusd.DOMAIN_SEPARATOR(), structHash)));
    }

    // ------------------------------------------------------------------------------------------------ views

    function test_constructor_readsRegistriesMainTreasuryAndGrace() public view {
        (IModelRegistry m, IDAORegistry d) = channels.registries();
        assertEq(address(m), address(models), "model registry");
        assertEq(address(d), address(daos), "dao registry");
        assertEq(channels.GRACE(), GRACE, "grace");
        assertTrue(channels.VOUCHER_TYPEHASH() == VOUCHER_TYPEHASH, "voucher typehash");
    }

    function test_voucherDigest_isTheEIP712TypedDataHashOfTheVoucher() public view {
        bytes32 id = keccak256("some channel");
        bytes32 want = _digest(address(channels), block.chainid, id, address(usd), address(child), 1234);
        assertTrue(channels.voucherDigest(id, address(usd), address(child), 1234) == want, "digest");
    }

    function test_nextChannelId_predictsTheIdOpenReturns() public {
        bytes32 predicted = channels.nextChannelId(alice, epA, address(usd));
        assertTrue(predicted == keccak256(abi.encode(alice, epA, address(usd), uint256(0))), "formula");
        bytes32 id = _open(alice, epA, 100, expiry);
        assertTrue(id == predicted, "first id");
        assertTrue(channels.nextChannelId(alice, epA, address(usd)) != id, "the next one differs");
    }

    // ------------------------------------------------------------------------------------------------ open

    function test_open_pullsTheDepositAndRecordsTheChannel() public {
        _mint(address(usd), alice, 1_000);
        vm.startPrank(alice);
        usd.approve(address(channels), 1_000);
        bytes32 predicted = channels.nextChannelId(alice, epA, address(usd));
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.ChannelOpened(predicted, alice, epA, address(usd), address(child), 1_000, expiry);
        bytes32 id = channels.open(epA, 1_000, expiry);
        vm.stopPrank();

        assertTrue(id == predicted, "id");
        IUsageChannels.Channel memory c = channels.channel(id);
        assertEq(c.customer, alice, "customer");
        assertEq(c.expiresAt, expiry, "expiresAt");
        assertEq(c.token, address(usd), "token");
        assertEq(c.endpointId, epA, "endpoint");
        assertEq(c.recipient, address(child), "recipient: the owning DAO's treasury");
        assertEq(c.modelId, modelA, "model");
        assertEq(c.deposit, 1_000, "deposit");
        assertEq(c.redeemed, 0, "redeemed");
        assertEq(usd.balanceOf(address(channels)), 1_000, "held");
        assertEq(usd.balanceOf(alice), 0, "customer paid");
    }

    function test_open_recipientOfAMainDAOModelIsTheMainTreasury() public {
        bytes32 id = _open(alice, epB, 100, expiry);
        assertEq(channels.channel(id).recipient, address(mainTreasury), "main treasury");
        assertEq(channels.channel(id).modelId, modelB, "model");
    }

    function test_open_sameTermsTwiceOpensTwoChannels() public {
        bytes32 first = _open(alice, epA, 100, expiry);
        bytes32 second = _open(alice, epA, 100, expiry);
        assertTrue(first != second, "distinct ids");
        assertEq(channels.channel(first).deposit, 100, "first kept");
        assertEq(channels.channel(second).deposit, 100, "second");
    }

    function test_open_revertsWhenTheEndpointIsSwitchedOff() public {
        _mint(address(usd), alice, 100);
        vm.startPrank(alice);
        usd.approve(address(channels), 100);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsEndpointUnavailable.selector, epAOff));
        channels.open(epAOff, 100, expiry);
        vm.stopPrank();
    }

    function test_open_revertsWhenTheEndpointsVersionLeftProduction() public {
        vm.prank(CHILD_GOV);
        models.setStage(modelA, 1, IModelRegistry.Stage.Deprecated);
        _mint(address(usd), alice, 100);
        vm.startPrank(alice);
        usd.approve(address(channels), 100);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsEndpointUnavailable.selector, epA));
        channels.open(epA, 100, expiry);
        vm.stopPrank();
    }

    function test_open_revertsWhenTheEndpointHasNoPaymentToken() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsEndpointUnavailable.selector, epAEth));
        channels.open(epAEth, 100, expiry);
    }

    function test_open_revertsForAnUnknownEndpoint() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownEndpoint.selector, 999));
        channels.open(999, 100, expiry);
    }

    function test_open_revertsWhenTheExpiryIsNotInTheFuture() public {
        _mint(address(usd), alice, 100);
        vm.startPrank(alice);
        usd.approve(address(channels), 100);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsInvalidExpiry.selector, T0));
        channels.open(epA, 100, uint64(T0));
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsInvalidExpiry.selector, T0 - 1));
        channels.open(epA, 100, uint64(T0 - 1));
        channels.open(epA, 100, uint64(T0 + 1)); // one second ahead is enough
        vm.stopPrank();
    }

    function test_open_revertsOnAZeroAmount() public {
        vm.prank(alice);
        vm.expectRevert(IUsageChannels.UsageChannelsZeroAmount.selector);
        channels.open(epA, 0, expiry);
    }

    function test_open_creditsWhatArrivedFromAFeeOnTransferToken() public {
        _mint(address(fot), alice, 10_000);
        vm.startPrank(alice);
        fot.approve(address(channels), 10_000);
        bytes32 predicted = channels.nextChannelId(alice, epAFot, address(fot));
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.ChannelOpened(predicted, alice, epAFot, address(fot), address(child), 9_900, expiry);
        bytes32 id = channels.open(epAFot, 10_000, expiry);
        vm.stopPrank();
        assertEq(channels.channel(id).deposit, 9_900, "1% fee taken in transit");
        assertEq(fot.balanceOf(address(channels)), 9_900, "held");
    }

    function test_open_revertsWhenTheTransferCreditsNothing() public {
        FeeOnTransferERC20 burnAll = new FeeOnTransferERC20(10_000);
        uint256 ep = _endpoint(modelA, CHILD_GOV, address(burnAll), true);
        burnAll.mint(alice, 100);
        vm.startPrank(alice);
        burnAll.approve(address(channels), 100);
        vm.expectRevert(IUsageChannels.UsageChannelsZeroAmount.selector);
        channels.open(ep, 100, expiry);
        vm.stopPrank();
    }

    function test_open_revertsForADepositAboveUint128() public {
        uint256 tooMuch = uint256(type(uint128).max) + 1;
        _mint(address(usd), alice, tooMuch);
        vm.startPrank(alice);
        usd.approve(address(channels), tooMuch);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsDepositTooLarge.selector, tooMuch));
        channels.open(epA, tooMuch, expiry);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------------------------------------ openWithPermit

    function test_openWithPermit_opensInOneTransactionWithoutAPriorApproval() public {
        pusd.mint(alice, 500);
        uint256 deadline = T0 + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(ALICE_PK, 500, deadline);
        vm.prank(alice);
        bytes32 id = channels.openWithPermit(epAPermit, 500, expiry, deadline, v, r, s);
        assertEq(channels.channel(id).deposit, 500, "deposit");
        assertEq(channels.channel(id).token, address(pusd), "token");
        assertEq(pusd.nonces(alice), 1, "permit used");
        assertEq(pusd.allowance(alice, address(channels)), 0, "allowance spent");
        assertEq(pusd.balanceOf(address(channels)), 500, "held");
    }

    function test_openWithPermit_stillOpensWhenThePermitWasFrontRun() public {
        pusd.mint(alice, 500);
        uint256 deadline = T0 + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(ALICE_PK, 500, deadline);
        // Someone saw the permit in the mempool and used it first: the allowance is there, the permit now fails.
        vm.prank(stranger);
        pusd.permit(alice, address(channels), 500, deadline, v, r, s);
        vm.prank(alice);
        bytes32 id = channels.openWithPermit(epAPermit, 500, expiry, deadline, v, r, s);
        assertEq(channels.channel(id).deposit, 500, "deposit");
        assertEq(pusd.balanceOf(alice), 0, "customer paid");
    }

    function test_openWithPermit_revertsWhenThePermitFailsAndThereIsNoAllowance() public {
        pusd.mint(alice, 500);
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(BOB_PK, 500, T0 + 1 hours); // not alice's key
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(channels), 0, 500)
        );
        channels.openWithPermit(epAPermit, 500, expiry, T0 + 1 hours, v, r, s);
    }

    function test_openWithPermit_worksWithATokenWithoutPermitWhenApproved() public {
        _mint(address(usd), alice, 300);
        vm.startPrank(alice);
        usd.approve(address(channels), 300);
        bytes32 id = channels.openWithPermit(epA, 300, expiry, 0, 0, bytes32(0), bytes32(0));
        vm.stopPrank();
        assertEq(channels.channel(id).deposit, 300, "deposit");
    }

    function test_openWithPermit_revertsEndpointUnavailableForAnEndpointPricedInETH() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsEndpointUnavailable.selector, epAEth));
        channels.openWithPermit(epAEth, 100, expiry, T0 + 1 hours, 27, bytes32(0), bytes32(0));
    }

    function test_openWithPermit_revertsForAnInactiveEndpointAndLeavesThePermitUnused() public {
        uint256 ep = _endpoint(modelA, CHILD_GOV, address(pusd), false);
        pusd.mint(alice, 500);
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(ALICE_PK, 500, T0 + 1 hours);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsEndpointUnavailable.selector, ep));
        channels.openWithPermit(ep, 500, expiry, T0 + 1 hours, v, r, s);
        assertEq(pusd.nonces(alice), 0, "permit not consumed");
    }

    // ------------------------------------------------------------------------------------------------ topUp

    function test_topUp_byAnyoneAddsToTheDeposit() public {
        bytes32 id = _open(alice, epA, 100, expiry);
        _mint(address(usd), stranger, 50);
        vm.startPrank(stranger);
        usd.approve(address(channels), 50);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.ChannelToppedUp(id, 50, 150);
        channels.topUp(id, 50);
        vm.stopPrank();
        assertEq(channels.channel(id).deposit, 150, "deposit");
        assertEq(channels.channel(id).customer, alice, "customer unchanged");
        assertEq(usd.balanceOf(address(channels)), 150, "held");
    }

    function test_topUp_creditsWhatArrivedFromAFeeOnTransferToken() public {
        bytes32 id = _open(alice, epAFot, 1_000, expiry); // 990 credited
        _mint(address(fot), bob, 500);
        vm.startPrank(bob);
        fot.approve(address(channels), 500);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.ChannelToppedUp(id, 495, 1_485);
        channels.topUp(id, 500);
        vm.stopPrank();
        assertEq(channels.channel(id).deposit, 1_485, "deposit");
    }

    function test_topUp_revertsOnAZeroAmount() public {
        bytes32 id = _open(alice, epA, 100, expiry);
        vm.expectRevert(IUsageChannels.UsageChannelsZeroAmount.selector);
        channels.topUp(id, 0);
    }

    function test_topUp_revertsForAnUnknownChannel() public {
        bytes32 id = keccak256("nope");
        vm.expectRevert(_err(IUsageChannels.UsageChannelsUnknownChannel.selector, id));
        channels.topUp(id, 1);
    }

    function test_topUp_revertsAboveUint128() public {
        bytes32 id = _open(alice, epA, type(uint128).max, expiry);
        _mint(address(usd), alice, 1);
        vm.startPrank(alice);
        usd.approve(address(channels), 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageChannels.UsageChannelsDepositTooLarge.selector, uint256(type(uint128).max) + 1)
        );
        channels.topUp(id, 1);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------------------------------------ extend

    function test_extend_byTheCustomerMovesTheExpiryLater() public {
        bytes32 id = _open(alice, epA, 100, expiry);
        vm.prank(alice);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.ChannelExtended(id, expiry + 1 days);
        channels.extend(id, expiry + 1 days);
        assertEq(channels.channel(id).expiresAt, expiry + 1 days, "expiresAt");

        // The redemption window moved with it.
        vm.warp(expiry + GRACE + 1);
        assertEq(_redeemOne(ALICE_PK, id, 40), 40, "still redeemable");
    }

    function test_extend_revertsForAnyoneButTheCustomer() public {
        bytes32 id = _open(alice, epA, 100, expiry);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsNotCustomer.selector, id, bob));
        channels.extend(id, expiry + 1);
    }

    function test_extend_revertsUnlessLater() public {
        bytes32 id = _open(alice, epA, 100, expiry);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsInvalidExpiry.selector, expiry));
        channels.extend(id, expiry);
        vm.expectRevert(abi.encodeWithSelector(IUsageChannels.UsageChannelsInvalidExpiry.selector, expiry - 1));
        channels.extend(id, expiry - 1);
        vm.stopPrank();
        assertEq(channels.channel(id).expiresAt, expiry, "unchanged");
    }

    function test_extend_revertsForAnUnknownChannel() public {
        bytes32 id = keccak256("nope");
        vm.prank(alice);
        vm.expectRevert(_err(IUsageChannels.UsageChannelsUnknownChannel.selector, id));
        channels.extend(id, expiry);
    }

    // ------------------------------------------------------------------------------------------------ redeem amounts

    function test_redeem_70_60_70_100_pays70_0_0_30() public {
        bytes32 id = _open(alice, epA, 100, expiry);
        cheats.recordLogs();
        assertEq(_redeemOne(ALICE_PK, id, 70), 70, "70 pays 70");
        assertEq(_redeemOne(ALICE_PK, id, 60), 0, "60 pays nothing");
        assertEq(_redeemOne(ALICE_PK, id, 70), 0, "70 again pays nothing");
        assertEq(_redeemOne(ALICE_PK, id, 100), 30, "100 pays the last 30");
        UsageCheats.Log[] memory logs = cheats.getRecordedLogs();
        assertEq(_countLogs(logs, IUsageChannels.Redeemed.selector), 2, "Redeemed only when something was paid");
        assertEq(_countLogs(logs, IUsageChannels.RevenueSplit.selector), 2, "a split only when something was paid");
        assertEq(channels.channel(id).redeemed, 100, "redeemed");
    }

    function test_redeem_collectsTheClaimNotTheWholeVoucher() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, id, 100);
        v.claim = 64; // the gateway charged 64 of the 100 this voucher authorised
        assertEq(channels.redeem(_one(v)), 64, "pays the claim");
        v.claim = 64;
        assertEq(channels.redeem(_one(v)), 0, "the same claim again pays nothing");
        v.claim = 1_000;
        assertEq(channels.redeem(_one(v)), 36, "a claim above the voucher pays up to the voucher");
        assertEq(channels.channel(id).redeemed, 100, "redeemed up to the voucher");
    }

    function testFuzz_redeem_paysMinOfClaimVoucherAndDeposit(uint256 claim, uint256 amount) public {
        amount = bound(amount, 0, 5_000);
        claim = bound(claim, 0, 6_000);
        bytes32 id = _open(alice, epA, 1_000, expiry);
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, id, amount);
        v.claim = claim;
        uint256 expected = claim < amount ? claim : amount;
        if (expected > 1_000) expected = 1_000;
        assertEq(channels.redeem(_one(v)), expected, "paid min(claim, voucher, deposit)");
        assertEq(channels.channel(id).redeemed, expected, "redeemed min(claim, voucher, deposit)");
    }

    function test_redeem_voucherAboveTheDepositPaysUpToTheDeposit_aTopUpMakesTheRestPayable() public {
        bytes32 id = _open(alice, epA, 100, expiry);
        IUsageChannels.Redemption memory v150 = _voucher(ALICE_PK, id, 150);
        assertEq(channels.redeem(_one(v150)), 100, "capped at the deposit");
        assertEq(channels.redeem(_one(v150)), 0, "nothing more");
        assertEq(channels.channel(id).redeemed, 100, "redeemed == deposit");

        _mint(address(usd), alice, 80);
        vm.startPrank(alice);
        usd.approve(address(channels), 80);
        channels.topUp(id, 80);
        vm.stopPrank();
        assertEq(channels.redeem(_one(v150)), 50, "the same voucher pays the rest of it");
        assertEq(_redeemOne(ALICE_PK, id, 1_000), 30, "a larger one pays up to the new deposit");
        assertEq(channels.channel(id).redeemed, 180, "redeemed == deposit");
        // Three splits (100, 50, 30): 30 + 20 + 3, 15 + 10 + 1, 9 + 6 + 0 credited; the contract holds only those.
        assertEq(usd.balanceOf(address(channels)), 94, "credits only");
    }

    function test_redeem_emitsRedeemedWithTheVoucherAndWhatItPaid() public {
        bytes32 id = _open(alice, epA, 100, expiry);
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, id, 130);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.Redeemed(id, 130, 100);
        channels.redeem(_one(v));
    }

    function test_redeem_byAnyonePaysOnlyTheRecipientAndContributors() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, id, 1_000);
        vm.prank(stranger);
        assertEq(channels.redeem(_one(v)), 1_000, "paid");
        assertEq(usd.balanceOf(stranger), 0, "submitter gets nothing");
        assertEq(channels.credits(stranger, address(usd)), 0, "no credit for the submitter");
        uint256 toContributors = _share(1_000, A_DATA_BPS) + _share(1_000, A_TRAINER_BPS) + _share(1_000, A_CODER_BPS);
        assertEq(_daoSide(usd), 1_000 - toContributors, "the DAO side got the rest");
    }

    function test_redeem_anEmptyBatchPaysNothing() public {
        assertEq(channels.redeem(new IUsageChannels.Redemption[](0)), 0, "nothing");
    }

    function test_redeem_theSameChannelTwiceInOneBatchPaysTheHigherVoucherOnce() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        IUsageChannels.Redemption[] memory b = new IUsageChannels.Redemption[](3);
        b[0] = _voucher(ALICE_PK, id, 500);
        b[1] = _voucher(ALICE_PK, id, 800);
        b[2] = _voucher(ALICE_PK, id, 500);
        cheats.expectCall(address(child), abi.encodeCall(IIncomeReceiver.deposit, (usd, 800 - 426)), 1);
        assertEq(channels.redeem(b), 800, "800 in all");
        assertEq(channels.channel(id).redeemed, 800, "redeemed");
        assertEq(channels.credits(DATA, address(usd)), 240, "one split of 800");
    }

    function test_redeem_aBatchWithOneBadVoucherRevertsAsAWhole() public {
        bytes32 id1 = _open(alice, epA, 1_000, expiry);
        bytes32 id2 = _open(bob, epA, 1_000, expiry);
        IUsageChannels.Redemption[] memory b = new IUsageChannels.Redemption[](2);
        b[0] = _voucher(ALICE_PK, id1, 500);
        b[1] = _voucher(ALICE_PK, id2, 500); // alice signed for bob's channel
        vm.expectRevert(_invalidVoucher(id2, 500));
        channels.redeem(b);
        assertEq(channels.channel(id1).redeemed, 0, "nothing paid");
    }

    // ------------------------------------------------------------------------------------------------ replay

    function test_redeem_refusesAVoucherOfAnotherChannel() public {
        bytes32 mine = _open(alice, epA, 1_000, expiry);
        bytes32 other = _open(alice, epA, 1_000, expiry); // same customer, same terms
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, mine, 300);
        v.channelId = other;
        vm.expectRevert(_invalidVoucher(other, 300));
        channels.redeem(_one(v));
    }

    function test_redeem_refusesAVoucherSignedForAnotherChainId() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        // Signed in the domain of another chain.
        bytes32 digest = _digest(address(channels), block.chainid + 1, id, address(usd), address(child), 300);
        vm.expectRevert(_invalidVoucher(id, 300));
        channels.redeem(_one(IUsageChannels.Redemption(id, 300, 300, _signDigest(ALICE_PK, digest))));

        // Signed here, replayed after a fork to another chain id.
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, id, 300);
        uint256 original = block.chainid;
        cheats.chainId(original + 7);
        vm.expectRevert(_invalidVoucher(id, 300));
        channels.redeem(_one(v));
        cheats.chainId(original);
        assertEq(channels.redeem(_one(v)), 300, "valid on its own chain");
    }

    function test_redeem_refusesAVoucherOfAnotherDeployment() public {
        UsageChannels other = new UsageChannels(models, GRACE);
        bytes32 here = _open(alice, epA, 1_000, expiry);
        bytes32 there = _openOn(other, alice, epA, 1_000, expiry);
        assertTrue(here == there, "same customer, endpoint, token and count: same channel id in both");

        IUsageChannels.Redemption memory v = _voucherOn(channels, ALICE_PK, here, 300);
        vm.expectRevert(_invalidVoucher(there, 300));
        other.redeem(_one(v));
        assertEq(channels.redeem(_one(v)), 300, "valid where it was signed");
    }

    function test_redeem_refusesAnOldVoucherInAReopenedChannel() public {
        uint64 soon = uint64(T0 + 1 hours);
        bytes32 old = _open(alice, epA, 1_000, soon);
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, old, 300);
        vm.warp(soon + GRACE + 1);
        channels.reclaim(old);

        bytes32 reopened = _open(alice, epA, 1_000, uint64(block.timestamp + 1 days)); // same terms
        assertTrue(reopened != old, "a new id");
        vm.expectRevert(_err(IUsageChannels.UsageChannelsUnknownChannel.selector, old));
        channels.redeem(_one(v));
        v.channelId = reopened;
        vm.expectRevert(_invalidVoucher(reopened, 300));
        channels.redeem(_one(v));
    }

    function test_redeem_refusesAVoucherSignedForAnotherToken() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        bytes32 digest = _digest(address(channels), block.chainid, id, address(eur), address(child), 300);
        vm.expectRevert(_invalidVoucher(id, 300));
        channels.redeem(_one(IUsageChannels.Redemption(id, 300, 300, _signDigest(ALICE_PK, digest))));
    }

    function test_redeem_refusesAVoucherSignedForAnotherRecipient() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        bytes32 digest = _digest(address(channels), block.chainid, id, address(usd), address(mainTreasury), 300);
        vm.expectRevert(_invalidVoucher(id, 300));
        channels.redeem(_one(IUsageChannels.Redemption(id, 300, 300, _signDigest(ALICE_PK, digest))));
    }

    function test_redeem_refusesAVoucherSignedByAnotherKey() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        IUsageChannels.Redemption memory v = _voucher(BOB_PK, id, 300);
        vm.expectRevert(_invalidVoucher(id, 300));
        channels.redeem(_one(v));
    }

    function test_redeem_refusesARaisedAmount() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, id, 300);
        v.cumulativeAmount = 301;
        vm.expectRevert(_invalidVoucher(id, 301));
        channels.redeem(_one(v));
    }

    function test_redeem_refusesAMalformedSignature() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        vm.expectRevert(_invalidVoucher(id, 300));
        channels.redeem(_one(IUsageChannels.Redemption(id, 300, 300, hex"deadbeef")));
    }

    function test_redeem_refusesAnUnknownChannel() public {
        bytes32 id = keccak256("nope");
        vm.expectRevert(_err(IUsageChannels.UsageChannelsUnknownChannel.selector, id));
        channels.redeem(_one(IUsageChannels.Redemption(id, 1, 1, "")));
    }

    // ------------------------------------------------------------------------------------------------ ERC-1271

    function _walletChannel(UsageWallet wallet, uint256 amount) internal returns (bytes32 id) {
        address owner = vm.addr(WALLET_OWNER_PK);
        usd.mint(address(wallet), amount);
        vm.startPrank(owner);
        wallet.execute(address(usd), abi.encodeCall(IERC20.approve, (address(channels), amount)));
        bytes memory ret = wallet.execute(address(channels), abi.encodeCall(UsageChannels.open, (epA, amount, expiry)));
        vm.stopPrank();
        id = abi.decode(ret, (bytes32));
        assertEq(channels.channel(id).customer, address(wallet), "the wallet is the customer");
    }

    function test_redeem_acceptsVouchersOfAnERC1271Wallet() public {
        UsageWallet wallet = new UsageWallet(vm.addr(WALLET_OWNER_PK));
        bytes32 id = _walletChannel(wallet, 1_000);
        assertEq(_redeemOne(WALLET_OWNER_PK, id, 400), 400, "wallet voucher pays");
        assertEq(channels.channel(id).redeemed, 400, "redeemed");
    }

    function test_redeem_refusesAVoucherTheERC1271WalletRejects() public {
        UsageWallet wallet = new UsageWallet(vm.addr(WALLET_OWNER_PK));
        bytes32 id = _walletChannel(wallet, 1_000);
        IUsageChannels.Redemption memory notOwners = _voucher(ALICE_PK, id, 400);
        vm.expectRevert(_invalidVoucher(id, 400));
        channels.redeem(_one(notOwners));
        IUsageChannels.Redemption memory owners = _voucher(WALLET_OWNER_PK, id, 400);
        wallet.setRefuseAll(true);
        vm.expectRevert(_invalidVoucher(id, 400));
        channels.redeem(_one(owners));
        wallet.setRefuseAll(false);
        assertEq(channels.redeem(_one(owners)), 400, "accepted once the wallet accepts it");
    }

    // ------------------------------------------------------------------------------------------------ the split

    /// @dev Six channels of three customers on two models of two DAOs (a child and the main DAO) and two tokens,
    /// interleaved in one batch: three groups, each split once.
    function test_redeem_batchAcrossChannelsModelsAndDAOsSplitsOncePerModelTokenAndRecipient() public {
        bytes32[6] memory ids;
        ids[0] = _open(alice, epA, 1_000, expiry); // group 1: (A, USD, child)
        ids[1] = _open(alice, epB, 2_000, expiry); // group 2: (B, USD, main treasury)
        ids[2] = _open(carol, epAEur, 800, expiry); // group 3: (A, EUR, child)
        ids[3] = _open(bob, epA, 500, expiry); // group 1
        ids[4] = _open(bob, epB, 300, expiry); // group 2
        ids[5] = _open(carol, epA, 400, expiry); // group 1
        uint256[6] memory vouchers = [uint256(700), 1_234, 555, 600, 299, 401];
        uint256[6] memory paid = [uint256(700), 1_234, 555, 500, 299, 400]; // 600 > 500, 401 > 400: capped
        uint256[6] memory pks = [ALICE_PK, ALICE_PK, CAROL_PK, BOB_PK, BOB_PK, CAROL_PK];
        IUsageChannels.Redemption[] memory b = new IUsageChannels.Redemption[](6);
        for (uint256 i; i < 6; ++i) b[i] = _voucher(pks[i], ids[i], vouchers[i]);

        // Group 1: 1600 USD of model A: 480 + 320 + 53 to contributors (0 to the zero share), 747 to the child DAO.
        // Group 2: 1533 USD of model B: 229 + 76 to contributors, 1228 to the main treasury.
        // Group 3: 555 EUR of model A: 166 + 111 + 18 to contributors, 260 to the child DAO.
        cheats.expectCall(address(child), abi.encodeCall(IIncomeReceiver.deposit, (usd, 747)), 1);
        cheats.expectCall(address(child), abi.encodeCall(IIncomeReceiver.deposit, (eur, 260)), 1);
        cheats.expectCall(
            address(mainTreasury),
            abi.encodeCall(ITreasury.deposit, (usd, 1_228, ITreasury.IncomeSource.Other)),
            1
        );
        cheats.recordLogs();
        vm.prank(stranger);
        uint256 total = channels.redeem(b);
        UsageCheats.Log[] memory logs = cheats.getRecordedLogs();
        assertEq(total, 1_600 + 1_533 + 555, "total");

        // The contract's own events, exactly and in order.
        bytes[] memory want = new bytes[](17);
        for (uint256 i; i < 6; ++i) {
            want[i] = abi.encode(IUsageChannels.Redeemed.selector, ids[i], vouchers[i], paid[i]);
        }
        want[6] = _credited(modelA, DATA, usd, 480);
        want[7] = _credited(modelA, TRAINER, usd, 320);
        want[8] = _credited(modelA, CODER, usd, 53);
        want[9] = _split(modelA, usd, address(child), 1_600, 853, 747);
        want[10] = _credited(modelB, DATA, usd, 229);
        want[11] = _credited(modelB, OPS, usd, 76);
        want[12] = _split(modelB, usd, address(mainTreasury), 1_533, 305, 1_228);
        want[13] = _credited(modelA, DATA, eur, 166);
        want[14] = _credited(modelA, TRAINER, eur, 111);
        want[15] = _credited(modelA, CODER, eur, 18);
        want[16] = _split(modelA, eur, address(child), 555, 295, 260);
        uint256 n;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(channels)) continue;
            assertTrue(n < want.length, "no more events than expected");
            assertTrue(keccak256(_flatten(logs[i])) == keccak256(want[n]), "event in order");
            n++;
        }
        assertEq(n, want.length, "event count");

        // Credits: DATA contributes to both models.
        assertEq(channels.credits(DATA, address(usd)), 480 + 229, "data usd");
        assertEq(channels.credits(DATA, address(eur)), 166, "data eur");
        assertEq(channels.credits(TRAINER, address(usd)), 320, "trainer usd");
        assertEq(channels.credits(CODER, address(eur)), 18, "coder eur");
        assertEq(channels.credits(OPS, address(usd)), 76, "ops usd");
        assertEq(channels.credits(CREDITED, address(usd)), 0, "a zero share is credited nothing");

        // The child DAO paid its 2% protocol fee to the main treasury, which routed 8% of every income to education.
        uint256 feeUsd = _share(747, FEE_BPS); // 14
        uint256 feeEur = _share(260, FEE_BPS); // 5
        assertEq(usd.balanceOf(address(child)), 747 - feeUsd, "child usd");
        assertEq(eur.balanceOf(address(child)), 260 - feeEur, "child eur");
        assertEq(usd.balanceOf(address(education)), 2 + 99, "education usd: ceil(14 * 8%) + ceil(1228 * 8%)");
        assertEq(usd.balanceOf(address(mainTreasury)), feeUsd + 1_228 - 101, "main usd");
        assertEq(_daoSide(usd), 747 + 1_228, "DAO side usd");
        assertEq(_daoSide(eur), 260, "DAO side eur");

        // Held: what was not redeemed, plus the credits.
        assertEq(usd.balanceOf(address(channels)), (4_200 - 1_600 - 1_533) + 480 + 229 + 320 + 53 + 76, "usd held");
        assertEq(eur.balanceOf(address(channels)), (800 - 555) + 166 + 111 + 18, "eur held");

        // Contributors pull their credits.
        vm.prank(DATA);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.CreditsWithdrawn(DATA, address(usd), 709);
        assertEq(channels.withdrawCredits(address(usd)), 709, "withdrawn");
        assertEq(usd.balanceOf(DATA), 709, "paid");
        assertEq(channels.credits(DATA, address(usd)), 0, "zeroed");
        assertEq(channels.credits(DATA, address(eur)), 166, "the other token is untouched");
        vm.prank(DATA);
        vm.expectRevert(IUsageChannels.UsageChannelsZeroAmount.selector);
        channels.withdrawCredits(address(usd));
        vm.prank(OPS);
        channels.withdrawCredits(address(usd));
        assertEq(usd.balanceOf(OPS), 76, "ops paid");
    }

    function _credited(
        uint256 model,
        address account,
        IERC20 token,
        uint256 amount
    ) internal pure returns (bytes memory) {
        return
            abi.encode(
                IUsageChannels.ContributorCredited.selector,
                bytes32(model),
                bytes32(uint256(uint160(account))),
                bytes32(uint256(uint160(address(token)))),
                amount
            );
    }

    function _split(
        uint256 model,
        IERC20 token,
        address recipient,
        uint256 total,
        uint256 toContributors,
        uint256 toDAO
    ) internal pure returns (bytes memory) {
        return
            abi.encode(
                IUsageChannels.RevenueSplit.selector,
                bytes32(model),
                bytes32(uint256(uint160(address(token)))),
                bytes32(uint256(uint160(recipient))),
                total,
                toContributors,
                toDAO
            );
    }

    /// @dev A log as its topics followed by its data, to compare with an abi.encode of the expected values.
    function _flatten(UsageCheats.Log memory log) internal pure returns (bytes memory out) {
        for (uint256 i; i < log.topics.length; ++i) out = bytes.concat(out, log.topics[i]);
        out = bytes.concat(out, log.data);
    }

    function test_withdrawCredits_revertsWithNothingToWithdraw() public {
        vm.prank(DATA);
        vm.expectRevert(IUsageChannels.UsageChannelsZeroAmount.selector);
        channels.withdrawCredits(address(usd));
    }

    function test_redeem_recordsTheMainDAOsIncomeAsOther() public {
        bytes32 id = _open(alice, epB, 1_000, expiry);
        uint256 toDAO = 1_000 - 150 - 50;
        cheats.expectEmit(true, true, true, true, address(mainTreasury));
        emit ITreasury.IncomeReceived(address(usd), address(channels), ITreasury.IncomeSource.Other, toDAO, 64);
        _redeemOne(ALICE_PK, id, 1_000);
    }

    function test_redeem_aChildDAOsIncomePaysTheProtocolFee() public {
        bytes32 id = _open(alice, epA, 10_000, expiry);
        uint256 toDAO = 10_000 - 3_000 - 2_000 - 333;
        cheats.expectEmit(true, true, true, true, address(child));
        emit ChildTreasury.IncomeReceived(address(usd), address(channels), toDAO, _share(toDAO, FEE_BPS), 0);
        _redeemOne(ALICE_PK, id, 10_000);
    }

    function test_redeem_paysEverythingToTheDAOWhenTheModelHasNoContributors() public {
        bytes32[3] memory ids;
        ids[0] = _open(alice, epC, 100, expiry);
        ids[1] = _open(bob, epC, 200, expiry);
        ids[2] = _open(carol, epC, 300, expiry);
        IUsageChannels.Redemption[] memory b = new IUsageChannels.Redemption[](3);
        b[0] = _voucher(ALICE_PK, ids[0], 100);
        b[1] = _voucher(BOB_PK, ids[1], 150);
        b[2] = _voucher(CAROL_PK, ids[2], 300);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.RevenueSplit(modelC, address(usd), address(simpleTreasury), 550, 0, 550);
        channels.redeem(b);
        assertEq(simpleTreasury.depositCount(), 1, "one income for the batch");
        assertEq(simpleTreasury.received(address(usd)), 550, "all of it");
    }

    function test_redeem_creditsEverythingAndSkipsTheDepositWhenSharesAre100Percent() public {
        IModelRegistry.Contributor[] memory all = new IModelRegistry.Contributor[](2);
        all[0] = _contributor(DATA, IModelRegistry.Role.Data, 7_000);
        all[1] = _contributor(TRAINER, IModelRegistry.Role.Model, 3_000);
        vm.prank(CHILD_GOV);
        models.setContributors(modelA, all);
        bytes32 id = _open(alice, epA, 1_000, expiry);
        cheats.expectCall(address(child), abi.encodeWithSelector(IIncomeReceiver.deposit.selector), 0);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.RevenueSplit(modelA, address(usd), address(child), 1_000, 1_000, 0);
        _redeemOne(ALICE_PK, id, 1_000);
        assertEq(channels.credits(DATA, address(usd)), 700, "data");
        assertEq(channels.credits(TRAINER, address(usd)), 300, "trainer");
        assertEq(_daoSide(usd), 0, "nothing to the DAO");
    }

    function test_redeem_tinyPaymentsCreditNobodyAndPayTheDAO() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        cheats.recordLogs();
        _redeemOne(ALICE_PK, id, 3); // 3 * 30% < 1
        UsageCheats.Log[] memory logs = cheats.getRecordedLogs();
        assertEq(_countLogs(logs, IUsageChannels.ContributorCredited.selector), 0, "nobody credited");
        assertEq(_daoSide(usd), 3, "all to the DAO");
    }

    function test_redeem_splitsWithTheContributorsAtRedemptionTime() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        IModelRegistry.Contributor[] memory list = new IModelRegistry.Contributor[](1);
        list[0] = _contributor(OPS, IModelRegistry.Role.Ops, 1_000);
        vm.prank(CHILD_GOV);
        models.setContributors(modelA, list);
        _redeemOne(ALICE_PK, id, 1_000);
        assertEq(channels.credits(OPS, address(usd)), 100, "the new list");
        assertEq(channels.credits(DATA, address(usd)), 0, "the old list is gone");
    }

    function test_redeem_paysTheRecipientBoundAtOpeningAfterTheModelMovesToAnotherDAO() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, id, 1_000);
        vm.prank(CHILD_GOV);
        models.transferModel(modelA, 1);
        assertEq(_redeemOne(ALICE_PK, id, 1_000), 1_000, "still redeemable");
        assertEq(channels.redeem(_one(v)), 0, "once");
        uint256 toDAO = 1_000 - 300 - 200 - 33;
        assertEq(usd.balanceOf(address(child)), toDAO - _share(toDAO, FEE_BPS), "the child DAO it was opened with");
        bytes32 later = _open(bob, epA, 1_000, expiry);
        assertEq(channels.channel(later).recipient, address(mainTreasury), "new channels pay the new owner");
    }

    function test_redeem_aTreasuryThatRejectsIncomeBlocksItsBatchAndTheCustomerReclaims() public {
        uint64 soon = uint64(T0 + 1 hours);
        bytes32 id = _open(alice, epC, 1_000, soon);
        simpleTreasury.setRejecting(true);
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, id, 600);
        vm.expectRevert(UsageIncomeTreasury.UsageIncomeTreasuryRejected.selector);
        channels.redeem(_one(v));
        assertEq(channels.channel(id).redeemed, 0, "nothing redeemed");
        vm.warp(soon + GRACE + 1);
        assertEq(channels.reclaim(id), 1_000, "everything back");
        assertEq(usd.balanceOf(alice), 1_000, "refunded");
    }

    function test_redeem_feeOnTransferTokenKeepsTheContractSolvent() public {
        bytes32 id = _open(alice, epAFot, 10_000, expiry); // 9_900 credited
        _redeemOne(ALICE_PK, id, 5_000);
        uint256 credits = _share(5_000, A_DATA_BPS) + _share(5_000, A_TRAINER_BPS) + _share(5_000, A_CODER_BPS);
        assertEq(fot.balanceOf(address(channels)), 9_900 - 5_000 + credits, "held == open + credits");
        vm.prank(DATA);
        channels.withdrawCredits(address(fot));
        assertEq(fot.balanceOf(DATA), 1_485, "1% lost in transit");
        assertEq(fot.balanceOf(address(channels)), 9_900 - 5_000 + credits - 1_500, "held after withdrawal");
    }

    // ------------------------------------------------------------------------------------------------ grace, reclaim

    function test_redeem_worksAtTheEndOfGraceAndIsClosedOneSecondLater() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        IUsageChannels.Redemption memory v100 = _voucher(ALICE_PK, id, 100);
        IUsageChannels.Redemption memory v200 = _voucher(ALICE_PK, id, 200);
        vm.warp(expiry + GRACE);
        assertEq(channels.redeem(_one(v100)), 100, "redeemable at expiresAt + GRACE");
        vm.warp(expiry + GRACE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageChannels.UsageChannelsRedemptionClosed.selector, id, expiry + GRACE)
        );
        channels.redeem(_one(v200));
    }

    function test_reclaim_revertsUntilGraceEndedThenRefundsTheRestAndDeletesTheChannel() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        _redeemOne(ALICE_PK, id, 350);
        bytes memory notYet = abi.encodeWithSelector(
            IUsageChannels.UsageChannelsNotReclaimable.selector,
            id,
            expiry + GRACE + 1
        );
        vm.expectRevert(notYet);
        channels.reclaim(id);
        vm.warp(expiry);
        vm.expectRevert(notYet);
        channels.reclaim(id);
        vm.warp(expiry + GRACE);
        vm.expectRevert(notYet);
        channels.reclaim(id);

        vm.warp(expiry + GRACE + 1);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.ChannelReclaimed(id, alice, 650);
        vm.prank(stranger); // anyone may close it; the customer is paid
        assertEq(channels.reclaim(id), 650, "refund");
        assertEq(usd.balanceOf(alice), 650, "customer refunded deposit - redeemed");
        assertEq(usd.balanceOf(stranger), 0, "caller gets nothing");

        IUsageChannels.Channel memory c = channels.channel(id);
        assertEq(c.customer, address(0), "deleted");
        assertEq(c.deposit, 0, "deposit cleared");
        assertEq(c.redeemed, 0, "redeemed cleared");

        bytes memory unknown = _err(IUsageChannels.UsageChannelsUnknownChannel.selector, id);
        IUsageChannels.Redemption memory v = _voucher(ALICE_PK, id, 1_000); // the key still signs; no channel
        vm.expectRevert(unknown);
        channels.redeem(_one(v));
        _mint(address(usd), alice, 10);
        vm.startPrank(alice);
        usd.approve(address(channels), 10);
        vm.expectRevert(unknown);
        channels.topUp(id, 10);
        vm.expectRevert(unknown);
        channels.extend(id, uint64(block.timestamp + 1 days));
        vm.stopPrank();
        vm.expectRevert(unknown);
        channels.reclaim(id);
    }

    function test_reclaim_ofAFullyRedeemedChannelRefundsNothing() public {
        bytes32 id = _open(alice, epA, 1_000, expiry);
        _redeemOne(ALICE_PK, id, 5_000);
        vm.warp(expiry + GRACE + 1);
        assertEq(channels.reclaim(id), 0, "nothing left");
        assertEq(channels.channel(id).customer, address(0), "closed anyway");
    }

    function test_reclaim_refundsWhatArrivedOfAFeeOnTransferDeposit() public {
        bytes32 id = _open(alice, epAFot, 1_000, expiry); // 990 credited
        vm.warp(expiry + GRACE + 1);
        assertEq(channels.reclaim(id), 990, "the credited deposit");
        assertEq(fot.balanceOf(address(channels)), 0, "nothing left behind");
    }

    // ------------------------------------------------------------------------------------------------ fuzz

    /// @dev Any sequence of vouchers, redeemed one by one or in one batch: the channel pays exactly
    /// min(highest voucher, deposit), each redemption pays max(0, min(voucher, deposit) - redeemed before).
    function testFuzz_redeem_paysTheHighestVoucherCappedByTheDeposit(
        uint256 depositSeed,
        uint256[6] memory amounts,
        bool batched
    ) public {
        uint256 deposit = bound(depositSeed, 1, 1e30);
        bytes32 id = _open(alice, epA, deposit, expiry);
        IUsageChannels.Redemption[] memory b = new IUsageChannels.Redemption[](amounts.length);
        uint256 highest;
        uint256 redeemed;
        uint256 total;
        for (uint256 i; i < amounts.length; ++i) {
            amounts[i] = bound(amounts[i], 0, 2e30);
            if (amounts[i] > highest) highest = amounts[i];
            b[i] = _voucher(ALICE_PK, id, amounts[i]);
            if (!batched) {
                uint256 capped = amounts[i] < deposit ? amounts[i] : deposit;
                uint256 want = capped > redeemed ? capped - redeemed : 0;
                uint256 paid = channels.redeem(_one(b[i]));
                assertEq(paid, want, "each redemption pays the increase");
                redeemed += paid;
                total += paid;
            }
        }
        if (batched) total = channels.redeem(b);
        uint256 expected = highest < deposit ? highest : deposit;
        assertEq(total, expected, "total == min(highest voucher, deposit)");
        assertEq(channels.channel(id).redeemed, expected, "redeemed");
        assertLe(channels.channel(id).redeemed, channels.channel(id).deposit, "redeemed <= deposit");
    }

    /// @dev Whatever the value chain: each contributor is credited floor(paid * share / 10_000), and what the
    /// contributors get plus what the DAO gets is exactly what was paid.
    function testFuzz_redeem_splitConservesThePaymentAndCreditsFloorShares(
        uint256 amountSeed,
        uint16[4] memory shareSeeds
    ) public {
        uint256 amount = bound(amountSeed, 1, 1e30);
        address[4] memory accounts = [DATA, TRAINER, CODER, OPS];
        IModelRegistry.Contributor[] memory list = new IModelRegistry.Contributor[](4);
        uint256 left = BPS;
        for (uint256 i; i < 4; ++i) {
            uint16 bps = uint16(bound(shareSeeds[i], 0, left));
            left -= bps;
            list[i] = _contributor(accounts[i], IModelRegistry.Role(i), bps);
        }
        vm.prank(CHILD_GOV);
        models.setContributors(modelA, list);

        bytes32 id = _open(alice, epA, amount, expiry);
        cheats.recordLogs();
        assertEq(_redeemOne(ALICE_PK, id, amount), amount, "paid");
        UsageCheats.Log[] memory logs = cheats.getRecordedLogs();

        uint256 credited;
        for (uint256 i; i < 4; ++i) {
            uint256 c = channels.credits(accounts[i], address(usd));
            assertEq(c, (amount * list[i].shareBps) / BPS, "floor share");
            credited += c;
        }
        (uint256 total, uint256 toContributors, uint256 toDAO) = _lastSplit(logs);
        assertEq(total, amount, "split total");
        assertEq(toContributors, credited, "toContributors == credits");
        assertEq(toContributors + toDAO, amount, "toContributors + toDAO == paid");
        assertEq(_daoSide(usd), toDAO, "the DAO side got toDAO");
        assertEq(usd.balanceOf(address(channels)), credited, "the contract keeps only the credits");
    }

    function _lastSplit(
        UsageCheats.Log[] memory logs
    ) internal view returns (uint256 total, uint256 toContributors, uint256 toDAO) {
        bool found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(channels) && logs[i].topics[0] == IUsageChannels.RevenueSplit.selector) {
                (total, toContributors, toDAO) = abi.decode(logs[i].data, (uint256, uint256, uint256));
                found = true;
            }
        }
        assertTrue(found, "RevenueSplit emitted");
    }
}

/// @dev The gas budget of a batch: 50 channels of one endpoint, opened and signed in setUp so that the redemption
/// is measured on cold storage, as in a real transaction.
contract UsageChannelsGasTest is UsageWorld {
    uint256 internal constant CHANNELS = 50;
    uint256 internal constant BUDGET_PER_CHANNEL = 40_000;
    IUsageChannels.Redemption[] internal _batch;

    function setUp() public {
        _deployWorld();
        for (uint256 i; i < CHANNELS; ++i) {
            uint256 pk = 0x1000 + i;
            bytes32 id = _open(vm.addr(pk), epA, 1_000, uint64(T0 + 30 days));
            _batch.push(_voucher(pk, id, 100 + i));
        }
    }

    function test_redeem_batchOf50ChannelsCostsAtMost40kGasPerChannel() public {
        IUsageChannels.Redemption[] memory b = _batch;
        uint256 before = gasleft();
        uint256 total = channels.redeem(b);
        uint256 used = before - gasleft();
        uint256 perChannel = used / CHANNELS;
        console.log("UsageChannels.redeem: 50 channels, gas", used, "per channel", perChannel);
        assertEq(total, 50 * 100 + (49 * 50) / 2, "paid");
        assertLe(perChannel, BUDGET_PER_CHANNEL, "gas per channel");
    }
}
