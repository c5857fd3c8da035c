// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IDAORegistry} from "../../contracts/factory/IDAORegistry.sol";
import {ChainlinkPriceSource, IAggregatorV3} from "../../contracts/venture/ChainlinkPriceSource.sol";
import {IVentureFund} from "../../contracts/venture/IVentureFund.sol";
import {IVenturePriceSource} from "../../contracts/venture/IVenturePriceSource.sol";
import {VentureFund} from "../../contracts/venture/VentureFund.sol";
import {VentureReceipts} from "../../contracts/venture/VentureReceipts.sol";
import {FeeOnTransferERC20} from "../mocks/FeeOnTransferERC20.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";
import {VentureDecimalsERC20} from "../mocks/venture/VentureDecimalsERC20.sol";
import {VentureFixedPriceSource} from "../mocks/venture/VentureFixedPriceSource.sol";
import {VentureMockAggregator} from "../mocks/venture/VentureMockAggregator.sol";
import {VentureMockSwap} from "../mocks/venture/VentureMockSwap.sol";
import {VentureReentrantReceiver} from "../mocks/venture/VentureReentrantReceiver.sol";

/// @dev The venture fund on EIP-1167 clones (fund + receipts), with an arbitrary address as its executor (the DAO's
/// timelock in production) and a mock DAO registry. Deposit tokens: USD (18 decimals, governance price 1), a 1% fee-on-
/// transfer token (governance price 2) and WBTC (8 decimals) priced by a ChainlinkPriceSource at 60,000.
contract VentureFundTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint64 internal constant CLOSES = uint64(T0 + 7 days);
    uint64 internal constant UNLOCKS = uint64(T0 + 30 days);
    uint128 internal constant CAP = 1e27;
    uint32 internal constant GOV_MAX_AGE = 10 days; // the governance prices stay fresh through the deposit window
    uint32 internal constant FEED_MAX_AGE = 1 hours;
    uint256 internal constant SCALE = 1e27;

    MockDAORegistry internal registry;
    VentureFund internal fundImpl;
    VentureReceipts internal receiptsImpl;
    VentureFund internal fund;
    VentureReceipts internal receipts;
    MockERC20 internal usd;
    FeeOnTransferERC20 internal fee;
    VentureDecimalsERC20 internal btc;
    MockERC20 internal ait; // what an AI DAO gives in exchange for an investment
    VentureMockAggregator internal feed;
    ChainlinkPriceSource internal chainlink;
    VentureMockSwap internal swap;
    uint256 internal roundId;
    uint256 internal daoId;
    address internal daoTreasury;

    address internal gov = address(0x6000); // the fund's executor
    address internal daoExec = address(0xDA0E); // the invested DAO's timelock
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA201);
    address internal dave = address(0xDA7E);
    address internal mallory = address(0xBAD);

    function setUp() public {
        vm.warp(T0);
        registry = new MockDAORegistry();
        daoId = registry.addDAO(daoExec);
        daoTreasury = registry.dao(daoId).treasury;

        usd = new MockERC20("Dollar", "USD");
        fee = new FeeOnTransferERC20(100);
        btc = new VentureDecimalsERC20("WBTC", 8);
        ait = new MockERC20("AI DAO token", "AIT");
        feed = new VentureMockAggregator(8);
        feed.set(60_000e8, T0);
        address[] memory feedTokens = new address[](1);
        feedTokens[0] = address(btc);
        IAggregatorV3[] memory feeds = new IAggregatorV3[](1);
        feeds[0] = feed;
        chainlink = new ChainlinkPriceSource(feedTokens, feeds);
        swap = new VentureMockSwap();

        fundImpl = new VentureFund();
        receiptsImpl = new VentureReceipts();
        (fund, receipts) = _newFund();

        vm.startPrank(gov);
        fund.acceptToken(address(usd), IVenturePriceSource(address(0)), GOV_MAX_AGE);
        fund.setPrice(address(usd), 1e18);
        fund.acceptToken(address(fee), IVenturePriceSource(address(0)), GOV_MAX_AGE);
        fund.setPrice(address(fee), 2e18);
        fund.acceptToken(address(btc), chainlink, FEED_MAX_AGE);
        roundId = fund.openRound(CAP, CLOSES, UNLOCKS);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    function _newFund() internal returns (VentureFund f, VentureReceipts r) {
        f = VentureFund(Clones.clone(address(fundImpl)));
        r = VentureReceipts(Clones.clone(address(receiptsImpl)));
        r.initialize("Venture Receipt", "VRCPT", address(f));
        f.initialize(gov, r, registry);
    }

    function _mintTo(address token, address to, uint256 amount) internal {
        MockERC20(token).mint(to, amount); // every test token has the same mint(address,uint256)
    }

    function _depositIn(uint256 rid, address who, address token, uint256 amount) internal returns (uint256 id) {
        _mintTo(token, who, amount);
        vm.startPrank(who);
        IERC20(token).approve(address(fund), amount);
        id = fund.deposit(rid, token, amount, 0);
        vm.stopPrank();
    }

    function _deposit(address who, uint256 usdAmount) internal returns (uint256) {
        return _depositIn(roundId, who, address(usd), usdAmount);
    }

    function _fund(uint256 rid, address token, uint256 amount) internal returns (uint256 received) {
        _mintTo(token, carol, amount);
        vm.startPrank(carol);
        IERC20(token).approve(address(fund), amount);
        received = fund.fund(rid, token, amount);
        vm.stopPrank();
    }

    function _list(address token) internal pure returns (address[] memory tokens) {
        tokens = new address[](1);
        tokens[0] = token;
    }

    function _claim(uint256 receiptId, address token) internal returns (uint256) {
        return fund.claim(receiptId, _list(token))[0];
    }

    function _openRound(uint128 cap, uint64 closesAt, uint64 unlocksAt) internal returns (uint256 rid) {
        vm.prank(gov);
        rid = fund.openRound(cap, closesAt, unlocksAt);
    }

    function _wrongState(uint256 rid, IVentureFund.RoundState s) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IVentureFund.VentureFundWrongState.selector, rid, s);
    }

    function _investment(
        address payToken,
        uint256 amount,
        address receiveToken,
        uint256 receiveAmount
    ) internal view returns (IVentureFund.Investment memory) {
        return
            IVentureFund.Investment({
                daoId: daoId,
                payToken: payToken,
                amount: amount,
                receiveToken: receiveToken,
                receiveAmount: receiveAmount,
                terms: "ipfs://terms"
            });
    }

    /// @dev The DAO's executor holds `amount` AIT and lets the fund pull it.
    function _daoOffers(address executor, uint256 amount) internal {
        ait.mint(executor, amount);
        vm.prank(executor);
        ait.approve(address(fund), amount);
    }

    /// @dev Two calls from the fund: approve the swap for `amountIn` of `tokenIn`, and swap it for `amountOut` AIT.
    function _swapCalls(
        address tokenIn,
        uint256 amountIn,
        uint256 amountOut
    ) internal view returns (IVentureFund.Call[] memory c) {
        c = new IVentureFund.Call[](2);
        c[0] = IVentureFund.Call(tokenIn, abi.encodeCall(IERC20.approve, (address(swap), amountIn)));
        c[1] = IVentureFund.Call(
            address(swap),
            abi.encodeCall(VentureMockSwap.swap, (tokenIn, amountIn, address(ait), amountOut))
        );
    }

    function _pair(address a, address b) internal pure returns (address[] memory tokens) {
        tokens = new address[](2);
        (tokens[0], tokens[1]) = (a, b);
    }

    // ---------------------------------------------------------------------------------------------------------
    // initialize and clones
    // ---------------------------------------------------------------------------------------------------------

    function test_initialize_wiresReceiptsRegistryAndExecutor() public view {
        (address r, address reg, address executor) = fund.wiring();
        assertEq(r, address(receipts), "receipts");
        assertEq(reg, address(registry), "registry");
        assertEq(executor, gov, "executor");
        assertEq(receipts.fund(), address(fund), "receipts' fund");
        assertEq(fund.SCALE(), SCALE, "scale");
    }

    function test_initialize_revertsOnSecondCall() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        fund.initialize(mallory, receipts, registry);
    }

    function test_initialize_implementationCannotBeInitialized() public {
        vm.expectRevert(abi.encodeWithSelector(Initializable.InvalidInitialization.selector));
        fundImpl.initialize(mallory, receipts, registry);
    }

    // ---------------------------------------------------------------------------------------------------------
    // openRound
    // ---------------------------------------------------------------------------------------------------------

    function test_openRound_storesRoundWithSequentialIdsAndEmits() public {
        assertEq(roundId, 1, "first id");
        IVentureFund.Round memory r = fund.round(roundId);
        assertEq(r.cap, CAP, "cap");
        assertEq(r.raised, 0, "raised");
        assertEq(r.closesAt, CLOSES, "closesAt");
        assertEq(r.unlocksAt, UNLOCKS, "unlocksAt");
        assertTrue(!r.invested, "not invested");

        vm.expectEmit();
        emit IVentureFund.RoundOpened(2, 5e18, uint64(T0 + 1), uint64(T0 + 1));
        uint256 second = _openRound(5e18, uint64(T0 + 1), uint64(T0 + 1));
        assertEq(second, 2, "second id");
        assertEq(fund.roundCount(), 2, "count");
    }

    function test_openRound_revertsForNonExecutor() public {
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundNotExecutor.selector, alice));
        vm.prank(alice);
        fund.openRound(1, CLOSES, UNLOCKS);
    }

    function test_openRound_revertsOnZeroCapPastCloseOrUnlockBeforeClose() public {
        vm.startPrank(gov);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundInvalidRound.selector, 0, CLOSES, UNLOCKS));
        fund.openRound(0, CLOSES, UNLOCKS);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundInvalidRound.selector, 1, T0, UNLOCKS));
        fund.openRound(1, uint64(T0), UNLOCKS);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundInvalidRound.selector, 1, CLOSES, CLOSES - 1));
        fund.openRound(1, CLOSES, CLOSES - 1);
        vm.stopPrank();
    }

    function test_openRound_unlockAtCloseSkipsTheLockedStates() public {
        uint256 rid = _openRound(1e24, CLOSES, CLOSES);
        vm.warp(CLOSES - 1);
        assertTrue(fund.roundState(rid) == IVentureFund.RoundState.Open, "open");
        vm.warp(CLOSES);
        assertTrue(fund.roundState(rid) == IVentureFund.RoundState.Distributing, "distributing at close");
    }

    function test_round_revertsForUnknownRound() public {
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundUnknownRound.selector, 0));
        fund.round(0);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundUnknownRound.selector, 2));
        fund.roundState(2);
    }

    function test_roundState_goesOpenLockedInvestingDistributing() public {
        _deposit(alice, 1_000e18);
        assertTrue(fund.roundState(roundId) == IVentureFund.RoundState.Open, "open");
        vm.warp(CLOSES);
        assertTrue(fund.roundState(roundId) == IVentureFund.RoundState.Locked, "locked");
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 1e18, address(0), 0));
        assertTrue(fund.roundState(roundId) == IVentureFund.RoundState.Investing, "investing");
        assertTrue(fund.round(roundId).invested, "invested flag");
        vm.warp(UNLOCKS);
        assertTrue(fund.roundState(roundId) == IVentureFund.RoundState.Distributing, "distributing");
    }

    // ---------------------------------------------------------------------------------------------------------
    // token configuration and prices
    // ---------------------------------------------------------------------------------------------------------

    function test_acceptToken_storesConfigBooksTokenAndEmits() public {
        VentureDecimalsERC20 six = new VentureDecimalsERC20("USDC", 6);
        vm.expectEmit();
        emit IVentureFund.TokenAccepted(address(six), IVenturePriceSource(address(0)), 3600, 6);
        vm.prank(gov);
        fund.acceptToken(address(six), IVenturePriceSource(address(0)), 3600);
        IVentureFund.TokenConfig memory c = fund.tokenConfig(address(six));
        assertTrue(c.accepted, "accepted");
        assertEq(c.decimals, 6, "decimals");
        assertEq(c.maxAge, 3600, "max age");
        assertEq(address(c.source), address(0), "governance price");
        assertEq(c.updatedAt, 0, "no price yet");
        address[] memory booked = fund.bookedTokens();
        assertEq(booked.length, 4, "booked: usd, fee, btc, usdc");
        assertEq(booked[3], address(six), "usdc booked");
    }

    function test_acceptToken_reacceptingReconfiguresTheSource() public {
        VentureFixedPriceSource src = new VentureFixedPriceSource();
        src.set(3e18, T0);
        vm.prank(gov);
        fund.acceptToken(address(usd), src, 1);
        assertEq(fund.price(address(usd)), 3e18, "source's price");
        assertEq(fund.tokenConfig(address(usd)).maxAge, 1, "max age");
        assertEq(fund.bookedTokens().length, 3, "booked once");
    }

    function test_acceptToken_revertsForNonExecutor() public {
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundNotExecutor.selector, alice));
        vm.prank(alice);
        fund.acceptToken(address(ait), IVenturePriceSource(address(0)), 1);
    }

    function test_acceptToken_revertsOnZeroTokenZeroMaxAgeNoDecimalsOrTooManyDecimals() public {
        VentureDecimalsERC20 tooMany = new VentureDecimalsERC20("X25", 25);
        VentureDecimalsERC20 most = new VentureDecimalsERC20("X24", 24);
        vm.startPrank(gov);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundInvalidToken.selector, address(0)));
        fund.acceptToken(address(0), IVenturePriceSource(address(0)), 1);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundInvalidToken.selector, address(ait)));
        fund.acceptToken(address(ait), IVenturePriceSource(address(0)), 0);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundInvalidToken.selector, address(registry)));
        fund.acceptToken(address(registry), IVenturePriceSource(address(0)), 1);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundInvalidToken.selector, address(tooMany)));
        fund.acceptToken(address(tooMany), IVenturePriceSource(address(0)), 1);
        fund.acceptToken(address(most), IVenturePriceSource(address(0)), 1);
        fund.setPrice(address(most), 5e18);
        vm.stopPrank();
        assertEq(fund.quote(address(most), 2e24), 10e18, "24 decimals quoted");
    }

    function test_refuseToken_stopsDepositsButTheRoundKeepsItsAssets() public {
        uint256 id = _deposit(alice, 100e18);
        vm.expectEmit();
        emit IVentureFund.TokenRefused(address(usd));
        vm.prank(gov);
        fund.refuseToken(address(usd));
        assertTrue(!fund.tokenConfig(address(usd)).accepted, "refused");

        usd.mint(bob, 1e18);
        vm.startPrank(bob);
        usd.approve(address(fund), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundTokenNotAccepted.selector, address(usd)));
        fund.deposit(roundId, address(usd), 1e18, 0);
        vm.stopPrank();

        vm.warp(UNLOCKS);
        assertEq(fund.distribute(roundId, address(usd)), 100e18, "still distributes");
        assertEq(_claim(id, address(usd)), 100e18, "still claims");
    }

    function test_refuseToken_revertsForTokenNotAccepted() public {
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundTokenNotAccepted.selector, address(ait)));
        vm.prank(gov);
        fund.refuseToken(address(ait));
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundNotExecutor.selector, alice));
        vm.prank(alice);
        fund.refuseToken(address(usd));
    }

    function test_setPrice_storesPriceTimestampedNowAndEmits() public {
        vm.warp(T0 + 5);
        vm.expectEmit();
        emit IVentureFund.PriceSet(address(usd), 1.5e18);
        vm.prank(gov);
        fund.setPrice(address(usd), 1.5e18);
        IVentureFund.TokenConfig memory c = fund.tokenConfig(address(usd));
        assertEq(c.price, 1.5e18, "price");
        assertEq(c.updatedAt, T0 + 5, "updated now");
        assertEq(fund.price(address(usd)), 1.5e18, "view");
        assertEq(fund.quote(address(usd), 10e18), 15e18, "quote");
    }

    function test_setPrice_revertsOnZeroOrForNonExecutor() public {
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundZeroPrice.selector, address(usd)));
        vm.prank(gov);
        fund.setPrice(address(usd), 0);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundNotExecutor.selector, alice));
        vm.prank(alice);
        fund.setPrice(address(usd), 1);
    }

    function test_quote_scalesByTokenDecimalsAndChainlinkPrice() public view {
        assertEq(fund.price(address(btc)), 60_000e18, "feed scaled to 18 decimals");
        assertEq(fund.quote(address(btc), 1e8), 60_000e18, "one bitcoin");
        assertEq(fund.quote(address(btc), 1), 6e14, "one satoshi");
        assertEq(fund.quote(address(fee), 1e18), 2e18, "fee token");
    }

    // ---------------------------------------------------------------------------------------------------------
    // deposit
    // ---------------------------------------------------------------------------------------------------------

    function test_deposit_mintsReceiptOfValueAndBooksIt() public {
        usd.mint(alice, 250e18);
        vm.startPrank(alice);
        usd.approve(address(fund), 250e18);
        vm.expectEmit();
        emit IVentureFund.Deposited(roundId, 1, alice, address(usd), 250e18, 250e18);
        uint256 id = fund.deposit(roundId, address(usd), 250e18, 250e18);
        vm.stopPrank();

        assertEq(id, 1, "first receipt");
        assertEq(receipts.ownerOf(id), alice, "holder");
        VentureReceipts.Receipt memory rc = receipts.receipt(id);
        assertEq(rc.token, address(usd), "token");
        assertEq(rc.roundId, roundId, "round");
        assertEq(rc.amount, 250e18, "amount");
        assertEq(rc.value, 250e18, "value");
        assertEq(fund.round(roundId).raised, 250e18, "raised");
        assertEq(fund.book(roundId, address(usd)).held, 250e18, "held");
        assertEq(usd.balanceOf(address(fund)), 250e18, "pulled");
        assertEq(receipts.unitsOf(alice), 250e18, "units");
    }

    function test_deposit_valuesByChainlinkPriceAndDecimals() public {
        uint256 id = _depositIn(roundId, alice, address(btc), 0.5e8);
        VentureReceipts.Receipt memory rc = receipts.receipt(id);
        assertEq(rc.amount, 0.5e8, "amount in satoshis");
        assertEq(rc.value, 30_000e18, "half a bitcoin at 60,000");
    }

    function test_deposit_feeOnTransferIsCreditedWhatArrived() public {
        fee.mint(alice, 1_000e18);
        vm.startPrank(alice);
        fee.approve(address(fund), 1_000e18);
        vm.expectEmit();
        emit IVentureFund.Deposited(roundId, 1, alice, address(fee), 990e18, 1_980e18);
        uint256 id = fund.deposit(roundId, address(fee), 1_000e18, 0);
        vm.stopPrank();
        VentureReceipts.Receipt memory rc = receipts.receipt(id);
        assertEq(rc.amount, 990e18, "amount: what arrived");
        assertEq(rc.value, 1_980e18, "value: what arrived times price");
        assertEq(fund.book(roundId, address(fee)).held, 990e18, "held: what arrived");
        assertEq(fee.balanceOf(address(fund)), 990e18, "balance");
        assertEq(fund.round(roundId).raised, 1_980e18, "raised");
    }

    function test_deposit_minValueGuardsSlippageOfFeeOnTransfer() public {
        fee.mint(alice, 1_000e18);
        vm.startPrank(alice);
        fee.approve(address(fund), 1_000e18);
        // The quote ignores the fee: 2,000; what is credited is 1,980.
        assertEq(fund.quote(address(fee), 1_000e18), 2_000e18, "quote");
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundValueTooLow.selector, 1_980e18, 2_000e18));
        fund.deposit(roundId, address(fee), 1_000e18, 2_000e18);
        fund.deposit(roundId, address(fee), 1_000e18, 1_980e18);
        vm.stopPrank();
    }

    function test_deposit_minValueExactPassesOneAboveReverts() public {
        usd.mint(alice, 200e18);
        vm.startPrank(alice);
        usd.approve(address(fund), 200e18);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundValueTooLow.selector, 100e18, 100e18 + 1));
        fund.deposit(roundId, address(usd), 100e18, 100e18 + 1);
        fund.deposit(roundId, address(usd), 100e18, 100e18);
        vm.stopPrank();
    }

    function test_deposit_revertsWhenWorthNothing() public {
        vm.prank(gov);
        fund.setPrice(address(usd), 1); // one wei of value per whole token
        usd.mint(alice, 1e18);
        vm.startPrank(alice);
        usd.approve(address(fund), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundValueTooLow.selector, 0, 0));
        fund.deposit(roundId, address(usd), 1e18 - 1, 0);
        fund.deposit(roundId, address(usd), 1e18, 0); // exactly one wei of value
        vm.stopPrank();
        assertEq(fund.round(roundId).raised, 1, "one wei raised");
    }

    function test_deposit_revertsOnUnknownRoundZeroAmountOrTokenNotAccepted() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundUnknownRound.selector, 7));
        fund.deposit(7, address(usd), 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundZeroInput.selector));
        fund.deposit(roundId, address(usd), 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundTokenNotAccepted.selector, address(ait)));
        fund.deposit(roundId, address(ait), 1e18, 0);
        vm.stopPrank();
    }

    function test_deposit_revertsWithoutAllowance() public {
        usd.mint(alice, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(fund), 0, 1e18)
        );
        vm.prank(alice);
        fund.deposit(roundId, address(usd), 1e18, 0);
    }

    function test_deposit_isFinal_thereIsNoWithdrawal() public {
        uint256 id = _deposit(alice, 100e18);
        vm.prank(alice);
        (bool ok, ) = address(fund).call(abi.encodeWithSignature("withdraw(uint256)", id));
        assertTrue(!ok, "no withdraw");
        vm.prank(address(fund));
        (ok, ) = address(receipts).call(abi.encodeWithSignature("burn(uint256)", id));
        assertTrue(!ok, "no burn");
        assertEq(receipts.ownerOf(id), alice, "receipt stands");
        assertEq(fund.round(roundId).raised, 100e18, "raised stands");
    }

    function test_deposit_givesItsValueAsVotesFromItsTimestampOn() public {
        vm.prank(alice);
        receipts.delegate(alice);
        vm.warp(T0 + 100);
        _depositIn(roundId, alice, address(btc), 0.5e8);
        assertEq(receipts.getVotes(alice), 30_000e18, "votes: the value, not the amount");
        vm.warp(T0 + 101);
        assertEq(receipts.getPastVotes(alice, T0 + 99), 0, "nothing before the deposit");
        assertEq(receipts.getPastVotes(alice, T0 + 100), 30_000e18, "from the deposit's timestamp");
        assertEq(receipts.getPastTotalSupply(T0 + 100), fund.round(roundId).raised, "supply = raised");
    }

    /// @dev Receipts store amount and value in 104 bits each: a deposit crediting more reverts whole (nothing booked).
    function test_deposit_creditingMoreThanTheReceiptWidthReverts() public {
        uint256 tooMuch = uint256(type(uint104).max) + 1;
        vm.prank(gov);
        fund.setPrice(address(usd), 1); // keeps the value small: only the amount is too wide
        usd.mint(alice, tooMuch);
        vm.startPrank(alice);
        usd.approve(address(fund), tooMuch);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 104, tooMuch));
        fund.deposit(roundId, address(usd), tooMuch, 0);
        fund.deposit(roundId, address(usd), tooMuch - 1, 0); // the widest that fits
        vm.stopPrank();
        assertEq(fund.book(roundId, address(usd)).held, tooMuch - 1, "held");
    }

    // ---- deposit window at closesAt ----

    function test_depositWindow_acceptsOneSecondBeforeClose() public {
        vm.warp(CLOSES - 1);
        _deposit(alice, 1e18);
        assertEq(fund.round(roundId).raised, 1e18, "deposited at closesAt - 1");
    }

    function test_depositWindow_revertsAtClose() public {
        usd.mint(alice, 1e18);
        vm.prank(alice);
        usd.approve(address(fund), 1e18);
        vm.warp(CLOSES);
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Locked));
        vm.prank(alice);
        fund.deposit(roundId, address(usd), 1e18, 0);
    }

    function test_depositWindow_revertsOneSecondAfterClose() public {
        usd.mint(alice, 1e18);
        vm.prank(alice);
        usd.approve(address(fund), 1e18);
        vm.warp(CLOSES + 1);
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Locked));
        vm.prank(alice);
        fund.deposit(roundId, address(usd), 1e18, 0);
    }

    // ---- stale and invalid prices ----

    function test_stalePrice_governancePriceRefusedOneSecondAfterMaxAge() public {
        vm.prank(gov);
        fund.acceptToken(address(usd), IVenturePriceSource(address(0)), 1 hours); // price set at T0
        vm.warp(T0 + 1 hours);
        _deposit(alice, 1e18); // exactly maxAge old: fresh
        usd.mint(alice, 1e18);
        vm.prank(alice);
        usd.approve(address(fund), 1e18);
        vm.warp(T0 + 1 hours + 1);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundStalePrice.selector, address(usd), T0, 1 hours));
        vm.prank(alice);
        fund.deposit(roundId, address(usd), 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundStalePrice.selector, address(usd), T0, 1 hours));
        fund.price(address(usd));
        // Governance refreshes the price: deposits resume.
        vm.prank(gov);
        fund.setPrice(address(usd), 1e18);
        vm.prank(alice);
        fund.deposit(roundId, address(usd), 1e18, 0);
    }

    function test_stalePrice_neverSetPriceIsStale() public {
        VentureDecimalsERC20 six = new VentureDecimalsERC20("USDC", 6);
        vm.prank(gov);
        fund.acceptToken(address(six), IVenturePriceSource(address(0)), type(uint32).max);
        six.mint(alice, 1e6);
        vm.startPrank(alice);
        six.approve(address(fund), 1e6);
        vm.expectRevert(
            abi.encodeWithSelector(IVentureFund.VentureFundStalePrice.selector, address(six), 0, type(uint32).max)
        );
        fund.deposit(roundId, address(six), 1e6, 0);
        vm.stopPrank();
    }

    function test_stalePrice_chainlinkSourceWithOldUpdatedAtRefused() public {
        btc.mint(alice, 1e8);
        vm.prank(alice);
        btc.approve(address(fund), 1e8);
        feed.set(60_000e8, T0 - FEED_MAX_AGE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVentureFund.VentureFundStalePrice.selector,
                address(btc),
                T0 - FEED_MAX_AGE - 1,
                FEED_MAX_AGE
            )
        );
        vm.prank(alice);
        fund.deposit(roundId, address(btc), 1e8, 0);
        feed.set(60_000e8, T0 - FEED_MAX_AGE); // exactly maxAge old
        vm.prank(alice);
        fund.deposit(roundId, address(btc), 1e8, 0);
    }

    function test_stalePrice_chainlinkNeverUpdatedIsStale() public {
        feed.set(60_000e8, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IVentureFund.VentureFundStalePrice.selector, address(btc), 0, FEED_MAX_AGE)
        );
        fund.price(address(btc));
    }

    function test_invalidPrice_chainlinkZeroOrNegativeAnswerRefused() public {
        btc.mint(alice, 1e8);
        vm.prank(alice);
        btc.approve(address(fund), 1e8);
        feed.set(0, T0);
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkPriceSource.ChainlinkPriceSourceInvalidAnswer.selector, address(btc), 0)
        );
        vm.prank(alice);
        fund.deposit(roundId, address(btc), 1e8, 0);
        feed.set(-1, T0);
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkPriceSource.ChainlinkPriceSourceInvalidAnswer.selector, address(btc), -1)
        );
        vm.prank(alice);
        fund.deposit(roundId, address(btc), 1e8, 0);
    }

    function test_invalidPrice_sourceAnsweringZeroRefused() public {
        VentureFixedPriceSource src = new VentureFixedPriceSource();
        src.set(0, T0);
        vm.prank(gov);
        fund.acceptToken(address(usd), src, 1 days);
        usd.mint(alice, 1e18);
        vm.startPrank(alice);
        usd.approve(address(fund), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundZeroPrice.selector, address(usd)));
        fund.deposit(roundId, address(usd), 1e18, 0);
        vm.stopPrank();
    }

    // ---- cap ----

    function test_cap_depositUpToCapExactlyPasses() public {
        uint256 rid = _openRound(1_000e18, CLOSES, UNLOCKS);
        _depositIn(rid, alice, address(usd), 1_000e18);
        assertEq(fund.round(rid).raised, 1_000e18, "at cap");
    }

    function test_cap_exceededBySeveralDepositsInOneBlock() public {
        uint256 rid = _openRound(1_000e18, CLOSES, UNLOCKS);
        // Same block, same timestamp: alice and bob fit, carol would cross the cap.
        _depositIn(rid, alice, address(usd), 400e18);
        _depositIn(rid, bob, address(usd), 500e18);
        usd.mint(carol, 200e18);
        vm.startPrank(carol);
        usd.approve(address(fund), 200e18);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundCapExceeded.selector, rid, 1_100e18, 1_000e18));
        fund.deposit(rid, address(usd), 200e18, 0);
        vm.stopPrank();

        assertEq(fund.round(rid).raised, 900e18, "earlier deposits stand");
        assertEq(fund.book(rid, address(usd)).held, 900e18, "held");
        assertEq(usd.balanceOf(carol), 200e18, "carol keeps her tokens");
        assertEq(receipts.minted(), 2, "two receipts");
        // What is left still fits, to the wei.
        _depositIn(rid, dave, address(usd), 100e18);
        assertEq(fund.round(rid).raised, 1_000e18, "full");
        usd.mint(carol, 1);
        vm.prank(carol);
        usd.approve(address(fund), 1);
        vm.expectRevert(
            abi.encodeWithSelector(IVentureFund.VentureFundCapExceeded.selector, rid, 1_000e18 + 1, 1_000e18)
        );
        vm.prank(carol);
        fund.deposit(rid, address(usd), 1, 0);
    }

    function testFuzz_cap_raisedNeverAboveCapAndEqualsAcceptedDeposits(uint256 cap, uint256[6] memory amounts) public {
        cap = bound(cap, 1, 1e24);
        uint256 rid = _openRound(uint128(cap), CLOSES, UNLOCKS);
        uint256 accepted;
        for (uint256 i = 0; i < amounts.length; i++) {
            uint256 amount = bound(amounts[i], 1, cap);
            address who = address(uint160(0x5000 + i));
            usd.mint(who, amount);
            vm.startPrank(who);
            usd.approve(address(fund), amount);
            if (accepted + amount > cap) {
                vm.expectRevert(
                    abi.encodeWithSelector(IVentureFund.VentureFundCapExceeded.selector, rid, accepted + amount, cap)
                );
                fund.deposit(rid, address(usd), amount, 0);
            } else {
                fund.deposit(rid, address(usd), amount, 0);
                accepted += amount;
            }
            vm.stopPrank();
            assertLe(fund.round(rid).raised, cap, "raised <= cap");
        }
        assertEq(fund.round(rid).raised, accepted, "raised = accepted deposits");
    }

    // ---- re-entrancy from the receipt's receiver ----

    /// @dev A round B that the receiver holds a receipt of, distributing with earnings to claim, while round A is open.
    function _receiverWithClaimInB(
        VentureReentrantReceiver receiver
    ) internal returns (uint256 ridA, uint256 ridB, uint256 idB) {
        ridB = _openRound(CAP, uint64(T0 + 1 days), uint64(T0 + 2 days));
        ridA = _openRound(CAP, uint64(T0 + 10 days), uint64(T0 + 20 days));
        usd.mint(address(receiver), 100e18);
        idB = receiver.deposit(ridB, address(usd), 10e18);
        vm.warp(T0 + 2 days);
        vm.prank(gov);
        fund.setPrice(address(usd), 1e18);
        _fund(ridB, address(usd), 90e18);
        fund.distribute(ridB, address(usd));
    }

    function test_reentrancy_receiverReenteringDepositRevertsTheOuterDeposit() public {
        VentureReentrantReceiver receiver = new VentureReentrantReceiver(fund);
        usd.mint(address(receiver), 100e18);
        receiver.arm(VentureReentrantReceiver.Attack.Deposit, roundId, address(usd), 0);
        vm.expectRevert(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        receiver.deposit(roundId, address(usd), 10e18);

        assertEq(fund.round(roundId).raised, 0, "nothing raised");
        assertEq(fund.book(roundId, address(usd)).held, 0, "nothing held");
        assertEq(receipts.minted(), 0, "no receipt");
        assertEq(usd.balanceOf(address(receiver)), 100e18, "receiver keeps its tokens");
        assertEq(usd.balanceOf(address(fund)), 0, "fund got nothing");

        // Disarmed, the same contract deposits normally.
        receiver.arm(VentureReentrantReceiver.Attack.None, 0, address(0), 0);
        uint256 id = receiver.deposit(roundId, address(usd), 10e18);
        assertEq(receipts.ownerOf(id), address(receiver), "receipt received");
        assertEq(receiver.received(), 1, "one receipt");
    }

    function test_reentrancy_receiverReenteringClaimRevertsTheOuterDeposit() public {
        VentureReentrantReceiver receiver = new VentureReentrantReceiver(fund);
        (uint256 ridA, uint256 ridB, uint256 idB) = _receiverWithClaimInB(receiver);
        assertEq(fund.claimable(idB, address(usd)), 100e18, "claimable in B");
        uint256 balance = usd.balanceOf(address(receiver));

        receiver.arm(VentureReentrantReceiver.Attack.Claim, ridA, address(usd), idB);
        vm.expectRevert(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        receiver.deposit(ridA, address(usd), 10e18);

        assertEq(fund.round(ridA).raised, 0, "nothing raised in A");
        assertEq(fund.claimed(idB, address(usd)), 0, "nothing claimed in B");
        assertEq(fund.claimable(idB, address(usd)), 100e18, "still claimable");
        assertEq(usd.balanceOf(address(receiver)), balance, "balance unchanged");
        assertEq(fund.book(ridB, address(usd)).claimed, 0, "book unchanged");
        // The claim outside a deposit pays.
        assertEq(_claim(idB, address(usd)), 100e18, "claimed normally");
    }

    function test_reentrancy_receiverReenteringFundRevertsTheOuterDeposit() public {
        VentureReentrantReceiver receiver = new VentureReentrantReceiver(fund);
        usd.mint(address(receiver), 100e18);
        receiver.arm(VentureReentrantReceiver.Attack.Fund, roundId, address(usd), 0);
        vm.expectRevert(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        receiver.deposit(roundId, address(usd), 10e18);
        assertEq(fund.round(roundId).raised, 0, "nothing raised");
        assertEq(fund.book(roundId, address(usd)).held, 0, "nothing credited");
        assertEq(usd.balanceOf(address(fund)), 0, "fund got nothing");
        assertEq(receipts.minted(), 0, "no receipt");
    }

    // ---------------------------------------------------------------------------------------------------------
    // donations: no first-depositor inflation
    // ---------------------------------------------------------------------------------------------------------

    function test_donation_viaFundBeforeFirstDeposit_noInflationAndDistributedProRata() public {
        uint256 donation = 1_000_000e18;
        usd.mint(mallory, donation + 1);
        vm.startPrank(mallory);
        usd.approve(address(fund), donation + 1);
        fund.fund(roundId, address(usd), donation); // into the empty round
        uint256 idM = fund.deposit(roundId, address(usd), 1, 0); // then the smallest deposit
        vm.stopPrank();
        uint256 idA = _deposit(alice, 1_000e18);
        uint256 idB = _deposit(bob, 500e18);

        // Receipts are valued by price, not by a share of what the round holds.
        assertEq(receipts.receipt(idM).value, 1, "mallory: 1 wei of value");
        assertEq(receipts.receipt(idA).value, 1_000e18, "alice: full value");
        assertEq(receipts.receipt(idB).value, 500e18, "bob: full value");
        uint256 raised = 1_500e18 + 1;
        assertEq(fund.round(roundId).raised, raised, "raised is the values");

        vm.warp(UNLOCKS);
        uint256 held = donation + raised;
        assertEq(fund.distribute(roundId, address(usd)), held, "donation and deposits distributed");
        uint256 acc = Math.mulDiv(held, SCALE, raised);
        uint256 paidA = _claim(idA, address(usd));
        uint256 paidB = _claim(idB, address(usd));
        uint256 paidM = _claim(idM, address(usd));
        assertEq(paidA, Math.mulDiv(1_000e18, acc, SCALE), "alice: value x acc");
        assertEq(paidB, Math.mulDiv(500e18, acc, SCALE), "bob: value x acc");
        assertEq(paidM, Math.mulDiv(1, acc, SCALE), "mallory: value x acc");
        // Pro rata to value: alice gets two thirds of the donation on top of her deposit, mallory about nothing.
        assertGe(paidA, 1_000e18 + (donation * 2) / 3 - 1e6, "alice gets 2/3 of the donation");
        assertGe(paidB, 500e18 + donation / 3 - 1e6, "bob gets 1/3 of the donation");
        assertLe(paidM, 1_000, "mallory's donation is lost to the others");
        assertLe(paidA + paidB + paidM, held, "no more than distributed");
        assertLe(held - (paidA + paidB + paidM), 3, "dust below the number of receipts");
    }

    /// @dev A direct transfer is not booked to any round: receipts are still valued by price and shares are unchanged,
    /// and the transferred tokens are nobody's earnings (they stay in the fund, outside every book).
    function test_donation_viaDirectTransferBeforeFirstDeposit_noInflationAndNotCredited() public {
        uint256 donation = 1_000_000e18;
        usd.mint(mallory, donation + 1);
        vm.startPrank(mallory);
        usd.transfer(address(fund), donation);
        usd.approve(address(fund), 1);
        uint256 idM = fund.deposit(roundId, address(usd), 1, 0);
        vm.stopPrank();
        uint256 idA = _deposit(alice, 1_000e18);
        uint256 idB = _deposit(bob, 500e18);

        assertEq(receipts.receipt(idM).value, 1, "mallory");
        assertEq(receipts.receipt(idA).value, 1_000e18, "alice");
        assertEq(receipts.receipt(idB).value, 500e18, "bob");
        assertEq(fund.book(roundId, address(usd)).held, 1_500e18 + 1, "held: deposits only");

        vm.warp(UNLOCKS);
        assertEq(fund.distribute(roundId, address(usd)), 1_500e18 + 1, "deposits distributed");
        assertEq(_claim(idA, address(usd)), 1_000e18, "alice: her share of the booked assets");
        assertEq(_claim(idB, address(usd)), 500e18, "bob");
        assertEq(_claim(idM, address(usd)), 1, "mallory");
        assertEq(usd.balanceOf(address(fund)), donation, "the transfer stays outside every book");
    }

    function testFuzz_donation_neverChangesReceiptValues(uint256 donation, uint256 first, uint256 second) public {
        donation = bound(donation, 1, 1e30);
        first = bound(first, 1, 1e24);
        second = bound(second, 1, 1e24);
        _fund(roundId, address(usd), donation);
        uint256 id1 = _deposit(alice, first);
        usd.mint(mallory, donation);
        vm.prank(mallory);
        usd.transfer(address(fund), donation);
        uint256 id2 = _deposit(bob, second);
        assertEq(receipts.receipt(id1).value, first, "first");
        assertEq(receipts.receipt(id2).value, second, "second");
        assertEq(fund.round(roundId).raised, first + second, "raised");
    }

    // ---------------------------------------------------------------------------------------------------------
    // distribute and claim
    // ---------------------------------------------------------------------------------------------------------

    function test_lockBoundary_distributeAndClaimRevertOneSecondBeforeUnlock() public {
        uint256 id = _deposit(alice, 100e18);
        vm.warp(UNLOCKS - 1);
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Locked));
        fund.distribute(roundId, address(usd));
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Locked));
        fund.claim(id, _list(address(usd)));
    }

    function test_lockBoundary_investingRoundAlsoRevertsOneSecondBeforeUnlock() public {
        uint256 id = _deposit(alice, 100e18);
        vm.warp(CLOSES);
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 1e18, address(0), 0));
        vm.warp(UNLOCKS - 1);
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Investing));
        fund.distribute(roundId, address(usd));
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Investing));
        fund.claim(id, _list(address(usd)));
    }

    function test_lockBoundary_distributeAndClaimSucceedAtUnlock() public {
        uint256 id = _deposit(alice, 100e18);
        vm.warp(UNLOCKS);
        assertEq(fund.distribute(roundId, address(usd)), 100e18, "distributed at unlocksAt");
        assertEq(_claim(id, address(usd)), 100e18, "claimed at unlocksAt");
    }

    function test_lockBoundary_distributeAndClaimSucceedOneSecondAfterUnlock() public {
        uint256 id = _deposit(alice, 100e18);
        vm.warp(UNLOCKS + 1);
        assertEq(fund.distribute(roundId, address(usd)), 100e18, "distributed at unlocksAt + 1");
        assertEq(_claim(id, address(usd)), 100e18, "claimed at unlocksAt + 1");
    }

    function test_claim_revertsWhileOpen() public {
        uint256 id = _deposit(alice, 100e18);
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Open));
        fund.claim(id, _list(address(usd)));
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Open));
        fund.distribute(roundId, address(usd));
    }

    function test_distribute_booksAccumulatorAndEmits() public {
        _deposit(alice, 300e18);
        _deposit(bob, 100e18);
        vm.warp(UNLOCKS);
        vm.expectEmit();
        emit IVentureFund.Distributed(roundId, address(usd), 400e18);
        vm.prank(mallory); // anyone
        assertEq(fund.distribute(roundId, address(usd)), 400e18, "amount");
        VentureFund.Book memory b = fund.book(roundId, address(usd));
        assertEq(b.held, 0, "nothing held");
        assertEq(b.distributed, 400e18, "distributed");
        assertEq(b.claimed, 0, "nothing claimed");
        assertEq(b.acc, SCALE, "one unit per value unit");
        assertEq(fund.distribute(roundId, address(usd)), 0, "nothing more to distribute");
        assertEq(fund.book(roundId, address(usd)).distributed, 400e18, "unchanged");
    }

    function test_distribute_revertsForEmptyRoundOrUnknownRound() public {
        _fund(roundId, address(usd), 5e18);
        vm.warp(UNLOCKS);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundEmptyRound.selector, roundId));
        fund.distribute(roundId, address(usd));
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundUnknownRound.selector, 9));
        fund.distribute(9, address(usd));
    }

    function test_claim_paysTheHolderWhoeverCallsAndEmits() public {
        uint256 id = _deposit(alice, 300e18);
        _deposit(bob, 100e18);
        vm.warp(UNLOCKS);
        fund.distribute(roundId, address(usd));
        assertEq(fund.claimable(id, address(usd)), 300e18, "claimable");
        vm.expectEmit();
        emit IVentureFund.Claimed(id, address(usd), alice, 300e18);
        vm.prank(mallory);
        uint256[] memory paid = fund.claim(id, _list(address(usd)));
        assertEq(paid[0], 300e18, "paid");
        assertEq(usd.balanceOf(alice), 300e18, "to the holder");
        assertEq(usd.balanceOf(mallory), 0, "not to the caller");
        assertEq(fund.claimed(id, address(usd)), 300e18, "claimed");
        assertEq(fund.claimable(id, address(usd)), 0, "nothing left");
        assertEq(_claim(id, address(usd)), 0, "a second claim pays nothing");
        assertEq(fund.book(roundId, address(usd)).claimed, 300e18, "book");
    }

    function test_claim_severalTokensAndUnknownOrDuplicateTokensPayNothingMore() public {
        uint256 id = _deposit(alice, 300e18);
        _deposit(bob, 100e18);
        _fund(roundId, address(fee), 1_000e18); // 990 arrive
        vm.warp(UNLOCKS);
        fund.distribute(roundId, address(usd));
        fund.distribute(roundId, address(fee));
        address[] memory tokens = new address[](4);
        (tokens[0], tokens[1], tokens[2], tokens[3]) = (address(usd), address(fee), address(ait), address(usd));
        uint256[] memory paid = fund.claim(id, tokens);
        assertEq(paid[0], 300e18, "usd");
        assertEq(paid[1], 742.5e18, "fee token: 3/4 of 990");
        assertEq(paid[2], 0, "a token the round never had");
        assertEq(paid[3], 0, "duplicate");
        assertEq(fee.balanceOf(alice), 742.5e18 - fee.feeOf(742.5e18), "fee taken on the way out");
    }

    function test_claim_revertsForNonexistentReceipt() public {
        vm.warp(UNLOCKS);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        fund.claim(42, _list(address(usd)));
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        fund.claimable(42, address(usd));
    }

    function test_transfer_receiptSettlesExactlyOnceAcrossATransfer() public {
        uint256 idA = _deposit(alice, 300e18);
        uint256 idB = _deposit(bob, 100e18);
        vm.warp(UNLOCKS);
        fund.distribute(roundId, address(usd)); // 400 → acc = 1 per value unit
        assertEq(_claim(idA, address(usd)), 300e18, "alice claims her part");

        vm.prank(alice);
        receipts.transferFrom(alice, dave, idA);
        _fund(roundId, address(usd), 800e18);
        fund.distribute(roundId, address(usd)); // +800 → acc = 3

        assertEq(fund.claimable(idA, address(usd)), 600e18, "only the rest");
        vm.prank(alice);
        assertEq(_claim(idA, address(usd)), 600e18, "the old holder's call pays the new holder");
        assertEq(usd.balanceOf(alice), 300e18, "old holder: only what she claimed before");
        assertEq(usd.balanceOf(dave), 600e18, "new holder: the rest");
        assertEq(_claim(idA, address(usd)), 0, "nobody claims twice");
        assertEq(fund.claimed(idA, address(usd)), 900e18, "claimed in total = value x acc");
        assertEq(_claim(idB, address(usd)), 300e18, "bob: his share of both");
        VentureFund.Book memory b = fund.book(roundId, address(usd));
        assertEq(b.claimed, b.distributed, "everything claimed, no dust here");
    }

    function test_transfer_beforeAnyClaimTheNewHolderGetsEverything() public {
        uint256 id = _deposit(alice, 100e18);
        vm.warp(UNLOCKS);
        fund.distribute(roundId, address(usd));
        vm.prank(alice);
        receipts.transferFrom(alice, dave, id);
        assertEq(_claim(id, address(usd)), 100e18, "paid");
        assertEq(usd.balanceOf(dave), 100e18, "to the new holder");
        assertEq(usd.balanceOf(alice), 0, "nothing to the old one");
    }

    function test_newcomers_cannotDepositOnceDistributingAndEarlierReceiptsGetTheirShare() public {
        uint256 id = _deposit(alice, 100e18);
        vm.warp(UNLOCKS);
        _fund(roundId, address(usd), 50e18);
        fund.distribute(roundId, address(usd));

        usd.mint(bob, 100e18);
        vm.startPrank(bob);
        usd.approve(address(fund), 100e18);
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Distributing));
        fund.deposit(roundId, address(usd), 100e18, 0);
        vm.stopPrank();

        // A receipt of a later round has no claim on this round's earnings.
        vm.prank(gov);
        fund.setPrice(address(usd), 1e18);
        uint256 rid2 = _openRound(CAP, uint64(UNLOCKS + 1 days), uint64(UNLOCKS + 2 days));
        uint256 id2 = _depositIn(rid2, bob, address(usd), 100e18);
        assertEq(fund.claimable(id2, address(usd)), 0, "nothing of round 1");
        assertEq(_claim(id, address(usd)), 150e18, "the earlier receipt gets all of it");
        vm.warp(UNLOCKS + 2 days);
        assertEq(_claim(id2, address(usd)), 0, "round 2 distributed nothing yet");
    }

    // ---------------------------------------------------------------------------------------------------------
    // fund
    // ---------------------------------------------------------------------------------------------------------

    function test_fund_creditsWhatArrivedAndEmits() public {
        fee.mint(carol, 1_000e18);
        vm.startPrank(carol);
        fee.approve(address(fund), 1_000e18);
        vm.expectEmit();
        emit IVentureFund.RoundFunded(roundId, address(fee), carol, 990e18);
        assertEq(fund.fund(roundId, address(fee), 1_000e18), 990e18, "received");
        vm.stopPrank();
        assertEq(fund.book(roundId, address(fee)).held, 990e18, "held");
        assertEq(fund.round(roundId).raised, 0, "funding is not raising");
    }

    function test_fund_worksInEveryState() public {
        _deposit(alice, 1e18);
        _fund(roundId, address(usd), 1e18);
        vm.warp(CLOSES);
        _fund(roundId, address(usd), 1e18);
        vm.warp(UNLOCKS);
        _fund(roundId, address(usd), 1e18);
        assertEq(fund.book(roundId, address(usd)).held, 4e18, "held");
    }

    function test_fund_revertsOnUnknownRoundZeroAmountOrTokenNotBooked() public {
        vm.startPrank(carol);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundUnknownRound.selector, 5));
        fund.fund(5, address(usd), 1);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundZeroInput.selector));
        fund.fund(roundId, address(usd), 0);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundUnknownToken.selector, address(ait)));
        fund.fund(roundId, address(ait), 1);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundUnknownToken.selector, address(0)));
        fund.fund(roundId, address(0), 1);
        vm.stopPrank();
        assertEq(fund.bookedTokens().length, 3, "nothing booked by anyone");
    }

    function test_fund_acceptsATokenReceivedByAnInvestment() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        _daoOffers(daoExec, 10e18);
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 100e18, address(ait), 10e18));
        assertEq(_fund(roundId, address(ait), 5e18), 5e18, "funded in AIT");
        assertEq(fund.book(roundId, address(ait)).held, 15e18, "held");
    }

    // ---------------------------------------------------------------------------------------------------------
    // invest
    // ---------------------------------------------------------------------------------------------------------

    function test_invest_paysTreasuryPullsFromDAOExecutorAndCreditsRound() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        _daoOffers(daoExec, 5_000e18);
        vm.expectEmit();
        emit IVentureFund.Invested(roundId, daoId, address(usd), 600e18, address(ait), 5_000e18, "ipfs://terms");
        vm.prank(gov);
        uint256 received = fund.invest(roundId, _investment(address(usd), 600e18, address(ait), 5_000e18));

        assertEq(received, 5_000e18, "received");
        assertEq(usd.balanceOf(daoTreasury), 600e18, "treasury paid");
        assertEq(ait.balanceOf(daoExec), 0, "pulled from the DAO's executor");
        assertEq(ait.balanceOf(address(fund)), 5_000e18, "fund received");
        assertEq(fund.book(roundId, address(usd)).held, 400e18, "usd left");
        assertEq(fund.book(roundId, address(ait)).held, 5_000e18, "ait credited");
        assertTrue(fund.roundState(roundId) == IVentureFund.RoundState.Investing, "investing");
        address[] memory booked = fund.bookedTokens();
        assertEq(booked[booked.length - 1], address(ait), "ait booked");

        // Its earnings are distributed with the rest.
        vm.warp(UNLOCKS);
        fund.distribute(roundId, address(ait));
        assertEq(_claim(1, address(ait)), 5_000e18, "alice claims the AIT");
    }

    function test_invest_pullsFromTheRegistrysCurrentExecutor() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        address newExec = address(0x7E7);
        registry.setExecutor(daoId, newExec);
        _daoOffers(daoExec, 10e18); // the old executor approved: irrelevant
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(fund), 0, 10e18)
        );
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 100e18, address(ait), 10e18));
        _daoOffers(newExec, 10e18);
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 100e18, address(ait), 10e18));
        assertEq(ait.balanceOf(newExec), 0, "pulled from the new executor");
        assertEq(ait.balanceOf(daoExec), 10e18, "the old one keeps its tokens");
    }

    function test_invest_offChainDAOPullsFromItsSafe() public {
        address safe = address(0x5AFE);
        uint256 offChain = registry.addDAO(safe, false);
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        _daoOffers(safe, 10e18);
        IVentureFund.Investment memory inv = _investment(address(usd), 100e18, address(ait), 10e18);
        inv.daoId = offChain;
        vm.prank(gov);
        fund.invest(roundId, inv);
        assertEq(ait.balanceOf(safe), 0, "pulled from the Safe");
        assertEq(usd.balanceOf(registry.dao(offChain).treasury), 100e18, "its treasury paid");
    }

    function test_invest_feeOnTransferReceivedIsCreditedWhatArrived() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        fee.mint(daoExec, 1_000e18);
        vm.prank(daoExec);
        fee.approve(address(fund), 1_000e18);
        vm.prank(gov);
        uint256 received = fund.invest(roundId, _investment(address(usd), 100e18, address(fee), 1_000e18));
        assertEq(received, 990e18, "what arrived");
        assertEq(fund.book(roundId, address(fee)).held, 990e18, "credited");
    }

    function test_invest_withNothingReceivedNow() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        vm.prank(gov);
        assertEq(fund.invest(roundId, _investment(address(usd), 100e18, address(0), 0)), 0, "nothing received");
        assertEq(usd.balanceOf(daoTreasury), 100e18, "paid");
        assertTrue(fund.round(roundId).invested, "invested");
    }

    function test_invest_refusedWhileOpen() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES - 1);
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Open));
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 1e18, address(0), 0));
    }

    function test_invest_allowedAtCloseAndUntilOneSecondBeforeUnlockThenRefused() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 1e18, address(0), 0));
        vm.warp(UNLOCKS - 1);
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 1e18, address(0), 0));
        vm.warp(UNLOCKS);
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Distributing));
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 1e18, address(0), 0));
    }

    function test_invest_revertsWhenTheRoundHoldsTooLittle() public {
        _deposit(alice, 1_000e18);
        // Another round's deposits are in the same balance, but not this round's.
        uint256 rid2 = _openRound(CAP, CLOSES, UNLOCKS);
        _depositIn(rid2, bob, address(usd), 5_000e18);
        vm.warp(CLOSES);
        vm.expectRevert(
            abi.encodeWithSelector(
                IVentureFund.VentureFundInsufficientAssets.selector,
                roundId,
                address(usd),
                1_000e18,
                1_000e18 + 1
            )
        );
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 1_000e18 + 1, address(0), 0));
        vm.prank(gov);
        fund.invest(roundId, _investment(address(usd), 1_000e18, address(0), 0)); // all of it
        assertEq(fund.book(roundId, address(usd)).held, 0, "round 1 spent");
        assertEq(fund.book(rid2, address(usd)).held, 5_000e18, "round 2 untouched");
    }

    function test_invest_revertsForNonExecutor() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundNotExecutor.selector, alice));
        vm.prank(alice);
        fund.invest(roundId, _investment(address(usd), 1e18, address(0), 0));
    }

    function test_invest_revertsOnZeroInputsUnknownDAOOrUnknownRound() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        vm.startPrank(gov);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundZeroInput.selector));
        fund.invest(roundId, _investment(address(usd), 0, address(0), 0));
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundZeroInput.selector));
        fund.invest(roundId, _investment(address(usd), 1e18, address(ait), 0));
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundZeroInput.selector));
        fund.invest(roundId, _investment(address(usd), 1e18, address(0), 1));
        IVentureFund.Investment memory inv = _investment(address(usd), 1e18, address(0), 0);
        inv.daoId = 99;
        vm.expectRevert(abi.encodeWithSelector(IDAORegistry.DAORegistryUnknownDAO.selector, 99));
        fund.invest(roundId, inv);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundUnknownRound.selector, 99));
        fund.invest(99, _investment(address(usd), 1e18, address(0), 0));
        vm.stopPrank();
    }

    // ---------------------------------------------------------------------------------------------------------
    // execute
    // ---------------------------------------------------------------------------------------------------------

    function test_execute_booksOutflowsAndInflowsOfNamedTokens() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        vm.expectEmit();
        emit IVentureFund.RoundAssetsMoved(roundId, address(usd), 400e18, 0);
        vm.expectEmit();
        emit IVentureFund.RoundAssetsMoved(roundId, address(ait), 0, 900e18);
        vm.prank(gov);
        fund.execute(roundId, _swapCalls(address(usd), 400e18, 900e18), _pair(address(usd), address(ait)));

        assertEq(fund.book(roundId, address(usd)).held, 600e18, "usd debited");
        assertEq(fund.book(roundId, address(ait)).held, 900e18, "ait credited");
        assertEq(usd.balanceOf(address(swap)), 400e18, "paid");
        assertTrue(fund.roundState(roundId) == IVentureFund.RoundState.Investing, "investing");
        address[] memory booked = fund.bookedTokens();
        assertEq(booked[booked.length - 1], address(ait), "named token booked");
    }

    function test_execute_revertsForeignAssetsWhenAnotherRoundsUnnamedTokenDecreases() public {
        _deposit(alice, 1_000e18);
        uint256 rid2 = _openRound(CAP, CLOSES, UNLOCKS);
        _depositIn(rid2, bob, address(btc), 1e8);
        vm.warp(CLOSES);
        vm.expectRevert(
            abi.encodeWithSelector(IVentureFund.VentureFundForeignAssets.selector, address(btc), 1e8, 0.5e8)
        );
        vm.prank(gov);
        fund.execute(roundId, _swapCalls(address(btc), 0.5e8, 1e18), _pair(address(usd), address(ait)));
        assertEq(btc.balanceOf(address(fund)), 1e8, "round 2's bitcoin stays");
    }

    function test_execute_revertsWhenANamedTokenLeavesBeyondWhatTheRoundHolds() public {
        _deposit(alice, 1_000e18);
        uint256 rid2 = _openRound(CAP, CLOSES, UNLOCKS);
        _depositIn(rid2, bob, address(btc), 1e8);
        vm.warp(CLOSES);
        vm.expectRevert(
            abi.encodeWithSelector(IVentureFund.VentureFundInsufficientAssets.selector, roundId, address(btc), 0, 0.5e8)
        );
        vm.prank(gov);
        fund.execute(roundId, _swapCalls(address(btc), 0.5e8, 1e18), _pair(address(btc), address(ait)));
    }

    function test_execute_cannotSpendWhatWasAlreadyDistributed() public {
        _deposit(alice, 1_000e18);
        vm.warp(UNLOCKS);
        fund.distribute(roundId, address(usd));
        vm.expectRevert(
            abi.encodeWithSelector(IVentureFund.VentureFundInsufficientAssets.selector, roundId, address(usd), 0, 1)
        );
        vm.prank(gov);
        fund.execute(roundId, _swapCalls(address(usd), 1, 1), _pair(address(usd), address(ait)));
        // Without naming it, the drop is foreign.
        vm.expectRevert(
            abi.encodeWithSelector(IVentureFund.VentureFundForeignAssets.selector, address(usd), 1_000e18, 1_000e18 - 1)
        );
        vm.prank(gov);
        fund.execute(roundId, _swapCalls(address(usd), 1, 1), _list(address(ait)));
    }

    function test_execute_allowedWhileDistributingWithUndistributedAssets() public {
        _deposit(alice, 1_000e18);
        vm.warp(UNLOCKS);
        vm.prank(gov);
        fund.execute(roundId, _swapCalls(address(usd), 1_000e18, 2_000e18), _pair(address(usd), address(ait)));
        assertEq(fund.distribute(roundId, address(ait)), 2_000e18, "the proceeds are distributed");
        assertEq(_claim(1, address(ait)), 2_000e18, "and claimed");
    }

    function test_execute_refusesTheFundAndTheReceiptsAsTargets() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        IVentureFund.Call[] memory calls = new IVentureFund.Call[](1);
        calls[0] = IVentureFund.Call(address(fund), abi.encodeCall(VentureFund.distribute, (roundId, address(usd))));
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundForbiddenTarget.selector, address(fund)));
        vm.prank(gov);
        fund.execute(roundId, calls, _list(address(usd)));
        calls[0] = IVentureFund.Call(address(receipts), abi.encodeCall(receipts.delegate, (gov)));
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundForbiddenTarget.selector, address(receipts)));
        vm.prank(gov);
        fund.execute(roundId, calls, _list(address(usd)));
    }

    function test_execute_allowsOnlyApproveOnABookedTokenAndResetsIt() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        IVentureFund.Call[] memory calls = new IVentureFund.Call[](1);
        // A lingering allowance would let the spender move any round's assets later: it is reset after the calls.
        calls[0] = IVentureFund.Call(address(usd), abi.encodeCall(IERC20.approve, (address(swap), 500e18)));
        vm.prank(gov);
        fund.execute(roundId, calls, _list(address(usd)));
        assertEq(usd.allowance(address(fund), address(swap)), 0, "the approval did not outlive the execution");
        // A plain transfer of a booked token is not an approval: refused.
        calls[0] = IVentureFund.Call(address(usd), abi.encodeCall(IERC20.transfer, (gov, 1e18)));
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundForbiddenTarget.selector, address(usd)));
        vm.prank(gov);
        fund.execute(roundId, calls, _list(address(usd)));
    }

    function test_execute_refusedWhileOpen() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES - 1);
        vm.expectRevert(_wrongState(roundId, IVentureFund.RoundState.Open));
        vm.prank(gov);
        fund.execute(roundId, new IVentureFund.Call[](0), new address[](0));
    }

    function test_execute_revertsForNonExecutorOrUnknownRound() public {
        vm.warp(CLOSES);
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundNotExecutor.selector, alice));
        vm.prank(alice);
        fund.execute(roundId, new IVentureFund.Call[](0), new address[](0));
        vm.expectRevert(abi.encodeWithSelector(IVentureFund.VentureFundUnknownRound.selector, 3));
        vm.prank(gov);
        fund.execute(3, new IVentureFund.Call[](0), new address[](0));
    }

    function test_execute_bubblesAFailingCall() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        IVentureFund.Call[] memory calls = new IVentureFund.Call[](1);
        calls[0] = IVentureFund.Call(
            address(swap),
            abi.encodeCall(VentureMockSwap.take, (address(usd), 1e18)) // no approval
        );
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(swap), 0, 1e18)
        );
        vm.prank(gov);
        fund.execute(roundId, calls, _list(address(usd)));
    }

    function test_execute_namingATokenWithoutMovementBooksItAndCreditsNothing() public {
        _deposit(alice, 1_000e18);
        vm.warp(CLOSES);
        vm.prank(gov);
        fund.execute(roundId, new IVentureFund.Call[](0), _list(address(ait)));
        assertEq(fund.book(roundId, address(ait)).held, 0, "nothing credited");
        assertEq(_fund(roundId, address(ait), 3e18), 3e18, "now fundable");
        assertTrue(fund.round(roundId).invested, "counts as acting");
    }

    // ---------------------------------------------------------------------------------------------------------
    // pro-rata earnings (fuzz)
    // ---------------------------------------------------------------------------------------------------------

    struct ProRata {
        uint256 n;
        uint256 d;
        uint256 raised;
        uint256 acc;
        uint256 distributed;
        uint256 claimedTotal;
    }

    /// @dev Random deposits at random prices (so values differ from amounts), then random distributions with random
    /// partial claims in between: every receipt ends with exactly floor(value·acc/SCALE), Σ claimed <= distributed,
    /// and the dust left is below the number of receipts plus one per distribution (raised <= SCALE here).
    function testFuzz_proRata_eachReceiptGetsFloorOfValueTimesAcc(uint256 seed, uint256 n, uint256 d) public {
        ProRata memory s;
        s.n = bound(n, 1, 8);
        s.d = bound(d, 1, 4);
        uint256[] memory values = new uint256[](s.n);
        for (uint256 i = 0; i < s.n; i++) {
            uint256 p = bound(uint256(keccak256(abi.encode(seed, "price", i))), 1e12, 1e22);
            vm.prank(gov);
            fund.setPrice(address(usd), p);
            uint256 maxAmount = Math.min((1e26 * 1e18) / p, 1e30);
            uint256 amount = bound(uint256(keccak256(abi.encode(seed, "amount", i))), 1e6, maxAmount);
            uint256 id = _depositIn(roundId, address(uint160(0x1000 + i)), address(usd), amount);
            values[i] = receipts.receipt(id).value;
            assertEq(values[i], Math.mulDiv(amount, p, 1e18), "value = amount x price");
            s.raised += values[i];
        }
        assertEq(fund.round(roundId).raised, s.raised, "raised");
        vm.warp(UNLOCKS);
        for (uint256 j = 0; j < s.d; j++) {
            _fund(roundId, address(usd), bound(uint256(keccak256(abi.encode(seed, "earn", j))), 1, 1e30));
            uint256 held = fund.book(roundId, address(usd)).held;
            assertEq(fund.distribute(roundId, address(usd)), held, "distributes what is held");
            s.acc += Math.mulDiv(held, SCALE, s.raised);
            s.distributed += held;
            for (uint256 i = 0; i < s.n; i++) {
                if (uint256(keccak256(abi.encode(seed, "claim", i, j))) % 2 == 0) _claim(i + 1, address(usd));
            }
        }
        assertEq(fund.book(roundId, address(usd)).acc, s.acc, "acc");
        for (uint256 i = 0; i < s.n; i++) {
            _claim(i + 1, address(usd));
            uint256 total = fund.claimed(i + 1, address(usd));
            assertEq(total, Math.mulDiv(values[i], s.acc, SCALE), "receipt gets floor(value x acc / SCALE)");
            assertEq(usd.balanceOf(address(uint160(0x1000 + i))), total, "paid to its holder");
            s.claimedTotal += total;
        }
        VentureFund.Book memory b = fund.book(roundId, address(usd));
        assertEq(b.distributed, s.distributed, "distributed");
        assertEq(b.claimed, s.claimedTotal, "claimed");
        assertLe(s.claimedTotal, s.distributed, "claimed <= distributed");
        assertLe(s.distributed - s.claimedTotal, s.n + s.d - 1, "dust < receipts + distributions");
        assertEq(usd.balanceOf(address(fund)), s.distributed - s.claimedTotal, "the dust stays in the fund");
    }

    /// @dev Claims are O(1) in the number of receipts: a claim costs the same with 1 or 150 receipts in the round.
    function test_claim_costDoesNotDependOnTheNumberOfReceipts() public {
        uint256 snap = vm.snapshotState();
        uint256 one = _claimGasWithReceipts(1);
        vm.revertToState(snap);
        uint256 many = _claimGasWithReceipts(150);
        assertLe(many, one + one / 50, "many receipts: not more than 2% dearer");
        assertLe(one, many + many / 50, "one receipt: not more than 2% dearer");
    }

    function _claimGasWithReceipts(uint256 count) internal returns (uint256 gasUsed) {
        vm.warp(T0);
        for (uint256 i = 0; i < count; i++) _depositIn(roundId, address(uint160(0x2000 + i)), address(usd), 1e18 + i);
        vm.warp(UNLOCKS);
        _fund(roundId, address(usd), 1_000e18);
        fund.distribute(roundId, address(usd));
        address[] memory tokens = _list(address(usd));
        uint256 before = gasleft();
        uint256[] memory paid = fund.claim(1, tokens);
        gasUsed = before - gasleft();
        assertGe(paid[0], 1e18, "claim succeeded");
    }

    function testFuzz_deposit_valueIsReceivedTimesPriceOverDecimals(uint256 amount, uint256 price) public {
        price = bound(price, 1e8, 1e30); // one satoshi is worth at least one wei of value
        amount = bound(amount, 1, Math.min(1e20, Math.mulDiv(CAP, 1e8, price))); // satoshis, within the cap
        VentureFixedPriceSource src = new VentureFixedPriceSource();
        src.set(price, T0);
        vm.prank(gov);
        fund.acceptToken(address(btc), src, 1);
        uint256 id = _depositIn(roundId, alice, address(btc), amount);
        assertEq(receipts.receipt(id).value, Math.mulDiv(amount, price, 1e8), "value");
        assertEq(receipts.receipt(id).amount, amount, "amount");
    }

    function testFuzz_feeOnTransfer_creditedByWhatArrived(uint256 amount) public {
        amount = bound(amount, 2, 1e24);
        uint256 arrived = amount - fee.feeOf(amount);
        uint256 id = _depositIn(roundId, alice, address(fee), amount);
        assertEq(receipts.receipt(id).amount, arrived, "amount");
        assertEq(receipts.receipt(id).value, arrived * 2, "value at price 2");
        assertEq(fund.book(roundId, address(fee)).held, arrived, "held");
        assertEq(fee.balanceOf(address(fund)), arrived, "balance");
    }

    function testFuzz_transfer_settlesExactlyOnce(uint256 first, uint256 second, bool claimBefore) public {
        first = bound(first, 1, 1e30);
        second = bound(second, 1, 1e30);
        uint256 idA = _deposit(alice, 300e18);
        _deposit(bob, 700e18);
        vm.warp(UNLOCKS);
        _fund(roundId, address(usd), first);
        fund.distribute(roundId, address(usd));
        uint256 accFirst = fund.book(roundId, address(usd)).acc;
        uint256 paidAlice = claimBefore ? _claim(idA, address(usd)) : 0;
        vm.prank(alice);
        receipts.transferFrom(alice, dave, idA);
        _fund(roundId, address(usd), second);
        fund.distribute(roundId, address(usd));
        uint256 acc = fund.book(roundId, address(usd)).acc;
        uint256 paidDave = _claim(idA, address(usd));
        assertEq(_claim(idA, address(usd)), 0, "no second payment");
        assertEq(paidAlice, claimBefore ? Math.mulDiv(300e18, accFirst, SCALE) : 0, "alice");
        assertEq(paidAlice + paidDave, Math.mulDiv(300e18, acc, SCALE), "together: value x acc, once");
        assertEq(usd.balanceOf(alice), paidAlice, "alice's balance");
        assertEq(usd.balanceOf(dave), paidDave, "dave's balance");
    }
}
