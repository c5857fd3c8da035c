// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @dev The plain OpenZeppelin way to take an ERC20 deposit and hand out an NFT receipt: transferFrom, then mint a
/// receipt to the depositor recording the amount. No valuation, cap table, rounds or votes.
contract RefReceiptVault is ERC721 {
    using SafeERC20 for IERC20;

    uint256 private _lastId;
    mapping(uint256 id => uint256) public amountOf;

    constructor() ERC721("Ref Receipt", "rRCPT") {}

    function deposit(IERC20 token, uint256 amount) external returns (uint256 id) {
        token.safeTransferFrom(msg.sender, address(this), amount);
        id = ++_lastId;
        amountOf[id] = amount;
        _mint(msg.sender, id);
    }
}
