// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {VentureFund} from "../../../contracts/venture/VentureFund.sol";

/// @dev A depositor contract whose `onERC721Received` re-enters the fund (deposit, claim or fund) while the fund is
/// minting its receipt. The re-entry is not caught, so its revert becomes the outer deposit's. With `None` it just
/// accepts the receipt, like any well-behaved contract depositor.
contract VentureReentrantReceiver is IERC721Receiver {
    enum Attack {
        None,
        Deposit,
        Claim,
        Fund
    }

    VentureFund public immutable fund;
    Attack public attack;
    uint256 public roundId;
    address public token;
    uint256 public receiptId; // the receipt re-entered for a claim
    uint256 public received; // receipts received

    constructor(VentureFund fund_) {
        fund = fund_;
    }

    function arm(Attack attack_, uint256 roundId_, address token_, uint256 receiptId_) external {
        (attack, roundId, token, receiptId) = (attack_, roundId_, token_, receiptId_);
    }

    function deposit(uint256 roundId_, address token_, uint256 amount) external returns (uint256) {
        IERC20(token_).approve(address(fund), type(uint256).max);
        return fund.deposit(roundId_, token_, amount, 0);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        received++;
        if (attack == Attack.Deposit) {
            fund.deposit(roundId, token, 1e18, 0);
        } else if (attack == Attack.Claim) {
            address[] memory tokens = new address[](1);
            tokens[0] = token;
            fund.claim(receiptId, tokens);
        } else if (attack == Attack.Fund) {
            fund.fund(roundId, token, 1e18);
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}
