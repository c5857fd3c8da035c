// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVenturePriceSource} from "./IVenturePriceSource.sol";

/// @dev The part of Chainlink's AggregatorV3Interface the adapter reads.
interface IAggregatorV3 {
    function decimals() external view returns (uint8);

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/**
 * @title ChainlinkPriceSource
 * @notice A venture price source over Chainlink-style feeds: one feed per token (token / unit of account), answers
 * scaled to 18 decimals, with the feed's own update time (the fund refuses it when older than the token's max age).
 * The feeds are fixed at deployment: governance changes a token's source by accepting it with another adapter.
 */
contract ChainlinkPriceSource is IVenturePriceSource {
    mapping(address token => IAggregatorV3) private _feeds;

    /// @notice Thrown for a token this adapter has no feed for.
    error ChainlinkPriceSourceNoFeed(address token);
    /// @notice Thrown when a feed answers a non-positive price.
    error ChainlinkPriceSourceInvalidAnswer(address token, int256 answer);
    /// @notice Thrown when the token and feed lists differ in length, or a feed has more than 18 decimals.
    error ChainlinkPriceSourceInvalidFeeds();

    constructor(address[] memory tokens, IAggregatorV3[] memory feeds) {
        if (tokens.length != feeds.length) revert ChainlinkPriceSourceInvalidFeeds();
        for (uint256 i; i < tokens.length; ++i) {
            if (feeds[i].decimals() > 18) revert ChainlinkPriceSourceInvalidFeeds();
            _feeds[tokens[i]] = feeds[i];
        }
    }

    /// @inheritdoc IVenturePriceSource
    function price(address token) external view returns (uint256 value, uint256 updatedAt) {
        IAggregatorV3 feed = _feeds[token];
        if (address(feed) == address(0)) revert ChainlinkPriceSourceNoFeed(token);
        (, int256 answer, , uint256 at, ) = feed.latestRoundData();
        if (answer <= 0) revert ChainlinkPriceSourceInvalidAnswer(token, answer);
        return (uint256(answer) * 10 ** (18 - feed.decimals()), at);
    }

    /// @notice The feed used for `token` (address(0) if none).
    function feedOf(address token) external view returns (IAggregatorV3) {
        return _feeds[token];
    }
}
