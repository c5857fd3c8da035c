// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IMintable {
    function mint(address to, uint256 amount) external;
}

/// @dev A stand-in for a DEX the fund's executions call: takes `amountIn` of `tokenIn` from the caller (which
/// approved it) and mints it `amountOut` of `tokenOut` (a test token anyone can mint). Also a sink that pulls any
/// approved amount without giving anything back.
contract VentureMockSwap {
    function swap(address tokenIn, uint256 amountIn, address tokenOut, uint256 amountOut) external {
        if (amountIn != 0) IERC20(tokenIn).transferFrom(msg.sender, address(this), amountIn);
        if (amountOut != 0) IMintable(tokenOut).mint(msg.sender, amountOut);
    }

    function take(address token, uint256 amount) external {
        IERC20(token).transferFrom(msg.sender, address(this), amount);
    }
}
