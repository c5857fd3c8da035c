// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @dev An EIP-2612 token anyone can mint, for opening channels with a permit.
contract UsagePermitERC20 is ERC20Permit {
    constructor() ERC20("Permit USD", "PUSD") ERC20Permit("Permit USD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
