// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DAORegistry} from "../../factory/DAORegistry.sol";
import {ITemplateSetup} from "../../factory/ITemplateSetup.sol";
import {TemplateSetupBase} from "../TemplateSetupBase.sol";
import {DonationVault} from "./DonationVault.sol";

/**
 * @title DonationSetup
 * @notice The donation template (public-good AI): donors give allowed tokens through the DAO's {DonationVault}, which
 * forwards them to the treasury and gives non-transferable supporter votes; no revenue rights. Governance pays grants
 * out of the treasury.
 * Template data: abi.encode(address[] allowedTokens, uint256[] unitsPerToken) (address(0) allows ETH).
 */
contract DonationSetup is TemplateSetupBase {
    address private immutable _vaultImpl;

    constructor(DAORegistry registry_, address vaultImpl) TemplateSetupBase(registry_, "donation") {
        _vaultImpl = vaultImpl;
    }

    /// @inheritdoc ITemplateSetup
    function instantiate(Context calldata ctx, bytes calldata data) external onlyFactory returns (Instance memory) {
        (address[] memory tokens, uint256[] memory rates) = abi.decode(data, (address[], uint256[]));
        address vault = _clone(_vaultImpl, ctx.salt, "vault");
        DonationVault(payable(vault)).initialize(ctx.executor, ctx.treasury, tokens, rates);
        return _instance(vault);
    }

    /// @inheritdoc ITemplateSetup
    function predict(Context calldata ctx, bytes calldata) external view returns (Instance memory) {
        return _instance(_predictClone(_vaultImpl, ctx.salt, "vault"));
    }

    function _instance(address vault) private pure returns (Instance memory) {
        return
            Instance({
                token: address(0),
                votes: vault,
                module: vault,
                distributor: address(0),
                distributionBps: 0,
                governor: address(0)
            });
    }
}
