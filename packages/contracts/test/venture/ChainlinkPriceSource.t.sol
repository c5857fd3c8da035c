// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ChainlinkPriceSource, IAggregatorV3} from "../../contracts/venture/ChainlinkPriceSource.sol";
import {IVentureFund} from "../../contracts/venture/IVentureFund.sol";
import {VentureFund} from "../../contracts/venture/VentureFund.sol";
import {VentureReceipts} from "../../contracts/venture/VentureReceipts.sol";
import {MockDAORegistry} from "../mocks/registry/MockDAORegistry.sol";
import {VentureDecimalsERC20} from "../mocks/venture/VentureDecimalsERC20.sol";
import {VentureMockAggregator} from "../mocks/venture/VentureMockAggregator.sol";

/// @dev The Chainlink adapter alone (scaling, refusals) and behind a venture fund (staleness by the feed's update time).
contract ChainlinkPriceSourceTest is Test {
    uint256 internal constant T0 = 1_700_000_000;

    VentureDecimalsERC20 internal btc;
    VentureDecimalsERC20 internal eth;
    VentureMockAggregator internal btcFeed; // 8 decimals, like Chainlink's USD feeds
    VentureMockAggregator internal ethFeed; // 18 decimals
    ChainlinkPriceSource internal source;

    address internal gov = address(0x6000);
    address internal alice = address(0xA11CE);

    function setUp() public {
        vm.warp(T0);
        btc = new VentureDecimalsERC20("WBTC", 8);
        eth = new VentureDecimalsERC20("WETH", 18);
        btcFeed = new VentureMockAggregator(8);
        ethFeed = new VentureMockAggregator(18);
        btcFeed.set(60_000e8, T0 - 10);
        ethFeed.set(3_000e18, T0 - 20);
        source = new ChainlinkPriceSource(_tokens(address(btc), address(eth)), _feeds(btcFeed, ethFeed));
    }

    function _tokens(address a, address b) internal pure returns (address[] memory t) {
        t = new address[](2);
        (t[0], t[1]) = (a, b);
    }

    function _feeds(IAggregatorV3 a, IAggregatorV3 b) internal pure returns (IAggregatorV3[] memory f) {
        f = new IAggregatorV3[](2);
        (f[0], f[1]) = (a, b);
    }

    function test_constructor_mapsEachTokenToItsFeed() public view {
        assertEq(address(source.feedOf(address(btc))), address(btcFeed), "btc feed");
        assertEq(address(source.feedOf(address(eth))), address(ethFeed), "eth feed");
        assertEq(address(source.feedOf(alice)), address(0), "no feed");
    }

    function test_constructor_revertsOnLengthMismatch() public {
        IAggregatorV3[] memory one = new IAggregatorV3[](1);
        one[0] = btcFeed;
        vm.expectRevert(abi.encodeWithSelector(ChainlinkPriceSource.ChainlinkPriceSourceInvalidFeeds.selector));
        new ChainlinkPriceSource(_tokens(address(btc), address(eth)), one);
    }

    function test_constructor_revertsOnFeedWithMoreThan18Decimals() public {
        VentureMockAggregator nineteen = new VentureMockAggregator(19);
        vm.expectRevert(abi.encodeWithSelector(ChainlinkPriceSource.ChainlinkPriceSourceInvalidFeeds.selector));
        new ChainlinkPriceSource(_tokens(address(btc), address(eth)), _feeds(btcFeed, nineteen));
    }

    function test_price_scalesAnswersTo18DecimalsWithTheFeedsUpdateTime() public view {
        (uint256 value, uint256 updatedAt) = source.price(address(btc));
        assertEq(value, 60_000e18, "8-decimal feed scaled");
        assertEq(updatedAt, T0 - 10, "feed's update time");
        (value, updatedAt) = source.price(address(eth));
        assertEq(value, 3_000e18, "18-decimal feed as is");
        assertEq(updatedAt, T0 - 20, "feed's update time");
    }

    function test_price_revertsForTokenWithoutFeed() public {
        vm.expectRevert(abi.encodeWithSelector(ChainlinkPriceSource.ChainlinkPriceSourceNoFeed.selector, alice));
        source.price(alice);
    }

    function test_price_revertsOnZeroOrNegativeAnswer() public {
        btcFeed.set(0, T0);
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkPriceSource.ChainlinkPriceSourceInvalidAnswer.selector, address(btc), 0)
        );
        source.price(address(btc));
        btcFeed.set(type(int256).min, T0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ChainlinkPriceSource.ChainlinkPriceSourceInvalidAnswer.selector,
                address(btc),
                type(int256).min
            )
        );
        source.price(address(btc));
    }

    function testFuzz_price_isAnswerTimesTenToTheMissingDecimals(uint8 decimals, int256 answer) public {
        decimals = uint8(bound(decimals, 0, 18));
        answer = int256(bound(uint256(answer), 1, 1e40));
        VentureMockAggregator f = new VentureMockAggregator(decimals);
        f.set(answer, T0);
        address[] memory t = new address[](1);
        t[0] = address(btc);
        IAggregatorV3[] memory fs = new IAggregatorV3[](1);
        fs[0] = f;
        ChainlinkPriceSource s = new ChainlinkPriceSource(t, fs);
        (uint256 value, ) = s.price(address(btc));
        assertEq(value, uint256(answer) * 10 ** (18 - decimals), "scaled");
    }

    // ---------------------------------------------------------------------------------------------------------
    // behind a fund
    // ---------------------------------------------------------------------------------------------------------

    function _fundWithSource(uint32 maxAge) internal returns (VentureFund fund, uint256 rid) {
        fund = VentureFund(Clones.clone(address(new VentureFund())));
        VentureReceipts receipts = VentureReceipts(Clones.clone(address(new VentureReceipts())));
        receipts.initialize("R", "R", address(fund));
        fund.initialize(gov, receipts, new MockDAORegistry());
        vm.startPrank(gov);
        fund.acceptToken(address(btc), source, maxAge);
        rid = fund.openRound(type(uint128).max, uint64(T0 + 30 days), uint64(T0 + 60 days));
        vm.stopPrank();
        btc.mint(alice, 10e8);
        vm.prank(alice);
        btc.approve(address(fund), 10e8);
    }

    function test_fund_depositValuedByTheFeed() public {
        (VentureFund fund, uint256 rid) = _fundWithSource(1 hours);
        vm.prank(alice);
        fund.deposit(rid, address(btc), 2e8, 120_000e18);
        assertEq(fund.round(rid).raised, 120_000e18, "two bitcoins at 60,000");
    }

    function test_fund_refusesAFeedOlderThanMaxAgeByOneSecond() public {
        (VentureFund fund, uint256 rid) = _fundWithSource(1 hours);
        vm.warp(T0 - 10 + 1 hours); // exactly max age
        vm.prank(alice);
        fund.deposit(rid, address(btc), 1e8, 0);
        vm.warp(T0 - 10 + 1 hours + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IVentureFund.VentureFundStalePrice.selector, address(btc), T0 - 10, 1 hours)
        );
        vm.prank(alice);
        fund.deposit(rid, address(btc), 1e8, 0);
        // A new answer from the feed makes it fresh again.
        btcFeed.set(61_000e8, block.timestamp);
        vm.prank(alice);
        fund.deposit(rid, address(btc), 1e8, 0);
        assertEq(fund.round(rid).raised, 121_000e18, "both deposits at their price");
    }

    function test_fund_refusesZeroOrNegativeAnswers() public {
        (VentureFund fund, uint256 rid) = _fundWithSource(1 hours);
        btcFeed.set(0, T0);
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkPriceSource.ChainlinkPriceSourceInvalidAnswer.selector, address(btc), 0)
        );
        vm.prank(alice);
        fund.deposit(rid, address(btc), 1e8, 0);
        btcFeed.set(-5, T0);
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkPriceSource.ChainlinkPriceSourceInvalidAnswer.selector, address(btc), -5)
        );
        vm.prank(alice);
        fund.deposit(rid, address(btc), 1e8, 0);
    }
}
