// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {DAORegistry} from "../factory/DAORegistry.sol";
import {IDAORegistry} from "../factory/IDAORegistry.sol";
import {ITemplateSetup} from "../factory/ITemplateSetup.sol";
import {TemplateSetupBase} from "../templates/TemplateSetupBase.sol";
import {VentureFund} from "./VentureFund.sol";
import {VentureGovernor} from "./VentureGovernor.sol";
import {VentureReceipts} from "./VentureReceipts.sol";

/**
 * @title VentureSetup
 * @notice The venture template: a {VentureFund} (rounds, deposits, investments, earnings), its {VentureReceipts}
 * (the investors' ERC-721 receipts and votes) and a {VentureGovernor} that combines the investors' vote with the AIDAO
 * holders' staked vote (60/40 by default). The factory adds the timelock (the fund's executor) and the treasury.
 * The DAO must be governed on-chain (mode OnChain or Both); its voting delay, period, threshold and quorum (applied to
 * each side) are the factory's governance parameters.
 * Template data: abi.encode(string receiptName, string receiptSymbol, uint8 investorWeight).
 */
contract VentureSetup is TemplateSetupBase {
    address private immutable _fundImpl;
    address private immutable _receiptsImpl;
    address private immutable _governorImpl;
    IVotes private immutable _staking;

    constructor(
        DAORegistry registry_,
        address fundImpl,
        address receiptsImpl,
        address governorImpl,
        IVotes staking_
    ) TemplateSetupBase(registry_, "venture") {
        _fundImpl = fundImpl;
        _receiptsImpl = receiptsImpl;
        _governorImpl = governorImpl;
        _staking = staking_;
    }

    /// @inheritdoc ITemplateSetup
    function instantiate(Context calldata ctx, bytes calldata data) external onlyFactory returns (Instance memory) {
        (string memory receiptName, string memory receiptSymbol, uint8 investorWeight) = abi.decode(
            data,
            (string, string, uint8)
        );
        if (investorWeight == 0 || investorWeight >= 100) revert TemplateSetupInvalidData("investor weight: 1..99");
        if (bytes(receiptName).length == 0 || bytes(receiptSymbol).length == 0) {
            revert TemplateSetupInvalidData("receipt name and symbol");
        }
        if (ctx.executor == address(0) || ctx.executor == ctx.safe) {
            revert TemplateSetupInvalidData("a venture DAO is governed on-chain");
        }
        address fund = _clone(_fundImpl, ctx.salt, "fund");
        address receipts = _clone(_receiptsImpl, ctx.salt, "receipts");
        address governor = _clone(_governorImpl, ctx.salt, "governor");
        VentureReceipts(receipts).initialize(receiptName, receiptSymbol, fund);
        VentureFund(fund).initialize(ctx.executor, VentureReceipts(receipts), IDAORegistry(ctx.registry));
        VentureGovernor(payable(governor)).initialize(
            VentureGovernor.Settings({
                name: ctx.name,
                receipts: IVotes(receipts),
                staking: _staking,
                timelock: TimelockControllerUpgradeable(payable(ctx.executor)),
                investorWeight: investorWeight,
                votingDelay: ctx.votingDelay,
                votingPeriod: ctx.votingPeriod,
                proposalThreshold: ctx.proposalThreshold,
                quorumPercent: ctx.quorumPercent
            })
        );
        return _instance(fund, receipts, governor);
    }

    /// @inheritdoc ITemplateSetup
    function predict(Context calldata ctx, bytes calldata) external view returns (Instance memory) {
        return
            _instance(
                _predictClone(_fundImpl, ctx.salt, "fund"),
                _predictClone(_receiptsImpl, ctx.salt, "receipts"),
                _predictClone(_governorImpl, ctx.salt, "governor")
            );
    }

    /// @notice The AIDAO staking whose holders hold the other side of every venture vote.
    function staking() external view returns (IVotes) {
        return _staking;
    }

    function _instance(address fund, address receipts, address governor) private pure returns (Instance memory) {
        return
            Instance({
                token: receipts,
                votes: receipts,
                module: fund,
                distributor: address(0),
                distributionBps: 0,
                governor: governor
            });
    }
}
