// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IEducationFund} from "./IEducationFund.sol";

/**
 * @title EducationFund
 * @notice See {IEducationFund}. Owned by governance (the timelock).
 * @dev Invariant: every grant goes to an address that was an approved partner when it was released.
 */
contract EducationFund is IEducationFund, Ownable {
    using EnumerableSet for EnumerableSet.AddressSet;
    using SafeERC20 for IERC20;

    EnumerableSet.AddressSet private _partners;
    mapping(address partner => string) private _uris;

    /// @param owner_ Governance (the timelock).
    constructor(address owner_) Ownable(owner_) {}

    /// @notice Accepts ETH (the treasury's education share of ETH income).
    receive() external payable {
        emit ETHReceived(msg.sender, msg.value);
    }

    /// @inheritdoc IEducationFund
    function addPartner(address partner, string calldata metadataURI) external onlyOwner {
        if (partner == address(0)) revert EducationFundZeroInput();
        if (!_partners.add(partner)) revert EducationFundAlreadyPartner(partner);
        _uris[partner] = metadataURI;
        emit PartnerAdded(partner, metadataURI);
    }

    /// @inheritdoc IEducationFund
    function updatePartner(address partner, string calldata metadataURI) external onlyOwner {
        if (!_partners.contains(partner)) revert EducationFundNotPartner(partner);
        _uris[partner] = metadataURI;
        emit PartnerUpdated(partner, metadataURI);
    }

    /// @inheritdoc IEducationFund
    function removePartner(address partner) external onlyOwner {
        if (!_partners.remove(partner)) revert EducationFundNotPartner(partner);
        delete _uris[partner];
        emit PartnerRemoved(partner);
    }

    /// @inheritdoc IEducationFund
    function release(address token, address partner, uint256 amount, string calldata memo) external onlyOwner {
        if (amount == 0) revert EducationFundZeroInput();
        if (!_partners.contains(partner)) revert EducationFundNotPartner(partner);
        emit GrantReleased(partner, token, amount, memo);
        if (token == address(0)) Address.sendValue(payable(partner), amount);
        else IERC20(token).safeTransfer(partner, amount);
    }

    /// @inheritdoc IEducationFund
    function isPartner(address partner) external view returns (bool) {
        return _partners.contains(partner);
    }

    /// @inheritdoc IEducationFund
    function partnerURI(address partner) external view returns (string memory) {
        return _uris[partner];
    }

    /// @inheritdoc IEducationFund
    function partners() external view returns (address[] memory) {
        return _partners.values();
    }
}
