// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev The underlying token of the reference stack (AIDAO's token is a plain ERC20 + Permit too).
contract RefERC20 is ERC20 {
    constructor(address holder, uint256 supply) ERC20("Ref", "REF") {
        _mint(holder, supply);
    }
}
