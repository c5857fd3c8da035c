// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev A plain ERC20 that anyone can mint (and burn from anyone), for the template tests.
contract TemplateMockERC20 is ERC20 {
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @dev Takes `amount` from `from` without its consent (like a rebasing or seizing token).
    function burn(address from, uint256 amount) external {
        _burn(from, amount);
    }
}
