// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DAORegistry} from "../../factory/DAORegistry.sol";
import {ITemplateSetup} from "../../factory/ITemplateSetup.sol";
import {TemplateSetupBase} from "../TemplateSetupBase.sol";
import {RevenueShareToken} from "./RevenueShareToken.sol";

/**
 * @title RevenueSharingSetup
 * @notice The revenue-sharing template: the DAO's token is a {RevenueShareToken} whose holders vote and receive all of
 * the DAO's revenue (after the protocol fee) pro rata, in any payout token.
 * Template data: abi.encode(string name, string symbol, address[] holders, uint256[] amounts).
 */
contract RevenueSharingSetup is TemplateSetupBase {
    address private immutable _tokenImpl;

    constructor(DAORegistry registry_, address tokenImpl) TemplateSetupBase(registry_, "revenue-sharing") {
        _tokenImpl = tokenImpl;
    }

    /// @inheritdoc ITemplateSetup
    function instantiate(Context calldata ctx, bytes calldata data) external onlyFactory returns (Instance memory) {
        (string memory name, string memory symbol, address[] memory holders, uint256[] memory amounts) = abi.decode(
            data,
            (string, string, address[], uint256[])
        );
        address token = _clone(_tokenImpl, ctx.salt, "token");
        RevenueShareToken(token).initialize(name, symbol, holders, amounts, ctx.treasury);
        return _instance(token);
    }

    /// @inheritdoc ITemplateSetup
    function predict(Context calldata ctx, bytes calldata) external view returns (Instance memory) {
        return _instance(_predictClone(_tokenImpl, ctx.salt, "token"));
    }

    function _instance(address token) private pure returns (Instance memory) {
        return
            Instance({
                token: token,
                votes: token,
                module: address(0),
                distributor: token,
                distributionBps: 10_000,
                governor: address(0)
            });
    }
}
