// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev An ERC20 that burns `feeBps` of every transfer (mints excluded), so recipients get less than was sent.
contract TemplateFeeOnTransferERC20 is ERC20 {
    uint256 public immutable feeBps;

    constructor(uint256 feeBps_) ERC20("Fee Token", "FEE") {
        feeBps = feeBps_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @dev The fee taken from a transfer of `amount`.
    function feeOf(uint256 amount) public view returns (uint256) {
        return (amount * feeBps) / 10_000;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = feeOf(value);
        super._update(from, to, value - fee);
        if (fee > 0) super._update(from, address(0), fee);
    }
}
