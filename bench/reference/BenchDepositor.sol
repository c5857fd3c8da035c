// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC721Holder} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Holder.sol";

interface IVentureDeposit {
    function deposit(uint256 roundId, address token, uint256 amount, uint256 minValue) external returns (uint256);
}

/// @dev Bench helper (not a reference): fills a venture round with many receipts in few transactions, so the claim
/// benchmark can compare a round of 1 receipt with a round of 1,000.
contract BenchDepositor is ERC721Holder {
    function fill(IVentureDeposit fund, uint256 roundId, IERC20 token, uint256 amount, uint256 count) external {
        token.approve(address(fund), amount * count);
        for (uint256 i; i < count; ++i) fund.deposit(roundId, address(token), amount, 0);
    }
}
