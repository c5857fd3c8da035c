// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DAORegistry} from "../../../contracts/factory/DAORegistry.sol";
import {RevenueShareToken} from "../../../contracts/templates/revenue/RevenueShareToken.sol";
import {TemplateSetupBase} from "../../../contracts/templates/TemplateSetupBase.sol";

/// @dev A stand-in for the venture template's future setup, for tests: proves the factory's hook for the reserved
/// "venture" id works once governance approves a version. It builds a revenue-sharing token (the venture's equity).
/// Template data: abi.encode(string name, string symbol, address[] holders, uint256[] amounts).
contract MockVentureSetup is TemplateSetupBase {
    address private immutable _tokenImpl;

    constructor(DAORegistry registry_, address tokenImpl) TemplateSetupBase(registry_, "venture") {
        _tokenImpl = tokenImpl;
    }

    function instantiate(Context calldata ctx, bytes calldata data) external onlyFactory returns (Instance memory) {
        (string memory name, string memory symbol, address[] memory holders, uint256[] memory amounts) = abi.decode(
            data,
            (string, string, address[], uint256[])
        );
        address token = _clone(_tokenImpl, ctx.salt, "equity");
        RevenueShareToken(token).initialize(name, symbol, holders, amounts, ctx.treasury);
        return _instance(token);
    }

    function predict(Context calldata ctx, bytes calldata) external view returns (Instance memory) {
        return _instance(_predictClone(_tokenImpl, ctx.salt, "equity"));
    }

    function _instance(address token) private pure returns (Instance memory) {
        return
            Instance({
                token: token,
                votes: token,
                module: address(0),
                distributor: token,
                distributionBps: 5_000,
                governor: address(0)
            });
    }
}
