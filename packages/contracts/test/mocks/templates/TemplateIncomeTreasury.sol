// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ITreasury} from "../../../contracts/treasury/ITreasury.sol";

/// @dev A DAO treasury with ChildTreasury's income entry points (`deposit`, pulling with transferFrom, and
/// `depositETH`) that records every income. It can be told to reject incomes, to "forget" to pull (all, or all but
/// one base unit), and, once armed, to call `target` with `data` from inside an income (recording the outcome).
contract TemplateIncomeTreasury {
    using SafeERC20 for IERC20;

    enum Mode {
        Pull,
        Reject,
        NoPull,
        PullAllButOne
    }

    struct Income {
        address token;
        address from;
        uint256 amount;
        uint256 received;
    }

    Mode public mode;
    Income[] internal _incomes;
    /// @dev The sum of the amounts of `token` incomes were announced with (the `deposit` argument, or msg.value).
    mapping(address token => uint256) public incomeTotal;
    /// @dev The sum of what actually arrived.
    mapping(address token => uint256) public receivedTotal;

    address public target;
    bytes public data;
    bool public attempted;
    bool public succeeded;
    bytes public returned;

    error TemplateIncomeTreasuryRejected();

    event IncomeDeposited(address indexed token, address indexed from, uint256 amount, uint256 received);

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    function deposit(IERC20 token, uint256 amount) external returns (uint256 received) {
        _hook();
        Mode m = mode;
        if (m == Mode.Reject) revert TemplateIncomeTreasuryRejected();
        if (m != Mode.NoPull) {
            uint256 before = token.balanceOf(address(this));
            token.safeTransferFrom(msg.sender, address(this), m == Mode.PullAllButOne ? amount - 1 : amount);
            received = token.balanceOf(address(this)) - before;
        }
        _record(address(token), amount, received);
    }

    function depositETH() external payable {
        _hook();
        if (mode == Mode.Reject) revert TemplateIncomeTreasuryRejected();
        _record(address(0), msg.value, msg.value);
    }

    function incomeCount() external view returns (uint256) {
        return _incomes.length;
    }

    function income(uint256 i) external view returns (Income memory) {
        return _incomes[i];
    }

    function lastIncome() external view returns (Income memory) {
        return _incomes[_incomes.length - 1];
    }

    function _record(address token, uint256 amount, uint256 received) private {
        _incomes.push(Income({token: token, from: msg.sender, amount: amount, received: received}));
        incomeTotal[token] += amount;
        receivedTotal[token] += received;
        emit IncomeDeposited(token, msg.sender, amount, received);
    }

    function _hook() private {
        address t = target;
        if (t != address(0)) {
            target = address(0); // once
            attempted = true;
            (succeeded, returned) = t.call(data);
        }
    }
}

/// @dev The main AIDAO treasury as a ChildTreasury sees it (ITreasury's income functions): takes protocol fees,
/// pulling ERC20 with transferFrom, and records them.
contract TemplateMainTreasury {
    using SafeERC20 for IERC20;

    mapping(address token => uint256) public fees;
    uint256 public feeCount;

    function deposit(IERC20 token, uint256 amount, ITreasury.IncomeSource) external returns (uint256 received) {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - before;
        fees[address(token)] += received;
        feeCount++;
    }

    function depositETH(ITreasury.IncomeSource) external payable {
        fees[address(0)] += msg.value;
        feeCount++;
    }
}
