// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {DonationVault} from "../../../contracts/templates/donation/DonationVault.sol";
import {IDonationVault} from "../../../contracts/templates/donation/IDonationVault.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";
import {TemplateFeeOnTransferERC20} from "../../mocks/templates/TemplateFeeOnTransferERC20.sol";
import {TemplateReentrantERC20} from "../../mocks/templates/TemplateReentrantERC20.sol";
import {TemplateRejectETH} from "../../mocks/templates/TemplateRejectETH.sol";
import {TemplateIncomeTreasury} from "../../mocks/templates/TemplateIncomeTreasury.sol";
import {TemplateTestGovernor} from "../../mocks/templates/TemplateTestGovernor.sol";

contract DonationVaultTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant FUNDS = 1_000_000e18;
    /// @dev 1e18 units per 1e18 base units: one unit per token.
    uint256 internal constant RATE_USD = 1e18;
    /// @dev A 6-decimal dollar: 1e30 units per 1e18 base units, so 1e6 base units (1 dollar) give 1e18 units.
    uint256 internal constant RATE_USDC = 1e30;
    /// @dev ETH at 3000 dollars.
    uint256 internal constant RATE_ETH = 3_000e18;

    bytes32 internal constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    DonationVault internal implementation;
    DonationVault internal vault;
    TemplateMockERC20 internal usd;
    TemplateMockERC20 internal usdc;
    TemplateMockERC20 internal junk;
    TemplateFeeOnTransferERC20 internal feeToken;

    uint256 internal constant ALICE_PK = 0xA11CE;
    address internal alice;
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);
    address internal executor = address(0xE8EC);
    /// @dev The DAO's treasury: a mock with ChildTreasury's `deposit`/`depositETH`, recording every income.
    TemplateIncomeTreasury internal treasuryMock;
    address internal treasury;
    address internal stranger = address(0xBAD);

    function setUp() public {
        vm.warp(T0);
        alice = vm.addr(ALICE_PK);
        treasuryMock = new TemplateIncomeTreasury();
        treasury = address(treasuryMock);
        implementation = new DonationVault();
        usd = new TemplateMockERC20("Dollar", "USD");
        usdc = new TemplateMockERC20("Six Decimal Dollar", "USDC");
        junk = new TemplateMockERC20("Junk", "JNK");
        feeToken = new TemplateFeeOnTransferERC20(100); // 1% burnt on every transfer
        vault = _newVault(_tokens3(address(usd), address(usdc), address(0)), _rates3(RATE_USD, RATE_USDC, RATE_ETH));

        address[3] memory donors = [alice, bob, carol];
        for (uint256 i = 0; i < donors.length; i++) {
            usd.mint(donors[i], FUNDS);
            usdc.mint(donors[i], FUNDS);
            junk.mint(donors[i], FUNDS);
            feeToken.mint(donors[i], FUNDS);
            vm.deal(donors[i], 1_000 ether);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _newVault(address[] memory tokens, uint256[] memory rates) internal returns (DonationVault v) {
        v = DonationVault(Clones.clone(address(implementation)));
        v.initialize(executor, treasury, tokens, rates);
    }

    function _tokens3(address a, address b, address c) internal pure returns (address[] memory t) {
        t = new address[](3);
        t[0] = a;
        t[1] = b;
        t[2] = c;
    }

    function _rates3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory r) {
        r = new uint256[](3);
        r[0] = a;
        r[1] = b;
        r[2] = c;
    }

    function _one(address a) internal pure returns (address[] memory t) {
        t = new address[](1);
        t[0] = a;
    }

    function _oneRate(uint256 a) internal pure returns (uint256[] memory r) {
        r = new uint256[](1);
        r[0] = a;
    }

    function _donate(address who, IERC20 token, uint256 amount) internal returns (uint256 units) {
        vm.startPrank(who);
        token.approve(address(vault), amount);
        units = vault.donate(token, amount);
        vm.stopPrank();
    }

    function _donateETH(address who, uint256 amount) internal returns (uint256 units) {
        vm.prank(who);
        units = vault.donateETH{value: amount}();
    }

    function _allow(address token, uint256 rate) internal {
        vm.prank(executor);
        vault.setAllowedToken(token, rate);
    }

    function _skip(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
    }

    function _domainSeparator(address verifyingContract) internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    EIP712_DOMAIN_TYPEHASH,
                    keccak256("AIDAO DonationVault"),
                    keccak256("1"),
                    block.chainid,
                    verifyingContract
                )
            );
    }

    function _signDelegation(
        address verifyingContract,
        uint256 pk,
        address delegatee,
        uint256 nonce,
        uint256 expiry
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        (v, r, s) = vm.sign(
            pk,
            keccak256(abi.encodePacked("\x19\x01", _domainSeparator(verifyingContract), structHash))
        );
    }

    /// @dev The treasury's income number `index` came from the vault, in `token`, announced as `amount` (what the
    /// vault approved and asked it to pull) and with `received` arriving.
    function _assertIncome(uint256 index, address token, uint256 amount, uint256 received) internal view {
        TemplateIncomeTreasury.Income memory inc = treasuryMock.income(index);
        assertEq(inc.token, token, "income token");
        assertEq(inc.from, address(vault), "income paid in by the vault");
        assertEq(inc.amount, amount, "income amount (deposit argument)");
        assertEq(inc.received, received, "income received");
    }

    /// @dev The vault holds none of `token` and leaves the treasury no allowance of it.
    function _assertVaultEmpty(IERC20 token) internal view {
        assertEq(token.balanceOf(address(vault)), 0, "vault keeps nothing");
        assertEq(token.allowance(address(vault), treasury), 0, "no allowance left to the treasury");
    }

    function _contains(address[] memory list, address item) internal pure returns (bool) {
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == item) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // initialize
    // ---------------------------------------------------------------------------------------------------------

    function test_initialize_setsState() public view {
        assertEq(vault.executor(), executor, "executor");
        assertEq(vault.treasury(), treasury, "treasury");
        assertEq(vault.unitsPerToken(address(usd)), RATE_USD, "usd rate");
        assertEq(vault.unitsPerToken(address(usdc)), RATE_USDC, "usdc rate");
        assertEq(vault.unitsPerToken(address(0)), RATE_ETH, "eth rate");
        assertEq(vault.unitsPerToken(address(junk)), 0, "junk not allowed");
        address[] memory allowed = vault.allowedTokens();
        assertEq(allowed.length, 3, "three allowed");
        assertTrue(_contains(allowed, address(usd)), "usd listed");
        assertTrue(_contains(allowed, address(usdc)), "usdc listed");
        assertTrue(_contains(allowed, address(0)), "eth listed");
        assertEq(vault.totalUnits(), 0, "no units");
        assertEq(vault.UNITS_SCALE(), 1e18, "scale");
    }

    function test_initialize_emitsAllowedTokenSet() public {
        DonationVault v = DonationVault(Clones.clone(address(implementation)));
        vm.expectEmit();
        emit IDonationVault.AllowedTokenSet(address(usd), 0, RATE_USD);
        vm.expectEmit();
        emit IDonationVault.AllowedTokenSet(address(0), 0, RATE_ETH);
        vm.expectEmit();
        emit Initializable.Initialized(1);
        v.initialize(executor, treasury, _two(), _twoRates());
    }

    function _two() internal view returns (address[] memory t) {
        t = new address[](2);
        t[0] = address(usd);
        t[1] = address(0);
    }

    function _twoRates() internal pure returns (uint256[] memory r) {
        r = new uint256[](2);
        r[0] = RATE_USD;
        r[1] = RATE_ETH;
    }

    function test_initialize_acceptsNoTokens() public {
        DonationVault v = _newVault(new address[](0), new uint256[](0));
        assertEq(v.allowedTokens().length, 0, "nothing allowed");
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultTokenNotAllowed.selector, address(usd)));
        vm.prank(alice);
        v.donate(usd, 1);
    }

    function test_initialize_revertsOnReinitialize() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        vault.initialize(stranger, stranger, new address[](0), new uint256[](0));
        assertEq(vault.executor(), executor, "executor unchanged");
    }

    function test_initialize_revertsOnImplementation() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        implementation.initialize(executor, treasury, new address[](0), new uint256[](0));
    }

    function test_initialize_revertsOnZeroExecutor() public {
        DonationVault v = DonationVault(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultZeroAddress.selector));
        v.initialize(address(0), treasury, new address[](0), new uint256[](0));
    }

    function test_initialize_revertsOnZeroTreasury() public {
        DonationVault v = DonationVault(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultZeroAddress.selector));
        v.initialize(executor, address(0), new address[](0), new uint256[](0));
    }

    function test_initialize_revertsOnLengthMismatch() public {
        DonationVault v = DonationVault(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultLengthMismatch.selector, 1, 2));
        v.initialize(executor, treasury, _one(address(usd)), _twoRates());
    }

    function test_initialize_revertsOnZeroRate() public {
        DonationVault v = DonationVault(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultZeroRate.selector, address(usd)));
        v.initialize(executor, treasury, _one(address(usd)), _oneRate(0));
    }

    function test_initialize_revertsOnDuplicateToken() public {
        DonationVault v = DonationVault(Clones.clone(address(implementation)));
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultDuplicateToken.selector, address(usd)));
        v.initialize(executor, treasury, _tokens3(address(usd), address(0), address(usd)), _rates3(1, 2, 3));
    }

    function test_clones_keepSeparateState() public {
        DonationVault other = _newVault(_one(address(junk)), _oneRate(5e18));
        _donate(alice, usd, 100e18);
        assertEq(other.unitsOf(alice), 0, "other clone untouched");
        assertEq(other.unitsPerToken(address(usd)), 0, "other clone has its own list");
        assertEq(implementation.executor(), address(0), "implementation never initialized");
    }

    // ---------------------------------------------------------------------------------------------------------
    // clock
    // ---------------------------------------------------------------------------------------------------------

    function test_clock_isBlockTimestamp() public {
        assertEq(vault.clock(), T0, "clock at T0");
        _skip(123);
        assertEq(vault.clock(), T0 + 123, "clock follows time");
    }

    function test_CLOCK_MODE_isTimestamp() public view {
        assertTrue(keccak256(bytes(vault.CLOCK_MODE())) == keccak256("mode=timestamp"), "mode=timestamp");
    }

    // ---------------------------------------------------------------------------------------------------------
    // donate
    // ---------------------------------------------------------------------------------------------------------

    function test_donate_mintsSupporterUnits() public {
        uint256 units = _donate(alice, usd, 250e18);
        assertEq(units, 250e18, "units returned");
        assertEq(vault.unitsOf(alice), 250e18, "units held");
        assertEq(vault.getVotes(alice), 250e18, "votes (self-delegated)");
        assertEq(vault.totalUnits(), 250e18, "total");
        assertEq(vault.donatedBy(alice, address(usd)), 250e18, "donatedBy");
        assertEq(vault.totalDonated(address(usd)), 250e18, "totalDonated");
    }

    function test_donate_forwardsToTreasuryInSameCall() public {
        _donate(alice, usd, 250e18);
        assertEq(usd.balanceOf(treasury), 250e18, "treasury got it");
        _assertVaultEmpty(usd);
        assertEq(usd.balanceOf(alice), FUNDS - 250e18, "pulled from donor");
    }

    function test_donate_paysTreasuryAsIncome() public {
        vm.startPrank(alice);
        usd.approve(address(vault), 250e18);
        // The treasury's deposit is called (and pulls) with the exact amount, before the Donated event.
        vm.expectEmit();
        emit TemplateIncomeTreasury.IncomeDeposited(address(usd), address(vault), 250e18, 250e18);
        vm.expectEmit();
        emit IDonationVault.Donated(alice, address(usd), 250e18, 250e18);
        vault.donate(usd, 250e18);
        vm.stopPrank();
        assertEq(treasuryMock.incomeCount(), 1, "one income");
        _assertIncome(0, address(usd), 250e18, 250e18);
        assertEq(treasuryMock.receivedTotal(address(usd)), usd.balanceOf(treasury), "all of it came as income");
        _assertVaultEmpty(usd);
    }

    function test_donate_eachDonationIsOneIncome() public {
        _donate(alice, usd, 10e18);
        _donate(bob, usdc, 3e6);
        _donateETH(carol, 0.5 ether);
        _donate(alice, usd, 1);
        assertEq(treasuryMock.incomeCount(), 4, "one income per donation");
        _assertIncome(0, address(usd), 10e18, 10e18);
        _assertIncome(1, address(usdc), 3e6, 3e6);
        _assertIncome(2, address(0), 0.5 ether, 0.5 ether);
        _assertIncome(3, address(usd), 1, 1);
        assertEq(treasuryMock.incomeTotal(address(usd)), vault.totalDonated(address(usd)), "usd incomes = donations");
        assertEq(treasuryMock.incomeTotal(address(usdc)), vault.totalDonated(address(usdc)), "usdc incomes");
        assertEq(treasuryMock.incomeTotal(address(0)), vault.totalDonated(address(0)), "eth incomes");
        _assertVaultEmpty(usd);
        _assertVaultEmpty(usdc);
        assertEq(address(vault).balance, 0, "no ETH left");
    }

    function test_donate_revertsIfTreasuryReverts() public {
        treasuryMock.setMode(TemplateIncomeTreasury.Mode.Reject);
        vm.startPrank(alice);
        usd.approve(address(vault), 10e18);
        vm.expectRevert(abi.encodeWithSelector(TemplateIncomeTreasury.TemplateIncomeTreasuryRejected.selector));
        vault.donate(usd, 10e18);
        vm.stopPrank();
        // Nothing lost, nothing credited: the donor keeps its tokens (and its allowance to the vault).
        assertEq(usd.balanceOf(alice), FUNDS, "donor keeps its tokens");
        assertEq(usd.allowance(alice, address(vault)), 10e18, "donor's allowance untouched");
        assertEq(usd.balanceOf(treasury), 0, "treasury got nothing");
        _assertVaultEmpty(usd);
        assertEq(vault.unitsOf(alice), 0, "no units");
        assertEq(vault.totalUnits(), 0, "no total");
        assertEq(vault.donatedBy(alice, address(usd)), 0, "no donation recorded");
        assertEq(vault.totalDonated(address(usd)), 0, "no total donated");
        assertEq(vault.delegates(alice), address(0), "no self-delegation either");
        assertEq(treasuryMock.incomeCount(), 0, "no income");
        // Once the treasury accepts incomes again, the same donation goes through.
        treasuryMock.setMode(TemplateIncomeTreasury.Mode.Pull);
        vm.prank(alice);
        vault.donate(usd, 10e18);
        assertEq(usd.balanceOf(treasury), 10e18, "then forwarded");
        assertEq(vault.unitsOf(alice), 10e18, "and credited");
    }

    function test_donate_revertsIfTreasuryDoesNotPull() public {
        // A treasury whose deposit returns without pulling would leave the donation (and an allowance) in the vault.
        treasuryMock.setMode(TemplateIncomeTreasury.Mode.NoPull);
        vm.startPrank(alice);
        usd.approve(address(vault), 10e18);
        vm.expectRevert(
            abi.encodeWithSelector(IDonationVault.DonationVaultIncomeNotPulled.selector, address(usd), 10e18, 10e18)
        );
        vault.donate(usd, 10e18);
        // One pulling all but one base unit is refused too.
        treasuryMock.setMode(TemplateIncomeTreasury.Mode.PullAllButOne);
        vm.expectRevert(
            abi.encodeWithSelector(IDonationVault.DonationVaultIncomeNotPulled.selector, address(usd), 1, 1)
        );
        vault.donate(usd, 10e18);
        vm.stopPrank();
        assertEq(usd.balanceOf(alice), FUNDS, "donor keeps its tokens");
        _assertVaultEmpty(usd);
        assertEq(vault.unitsOf(alice), 0, "no units");
        assertEq(treasuryMock.incomeCount(), 0, "no income");
    }

    function test_donate_revertsIfTreasuryIsNotAContract() public {
        // An address without code has no deposit to call (the factory creates the treasury in the same transaction
        // as the vault, so in production it always has code by the time anyone donates).
        DonationVault v = DonationVault(Clones.clone(address(implementation)));
        v.initialize(executor, address(0x7EA5), _two(), _twoRates());
        vm.startPrank(alice);
        usd.approve(address(v), 1e18);
        vm.expectRevert(bytes(""));
        v.donate(usd, 1e18);
        vm.expectRevert(bytes(""));
        v.donateETH{value: 1 ether}();
        vm.stopPrank();
        assertEq(usd.balanceOf(alice), FUNDS, "donor keeps its tokens");
        assertEq(alice.balance, 1_000 ether, "and its ETH");
        assertEq(v.totalUnits(), 0, "no units");
    }

    function test_donate_revertsIfTreasuryReentersDuringDeposit() public {
        // From inside its deposit, the treasury tries to donate (as itself) and to sweep: both are refused.
        usd.mint(treasury, 1e18);
        vm.prank(treasury);
        usd.approve(address(vault), 1e18);
        treasuryMock.arm(address(vault), abi.encodeCall(IDonationVault.donate, (IERC20(address(usd)), 1e18)));
        _donate(alice, usd, 5e18);
        assertTrue(treasuryMock.attempted(), "re-entry attempted");
        assertTrue(!treasuryMock.succeeded(), "re-entry failed");
        assertTrue(
            keccak256(treasuryMock.returned()) ==
                keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "ReentrancyGuardReentrantCall"
        );
        treasuryMock.arm(address(vault), abi.encodeCall(IDonationVault.sweep, (address(usd))));
        _donate(alice, usd, 5e18);
        assertTrue(!treasuryMock.succeeded(), "sweep re-entry failed");
        assertEq(vault.unitsOf(treasury), 0, "the treasury got no units");
        assertEq(vault.totalDonated(address(usd)), 10e18, "only the outer donations counted");
        assertEq(treasuryMock.incomeCount(), 2, "two incomes");
        _assertVaultEmpty(usd);
    }

    function test_donate_emitsDonated() public {
        vm.startPrank(alice);
        usd.approve(address(vault), 7e18);
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, address(0), alice);
        vm.expectEmit();
        emit IVotes.DelegateVotesChanged(alice, 0, 7e18);
        vm.expectEmit();
        emit IDonationVault.Donated(alice, address(usd), 7e18, 7e18);
        vault.donate(usd, 7e18);
        vm.stopPrank();
    }

    function test_donate_weightsTokensByRate() public {
        // 300 dollars in the 18-decimal dollar, in the 6-decimal dollar and in ETH at 3000 give the same units.
        uint256 a = _donate(alice, usd, 300e18);
        uint256 b = _donate(bob, usdc, 300e6);
        uint256 c = _donateETH(carol, 0.1 ether);
        assertEq(a, 300e18, "usd");
        assertEq(b, 300e18, "usdc");
        assertEq(c, 300e18, "eth");
        assertEq(vault.totalUnits(), a + b + c, "total");
    }

    function test_donate_roundsUnitsDown() public {
        _allow(address(junk), 1); // 1 unit per 1e18 base units
        uint256 units = _donate(alice, junk, 1e18 - 1);
        assertEq(units, 0, "rounded down to 0");
        assertEq(vault.donatedBy(alice, address(junk)), 1e18 - 1, "still recorded");
        assertEq(junk.balanceOf(treasury), 1e18 - 1, "still forwarded");
        assertEq(_donate(alice, junk, 3e18 + 5), 3, "3 units");
        assertEq(vault.unitsOf(alice), 3, "units");
    }

    function test_donate_selfDelegatesFirstDonation() public {
        assertEq(vault.delegates(alice), address(0), "no delegate before");
        _donate(alice, usd, 1e18);
        assertEq(vault.delegates(alice), alice, "self-delegated");
    }

    function test_donate_keepsExistingDelegate() public {
        vm.prank(alice);
        vault.delegate(bob);
        _donate(alice, usd, 10e18);
        assertEq(vault.delegates(alice), bob, "still bob");
        assertEq(vault.getVotes(bob), 10e18, "bob votes with alice's units");
        assertEq(vault.getVotes(alice), 0, "alice has none");
    }

    function test_donate_afterDelegatingToZeroSelfDelegatesWholeBalance() public {
        _donate(alice, usd, 10e18);
        vm.prank(alice);
        vault.delegate(address(0));
        assertEq(vault.getVotes(alice), 0, "undelegated");
        _donate(alice, usd, 5e18);
        assertEq(vault.delegates(alice), alice, "self again");
        assertEq(vault.getVotes(alice), 15e18, "whole balance counts");
    }

    function test_donate_accumulatesAcrossDonationsAndTokens() public {
        _donate(alice, usd, 10e18);
        _donate(alice, usd, 5e18);
        _donate(alice, usdc, 2e6);
        assertEq(vault.unitsOf(alice), 17e18, "units add up");
        assertEq(vault.donatedBy(alice, address(usd)), 15e18, "usd donated");
        assertEq(vault.donatedBy(alice, address(usdc)), 2e6, "usdc donated");
        _donate(bob, usd, 1e18);
        assertEq(vault.totalDonated(address(usd)), 16e18, "usd total");
        assertEq(vault.totalUnits(), 18e18, "total units");
    }

    function test_donate_creditsFeeOnTransferTokenByAmountReceived() public {
        _allow(address(feeToken), RATE_USD);
        vm.startPrank(alice);
        feeToken.approve(address(vault), 10_000);
        vm.expectEmit();
        emit IDonationVault.Donated(alice, address(feeToken), 9_900, 9_900);
        uint256 units = vault.donate(feeToken, 10_000);
        vm.stopPrank();
        assertEq(units, 9_900, "units on received");
        assertEq(vault.donatedBy(alice, address(feeToken)), 9_900, "donated = received");
        _assertVaultEmpty(feeToken);
        assertEq(feeToken.balanceOf(treasury), 9_900 - feeToken.feeOf(9_900), "treasury net of the forward's fee");
        // The treasury is asked for exactly what the vault received; it receives that net of the token's own fee.
        _assertIncome(0, address(feeToken), 9_900, 9_900 - feeToken.feeOf(9_900));
    }

    function test_donate_forwardsStrayBalanceToo() public {
        usd.mint(address(vault), 3e18); // sent directly: not a donation
        _donate(alice, usd, 1e18);
        _assertVaultEmpty(usd);
        assertEq(usd.balanceOf(treasury), 4e18, "stray forwarded with the donation");
        assertEq(treasuryMock.incomeCount(), 1, "in one income");
        _assertIncome(0, address(usd), 4e18, 4e18);
        assertEq(vault.unitsOf(alice), 1e18, "units only for the donation");
        assertEq(vault.totalDonated(address(usd)), 1e18, "stray is not a donation");
    }

    function test_donate_revertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultZeroAmount.selector));
        vm.prank(alice);
        vault.donate(usd, 0);
    }

    function test_donate_revertsIfNothingArrives() public {
        // A token that takes the whole transfer as its fee: the vault receives nothing, so there is no donation.
        TemplateFeeOnTransferERC20 allFee = new TemplateFeeOnTransferERC20(10_000);
        allFee.mint(alice, 1e18);
        _allow(address(allFee), RATE_USD);
        vm.startPrank(alice);
        allFee.approve(address(vault), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultZeroAmount.selector));
        vault.donate(allFee, 1e18);
        vm.stopPrank();
        assertEq(allFee.balanceOf(alice), 1e18, "donor keeps its tokens");
        assertEq(treasuryMock.incomeCount(), 0, "no income");
    }

    function test_donate_revertsOnZeroToken() public {
        // address(0) is ETH: it is donated with donateETH.
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultZeroAddress.selector));
        vm.prank(alice);
        vault.donate(IERC20(address(0)), 1);
    }

    function test_donate_revertsIfTokenNotAllowed() public {
        vm.startPrank(alice);
        junk.approve(address(vault), 1);
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultTokenNotAllowed.selector, address(junk)));
        vault.donate(junk, 1);
        vm.stopPrank();
    }

    function test_donate_revertsAfterTokenDisallowed() public {
        _allow(address(usd), 0);
        vm.startPrank(alice);
        usd.approve(address(vault), 1);
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultTokenNotAllowed.selector, address(usd)));
        vault.donate(usd, 1);
        vm.stopPrank();
    }

    function test_donate_revertsWithoutAllowance() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(vault), 0, 1));
        vm.prank(alice);
        vault.donate(usd, 1);
    }

    function test_donate_revertsOnUnitsOverflow() public {
        vm.startPrank(alice);
        junk.approve(address(vault), type(uint256).max);
        vm.stopPrank();
        // Units above the 208 bits of a checkpoint are refused.
        _allow(address(junk), 1 << 208); // 1e18 base units give 2^208 units
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 208, 1 << 208));
        vm.prank(alice);
        vault.donate(junk, 1e18);
        // And so are units above a uint256: 2e18 base units at the largest rate give 2 * (2^256 - 1).
        _allow(address(junk), type(uint256).max);
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        vm.prank(alice);
        vault.donate(junk, 2e18);
    }

    function test_donate_revertsOnReentrancy() public {
        TemplateReentrantERC20 evil = new TemplateReentrantERC20();
        _allow(address(evil), RATE_USD);
        evil.mint(alice, 10e18);
        vm.prank(alice);
        evil.approve(address(vault), type(uint256).max);
        // Inside the pull, the token calls donate again.
        evil.arm(address(vault), abi.encodeCall(IDonationVault.donate, (IERC20(address(evil)), 1e18)));
        vm.prank(alice);
        vault.donate(evil, 2e18);
        assertTrue(evil.attempted(), "re-entry attempted");
        assertTrue(!evil.succeeded(), "re-entry failed");
        assertTrue(
            keccak256(evil.returned()) ==
                keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "ReentrancyGuardReentrantCall"
        );
        assertEq(vault.unitsOf(alice), 2e18, "only the outer donation counted");
    }

    // ---------------------------------------------------------------------------------------------------------
    // donateETH
    // ---------------------------------------------------------------------------------------------------------

    function test_donateETH_mintsUnitsAndForwards() public {
        vm.expectEmit();
        emit IDonationVault.Donated(alice, address(0), 2 ether, 6_000e18);
        uint256 units = _donateETH(alice, 2 ether);
        assertEq(units, 6_000e18, "units");
        assertEq(vault.unitsOf(alice), 6_000e18, "held");
        assertEq(vault.getVotes(alice), 6_000e18, "votes");
        assertEq(treasury.balance, 2 ether, "forwarded");
        assertEq(address(vault).balance, 0, "vault keeps nothing");
        assertEq(treasuryMock.incomeCount(), 1, "one income");
        _assertIncome(0, address(0), 2 ether, 2 ether);
        assertEq(vault.donatedBy(alice, address(0)), 2 ether, "donatedBy");
        assertEq(vault.totalDonated(address(0)), 2 ether, "totalDonated");
    }

    function test_donateETH_forwardsForcedETHToo() public {
        vm.deal(address(vault), 1 ether); // e.g. self-destructed into the vault
        _donateETH(alice, 1 ether);
        assertEq(address(vault).balance, 0, "nothing left");
        assertEq(treasury.balance, 2 ether, "forced ETH forwarded");
        _assertIncome(0, address(0), 2 ether, 2 ether); // one income with the donation
        assertEq(vault.totalDonated(address(0)), 1 ether, "only the donation counted");
    }

    function test_donateETH_revertsIfETHNotAllowed() public {
        _allow(address(0), 0);
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultTokenNotAllowed.selector, address(0)));
        vm.prank(alice);
        vault.donateETH{value: 1 ether}();
    }

    function test_donateETH_revertsOnZeroValue() public {
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultZeroAmount.selector));
        vm.prank(alice);
        vault.donateETH();
    }

    function test_donateETH_revertsIfTreasuryRejectsETH() public {
        treasuryMock.setMode(TemplateIncomeTreasury.Mode.Reject);
        vm.expectRevert(abi.encodeWithSelector(TemplateIncomeTreasury.TemplateIncomeTreasuryRejected.selector));
        vm.prank(alice);
        vault.donateETH{value: 1 ether}();
        assertEq(alice.balance, 1_000 ether, "donor keeps its ETH");
        assertEq(address(vault).balance, 0, "vault holds nothing");
        assertEq(treasury.balance, 0, "treasury got nothing");
        assertEq(vault.unitsOf(alice), 0, "no units");
        assertEq(vault.totalDonated(address(0)), 0, "no donation recorded");
        assertEq(treasuryMock.incomeCount(), 0, "no income");
    }

    function test_donateETH_revertsIfTreasuryHasNoDepositETH() public {
        // A contract without depositETH (nor receive or fallback) as the treasury: the call fails, without data.
        DonationVault v = DonationVault(Clones.clone(address(implementation)));
        v.initialize(executor, address(new TemplateRejectETH()), _one(address(0)), _oneRate(RATE_ETH));
        vm.expectRevert(bytes(""));
        vm.prank(alice);
        v.donateETH{value: 1 ether}();
        assertEq(alice.balance, 1_000 ether, "donor keeps its ETH");
    }

    function test_donateETH_revertsOnReentrancy() public {
        // From inside its depositETH, the treasury calls donateETH again.
        treasuryMock.arm(address(vault), abi.encodeCall(IDonationVault.donateETH, ()));
        vm.prank(alice);
        vault.donateETH{value: 1 ether}();
        assertTrue(treasuryMock.attempted(), "re-entry attempted");
        assertTrue(!treasuryMock.succeeded(), "re-entry failed");
        assertTrue(
            keccak256(treasuryMock.returned()) ==
                keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "ReentrancyGuardReentrantCall"
        );
        assertEq(vault.totalDonated(address(0)), 1 ether, "only the outer donation counted");
        assertEq(treasuryMock.incomeCount(), 1, "one income");
    }

    function test_donateETH_plainTransferIsRejected() public {
        vm.prank(alice);
        (bool ok, ) = address(vault).call{value: 1 ether}("");
        assertTrue(!ok, "no receive: plain ETH is not a donation");
    }

    // ---------------------------------------------------------------------------------------------------------
    // sweep
    // ---------------------------------------------------------------------------------------------------------

    function test_sweep_forwardsStrayTokens() public {
        junk.mint(address(vault), 5e18); // a token that is not even allowed
        vm.expectEmit();
        emit IDonationVault.Swept(address(junk), stranger, 5e18);
        vm.prank(stranger);
        vault.sweep(address(junk));
        assertEq(junk.balanceOf(treasury), 5e18, "forwarded");
        _assertVaultEmpty(junk);
        assertEq(treasuryMock.incomeCount(), 1, "as one income of the treasury");
        _assertIncome(0, address(junk), 5e18, 5e18);
        assertEq(vault.unitsOf(stranger), 0, "no units");
        assertEq(vault.totalUnits(), 0, "no units at all");
    }

    function test_sweep_forwardsForcedETH() public {
        vm.deal(address(vault), 3 ether);
        vm.prank(stranger);
        vault.sweep(address(0));
        assertEq(treasury.balance, 3 ether, "forwarded");
        assertEq(address(vault).balance, 0, "nothing left");
        assertEq(treasuryMock.incomeCount(), 1, "as one income of the treasury");
        _assertIncome(0, address(0), 3 ether, 3 ether);
    }

    function test_sweep_revertsIfTreasuryReverts() public {
        junk.mint(address(vault), 5e18);
        vm.deal(address(vault), 3 ether);
        treasuryMock.setMode(TemplateIncomeTreasury.Mode.Reject);
        vm.expectRevert(abi.encodeWithSelector(TemplateIncomeTreasury.TemplateIncomeTreasuryRejected.selector));
        vault.sweep(address(junk));
        vm.expectRevert(abi.encodeWithSelector(TemplateIncomeTreasury.TemplateIncomeTreasuryRejected.selector));
        vault.sweep(address(0));
        // The strays stay where they were, for a later sweep; no allowance is left behind.
        assertEq(junk.balanceOf(address(vault)), 5e18, "stray tokens still in the vault");
        assertEq(junk.allowance(address(vault), treasury), 0, "no allowance");
        assertEq(address(vault).balance, 3 ether, "stray ETH still in the vault");
        treasuryMock.setMode(TemplateIncomeTreasury.Mode.Pull);
        vault.sweep(address(junk));
        vault.sweep(address(0));
        _assertVaultEmpty(junk);
        assertEq(address(vault).balance, 0, "then swept");
        assertEq(treasuryMock.incomeCount(), 2, "two incomes");
    }

    function test_sweep_revertsIfTreasuryDoesNotPull() public {
        junk.mint(address(vault), 5e18);
        treasuryMock.setMode(TemplateIncomeTreasury.Mode.NoPull);
        vm.expectRevert(
            abi.encodeWithSelector(IDonationVault.DonationVaultIncomeNotPulled.selector, address(junk), 5e18, 5e18)
        );
        vault.sweep(address(junk));
        assertEq(junk.allowance(address(vault), treasury), 0, "no allowance left");
    }

    function test_sweep_revertsIfNothingToSweep() public {
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultZeroAmount.selector));
        vault.sweep(address(usd));
        vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultZeroAmount.selector));
        vault.sweep(address(0));
    }

    // ---------------------------------------------------------------------------------------------------------
    // setAllowedToken
    // ---------------------------------------------------------------------------------------------------------

    function test_setAllowedToken_onlyExecutor() public {
        _donate(alice, usd, 1e18);
        address[4] memory callers = [stranger, alice, treasury, address(this)];
        for (uint256 i = 0; i < callers.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(IDonationVault.DonationVaultNotExecutor.selector, callers[i]));
            vm.prank(callers[i]);
            vault.setAllowedToken(address(junk), 1e18);
        }
        vm.prank(executor);
        vault.setAllowedToken(address(junk), 1e18);
        assertEq(vault.unitsPerToken(address(junk)), 1e18, "executor may");
    }

    function test_setAllowedToken_emitsOldAndNew() public {
        vm.expectEmit();
        emit IDonationVault.AllowedTokenSet(address(usd), RATE_USD, 2e18);
        _allow(address(usd), 2e18);
        vm.expectEmit();
        emit IDonationVault.AllowedTokenSet(address(junk), 0, 5);
        _allow(address(junk), 5);
    }

    function test_setAllowedToken_zeroDisallowsAndUnlists() public {
        _allow(address(usdc), 0);
        assertEq(vault.unitsPerToken(address(usdc)), 0, "rate 0");
        address[] memory allowed = vault.allowedTokens();
        assertEq(allowed.length, 2, "two left");
        assertTrue(!_contains(allowed, address(usdc)), "unlisted");
        _allow(address(usdc), 0); // disallowing again is a no-op
        assertEq(vault.allowedTokens().length, 2, "still two");
    }

    function test_setAllowedToken_addsNewTokenAndETH() public {
        DonationVault v = _newVault(new address[](0), new uint256[](0));
        vm.startPrank(executor);
        v.setAllowedToken(address(0), RATE_ETH);
        v.setAllowedToken(address(junk), 1e18);
        v.setAllowedToken(address(junk), 2e18); // re-setting updates without duplicating
        vm.stopPrank();
        address[] memory allowed = v.allowedTokens();
        assertEq(allowed.length, 2, "two");
        assertTrue(_contains(allowed, address(0)) && _contains(allowed, address(junk)), "listed");
        vm.prank(alice);
        assertEq(v.donateETH{value: 1 ether}(), 3_000e18, "eth allowed");
    }

    function test_setAllowedToken_rateChangeAppliesToLaterDonationsOnly() public {
        _donate(alice, usd, 10e18);
        _allow(address(usd), 3e18);
        assertEq(vault.unitsOf(alice), 10e18, "earlier units unchanged");
        _donate(alice, usd, 10e18);
        assertEq(vault.unitsOf(alice), 40e18, "later donation at the new rate");
    }

    // ---------------------------------------------------------------------------------------------------------
    // votes (IVotes)
    // ---------------------------------------------------------------------------------------------------------

    function test_units_areNotTransferable() public {
        _donate(alice, usd, 10e18);
        vm.prank(alice);
        (bool ok, ) = address(vault).call(abi.encodeCall(IERC20.transfer, (bob, 1)));
        assertTrue(!ok, "no transfer");
        vm.prank(alice);
        (ok, ) = address(vault).call(abi.encodeCall(IERC20.approve, (bob, 1)));
        assertTrue(!ok, "no approve");
        assertEq(vault.unitsOf(alice), 10e18, "units stay");
    }

    function test_delegate_movesVotesNotUnits() public {
        _donate(alice, usd, 10e18);
        _donate(bob, usd, 4e18);
        vm.expectEmit();
        emit IVotes.DelegateChanged(alice, alice, bob);
        vm.prank(alice);
        vault.delegate(bob);
        assertEq(vault.getVotes(alice), 0, "alice");
        assertEq(vault.getVotes(bob), 14e18, "bob");
        assertEq(vault.unitsOf(alice), 10e18, "units stay with alice");
        assertEq(vault.totalUnits(), 14e18, "total unchanged");
    }

    function test_delegate_toZeroRemovesVotesNotSupply() public {
        _donate(alice, usd, 10e18);
        vm.prank(alice);
        vault.delegate(address(0));
        assertEq(vault.getVotes(alice), 0, "no votes");
        assertEq(vault.totalUnits(), 10e18, "supply unchanged");
    }

    function test_delegateBySig_delegatesForSigner() public {
        _donate(alice, usd, 10e18);
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(address(vault), ALICE_PK, bob, 0, expiry);
        vm.prank(stranger); // anyone relays
        vault.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(vault.delegates(alice), bob, "delegated");
        assertEq(vault.getVotes(bob), 10e18, "bob votes");
        assertEq(vault.nonces(alice), 1, "nonce used");
    }

    function test_delegateBySig_domainIsTheClone() public {
        DonationVault other = _newVault(_one(address(usd)), _oneRate(RATE_USD));
        _donate(alice, usd, 10e18);
        uint256 expiry = block.timestamp + 1 hours;
        // Signed for the other clone: on this one it recovers some other account, not alice.
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(address(other), ALICE_PK, bob, 0, expiry);
        vault.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(vault.delegates(alice), alice, "alice's delegation untouched");
        assertEq(vault.nonces(alice), 0, "alice's nonce untouched");
        (, string memory name, string memory version, , address verifyingContract, , ) = vault.eip712Domain();
        assertEq(verifyingContract, address(vault), "verifying contract is the clone");
        assertTrue(keccak256(bytes(name)) == keccak256("AIDAO DonationVault"), "name");
        assertTrue(keccak256(bytes(version)) == keccak256("1"), "version");
    }

    function test_delegateBySig_revertsIfExpired() public {
        uint256 expiry = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(address(vault), ALICE_PK, bob, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        vault.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_revertsIfReplayed() public {
        uint256 expiry = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(address(vault), ALICE_PK, bob, 0, expiry);
        vault.delegateBySig(bob, 0, expiry, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 1));
        vault.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_getPastVotes_isExactAtEveryTimepoint() public {
        _donate(alice, usd, 10e18); // T0
        _skip(10);
        _donate(alice, usd, 5e18); // T0 + 10
        _skip(10);
        vm.prank(alice);
        vault.delegate(bob); // T0 + 20
        _skip(10);
        assertEq(vault.getPastVotes(alice, T0 - 1), 0, "before");
        assertEq(vault.getPastVotes(alice, T0), 10e18, "first donation");
        assertEq(vault.getPastVotes(alice, T0 + 9), 10e18, "still first");
        assertEq(vault.getPastVotes(alice, T0 + 10), 15e18, "second donation");
        assertEq(vault.getPastVotes(alice, T0 + 20), 0, "delegated away");
        assertEq(vault.getPastVotes(bob, T0 + 19), 0, "bob before");
        assertEq(vault.getPastVotes(bob, T0 + 20), 15e18, "bob after");
        assertEq(vault.getPastTotalSupply(T0 - 1), 0, "supply before");
        assertEq(vault.getPastTotalSupply(T0 + 5), 10e18, "supply after first");
        assertEq(vault.getPastTotalSupply(T0 + 29), 15e18, "supply now - 1");
    }

    function test_getPastVotes_revertsOnFutureLookup() public {
        vm.expectRevert(
            abi.encodeWithSelector(VotesUpgradeable.ERC5805FutureLookup.selector, block.timestamp, uint48(T0))
        );
        vault.getPastVotes(alice, block.timestamp);
    }

    function test_getPastTotalSupply_revertsOnFutureLookup() public {
        vm.expectRevert(
            abi.encodeWithSelector(VotesUpgradeable.ERC5805FutureLookup.selector, block.timestamp + 1, uint48(T0))
        );
        vault.getPastTotalSupply(block.timestamp + 1);
    }

    function test_governor_countsSupporterUnitsAndExecutesAsExecutor() public {
        // A DAO whose executor is its Governor (no timelock, for brevity): supporters vote to allow a new token.
        // The Governor reads the vault's clock when built, and the vault needs its executor when initialized: the
        // Governor's CREATE2 address is known in advance, like a factory would arrange it.
        DonationVault v = DonationVault(Clones.clone(address(implementation)));
        bytes32 salt = bytes32("dao");
        bytes32 initCodeHash = keccak256(abi.encodePacked(type(TemplateTestGovernor).creationCode, abi.encode(v)));
        address predicted = address(
            uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, initCodeHash))))
        );
        v.initialize(predicted, treasury, _one(address(usd)), _oneRate(RATE_USD));
        TemplateTestGovernor governor = new TemplateTestGovernor{salt: salt}(v);
        assertEq(address(governor), predicted, "predicted governor");
        vm.startPrank(alice);
        usd.approve(address(v), 100e18);
        v.donate(usd, 100e18);
        vm.stopPrank();
        _skip(1);

        address[] memory targets = _one(address(v));
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(IDonationVault.setAllowedToken, (address(junk), 7e18));
        vm.prank(alice);
        uint256 id = governor.propose(targets, values, calldatas, "allow junk");
        _skip(1 days + 1);
        vm.prank(alice);
        governor.castVote(id, 1);
        assertEq(governor.proposalSnapshot(id), T0 + 1 + 1 days, "snapshot in seconds");
        _skip(1 weeks);
        assertTrue(governor.state(id) == IGovernor.ProposalState.Succeeded, "succeeded");
        governor.execute(targets, values, calldatas, keccak256("allow junk"));
        assertEq(v.unitsPerToken(address(junk)), 7e18, "executed by the governor");
    }

    // ---------------------------------------------------------------------------------------------------------
    // fuzz
    // ---------------------------------------------------------------------------------------------------------

    function testFuzz_donate_unitsMatchRate(uint256 amount, uint256 rate) public {
        amount = bound(amount, 1, FUNDS);
        rate = bound(rate, 1, 1e36);
        _allow(address(junk), rate);
        uint256 units = _donate(alice, junk, amount);
        assertEq(units, (amount * rate) / 1e18, "units = received * rate / 1e18");
        assertEq(vault.unitsOf(alice), units, "held");
        assertEq(vault.totalUnits(), units, "total");
        _assertVaultEmpty(junk);
        assertEq(junk.balanceOf(treasury), amount, "all forwarded");
        _assertIncome(0, address(junk), amount, amount);
    }

    function testFuzz_donateETH_unitsMatchRate(uint256 amount, uint256 rate) public {
        amount = bound(amount, 1, 1_000 ether);
        rate = bound(rate, 1, 1e36);
        _allow(address(0), rate);
        uint256 units = _donateETH(alice, amount);
        assertEq(units, (amount * rate) / 1e18, "units");
        assertEq(address(vault).balance, 0, "vault holds nothing");
        assertEq(treasury.balance, amount, "all forwarded");
        _assertIncome(0, address(0), amount, amount);
    }

    function testFuzz_donate_feeTokenCreditsReceived(uint256 amount, uint16 feeBps) public {
        amount = bound(amount, 1, FUNDS);
        TemplateFeeOnTransferERC20 fee = new TemplateFeeOnTransferERC20(bound(feeBps, 0, 5_000));
        fee.mint(alice, amount);
        _allow(address(fee), RATE_USD);
        uint256 received = amount - fee.feeOf(amount);
        uint256 units = _donate(alice, fee, amount);
        assertEq(units, received, "units on received");
        assertEq(vault.donatedBy(alice, address(fee)), received, "donated = received");
        _assertVaultEmpty(fee);
        _assertIncome(0, address(fee), received, received - fee.feeOf(received));
    }

    function testFuzz_getPastVotes_matchesHistory(uint256 seed) public {
        address[3] memory donors = [alice, bob, carol];
        uint256[3] memory held;
        uint256[8] memory totals;
        uint256[8] memory aliceVotes;
        uint256[8] memory times;
        address aliceDelegate = alice;
        for (uint256 step = 0; step < 8; step++) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            uint256 who = seed % 3;
            uint256 amount = bound(seed >> 8, 1, 1_000e18);
            _donate(donors[who], usd, amount);
            held[who] += amount;
            if ((seed >> 200) % 4 == 0) {
                aliceDelegate = (seed >> 210) % 2 == 0 ? bob : alice;
                vm.prank(alice);
                vault.delegate(aliceDelegate);
            }
            times[step] = block.timestamp;
            totals[step] = held[0] + held[1] + held[2];
            aliceVotes[step] = aliceDelegate == alice ? held[0] : 0;
            _skip(bound(seed >> 100, 1, 1 days));
        }
        for (uint256 step = 0; step < 8; step++) {
            assertEq(vault.getPastTotalSupply(times[step]), totals[step], "past total supply");
            assertEq(vault.getPastVotes(alice, times[step]), aliceVotes[step], "past votes of alice");
        }
    }
}
