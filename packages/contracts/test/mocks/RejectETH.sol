// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev A contract without `receive` or `fallback`: every plain ETH transfer to it fails without return data.
contract RejectETH {}
