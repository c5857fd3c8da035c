// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DAORegistry} from "../../factory/DAORegistry.sol";
import {ITemplateSetup} from "../../factory/ITemplateSetup.sol";
import {TemplateSetupBase} from "../TemplateSetupBase.sol";
import {Consortium} from "./Consortium.sol";

/**
 * @title ConsortiumSetup
 * @notice The consortium template: a fixed member list ({Consortium}) jointly owns the DAO's models and endpoints,
 * votes one member one vote or by weight, and receives all of the DAO's revenue (after the protocol fee) by member
 * shares. Members change only by a passed vote.
 * Template data: abi.encode(address[] members, uint256[] weights, uint16[] revenueSharesBps, bool weightedByStake).
 */
contract ConsortiumSetup is TemplateSetupBase {
    address private immutable _consortiumImpl;

    constructor(DAORegistry registry_, address consortiumImpl) TemplateSetupBase(registry_, "consortium") {
        _consortiumImpl = consortiumImpl;
    }

    /// @inheritdoc ITemplateSetup
    function instantiate(Context calldata ctx, bytes calldata data) external onlyFactory returns (Instance memory) {
        (address[] memory members, uint256[] memory weights, uint16[] memory shares, bool weighted) = abi.decode(
            data,
            (address[], uint256[], uint16[], bool)
        );
        address consortium = _clone(_consortiumImpl, ctx.salt, "consortium");
        Consortium(consortium).initialize(ctx.executor, members, weights, shares, weighted);
        return _instance(consortium);
    }

    /// @inheritdoc ITemplateSetup
    function predict(Context calldata ctx, bytes calldata) external view returns (Instance memory) {
        return _instance(_predictClone(_consortiumImpl, ctx.salt, "consortium"));
    }

    function _instance(address consortium) private pure returns (Instance memory) {
        return
            Instance({
                token: address(0),
                votes: consortium,
                module: consortium,
                distributor: consortium,
                distributionBps: 10_000,
                governor: address(0)
            });
    }
}
