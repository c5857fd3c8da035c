// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IEducationFund
 * @notice Holds the education and research budget (at least 8% of every treasury income) and pays grants only to
 * partner institutions that governance approved, only when governance releases them. `address(0)` is ETH.
 */
interface IEducationFund {
    /// @notice Thrown when a grant names an institution that is not an approved partner.
    /// @param partner The rejected recipient.
    error EducationFundNotPartner(address partner);

    /// @notice Thrown when approving an institution that is already a partner.
    /// @param partner The institution.
    error EducationFundAlreadyPartner(address partner);

    /// @notice Thrown when a partner address or a grant amount is zero.
    error EducationFundZeroInput();

    /// @notice Emitted when governance approves a partner institution.
    event PartnerAdded(address indexed partner, string metadataURI);

    /// @notice Emitted when governance updates a partner's metadata.
    event PartnerUpdated(address indexed partner, string metadataURI);

    /// @notice Emitted when governance removes a partner institution.
    event PartnerRemoved(address indexed partner);

    /// @notice Emitted when governance releases a grant.
    event GrantReleased(address indexed partner, address indexed token, uint256 amount, string memo);

    /// @notice Emitted when the fund receives ETH.
    event ETHReceived(address indexed from, uint256 amount);

    /// @notice Governance approves `partner` with a metadata URI describing the institution.
    function addPartner(address partner, string calldata metadataURI) external;

    /// @notice Governance updates the metadata URI of an approved partner.
    function updatePartner(address partner, string calldata metadataURI) external;

    /// @notice Governance removes an approved partner; it can no longer receive grants.
    function removePartner(address partner) external;

    /// @notice Governance pays `amount` of `token` (address(0): ETH) to the approved `partner`.
    function release(address token, address partner, uint256 amount, string calldata memo) external;

    /// @notice Whether `partner` is an approved institution.
    function isPartner(address partner) external view returns (bool);

    /// @notice The metadata URI of an approved partner ("" otherwise).
    function partnerURI(address partner) external view returns (string memory);

    /// @notice All approved partners.
    function partners() external view returns (address[] memory);
}
