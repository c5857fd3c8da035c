// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {AIDAOToken} from "../../contracts/token/AIDAOToken.sol";

contract AIDAOTokenTest is Test {
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    address internal constant REWARDS = address(0x1001);
    address internal constant TEAM = address(0x1002);
    address internal constant VENTURE = address(0x1003);
    address internal constant TREASURY = address(0x1004);
    address internal constant ADVISORS = address(0x1005);
    address internal constant INCENTIVES = address(0x1006);
    address internal constant RESERVED = address(0x1007);

    uint256 internal constant OWNER_PK = 0x0A11;
    address internal spender = address(0x5BE2);

    AIDAOToken internal token;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new AIDAOToken(_allocation());
    }

    function _allocation() internal pure returns (AIDAOToken.Allocation memory) {
        return AIDAOToken.Allocation(REWARDS, TEAM, VENTURE, TREASURY, ADVISORS, INCENTIVES, RESERVED);
    }

    /// @dev The allocation with recipient `index` (0 = rewards ... 6 = reserved) set to `to`.
    function _allocationWith(uint256 index, address to) internal pure returns (AIDAOToken.Allocation memory a) {
        a = _allocation();
        if (index == 0) a.rewards = to;
        else if (index == 1) a.team = to;
        else if (index == 2) a.venture = to;
        else if (index == 3) a.treasury = to;
        else if (index == 4) a.advisors = to;
        else if (index == 5) a.incentives = to;
        else a.reserved = to;
    }

    function _signPermit(
        uint256 pk,
        address owner,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        (v, r, s) = vm.sign(pk, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }

    // ================================================================ constructor

    function test_constructor_mintsTotalSupply() public view {
        assertEq(token.TOTAL_SUPPLY(), 1_000_000_000e18, "TOTAL_SUPPLY");
        assertEq(token.totalSupply(), 1e27, "totalSupply");
        assertEq(token.decimals(), 18, "decimals");
        assertTrue(keccak256(bytes(token.name())) == keccak256("AIDAO"), "name");
        assertTrue(keccak256(bytes(token.symbol())) == keccak256("AIDAO"), "symbol");
    }

    function test_constructor_bpsAddUpToTenThousand() public view {
        uint256 sum =
            token.REWARDS_BPS() +
                token.TEAM_BPS() +
                token.VENTURE_BPS() +
                token.TREASURY_BPS() +
                token.ADVISORS_BPS() +
                token.INCENTIVES_BPS() +
                token.RESERVED_BPS();
        assertEq(sum, 10_000, "bps");
    }

    function test_constructor_allocatesExactSharePerRecipient() public view {
        // White paper table 4.1.
        assertEq(token.balanceOf(REWARDS), 390_000_000e18, "rewards 39%");
        assertEq(token.balanceOf(TEAM), 200_000_000e18, "team 20%");
        assertEq(token.balanceOf(VENTURE), 70_000_000e18, "venture 7%");
        assertEq(token.balanceOf(TREASURY), 160_000_000e18, "treasury 16%");
        assertEq(token.balanceOf(ADVISORS), 60_000_000e18, "advisors 6%");
        assertEq(token.balanceOf(INCENTIVES), 50_000_000e18, "incentives 5%");
        assertEq(token.balanceOf(RESERVED), 70_000_000e18, "reserved 7%");
        // And the same from the constants.
        uint256 total = token.TOTAL_SUPPLY();
        assertEq(token.balanceOf(REWARDS), (total * token.REWARDS_BPS()) / 10_000, "REWARDS_BPS");
        assertEq(token.balanceOf(TEAM), (total * token.TEAM_BPS()) / 10_000, "TEAM_BPS");
        assertEq(token.balanceOf(VENTURE), (total * token.VENTURE_BPS()) / 10_000, "VENTURE_BPS");
        assertEq(token.balanceOf(TREASURY), (total * token.TREASURY_BPS()) / 10_000, "TREASURY_BPS");
        assertEq(token.balanceOf(ADVISORS), (total * token.ADVISORS_BPS()) / 10_000, "ADVISORS_BPS");
        assertEq(token.balanceOf(INCENTIVES), (total * token.INCENTIVES_BPS()) / 10_000, "INCENTIVES_BPS");
        assertEq(token.balanceOf(RESERVED), (total * token.RESERVED_BPS()) / 10_000, "RESERVED_BPS");
    }

    function test_constructor_emitsOneMintPerAllocation() public {
        vm.expectEmit();
        emit IERC20.Transfer(address(0), REWARDS, 390_000_000e18);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), TEAM, 200_000_000e18);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), VENTURE, 70_000_000e18);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), TREASURY, 160_000_000e18);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), ADVISORS, 60_000_000e18);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), INCENTIVES, 50_000_000e18);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), RESERVED, 70_000_000e18);
        new AIDAOToken(_allocation());
    }

    function test_constructor_sameRecipientReceivesEverything() public {
        address one = address(0xABC);
        AIDAOToken t = new AIDAOToken(AIDAOToken.Allocation(one, one, one, one, one, one, one));
        assertEq(t.balanceOf(one), 1e27, "all of it");
        assertEq(t.totalSupply(), 1e27, "supply");
    }

    function test_constructor_revertsIfZeroRecipient() public {
        for (uint256 i = 0; i < 7; i++) {
            vm.expectRevert(abi.encodeWithSelector(AIDAOToken.AIDAOTokenZeroRecipient.selector, i));
            new AIDAOToken(_allocationWith(i, address(0)));
        }
    }

    function test_constructor_revertsWithFirstZeroRecipient() public {
        AIDAOToken.Allocation memory a = _allocationWith(5, address(0));
        a.venture = address(0);
        vm.expectRevert(abi.encodeWithSelector(AIDAOToken.AIDAOTokenZeroRecipient.selector, 2));
        new AIDAOToken(a);
        vm.expectRevert(abi.encodeWithSelector(AIDAOToken.AIDAOTokenZeroRecipient.selector, 0));
        new AIDAOToken(
            AIDAOToken.Allocation(address(0), address(0), address(0), address(0), address(0), address(0), address(0))
        );
    }

    function testFuzz_constructor_revertsIfZeroRecipient(uint256 index) public {
        index = bound(index, 0, 6);
        vm.expectRevert(abi.encodeWithSelector(AIDAOToken.AIDAOTokenZeroRecipient.selector, index));
        new AIDAOToken(_allocationWith(index, address(0)));
    }

    // ================================================================ no privileged functions

    function test_noPrivilegedFunctions_callsFail() public {
        bytes[] memory calls = new bytes[](12);
        calls[0] = abi.encodeWithSignature("mint(address,uint256)", address(this), 1);
        calls[1] = abi.encodeWithSignature("mint(uint256)", 1);
        calls[2] = abi.encodeWithSignature("burn(uint256)", 1);
        calls[3] = abi.encodeWithSignature("burnFrom(address,uint256)", REWARDS, 1);
        calls[4] = abi.encodeWithSignature("owner()");
        calls[5] = abi.encodeWithSignature("transferOwnership(address)", address(this));
        calls[6] = abi.encodeWithSignature("renounceOwnership()");
        calls[7] = abi.encodeWithSignature("pause()");
        calls[8] = abi.encodeWithSignature("unpause()");
        calls[9] = abi.encodeWithSignature("upgradeToAndCall(address,bytes)", address(this), "");
        calls[10] = abi.encodeWithSignature("grantRole(bytes32,address)", bytes32(0), address(this));
        calls[11] = "";
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, ) = address(token).call(calls[i]);
            assertTrue(!ok, "a privileged call succeeded");
        }
        assertEq(token.totalSupply(), 1e27, "supply untouched");
    }

    // ================================================================ ERC20 and permit

    function testFuzz_transfer_preservesTotalSupply(address to, uint256 amount) public {
        vm.assume(to != address(0) && to != REWARDS);
        amount = bound(amount, 0, 390_000_000e18);
        uint256 before = token.balanceOf(to);
        vm.prank(REWARDS);
        token.transfer(to, amount);
        assertEq(token.balanceOf(to) - before, amount, "received");
        assertEq(token.balanceOf(REWARDS), 390_000_000e18 - amount, "sent");
        assertEq(token.totalSupply(), 1e27, "supply");
    }

    function test_transfer_revertsIfBalanceTooLow() public {
        vm.prank(TEAM);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector,
                TEAM,
                200_000_000e18,
                200_000_000e18 + 1
            )
        );
        token.transfer(REWARDS, 200_000_000e18 + 1);
    }

    function test_permit_setsAllowance() public {
        address owner = vm.addr(OWNER_PK);
        vm.prank(REWARDS);
        token.transfer(owner, 100e18);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(OWNER_PK, owner, 60e18, 0, deadline);
        vm.expectEmit();
        emit IERC20.Approval(owner, spender, 60e18);
        token.permit(owner, spender, 60e18, deadline, v, r, s);
        assertEq(token.allowance(owner, spender), 60e18, "allowance");
        assertEq(token.nonces(owner), 1, "nonce");
        vm.prank(spender);
        token.transferFrom(owner, spender, 60e18);
        assertEq(token.balanceOf(spender), 60e18, "spent");
    }

    function test_permit_domainSeparatorMatchesEip712() public view {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("AIDAO"),
                keccak256("1"),
                block.chainid,
                address(token)
            )
        );
        assertTrue(token.DOMAIN_SEPARATOR() == expected, "DOMAIN_SEPARATOR");
    }

    function test_permit_revertsIfExpired() public {
        address owner = vm.addr(OWNER_PK);
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(OWNER_PK, owner, 1e18, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(owner, spender, 1e18, deadline, v, r, s);
    }

    function test_permit_revertsIfWrongSigner() public {
        address owner = vm.addr(OWNER_PK);
        uint256 otherPk = 0xBAD;
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(otherPk, owner, 1e18, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, vm.addr(otherPk), owner));
        token.permit(owner, spender, 1e18, deadline, v, r, s);
    }

    function test_permit_revertsIfReplayed() public {
        address owner = vm.addr(OWNER_PK);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(OWNER_PK, owner, 1e18, 0, deadline);
        token.permit(owner, spender, 1e18, deadline, v, r, s);
        // The nonce moved on, so the same signature now recovers to a different address.
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                token.DOMAIN_SEPARATOR(),
                keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, 1e18, 1, deadline))
            )
        );
        address recovered = ecrecover(digest, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, owner));
        token.permit(owner, spender, 1e18, deadline, v, r, s);
        assertEq(token.nonces(owner), 1, "nonce used once");
    }
}
