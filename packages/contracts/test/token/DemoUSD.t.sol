// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {DemoUSD} from "../../contracts/token/DemoUSD.sol";
import {IERC3009} from "../../contracts/token/IERC3009.sol";
import {UsageCheats} from "../mocks/usage/UsageCheats.sol";
import {UsageWallet} from "../mocks/usage/UsageWallet.sol";

/// @dev DemoUSD: a 6-decimal ERC-20 with EIP-2612 permit and EIP-3009 transfer/receive/cancel with authorization.
/// Every digest is built here from the EIP-712 definitions, never read from the token.
contract DemoUSDTest is Test {
    UsageCheats internal constant cheats = UsageCheats(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant ALICE_PK = 0xA11CE;
    uint256 internal constant BOB_PK = 0xB0B;
    uint256 internal constant MALLORY_PK = 0x3A11;
    uint256 internal constant WALLET_OWNER_PK = 0x3A11E7;
    address internal constant OWNER = address(0x0E1);
    address internal constant RELAYER = address(0x4E1A);
    address internal constant CAROL = address(0xCA201);

    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant TRANSFER_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 internal constant RECEIVE_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 internal constant CANCEL_TYPEHASH = keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    DemoUSD internal token;
    address internal alice;
    address internal bob;
    uint256 internal validAfter;
    uint256 internal validBefore;

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
        vm.warp(T0);
        token = new DemoUSD(OWNER);
        alice = vm.addr(ALICE_PK);
        bob = vm.addr(BOB_PK);
        validAfter = T0 - 1;
        validBefore = T0 + 1 hours;
        vm.prank(OWNER);
        token.mint(alice, 1_000e6);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    function _domainSeparator(address verifyingContract, uint256 chainId) internal pure returns (bytes32) {
        return
            keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("Demo USD"), keccak256("1"), chainId, verifyingContract));
    }

    function _typedDigest(
        address verifyingContract,
        uint256 chainId,
        bytes32 structHash
    ) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(verifyingContract, chainId), structHash));
    }

    function _authDigest(bytes32 typehash, Auth memory a) internal view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(typehash, a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce)
        );
        return _typedDigest(address(token), block.chainid, structHash);
    }

    function _sign(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    function _auth(address to, uint256 value, bytes32 nonce) internal view returns (Auth memory) {
        return Auth(alice, to, value, validAfter, validBefore, nonce);
    }

    function _transferSig(uint256 pk, Auth memory a) internal view returns (bytes memory) {
        return _sign(pk, _authDigest(TRANSFER_TYPEHASH, a));
    }

    function _receiveSig(uint256 pk, Auth memory a) internal view returns (bytes memory) {
        return _sign(pk, _authDigest(RECEIVE_TYPEHASH, a));
    }

    function _cancelSig(uint256 pk, address authorizer, bytes32 nonce) internal view returns (bytes memory) {
        bytes32 structHash = keccak256(abi.encode(CANCEL_TYPEHASH, authorizer, nonce));
        return _sign(pk, _typedDigest(address(token), block.chainid, structHash));
    }

    function _transfer(Auth memory a, bytes memory sig) internal {
        token.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
    }

    function _receive(Auth memory a, bytes memory sig) internal {
        token.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig);
    }

    function _used(address authorizer, bytes32 nonce) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IERC3009.ERC3009AuthorizationUsed.selector, authorizer, nonce);
    }

    function _invalidSig(address authorizer) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IERC3009.ERC3009InvalidSignature.selector, authorizer);
    }

    // ------------------------------------------------------------------------------------------------ metadata

    function test_metadata_sixDecimalsVersionOneNameAndSymbol() public view {
        assertEq(token.decimals(), 6, "decimals");
        assertTrue(keccak256(bytes(token.version())) == keccak256("1"), "version");
        assertTrue(keccak256(bytes(token.name())) == keccak256("Demo USD"), "name");
        assertTrue(keccak256(bytes(token.symbol())) == keccak256("dUSD"), "symbol");
        assertEq(token.owner(), OWNER, "owner");
    }

    function test_typehashes_areTheEIP3009Ones() public view {
        assertTrue(token.TRANSFER_WITH_AUTHORIZATION_TYPEHASH() == TRANSFER_TYPEHASH, "transfer typehash");
        assertTrue(token.RECEIVE_WITH_AUTHORIZATION_TYPEHASH() == RECEIVE_TYPEHASH, "receive typehash");
        assertTrue(token.CANCEL_AUTHORIZATION_TYPEHASH() == CANCEL_TYPEHASH, "cancel typehash");
        // The published EIP-3009 / USDC values.
        assertTrue(
            TRANSFER_TYPEHASH == 0x7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267,
            "transfer typehash constant"
        );
        assertTrue(
            RECEIVE_TYPEHASH == 0xd099cc98ef71107a616c4f0f941f04c322d8e254fe26b3c6668db87aae413de8,
            "receive typehash constant"
        );
        assertTrue(
            CANCEL_TYPEHASH == 0x158b0a9edf7a828aad02f63cd515c68ef2f50ba807396f6d12842833a1597429,
            "cancel typehash constant"
        );
    }

    function test_domain_isDemoUSD_1_chainId_thisAddress() public view {
        assertTrue(token.DOMAIN_SEPARATOR() == _domainSeparator(address(token), block.chainid), "domain separator");
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = token.eip712Domain();
        assertTrue(fields == hex"0f", "fields: name, version, chainId, verifyingContract");
        assertTrue(keccak256(bytes(name)) == keccak256("Demo USD"), "domain name");
        assertTrue(keccak256(bytes(version)) == keccak256("1"), "domain version");
        assertEq(chainId, block.chainid, "domain chain id");
        assertEq(verifyingContract, address(token), "domain verifying contract");
        assertTrue(salt == bytes32(0), "no salt");
        assertEq(extensions.length, 0, "no extensions");
    }

    function test_domain_followsTheChainIdAndOldChainSignaturesFail() public {
        Auth memory a = _auth(bob, 10e6, keccak256("fork"));
        bytes memory sig = _transferSig(ALICE_PK, a); // signed for the current chain
        uint256 oldChain = block.chainid;
        cheats.chainId(oldChain + 1);
        assertTrue(token.DOMAIN_SEPARATOR() == _domainSeparator(address(token), oldChain + 1), "rebuilt domain");
        assertTrue(token.DOMAIN_SEPARATOR() != _domainSeparator(address(token), oldChain), "not the old one");
        vm.expectRevert(_invalidSig(alice));
        _transfer(a, sig);
        _transfer(a, _transferSig(ALICE_PK, a)); // re-signed for the new chain
        assertEq(token.balanceOf(bob), 10e6, "paid on the new chain");
    }

    function test_domain_signatureForAnotherDeploymentFails() public {
        DemoUSD other = new DemoUSD(OWNER);
        Auth memory a = _auth(bob, 10e6, keccak256("other"));
        bytes32 structHash = keccak256(
            abi.encode(TRANSFER_TYPEHASH, a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce)
        );
        bytes memory sig = _sign(ALICE_PK, _typedDigest(address(other), block.chainid, structHash));
        vm.expectRevert(_invalidSig(alice));
        _transfer(a, sig);
    }

    function test_permit_sharesTheDomain() public {
        uint256 deadline = T0 + 1 hours;
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, alice, bob, 5e6, uint256(0), deadline));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_PK, _typedDigest(address(token), block.chainid, structHash));
        token.permit(alice, bob, 5e6, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), 5e6, "allowance");
        assertEq(token.nonces(alice), 1, "permit nonce");
    }

    // ------------------------------------------------------------------------------------------------ mint

    function test_mint_byTheOwner() public {
        vm.prank(OWNER);
        token.mint(CAROL, 42e6);
        assertEq(token.balanceOf(CAROL), 42e6, "minted");
        assertEq(token.totalSupply(), 1_042e6, "supply");
    }

    function test_mint_revertsForAnyoneButTheOwner() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        token.mint(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        token.mint(address(this), 1);
        assertEq(token.totalSupply(), 1_000e6, "nothing minted");
    }

    // ------------------------------------------------------------------------------------------------ transfer

    function test_transferWithAuthorization_bytes_movesExactlyValueAndMarksTheNonceUsed() public {
        Auth memory a = _auth(bob, 123_456_789, keccak256("n1"));
        bytes memory sig = _transferSig(ALICE_PK, a);
        assertTrue(!token.authorizationState(alice, a.nonce), "unused before");
        cheats.expectEmit(true, true, true, true, address(token));
        emit IERC3009.AuthorizationUsed(alice, a.nonce);
        cheats.expectEmit(true, true, true, true, address(token));
        emit IERC20.Transfer(alice, bob, 123_456_789);
        vm.prank(RELAYER);
        _transfer(a, sig);
        assertEq(token.balanceOf(alice), 1_000e6 - 123_456_789, "from paid exactly value");
        assertEq(token.balanceOf(bob), 123_456_789, "to got exactly value");
        assertEq(token.balanceOf(RELAYER), 0, "the submitter gets nothing");
        assertEq(token.totalSupply(), 1_000e6, "supply unchanged");
        assertTrue(token.authorizationState(alice, a.nonce), "used after");
        assertTrue(!token.authorizationState(bob, a.nonce), "the nonce is per authorizer");
    }

    function test_transferWithAuthorization_vrs_movesExactlyValueAndMarksTheNonceUsed() public {
        Auth memory a = _auth(bob, 7e6, keccak256("n2"));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_PK, _authDigest(TRANSFER_TYPEHASH, a));
        cheats.expectEmit(true, true, true, true, address(token));
        emit IERC3009.AuthorizationUsed(alice, a.nonce);
        cheats.expectEmit(true, true, true, true, address(token));
        emit IERC20.Transfer(alice, bob, 7e6);
        vm.prank(RELAYER);
        token.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(token.balanceOf(alice), 993e6, "from paid exactly value");
        assertEq(token.balanceOf(bob), 7e6, "to got exactly value");
        assertTrue(token.authorizationState(alice, a.nonce), "used after");
    }

    function test_transferWithAuthorization_replayReverts() public {
        Auth memory a = _auth(bob, 1e6, keccak256("n3"));
        bytes memory sig = _transferSig(ALICE_PK, a);
        _transfer(a, sig);
        vm.expectRevert(_used(alice, a.nonce));
        _transfer(a, sig);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_PK, _authDigest(TRANSFER_TYPEHASH, a));
        vm.expectRevert(_used(alice, a.nonce));
        token.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        // A fresh authorization with the same nonce but other terms is refused too.
        Auth memory b = _auth(CAROL, 2e6, a.nonce);
        vm.expectRevert(_used(alice, a.nonce));
        _transfer(b, _transferSig(ALICE_PK, b));
        assertEq(token.balanceOf(bob), 1e6, "paid once");
    }

    function test_transferWithAuthorization_vrsReplayOfABytesOneReverts() public {
        Auth memory a = _auth(bob, 1e6, keccak256("n4"));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_PK, _authDigest(TRANSFER_TYPEHASH, a));
        token.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        vm.expectRevert(_used(alice, a.nonce));
        _transfer(a, abi.encodePacked(r, s, v));
    }

    function test_transferWithAuthorization_notYetValidAtAndBeforeValidAfter() public {
        Auth memory a = Auth(alice, bob, 1e6, T0 + 100, T0 + 200, keccak256("n5"));
        bytes memory sig = _transferSig(ALICE_PK, a);
        bytes memory notYet = abi.encodeWithSelector(IERC3009.ERC3009NotYetValid.selector, T0 + 100);
        vm.warp(T0 + 99);
        vm.expectRevert(notYet);
        _transfer(a, sig);
        vm.warp(T0 + 100); // exactly validAfter: still too early
        vm.expectRevert(notYet);
        _transfer(a, sig);
        assertTrue(!token.authorizationState(alice, a.nonce), "not consumed");
        vm.warp(T0 + 101); // one second later
        _transfer(a, sig);
        assertEq(token.balanceOf(bob), 1e6, "paid");
    }

    function test_transferWithAuthorization_expiredAtAndAfterValidBefore() public {
        Auth memory a = Auth(alice, bob, 1e6, T0 - 1, T0 + 200, keccak256("n6"));
        bytes memory sig = _transferSig(ALICE_PK, a);
        bytes memory expired = abi.encodeWithSelector(IERC3009.ERC3009Expired.selector, T0 + 200);
        uint256 snapshot = vm.snapshotState();
        vm.warp(T0 + 200); // exactly validBefore: too late
        vm.expectRevert(expired);
        _transfer(a, sig);
        vm.warp(T0 + 201);
        vm.expectRevert(expired);
        _transfer(a, sig);
        assertTrue(!token.authorizationState(alice, a.nonce), "not consumed");
        vm.revertToState(snapshot);
        vm.warp(T0 + 199); // the last valid second
        _transfer(a, sig);
        assertEq(token.balanceOf(bob), 1e6, "paid");
    }

    function test_transferWithAuthorization_anEmptyWindowIsNeverValid() public {
        Auth memory a = Auth(alice, bob, 1e6, T0, T0 + 1, keccak256("n7"));
        bytes memory sig = _transferSig(ALICE_PK, a);
        vm.expectRevert(abi.encodeWithSelector(IERC3009.ERC3009NotYetValid.selector, T0));
        _transfer(a, sig);
        vm.warp(T0 + 1);
        vm.expectRevert(abi.encodeWithSelector(IERC3009.ERC3009Expired.selector, T0 + 1));
        _transfer(a, sig);
    }

    function test_transferWithAuthorization_signatureByAnotherKeyReverts() public {
        Auth memory a = _auth(bob, 1e6, keccak256("n8"));
        vm.expectRevert(_invalidSig(alice));
        _transfer(a, _transferSig(MALLORY_PK, a));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(MALLORY_PK, _authDigest(TRANSFER_TYPEHASH, a));
        vm.expectRevert(_invalidSig(alice));
        token.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertTrue(!token.authorizationState(alice, a.nonce), "not consumed");
        assertEq(token.balanceOf(alice), 1_000e6, "nothing moved");
    }

    function test_transferWithAuthorization_signatureForOtherTermsReverts() public {
        Auth memory a = _auth(bob, 1e6, keccak256("n9"));
        bytes memory sig = _transferSig(ALICE_PK, a);
        Auth memory changed = _auth(CAROL, 1e6, a.nonce); // another payee
        vm.expectRevert(_invalidSig(alice));
        _transfer(changed, sig);
        changed = _auth(bob, 1e6 + 1, a.nonce); // another value
        vm.expectRevert(_invalidSig(alice));
        _transfer(changed, sig);
        changed = _auth(bob, 1e6, keccak256("n9'")); // another nonce
        vm.expectRevert(_invalidSig(alice));
        _transfer(changed, sig);
        changed = Auth(alice, bob, 1e6, validAfter - 1, validBefore, a.nonce); // another window
        vm.expectRevert(_invalidSig(alice));
        _transfer(changed, sig);
        changed = Auth(alice, bob, 1e6, validAfter, validBefore + 1, a.nonce);
        vm.expectRevert(_invalidSig(alice));
        _transfer(changed, sig);
        changed = Auth(bob, bob, 1e6, validAfter, validBefore, a.nonce); // another payer
        vm.expectRevert(_invalidSig(bob));
        _transfer(changed, sig);
        _transfer(a, sig); // the original still works
        assertEq(token.balanceOf(bob), 1e6, "paid");
    }

    function test_transferWithAuthorization_malformedSignatureReverts() public {
        Auth memory a = _auth(bob, 1e6, keccak256("n10"));
        bytes memory sig = _transferSig(ALICE_PK, a);
        vm.expectRevert(_invalidSig(alice));
        _transfer(a, hex"1234");
        bytes memory truncated = new bytes(64);
        for (uint256 i; i < 64; ++i) truncated[i] = sig[i];
        vm.expectRevert(_invalidSig(alice));
        _transfer(a, truncated);
    }

    function test_transferWithAuthorization_aboveTheBalanceRevertsAndLeavesTheNonceUnused() public {
        Auth memory a = _auth(bob, 1_000e6 + 1, keccak256("n11"));
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1_000e6, 1_000e6 + 1)
        );
        _transfer(a, _transferSig(ALICE_PK, a));
        assertTrue(!token.authorizationState(alice, a.nonce), "not consumed");
    }

    function test_transferWithAuthorization_fromAnERC1271Wallet() public {
        UsageWallet wallet = new UsageWallet(vm.addr(WALLET_OWNER_PK));
        vm.prank(OWNER);
        token.mint(address(wallet), 50e6);
        Auth memory a = Auth(address(wallet), bob, 20e6, validAfter, validBefore, keccak256("w1"));
        bytes memory sig = _transferSig(WALLET_OWNER_PK, a);
        uint256 snapshot = vm.snapshotState();
        wallet.setRefuseAll(true);
        vm.expectRevert(_invalidSig(address(wallet)));
        _transfer(a, sig);
        vm.revertToState(snapshot);
        _transfer(a, sig);
        assertEq(token.balanceOf(address(wallet)), 30e6, "wallet paid");
        assertEq(token.balanceOf(bob), 20e6, "bob got it");
        assertTrue(token.authorizationState(address(wallet), a.nonce), "used");
    }

    // ------------------------------------------------------------------------------------------------ receive

    function test_receiveWithAuthorization_revertsUnlessCalledByThePayee() public {
        Auth memory a = _auth(bob, 3e6, keccak256("r1"));
        bytes memory sig = _receiveSig(ALICE_PK, a);
        vm.prank(RELAYER);
        vm.expectRevert(abi.encodeWithSelector(IERC3009.ERC3009CallerNotPayee.selector, RELAYER, bob));
        _receive(a, sig);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC3009.ERC3009CallerNotPayee.selector, alice, bob));
        _receive(a, sig);
        assertTrue(!token.authorizationState(alice, a.nonce), "not consumed");
    }

    function test_receiveWithAuthorization_byThePayeeMovesExactlyValue() public {
        Auth memory a = _auth(bob, 3e6, keccak256("r2"));
        bytes memory sig = _receiveSig(ALICE_PK, a);
        cheats.expectEmit(true, true, true, true, address(token));
        emit IERC3009.AuthorizationUsed(alice, a.nonce);
        cheats.expectEmit(true, true, true, true, address(token));
        emit IERC20.Transfer(alice, bob, 3e6);
        vm.prank(bob);
        _receive(a, sig);
        assertEq(token.balanceOf(alice), 997e6, "from paid");
        assertEq(token.balanceOf(bob), 3e6, "to got it");
        assertTrue(token.authorizationState(alice, a.nonce), "used");
        vm.prank(bob);
        vm.expectRevert(_used(alice, a.nonce));
        _receive(a, sig);
    }

    function test_receiveWithAuthorization_signatureByAnotherKeyReverts() public {
        Auth memory a = _auth(bob, 3e6, keccak256("r3"));
        vm.prank(bob);
        vm.expectRevert(_invalidSig(alice));
        _receive(a, _receiveSig(MALLORY_PK, a));
    }

    function test_typehashes_aTransferSignatureIsNotAReceiveOneAndViceVersa() public {
        Auth memory a = _auth(bob, 3e6, keccak256("r4"));
        bytes memory transferSig = _transferSig(ALICE_PK, a);
        bytes memory receiveSig = _receiveSig(ALICE_PK, a);
        vm.prank(bob);
        vm.expectRevert(_invalidSig(alice));
        _receive(a, transferSig);
        vm.expectRevert(_invalidSig(alice));
        _transfer(a, receiveSig);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_PK, _authDigest(RECEIVE_TYPEHASH, a));
        vm.expectRevert(_invalidSig(alice));
        token.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertTrue(!token.authorizationState(alice, a.nonce), "not consumed");
        vm.prank(bob);
        _receive(a, receiveSig);
        assertEq(token.balanceOf(bob), 3e6, "the right form works");
    }

    function test_receiveWithAuthorization_andTransferShareTheNonceSpace() public {
        Auth memory a = _auth(bob, 3e6, keccak256("r5"));
        _transfer(a, _transferSig(ALICE_PK, a));
        vm.prank(bob);
        vm.expectRevert(_used(alice, a.nonce));
        _receive(a, _receiveSig(ALICE_PK, a));
    }

    // ------------------------------------------------------------------------------------------------ cancel

    function test_cancelAuthorization_makesALaterTransferRevert() public {
        Auth memory a = _auth(bob, 1e6, keccak256("c1"));
        bytes memory sig = _transferSig(ALICE_PK, a);
        cheats.expectEmit(true, true, true, true, address(token));
        emit IERC3009.AuthorizationCanceled(alice, a.nonce);
        vm.prank(RELAYER);
        token.cancelAuthorization(alice, a.nonce, _cancelSig(ALICE_PK, alice, a.nonce));
        assertTrue(token.authorizationState(alice, a.nonce), "canceled counts as used");
        vm.expectRevert(_used(alice, a.nonce));
        _transfer(a, sig);
        vm.prank(bob);
        vm.expectRevert(_used(alice, a.nonce));
        _receive(a, _receiveSig(ALICE_PK, a));
        assertEq(token.balanceOf(bob), 0, "nothing moved");
    }

    function test_cancelAuthorization_ofAUsedNonceReverts() public {
        Auth memory a = _auth(bob, 1e6, keccak256("c2"));
        _transfer(a, _transferSig(ALICE_PK, a));
        bytes memory cancel = _cancelSig(ALICE_PK, alice, a.nonce);
        vm.expectRevert(_used(alice, a.nonce));
        token.cancelAuthorization(alice, a.nonce, cancel);
    }

    function test_cancelAuthorization_twiceReverts() public {
        bytes32 nonce = keccak256("c3");
        bytes memory cancel = _cancelSig(ALICE_PK, alice, nonce);
        token.cancelAuthorization(alice, nonce, cancel);
        vm.expectRevert(_used(alice, nonce));
        token.cancelAuthorization(alice, nonce, cancel);
    }

    function test_cancelAuthorization_byAnotherKeyOrForAnotherNonceReverts() public {
        bytes32 nonce = keccak256("c4");
        vm.expectRevert(_invalidSig(alice));
        token.cancelAuthorization(alice, nonce, _cancelSig(MALLORY_PK, alice, nonce));
        vm.expectRevert(_invalidSig(alice));
        token.cancelAuthorization(alice, nonce, _cancelSig(ALICE_PK, alice, keccak256("c4'")));
        // A transfer signature over the same nonce is no cancel signature.
        Auth memory a = _auth(bob, 1e6, nonce);
        vm.expectRevert(_invalidSig(alice));
        token.cancelAuthorization(alice, nonce, _transferSig(ALICE_PK, a));
        assertTrue(!token.authorizationState(alice, nonce), "still usable");
        _transfer(a, _transferSig(ALICE_PK, a));
        assertEq(token.balanceOf(bob), 1e6, "paid");
    }

    // ------------------------------------------------------------------------------------------------ fuzz

    function testFuzz_transferWithAuthorization_movesExactlyValue(
        uint256 balance,
        uint256 value,
        bytes32 nonce,
        uint256 signerPk
    ) public {
        signerPk = bound(signerPk, 1, 2 ** 128); // a valid secp256k1 key
        address from = vm.addr(signerPk);
        vm.assume(from != bob);
        balance = bound(balance, 0, 1e30);
        value = bound(value, 0, balance);
        vm.prank(OWNER);
        token.mint(from, balance);
        uint256 fromBefore = token.balanceOf(from);
        uint256 supply = token.totalSupply();
        Auth memory a = Auth(from, bob, value, validAfter, validBefore, nonce);
        vm.prank(RELAYER);
        _transfer(a, _transferSig(signerPk, a));
        assertEq(token.balanceOf(from), fromBefore - value, "from paid exactly value");
        assertEq(token.balanceOf(bob), value, "to got exactly value");
        assertEq(token.totalSupply(), supply, "supply unchanged");
        assertTrue(token.authorizationState(from, nonce), "nonce used");
        vm.expectRevert(_used(from, nonce));
        _transfer(a, _transferSig(signerPk, a));
    }
}
