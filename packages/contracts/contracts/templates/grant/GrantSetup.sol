// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {DAORegistry} from "../../factory/DAORegistry.sol";
import {RevenueShareToken} from "../revenue/RevenueShareToken.sol";
import {ITemplateSetup} from "../../factory/ITemplateSetup.sol";
import {TemplateSetupBase} from "../TemplateSetupBase.sol";
import {GrantProgram} from "./GrantProgram.sol";

/**
 * @title GrantSetup
 * @notice The grant template: a committee (the DAO's Safe, or its timelock if it has none) proposes grants with
 * milestones in the DAO's {GrantProgram}; holders of the DAO's token can veto each grant within a window. The token is
 * a {RevenueShareToken} that shares nothing until governance turns distribution on.
 * Template data: abi.encode(string name, string symbol, address[] holders, uint256[] amounts, uint48 vetoWindow,
 * uint256 vetoQuorumBps).
 */
contract GrantSetup is TemplateSetupBase {
    address private immutable _programImpl;
    address private immutable _tokenImpl;

    constructor(DAORegistry registry_, address programImpl, address tokenImpl) TemplateSetupBase(registry_, "grant") {
        _programImpl = programImpl;
        _tokenImpl = tokenImpl;
    }

    /// @inheritdoc ITemplateSetup
    function instantiate(Context calldata ctx, bytes calldata data) external onlyFactory returns (Instance memory) {
        (, , , , uint48 vetoWindow, uint256 vetoQuorumBps) = abi.decode(
            data,
            (string, string, address[], uint256[], uint48, uint256)
        );
        address token = _createToken(ctx, data);
        address program = _clone(_programImpl, ctx.salt, "grants");
        address committee = ctx.safe != address(0) ? ctx.safe : ctx.executor;
        GrantProgram(program).initialize(
            committee,
            ctx.treasury,
            IVotes(token),
            vetoWindow,
            vetoQuorumBps,
            ctx.executor
        );
        return _instance(token, program);
    }

    /// @inheritdoc ITemplateSetup
    function predict(Context calldata ctx, bytes calldata) external view returns (Instance memory) {
        return _instance(_predictClone(_tokenImpl, ctx.salt, "token"), _predictClone(_programImpl, ctx.salt, "grants"));
    }

    function _instance(address token, address program) private pure returns (Instance memory) {
        return
            Instance({
                token: token,
                votes: token,
                module: program,
                distributor: token,
                distributionBps: 0,
                governor: address(0)
            });
    }

    function _createToken(Context calldata ctx, bytes calldata data) private returns (address token) {
        (string memory name, string memory symbol, address[] memory holders, uint256[] memory amounts, , ) = abi.decode(
            data,
            (string, string, address[], uint256[], uint48, uint256)
        );
        token = _clone(_tokenImpl, ctx.salt, "token");
        RevenueShareToken(token).initialize(name, symbol, holders, amounts, ctx.treasury);
    }
}
