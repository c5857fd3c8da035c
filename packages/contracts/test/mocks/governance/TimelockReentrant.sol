// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev A proposal target that, when poked (by the timelock), makes one nested call armed beforehand, e.g.
/// `timelock.executeBatch(...)` or `governor.execute(...)`, and bubbles up its revert. It re-enters once only.
contract TimelockReentrant {
    address public reentryTarget;
    bytes public reentryData;
    bool public armed;
    uint256 public pokes;
    bool private _entered;

    function arm(address target, bytes calldata data) external {
        reentryTarget = target;
        reentryData = data;
        armed = true;
    }

    function disarm() external {
        armed = false;
    }

    function poke() external payable {
        pokes += 1;
        if (!armed || _entered) return;
        _entered = true;
        (bool ok, bytes memory returndata) = reentryTarget.call(reentryData);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(returndata, 0x20), mload(returndata))
            }
        }
        _entered = false;
    }
}
