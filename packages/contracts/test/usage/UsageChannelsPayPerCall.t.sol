// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {DemoUSD} from "../../contracts/token/DemoUSD.sol";
import {IERC3009} from "../../contracts/token/IERC3009.sol";
import {IIncomeReceiver} from "../../contracts/templates/donation/IIncomeReceiver.sol";
import {IModelRegistry} from "../../contracts/registry/IModelRegistry.sol";
import {ITreasury} from "../../contracts/treasury/ITreasury.sol";
import {IUsageChannels} from "../../contracts/usage/IUsageChannels.sol";
import {UsageCheats} from "../mocks/usage/UsageCheats.sol";
import {UsageWorld} from "../mocks/usage/UsageWorld.sol";

/// @dev UsageChannels.payWithAuthorization (x402 `exact`): one call paid with an EIP-3009 authorization of DemoUSD
/// made out to the contract, split at once like a redemption (see {UsageWorld} for the models and DAOs).
contract UsageChannelsPayPerCallTest is UsageWorld {
    uint256 internal constant ALICE_PK = 0xA11CE;
    uint256 internal constant MALLORY_PK = 0x3A11;
    address internal constant FACILITATOR = address(0xFAC1);
    bytes32 internal constant TRANSFER_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    DemoUSD internal dusd;
    address internal alice;
    uint256 internal epADusd; // model A (child DAO), DemoUSD
    uint256 internal epBDusd; // model B (main DAO), DemoUSD
    uint256 internal epCDusd; // model C (DAO 3, no contributors), DemoUSD
    uint256 internal epADusdOff; // model A, DemoUSD, switched off

    /// @dev The terms of one authorization.
    struct Auth {
        address from;
        address to;
        uint256 value;
        uint256 validAfter;
        uint256 validBefore;
        bytes32 nonce;
    }

    function setUp() public {
        _deployWorld();
        alice = vm.addr(ALICE_PK);
        dusd = new DemoUSD(address(this));
        epADusd = _endpoint(modelA, CHILD_GOV, address(dusd), true);
        epBDusd = _endpoint(modelB, MAIN_GOV, address(dusd), true);
        epCDusd = _endpoint(modelC, MOCK_GOV, address(dusd), true);
        epADusdOff = _endpoint(modelA, CHILD_GOV, address(dusd), false);
        dusd.mint(alice, 1_000_000e6);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /// @dev The EIP-712 digest of a DemoUSD transfer authorization, built independently of the token.
    function _authDigest(Auth memory a) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Demo USD"), keccak256("1"), block.chainid, address(dusd))
        );
        bytes32 structHash = keccak256(
            abi.encode(TRANSFER_TYPEHASH, a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce)
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    /// @dev Alice authorizes `value` to the UsageChannels contract, valid for the next hour.
    function _auth(uint256 value, bytes32 nonce) internal view returns (Auth memory) {
        return Auth(alice, address(channels), value, block.timestamp - 1, block.timestamp + 1 hours, nonce);
    }

    function _pay(uint256 endpointId, Auth memory a, bytes memory sig) internal returns (uint256) {
        vm.prank(FACILITATOR);
        return channels.payWithAuthorization(endpointId, a.from, a.value, a.validAfter, a.validBefore, a.nonce, sig);
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

    /// @dev Every contributor's credits in `token`.
    function _allCredits(address token) internal view returns (uint256) {
        return
            channels.credits(DATA, token) +
            channels.credits(TRAINER, token) +
            channels.credits(CODER, token) +
            channels.credits(CREDITED, token) +
            channels.credits(OPS, token);
    }

    function _unavailable(uint256 endpointId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IUsageChannels.UsageChannelsEndpointUnavailable.selector, endpointId);
    }

    function _credited(uint256 modelId, address account, uint256 amount) internal view returns (bytes memory) {
        return
            abi.encode(
                IUsageChannels.ContributorCredited.selector,
                bytes32(modelId),
                bytes32(uint256(uint160(account))),
                bytes32(uint256(uint160(address(dusd)))),
                amount
            );
    }

    // ------------------------------------------------------------------------------------------------ pays

    function test_payWithAuthorization_modelA_splitsExactlyAndEmitsPaidPerCall() public {
        uint256 value = 1_000_000; // 1 dUSD
        Auth memory a = _auth(value, keccak256("call-1"));
        bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
        uint256 toData = _share(value, A_DATA_BPS); // 300_000
        uint256 toTrainer = _share(value, A_TRAINER_BPS); // 200_000
        uint256 toCoder = _share(value, A_CODER_BPS); // 33_300
        uint256 toContributors = toData + toTrainer + toCoder;
        uint256 toDAO = value - toContributors; // 466_700

        cheats.expectCall(address(child), abi.encodeCall(IIncomeReceiver.deposit, (dusd, toDAO)), 1);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.PaidPerCall(epADusd, alice, a.nonce, address(dusd), value);
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.RevenueSplit(modelA, address(dusd), address(child), value, toContributors, toDAO);
        assertEq(_pay(epADusd, a, sig), value, "received");

        assertEq(toDAO, 466_700, "worked example");
        assertEq(dusd.balanceOf(alice), 1_000_000e6 - value, "the payer paid exactly value");
        assertEq(channels.credits(DATA, address(dusd)), toData, "data credited");
        assertEq(channels.credits(TRAINER, address(dusd)), toTrainer, "trainer credited");
        assertEq(channels.credits(CODER, address(dusd)), toCoder, "coder credited");
        assertEq(channels.credits(CREDITED, address(dusd)), 0, "a zero share is credited nothing");
        assertEq(channels.credits(FACILITATOR, address(dusd)), 0, "the submitter is credited nothing");
        assertEq(dusd.balanceOf(FACILITATOR), 0, "the submitter is paid nothing");
        assertEq(dusd.balanceOf(address(channels)), toContributors, "the contract holds only the credits");
        assertEq(_daoSide(dusd), toDAO, "the DAO side got the rest");
        assertEq(_allCredits(address(dusd)) + _daoSide(dusd), value, "exact split");
        // The child DAO paid its 2% protocol fee to the main treasury (which routes education's share).
        uint256 fee = _share(toDAO, FEE_BPS);
        assertEq(dusd.balanceOf(address(child)), toDAO - fee, "child keeps the rest after the fee");
        assertEq(
            dusd.balanceOf(address(mainTreasury)) + dusd.balanceOf(address(education)),
            fee,
            "protocol fee to the main DAO"
        );
        assertTrue(dusd.authorizationState(alice, a.nonce), "authorization used");
    }

    function test_payWithAuthorization_emitsTheContributorCreditsInOrder() public {
        uint256 value = 10_000;
        Auth memory a = _auth(value, keccak256("call-events"));
        bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
        cheats.recordLogs();
        _pay(epADusd, a, sig);
        UsageCheats.Log[] memory logs = cheats.getRecordedLogs();
        bytes[] memory want = new bytes[](5);
        want[0] = abi.encode(
            IUsageChannels.PaidPerCall.selector,
            bytes32(epADusd),
            bytes32(uint256(uint160(alice))),
            a.nonce,
            address(dusd),
            value
        );
        want[1] = _credited(modelA, DATA, 3_000);
        want[2] = _credited(modelA, TRAINER, 2_000);
        want[3] = _credited(modelA, CODER, 333);
        want[4] = abi.encode(
            IUsageChannels.RevenueSplit.selector,
            bytes32(modelA),
            bytes32(uint256(uint160(address(dusd)))),
            bytes32(uint256(uint160(address(child)))),
            value,
            uint256(5_333),
            uint256(4_667)
        );
        uint256 n;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(channels)) continue;
            assertTrue(n < want.length, "no more events than expected");
            bytes memory got;
            for (uint256 t; t < logs[i].topics.length; ++t) got = abi.encodePacked(got, logs[i].topics[t]);
            got = abi.encodePacked(got, logs[i].data);
            assertTrue(keccak256(got) == keccak256(want[n]), "event in order");
            n++;
        }
        assertEq(n, want.length, "event count");
    }

    function test_payWithAuthorization_mainDAOModelDepositsTheRestInTheMainTreasury() public {
        uint256 value = 2_000_000;
        Auth memory a = _auth(value, keccak256("call-main"));
        uint256 toData = _share(value, B_DATA_BPS); // 300_000
        uint256 toOps = _share(value, B_OPS_BPS); // 100_000
        uint256 toDAO = value - toData - toOps;
        cheats.expectCall(
            address(mainTreasury),
            abi.encodeCall(ITreasury.deposit, (dusd, toDAO, ITreasury.IncomeSource.Other)),
            1
        );
        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.RevenueSplit(modelB, address(dusd), address(mainTreasury), value, toData + toOps, toDAO);
        assertEq(_pay(epBDusd, a, _signDigest(ALICE_PK, _authDigest(a))), value, "received");
        assertEq(channels.credits(DATA, address(dusd)), toData, "data credited");
        assertEq(channels.credits(OPS, address(dusd)), toOps, "ops credited");
        assertEq(_daoSide(dusd), toDAO, "main treasury + education");
        assertEq(dusd.balanceOf(address(child)), 0, "not the child DAO");
        assertEq(_allCredits(address(dusd)) + _daoSide(dusd), value, "exact split");
    }

    function test_payWithAuthorization_modelWithoutContributorsPaysAllToTheDAO() public {
        uint256 value = 777;
        Auth memory a = _auth(value, keccak256("call-c"));
        _pay(epCDusd, a, _signDigest(ALICE_PK, _authDigest(a)));
        assertEq(dusd.balanceOf(address(simpleTreasury)), value, "all to DAO 3");
        assertEq(simpleTreasury.received(address(dusd)), value, "recorded as income");
        assertEq(simpleTreasury.depositCount(), 1, "one deposit");
        assertEq(dusd.balanceOf(address(channels)), 0, "nothing held");
    }

    function test_payWithAuthorization_contributorsWithdrawTheirCredits() public {
        Auth memory a = _auth(1_000_000, keccak256("call-w"));
        _pay(epADusd, a, _signDigest(ALICE_PK, _authDigest(a)));
        vm.prank(DATA);
        assertEq(channels.withdrawCredits(address(dusd)), 300_000, "withdrawn");
        assertEq(dusd.balanceOf(DATA), 300_000, "paid in DemoUSD");
        assertEq(dusd.balanceOf(address(channels)), 200_000 + 33_300, "the others still held");
    }

    function test_payWithAuthorization_twoCallsWithDistinctNoncesBothPay() public {
        Auth memory a = _auth(1_000, keccak256("call-x"));
        Auth memory b = _auth(2_000, keccak256("call-y"));
        _pay(epADusd, a, _signDigest(ALICE_PK, _authDigest(a)));
        _pay(epBDusd, b, _signDigest(ALICE_PK, _authDigest(b)));
        assertEq(dusd.balanceOf(alice), 1_000_000e6 - 3_000, "paid both");
        assertEq(_allCredits(address(dusd)) + _daoSide(dusd), 3_000, "exact split of both");
    }

    // ------------------------------------------------------------------------------------------------ refusals

    function test_payWithAuthorization_replayReverts() public {
        Auth memory a = _auth(1_000, keccak256("call-2"));
        bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
        _pay(epADusd, a, sig);
        uint256 held = dusd.balanceOf(address(channels));
        bytes memory used = abi.encodeWithSelector(IERC3009.ERC3009AuthorizationUsed.selector, alice, a.nonce);
        vm.expectRevert(used);
        _pay(epADusd, a, sig);
        // Nor on another endpoint in the same token.
        vm.expectRevert(used);
        _pay(epBDusd, a, sig);
        assertEq(dusd.balanceOf(alice), 1_000_000e6 - 1_000, "paid once");
        assertEq(dusd.balanceOf(address(channels)), held, "nothing more held");
    }

    function test_payWithAuthorization_authorizationToAnotherAddressReverts() public {
        bytes memory invalid = abi.encodeWithSelector(IERC3009.ERC3009InvalidSignature.selector, alice);
        address[3] memory payees = [address(child), FACILITATOR, address(mainTreasury)];
        for (uint256 i; i < payees.length; ++i) {
            Auth memory a = _auth(1_000, keccak256(abi.encode("call-3", i)));
            a.to = payees[i];
            bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
            vm.expectRevert(invalid);
            _pay(epADusd, a, sig);
            assertTrue(!dusd.authorizationState(alice, a.nonce), "not consumed");
        }
        assertEq(dusd.balanceOf(alice), 1_000_000e6, "nothing moved");
    }

    function test_payWithAuthorization_signatureByAnotherKeyOrForAnotherValueReverts() public {
        bytes memory invalid = abi.encodeWithSelector(IERC3009.ERC3009InvalidSignature.selector, alice);
        Auth memory a = _auth(1_000, keccak256("call-4"));
        vm.expectRevert(invalid);
        _pay(epADusd, a, _signDigest(MALLORY_PK, _authDigest(a)));
        bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
        a.value = 1_001;
        vm.expectRevert(invalid);
        _pay(epADusd, a, sig);
    }

    function test_payWithAuthorization_expiredAuthorizationReverts() public {
        Auth memory a = _auth(1_000, keccak256("call-5"));
        bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
        vm.warp(a.validBefore);
        vm.expectRevert(abi.encodeWithSelector(IERC3009.ERC3009Expired.selector, a.validBefore));
        _pay(epADusd, a, sig);
    }

    function test_payWithAuthorization_zeroValueReverts() public {
        Auth memory a = _auth(0, keccak256("call-0"));
        vm.expectRevert(IUsageChannels.UsageChannelsZeroAmount.selector);
        _pay(epADusd, a, _signDigest(ALICE_PK, _authDigest(a)));
        assertTrue(!dusd.authorizationState(alice, a.nonce), "the whole call reverted");
    }

    function test_payWithAuthorization_inactiveEndpointReverts() public {
        Auth memory a = _auth(1_000, keccak256("call-6"));
        bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
        vm.expectRevert(_unavailable(epADusdOff));
        _pay(epADusdOff, a, sig);
        assertTrue(!dusd.authorizationState(alice, a.nonce), "authorization left unused");
        assertEq(dusd.balanceOf(alice), 1_000_000e6, "nothing moved");
    }

    function test_payWithAuthorization_endpointSwitchedOffOrOutOfProductionReverts() public {
        Auth memory a = _auth(1_000, keccak256("call-7"));
        bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
        uint256 snapshot = vm.snapshotState();
        vm.prank(CHILD_GOV);
        models.setEndpointActive(epADusd, false);
        vm.expectRevert(_unavailable(epADusd));
        _pay(epADusd, a, sig);
        vm.revertToState(snapshot);
        vm.prank(CHILD_GOV);
        models.setStage(modelA, 1, IModelRegistry.Stage.Deprecated);
        vm.expectRevert(_unavailable(epADusd));
        _pay(epADusd, a, sig);
    }

    function test_payWithAuthorization_endpointPricedInETHReverts() public {
        Auth memory a = _auth(1_000, keccak256("call-8"));
        vm.expectRevert(_unavailable(epAEth));
        _pay(epAEth, a, _signDigest(ALICE_PK, _authDigest(a)));
    }

    function test_payWithAuthorization_tokenWithoutCodeReverts() public {
        uint256 ep = _endpoint(modelA, CHILD_GOV, address(0xDEAD), true);
        Auth memory a = _auth(1_000, keccak256("call-9"));
        vm.expectRevert(_unavailable(ep));
        _pay(ep, a, _signDigest(ALICE_PK, _authDigest(a)));
    }

    function test_payWithAuthorization_tokenWithoutEIP3009Reverts() public {
        _mint(address(usd), alice, 1_000);
        Auth memory a = _auth(1_000, keccak256("call-10"));
        bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
        vm.expectRevert();
        _pay(epA, a, sig);
        assertEq(usd.balanceOf(alice), 1_000, "nothing moved");
        vm.expectRevert();
        _pay(epAPermit, a, sig); // EIP-2612 is not EIP-3009
    }

    function test_payWithAuthorization_unknownEndpointReverts() public {
        Auth memory a = _auth(1_000, keccak256("call-11"));
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownEndpoint.selector, 999));
        _pay(999, a, _signDigest(ALICE_PK, _authDigest(a)));
    }

    /// @dev Documents a limitation: the authorization is a TransferWithAuthorization (what x402 clients sign), so
    /// anyone who sees it can submit it to the token directly. The value then reaches UsageChannels unsplit (no
    /// PaidPerCall, no credits, nothing to the DAO) and the real payWithAuthorization reverts as a replay.
    function test_payWithAuthorization_aFrontRunDirectTransferLeavesTheValueUnsplit() public {
        Auth memory a = _auth(1_000, keccak256("call-front"));
        bytes memory sig = _signDigest(ALICE_PK, _authDigest(a));
        vm.prank(address(0xBAD));
        dusd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
        vm.expectRevert(abi.encodeWithSelector(IERC3009.ERC3009AuthorizationUsed.selector, alice, a.nonce));
        _pay(epADusd, a, sig);
        assertEq(dusd.balanceOf(address(channels)), 1_000, "held by UsageChannels");
        assertEq(_allCredits(address(dusd)) + _daoSide(dusd), 0, "split to no one");
    }

    // ------------------------------------------------------------------------------------------------ fuzz

    function testFuzz_payWithAuthorization_splitIsExact(uint256 value, bytes32 nonce, uint8 which) public {
        value = bound(value, 1, 1_000_000e6);
        uint256[3] memory eps = [epADusd, epBDusd, epCDusd];
        uint256 ep = eps[which % 3];
        uint256 modelId = models.endpoint(ep).modelId;
        Auth memory a = _auth(value, nonce);
        uint256 toContributors;
        IModelRegistry.Contributor[] memory list = models.contributors(modelId);
        for (uint256 i; i < list.length; ++i) toContributors += _share(value, list[i].shareBps);

        cheats.expectEmit(true, true, true, true, address(channels));
        emit IUsageChannels.PaidPerCall(ep, alice, nonce, address(dusd), value);
        assertEq(_pay(ep, a, _signDigest(ALICE_PK, _authDigest(a))), value, "received");

        for (uint256 i; i < list.length; ++i) {
            assertEq(
                channels.credits(list[i].account, address(dusd)),
                _share(value, list[i].shareBps),
                "floor(value * share / 10000)"
            );
        }
        assertEq(_allCredits(address(dusd)), toContributors, "credits");
        assertEq(_daoSide(dusd), value - toContributors, "DAO side");
        assertEq(_allCredits(address(dusd)) + _daoSide(dusd), value, "credits + DAO side == value");
        assertEq(dusd.balanceOf(address(channels)), toContributors, "held == credits");
        assertEq(dusd.balanceOf(alice), 1_000_000e6 - value, "payer paid exactly value");
    }
}
