// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev A contract without `receive` or `fallback`: every plain ETH transfer to it fails without return data.
contract TemplateRejectETH {}

/// @dev Accepts ETH and, once armed, calls `target` with `data` from inside `receive`, recording the outcome.
contract TemplateReentrantReceiver {
    address public target;
    bytes public data;
    bool public attempted;
    bool public succeeded;
    bytes public returned;

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    receive() external payable {
        address t = target;
        if (t != address(0)) {
            target = address(0); // once
            attempted = true;
            (succeeded, returned) = t.call(data);
        }
    }
}
