// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {VentureReceipts} from "../../contracts/venture/VentureReceipts.sol";

/// @dev The receipts on their own: a clone whose fund is this test contract, so it mints receipts with any data.
contract VentureReceiptsTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    string internal constant NAME = "Venture Receipt";
    string internal constant URI_PREFIX = "data:application/json;base64,";
    string internal constant IMAGE_PREFIX = '"image":"data:image/svg+xml;base64,';

    VentureReceipts internal impl;
    VentureReceipts internal receipts;

    address internal usdToken = address(0xD011A4);
    address internal btcToken = address(0xB7C);
    uint256 internal alicePk = 0xA11CE;
    address internal alice;
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);
    address internal mallory = address(0xBAD);

    function setUp() public {
        vm.warp(T0);
        alice = vm.addr(alicePk);
        impl = new VentureReceipts();
        receipts = VentureReceipts(Clones.clone(address(impl)));
        receipts.initialize(NAME, "VRCPT", address(this));
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _mint(address to, uint256 value) internal returns (uint256) {
        return _mint(to, usdToken, 1, value, value);
    }

    function _mint(address to, address token, uint32 rid, uint256 amount, uint256 value) internal returns (uint256) {
        return
            receipts.mint(
                to,
                VentureReceipts.Receipt({token: token, roundId: rid, amount: uint128(amount), value: uint128(value)})
            );
    }

    function _contains(string memory haystack, string memory needle) internal pure returns (bool) {
        return _indexOf(bytes(haystack), bytes(needle)) != type(uint256).max;
    }

    function _indexOf(bytes memory h, bytes memory n) internal pure returns (uint256) {
        if (n.length > h.length) return type(uint256).max;
        for (uint256 i = 0; i + n.length <= h.length; i++) {
            bool found = true;
            for (uint256 j = 0; j < n.length; j++) {
                if (h[i + j] != n[j]) {
                    found = false;
                    break;
                }
            }
            if (found) return i;
        }
        return type(uint256).max;
    }

    function _slice(bytes memory b, uint256 from, uint256 to) internal pure returns (bytes memory out) {
        out = new bytes(to - from);
        for (uint256 i = from; i < to; i++) out[i - from] = b[i];
    }

    /// @dev The JSON of `receiptId`'s metadata: its tokenURI must be the JSON data-URI prefix and base64.
    function _json(uint256 receiptId) internal view returns (string memory) {
        bytes memory uri = bytes(receipts.tokenURI(receiptId));
        bytes memory prefix = bytes(URI_PREFIX);
        assertEq(_indexOf(uri, prefix), 0, "data:application/json;base64, prefix");
        return string(Base64.decode(string(_slice(uri, prefix.length, uri.length))));
    }

    /// @dev The SVG of a metadata JSON: the base64 between the image prefix and the closing `"}`.
    function _svg(string memory json) internal pure returns (string memory) {
        bytes memory j = bytes(json);
        uint256 at = _indexOf(j, bytes(IMAGE_PREFIX));
        require(at != type(uint256).max, "no image");
        return string(Base64.decode(string(_slice(j, at + bytes(IMAGE_PREFIX).length, j.length - 2))));
    }

    // ---------------------------------------------------------------------------------------------------------
    // initialize and views
    // ---------------------------------------------------------------------------------------------------------

    function test_initialize_setsNameSymbolFundAndTimestampClock() public view {
        assertTrue(keccak256(bytes(receipts.name())) == keccak256(bytes(NAME)), "name");
        assertTrue(keccak256(bytes(receipts.symbol())) == keccak256("VRCPT"), "symbol");
        assertEq(receipts.fund(), address(this), "fund");
        assertEq(receipts.minted(), 0, "none minted");
        assertEq(receipts.clock(), T0, "clock is the timestamp");
        assertTrue(keccak256(bytes(receipts.CLOCK_MODE())) == keccak256("mode=timestamp"), "clock mode");
        assertTrue(receipts.supportsInterface(0x80ac58cd), "ERC-721");
        assertTrue(receipts.supportsInterface(0x5b5e139f), "ERC-721 metadata");
        assertTrue(receipts.supportsInterface(0x01ffc9a7), "ERC-165");
    }

    function test_initialize_revertsOnSecondCallAndOnTheImplementation() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        receipts.initialize("X", "X", mallory);
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        impl.initialize("X", "X", mallory);
    }

    function test_initialize_refusesNamesThatWouldBreakTheJSONMetadata() public {
        string[4] memory bad = ["", 'Evil", "image": "x', "back\\slash", "line\nbreak"];
        for (uint256 i; i < bad.length; ++i) {
            VentureReceipts fresh = VentureReceipts(Clones.clone(address(impl)));
            vm.expectRevert(abi.encodeWithSelector(VentureReceipts.VentureReceiptsInvalidName.selector, bad[i]));
            fresh.initialize(bad[i], "OK", address(this));
            vm.expectRevert(abi.encodeWithSelector(VentureReceipts.VentureReceiptsInvalidName.selector, bad[i]));
            fresh.initialize("OK", bad[i], address(this));
        }
    }

    function test_mint_onlyTheFund() public {
        vm.expectRevert(abi.encodeWithSelector(VentureReceipts.VentureReceiptsNotFund.selector, mallory));
        vm.prank(mallory);
        receipts.mint(mallory, VentureReceipts.Receipt({token: usdToken, roundId: 1, amount: 1, value: 1e30}));
    }

    function test_receipts_areNeverBurnt() public {
        uint256 id = _mint(alice, 1e18);
        (bool ok, ) = address(receipts).call(abi.encodeWithSignature("burn(uint256)", id));
        assertTrue(!ok, "the fund cannot burn");
        assertEq(receipts.ownerOf(id), alice, "still there");
    }

    function test_mint_recordsTheReceiptWithSequentialIds() public {
        uint256 id1 = _mint(alice, usdToken, 3, 250e18, 251e18);
        uint256 id2 = _mint(bob, btcToken, 4, 1e8, 60_000e18);
        uint256 id3 = _mint(bob, usdToken, 4, 7, 8);
        assertEq(id1, 1, "ids start at 1");
        assertEq(id2, 2, "second");
        assertEq(id3, 3, "third");
        assertEq(receipts.minted(), 3, "minted");
        VentureReceipts.Receipt memory r = receipts.receipt(id2);
        assertEq(r.token, btcToken, "token");
        assertEq(r.roundId, 4, "round");
        assertEq(r.amount, 1e8, "amount");
        assertEq(r.value, 60_000e18, "value");
        r = receipts.receipt(id3);
        assertEq(r.token, usdToken, "token index reused");
        (address holder, uint32 rid, uint256 value) = receipts.holderAndValue(id1);
        assertEq(holder, alice, "holder");
        assertEq(rid, 3, "round of id1");
        assertEq(value, 251e18, "value of id1");
        assertEq(receipts.balanceOf(bob), 2, "ERC-721 balance");
    }

    function test_mint_revertsAboveTheStoredWidth() public {
        uint256 max = type(uint104).max;
        _mint(alice, usdToken, 1, max, max); // the largest that fits
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 104, max + 1));
        _mint(alice, usdToken, 1, max + 1, 1);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 104, max + 1));
        _mint(alice, usdToken, 1, 1, max + 1);
    }

    function test_mint_toAContractThatDoesNotAcceptReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(this)));
        _mint(address(this), 1e18);
    }

    function test_views_revertForNonexistentReceipt() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        receipts.receipt(9);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        receipts.holderAndValue(9);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        receipts.isAuthorized(alice, 9);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        receipts.tokenURI(9);
    }

    function test_isAuthorized_holderApprovedOrOperatorOnly() public {
        uint256 id = _mint(alice, 1e18);
        assertTrue(receipts.isAuthorized(alice, id), "holder");
        assertTrue(!receipts.isAuthorized(bob, id), "stranger");
        assertTrue(!receipts.isAuthorized(address(0), id), "zero");
        vm.prank(alice);
        receipts.approve(bob, id);
        assertTrue(receipts.isAuthorized(bob, id), "approved");
        vm.prank(alice);
        receipts.setApprovalForAll(carol, true);
        assertTrue(receipts.isAuthorized(carol, id), "operator");
        vm.prank(alice);
        receipts.transferFrom(alice, mallory, id);
        assertTrue(!receipts.isAuthorized(bob, id), "approval cleared by the transfer");
        assertTrue(!receipts.isAuthorized(carol, id), "the old holder's operator");
    }

    // ---------------------------------------------------------------------------------------------------------
    // units and votes
    // ---------------------------------------------------------------------------------------------------------

    function test_votes_areValueWeightedAndNeedDelegation() public {
        _mint(alice, 100e18);
        _mint(alice, 50e18);
        _mint(bob, 30e18);
        assertEq(receipts.unitsOf(alice), 150e18, "alice's units: sum of values, not count");
        assertEq(receipts.unitsOf(bob), 30e18, "bob's units");
        assertEq(receipts.getVotes(alice), 0, "no votes before delegating");

        vm.prank(alice);
        receipts.delegate(alice);
        vm.prank(bob);
        receipts.delegate(carol);
        assertEq(receipts.getVotes(alice), 150e18, "alice votes her value");
        assertEq(receipts.getVotes(carol), 30e18, "carol votes bob's");
        assertEq(receipts.getVotes(bob), 0, "bob delegated away");
        assertEq(receipts.delegates(bob), carol, "delegate");
    }

    function test_votes_followTransfersOfReceipts() public {
        uint256 id = _mint(alice, 100e18);
        _mint(alice, 50e18);
        vm.prank(alice);
        receipts.delegate(alice);
        vm.prank(bob);
        receipts.delegate(carol);

        vm.prank(alice);
        receipts.transferFrom(alice, bob, id);
        assertEq(receipts.unitsOf(alice), 50e18, "alice's units");
        assertEq(receipts.unitsOf(bob), 100e18, "bob's units");
        assertEq(receipts.getVotes(alice), 50e18, "alice's votes");
        assertEq(receipts.getVotes(carol), 100e18, "carol votes bob's new receipt");
        assertEq(receipts.ownerOf(id), bob, "owner");
    }

    function test_votes_pastVotesAtASnapshotIgnoreReceiptsAcquiredAfterIt() public {
        _mint(alice, 100e18);
        vm.prank(alice);
        receipts.delegate(alice);
        uint256 snapshot = T0 + 10;
        vm.warp(snapshot);
        uint256 idAtSnapshot = _mint(alice, 5e18); // at the snapshot's timestamp: counts
        vm.warp(snapshot + 1);
        uint256 idAfter = _mint(alice, 1_000e18); // one second later: does not
        _mint(bob, 7e18); // undelegated: in the supply, in nobody's votes
        vm.warp(snapshot + 2);

        assertEq(receipts.getPastVotes(alice, T0), 100e18, "before");
        assertEq(receipts.getPastVotes(alice, snapshot - 1), 100e18, "one second before the snapshot");
        assertEq(receipts.getPastVotes(alice, snapshot), 105e18, "at the snapshot");
        assertEq(receipts.getPastVotes(alice, snapshot + 1), 1_105e18, "after");
        assertEq(receipts.getPastTotalSupply(snapshot), 105e18, "supply at the snapshot");
        assertEq(receipts.getPastTotalSupply(snapshot + 1), 1_112e18, "supply after");

        // A receipt moved to alice after the snapshot adds nothing at it either.
        vm.prank(alice);
        receipts.transferFrom(alice, bob, idAtSnapshot);
        vm.prank(bob);
        receipts.transferFrom(bob, alice, idAtSnapshot);
        assertEq(receipts.getPastVotes(alice, snapshot), 105e18, "snapshot unchanged");
        assertEq(receipts.ownerOf(idAfter), alice, "still hers");
    }

    function test_votes_futureLookupReverts() public {
        vm.expectRevert(abi.encodeWithSelector(VotesUpgradeable.ERC5805FutureLookup.selector, T0, uint48(T0)));
        receipts.getPastVotes(alice, T0);
        vm.expectRevert(abi.encodeWithSelector(VotesUpgradeable.ERC5805FutureLookup.selector, T0 + 1, uint48(T0)));
        receipts.getPastTotalSupply(T0 + 1);
    }

    function test_votes_delegateBySigUsesTheReceiptsDomain() public {
        _mint(alice, 42e18);
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(NAME)),
                keccak256("1"),
                block.chainid,
                address(receipts)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"), carol, 0, T0 + 1)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(alicePk, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        vm.prank(mallory); // anyone relays it
        receipts.delegateBySig(carol, 0, T0 + 1, v, r, s);
        assertEq(receipts.delegates(alice), carol, "delegated by signature");
        assertEq(receipts.getVotes(carol), 42e18, "carol votes");
        assertEq(receipts.nonces(alice), 1, "nonce used");
    }

    /// @dev Random mints and transfers among three self-delegated holders: each holder's units and votes are the Σ value
    /// of the receipts it holds, and the total supply is the Σ value of all receipts.
    function testFuzz_unitsAndVotesTrackTransfers(uint256 seed) public {
        address[3] memory holders = [alice, bob, carol];
        for (uint256 h = 0; h < 3; h++) {
            vm.prank(holders[h]);
            receipts.delegate(holders[h]);
        }
        uint256 count = bound(seed, 1, 12);
        uint256[] memory values = new uint256[](count);
        uint256[] memory owner = new uint256[](count);
        uint256 total;
        for (uint256 i = 0; i < count; i++) {
            values[i] = bound(uint256(keccak256(abi.encode(seed, "value", i))), 1, 1e30);
            owner[i] = uint256(keccak256(abi.encode(seed, "owner", i))) % 3;
            _mint(holders[owner[i]], values[i]);
            total += values[i];
        }
        for (uint256 k = 0; k < 20; k++) {
            uint256 id = uint256(keccak256(abi.encode(seed, "id", k))) % count;
            uint256 to = uint256(keccak256(abi.encode(seed, "to", k))) % 3;
            vm.prank(holders[owner[id]]);
            receipts.transferFrom(holders[owner[id]], holders[to], id + 1);
            owner[id] = to;
        }
        for (uint256 h = 0; h < 3; h++) {
            uint256 expected;
            for (uint256 i = 0; i < count; i++) if (owner[i] == h) expected += values[i];
            assertEq(receipts.unitsOf(holders[h]), expected, "units = sum of values held");
            assertEq(receipts.getVotes(holders[h]), expected, "votes = units (self-delegated)");
        }
        vm.warp(block.timestamp + 1);
        assertEq(receipts.getPastTotalSupply(block.timestamp - 1), total, "supply = sum of values");
    }

    // ---------------------------------------------------------------------------------------------------------
    // tokenURI
    // ---------------------------------------------------------------------------------------------------------

    function test_tokenURI_isBase64JsonWithRoundTokenAmountAndValue() public {
        uint256 id = _mint(alice, btcToken, 3, 12_345_678, 1_234.5e18);
        string memory json = _json(id);
        assertTrue(_contains(json, '{"name":"Venture Receipt #1"'), "name and id");
        assertTrue(_contains(json, '"description":"A deposit in round 3 of this venture fund'), "description");
        assertTrue(_contains(json, '{"trait_type":"round","value":3}'), "round");
        assertTrue(
            _contains(json, string.concat('{"trait_type":"token","value":"', Strings.toHexString(btcToken), '"}')),
            "token"
        );
        assertTrue(_contains(json, '{"trait_type":"amount","value":"12345678"}'), "amount");
        assertTrue(_contains(json, '{"trait_type":"value","value":"1234500000000000000000"}'), "value");
        assertEq(uint8(bytes(json)[bytes(json).length - 1]), uint8(bytes1("}")), "ends with }");

        string memory svg = _svg(json);
        assertTrue(_contains(svg, '<svg xmlns="http://www.w3.org/2000/svg"'), "svg");
        assertTrue(_contains(svg, "AIDAO venture receipt #1</text>"), "svg id");
        assertTrue(_contains(svg, ">round 3</text>"), "svg round");
        assertTrue(_contains(svg, ">value 1234.50</text>"), "svg value with two decimals");
    }

    function test_tokenURI_smallValuesKeepTwoDecimals() public {
        uint256 id = _mint(alice, usdToken, 1, 1, 0.05e18);
        assertTrue(_contains(_svg(_json(id)), ">value 0.05</text>"), "five cents");
        id = _mint(alice, usdToken, 1, 1, 7);
        assertTrue(_contains(_svg(_json(id)), ">value 0.00</text>"), "7 wei");
    }

    function test_tokenURI_isDeterministicAndChangesWithTheData() public {
        uint256 a = _mint(alice, usdToken, 1, 100e18, 100e18);
        uint256 b = _mint(bob, usdToken, 1, 100e18, 100e18);
        uint256 c = _mint(bob, usdToken, 1, 100e18, 101e18);
        string memory uriA = receipts.tokenURI(a);
        assertTrue(keccak256(bytes(uriA)) == keccak256(bytes(receipts.tokenURI(a))), "deterministic");
        assertTrue(keccak256(bytes(uriA)) != keccak256(bytes(receipts.tokenURI(b))), "differs by id");
        assertTrue(
            keccak256(bytes(receipts.tokenURI(b))) != keccak256(bytes(receipts.tokenURI(c))),
            "differs by value"
        );
        // The holder is not part of the metadata: a transfer leaves it unchanged.
        vm.prank(alice);
        receipts.transferFrom(alice, carol, a);
        assertTrue(keccak256(bytes(uriA)) == keccak256(bytes(receipts.tokenURI(a))), "unchanged by a transfer");
    }

    function testFuzz_tokenURI_decodesToTheReceiptsData(uint32 rid, uint104 amount, uint104 value) public {
        uint256 id = _mint(bob, btcToken, rid, amount, value);
        string memory json = _json(id);
        assertTrue(
            _contains(json, string.concat('{"trait_type":"round","value":', Strings.toString(rid), "}")),
            "round"
        );
        assertTrue(
            _contains(json, string.concat('{"trait_type":"amount","value":"', Strings.toString(amount), '"}')),
            "amount"
        );
        assertTrue(
            _contains(json, string.concat('{"trait_type":"value","value":"', Strings.toString(value), '"}')),
            "value"
        );
    }
}
