// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev An ERC20 that, once armed, calls `target` with `data` from inside every transfer (a hook like ERC-777's),
/// and records whether that nested call succeeded and what it returned.
contract TemplateReentrantERC20 is ERC20 {
    address public target;
    bytes public data;
    bool public attempted;
    bool public succeeded;
    bytes public returned;

    constructor() ERC20("Reentrant", "REE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address t = target;
        if (t != address(0) && from != address(0)) {
            target = address(0); // once
            attempted = true;
            (succeeded, returned) = t.call(data);
        }
    }
}
