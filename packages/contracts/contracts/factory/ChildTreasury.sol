// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ITreasury} from "../treasury/ITreasury.sol";
import {DAORegistry} from "./DAORegistry.sol";
import {IRevenueDistributor} from "./IRevenueDistributor.sol";

/**
 * @title ChildTreasury
 * @notice The treasury of an AI DAO created by the factory (an EIP-1167 clone), and the DAO's address (ERC-4824
 * `daoURI`). Every income pays the protocol fee (`DAORegistry.protocolFeeBps`, at most 10%) to the main AIDAO
 * treasury in the same transaction (which routes its own 8% to education), then sends `distributionBps` of the rest to
 * the DAO's revenue distributor (its revenue-sharing token or consortium), if it has one. Only the DAO's executor (its
 * timelock, or its Safe for off-chain DAOs) spends. `address(0)` stands for ETH.
 * @dev Invariant: for every income, fee == floor(amount * protocolFeeBps / 10_000) goes to the main treasury and
 * fee + distributed <= amount. ETH income is never distributed (distributors share ERC20 revenue).
 */
contract ChildTreasury is Initializable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint16 private constant BPS = 10_000;

    DAORegistry private _registry;
    address private _executor;
    address private _distributor;
    uint16 private _distributionBps;
    string private _daoURI;

    /// @notice Thrown when someone other than the DAO's executor calls an executor-only function.
    error ChildTreasuryNotExecutor(address caller);
    /// @notice Thrown for a zero amount or a zero address where one is needed.
    error ChildTreasuryZeroInput();
    /// @notice Thrown when a distribution share is above 100% or set without a distributor.
    error ChildTreasuryInvalidDistribution(address distributor, uint256 bps);

    /// @notice Emitted for every income, after the protocol fee and the distribution.
    event IncomeReceived(
        address indexed token,
        address indexed from,
        uint256 amount,
        uint256 protocolFee,
        uint256 distributed
    );
    /// @notice Emitted for every spend by the executor.
    event Spent(address indexed token, address indexed to, uint256 amount);
    /// @notice Emitted when the executor changes where revenue is distributed.
    event DistributionSet(address distributor, uint16 bps);
    /// @notice ERC-4824: emitted when the DAO's URI changes.
    event DAOURIUpdate(address daoAddress, string daoURI);

    modifier onlyExecutor() {
        if (msg.sender != _executor) revert ChildTreasuryNotExecutor(msg.sender);
        _;
    }

    constructor() {
        _disableInitializers();
    }

    /// @notice Called by the factory in the creation transaction.
    /// @param registry_ The DAORegistry (protocol fee, main treasury).
    /// @param executor_ The DAO's executor.
    /// @param distributor_ Receives `distributionBps_` of each ERC20 income after the fee (address(0): none).
    /// @param distributionBps_ The share sent to the distributor.
    /// @param daoURI_ ERC-4824 metadata URI of the DAO.
    function initialize(
        DAORegistry registry_,
        address executor_,
        address distributor_,
        uint16 distributionBps_,
        string calldata daoURI_
    ) external initializer {
        if (address(registry_) == address(0) || executor_ == address(0)) revert ChildTreasuryZeroInput();
        _registry = registry_;
        _executor = executor_;
        _setDistribution(distributor_, distributionBps_);
        if (bytes(daoURI_).length != 0) {
            _daoURI = daoURI_;
            emit DAOURIUpdate(address(this), daoURI_);
        }
    }

    /// @notice Plain ETH transfers are income too.
    receive() external payable {
        _receiveETH();
    }

    /// @notice Records an ERC20 income pulled from the caller (who approved it); returns the amount received.
    function deposit(IERC20 token, uint256 amount) external nonReentrant returns (uint256 received) {
        if (amount == 0 || address(token) == address(0)) revert ChildTreasuryZeroInput();
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - before;
        uint256 fee = (received * _registry.protocolFeeBps()) / BPS;
        if (fee > 0) {
            address main = _registry.mainTreasury();
            token.forceApprove(main, fee);
            ITreasury(main).deposit(token, fee, ITreasury.IncomeSource.ProtocolFee);
        }
        uint256 distributed;
        address distributor = _distributor;
        if (distributor != address(0)) {
            distributed = ((received - fee) * _distributionBps) / BPS;
            if (distributed > 0) {
                token.forceApprove(distributor, distributed);
                IRevenueDistributor(distributor).distribute(token, distributed);
            }
        }
        emit IncomeReceived(address(token), msg.sender, received, fee, distributed);
    }

    /// @notice Records the attached ETH as income.
    function depositETH() external payable nonReentrant {
        _receiveETH();
    }

    /// @notice The executor spends `amount` of `token` (address(0): ETH) to `to`.
    function spend(address token, address to, uint256 amount) external onlyExecutor nonReentrant {
        if (amount == 0 || to == address(0)) revert ChildTreasuryZeroInput();
        if (token == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(token).safeTransfer(to, amount);
        emit Spent(token, to, amount);
    }

    /// @notice The executor changes where (and how much of) each income is distributed.
    function setDistribution(address distributor_, uint16 bps) external onlyExecutor {
        _setDistribution(distributor_, bps);
    }

    /// @notice The executor updates the DAO's ERC-4824 metadata URI.
    function setDaoURI(string calldata daoURI_) external onlyExecutor {
        _daoURI = daoURI_;
        emit DAOURIUpdate(address(this), daoURI_);
    }

    /// @notice ERC-4824: the DAO's metadata URI.
    function daoURI() external view returns (string memory) {
        return _daoURI;
    }

    /// @notice The DAO's executor.
    function executor() external view returns (address) {
        return _executor;
    }

    /// @notice Where revenue goes and which share of each income after the fee.
    function distribution() external view returns (address distributor, uint16 bps) {
        return (_distributor, _distributionBps);
    }

    /// @notice The DAORegistry.
    function registry() external view returns (address) {
        return address(_registry);
    }

    function _receiveETH() private {
        if (msg.value == 0) revert ChildTreasuryZeroInput();
        uint256 fee = (msg.value * _registry.protocolFeeBps()) / BPS;
        if (fee > 0) ITreasury(_registry.mainTreasury()).depositETH{value: fee}(ITreasury.IncomeSource.ProtocolFee);
        emit IncomeReceived(address(0), msg.sender, msg.value, fee, 0);
    }

    function _setDistribution(address distributor_, uint16 bps) private {
        if (bps > BPS || (distributor_ == address(0) && bps != 0)) {
            revert ChildTreasuryInvalidDistribution(distributor_, bps);
        }
        _distributor = distributor_;
        _distributionBps = bps;
        emit DistributionSet(distributor_, bps);
    }
}
