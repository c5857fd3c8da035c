// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ITreasury} from "../treasury/ITreasury.sol";
import {DAOInfo} from "./DAOInfo.sol";
import {DAORegistry} from "./DAORegistry.sol";
import {IDAORegistry} from "./IDAORegistry.sol";
import {IRevenueDistributor} from "./IRevenueDistributor.sol";

/**
 * @title ChildTreasury
 * @notice The treasury of an AI DAO created by the factory (an EIP-1167 clone), and the DAO's address (ERC-4824
 * `daoURI`). Every income pays the protocol fee (`DAORegistry.protocolFeeBps`, at most 10%) to the main AIDAO
 * treasury in the same transaction (which routes its own 8% to education), then sends `distributionBps` of the rest to
 * the DAO's revenue distributor (its revenue-sharing token or consortium), if it has one. Only the DAO's executor (its
 * timelock, or its Safe for off-chain DAOs) spends. `address(0)` stands for ETH.
 * @dev No initializer and no storage at creation: the DAO's whole record (its contracts, creator, parent, template,
 * governance mode, first distribution and daoURI) is the clone's immutable arguments, written by the factory as part
 * of the clone's code — ~3.5x cheaper than storage, and nobody can ever initialise a clone differently. Storage only
 * holds what the executor changes later. The registry is an immutable of the implementation, shared by every clone.
 * Invariant: for every income, fee == floor(amount * protocolFeeBps / 10_000) goes to the main treasury and
 * fee + distributed <= amount. ETH income is never distributed (distributors share ERC20 revenue).
 */
contract ChildTreasury is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using DAOInfo for uint256;

    /// @notice What the factory writes into each clone's immutable arguments (ABI-encoded; every byte of a clone's
    /// code costs 200 gas, so the small numbers share one word, see {DAOInfo}).
    struct Args {
        address governor;
        address timelock;
        address safe;
        address creator;
        address token;
        address module;
        address distributor;
        uint256 info; // DAOInfo.pack(distributionBps, parentId, version, mode)
        bytes32 templateId;
        string daoURI;
    }

    uint16 private constant BPS = 10_000;

    DAORegistry private immutable _registry;

    // Changes the executor made after creation; they override the clone arguments once set.
    bool private _distributionChanged;
    bool private _daoURIChanged;
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
        if (msg.sender != executor()) revert ChildTreasuryNotExecutor(msg.sender);
        _;
    }

    /// @param registry_ The DAORegistry every clone reads the protocol fee and the main treasury from.
    constructor(DAORegistry registry_) {
        _registry = registry_;
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
        (address distributor, uint16 bps) = distribution();
        if (distributor != address(0)) {
            distributed = ((received - fee) * bps) / BPS;
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
        if (bps > BPS || (distributor_ == address(0) && bps != 0)) {
            revert ChildTreasuryInvalidDistribution(distributor_, bps);
        }
        _distributionChanged = true;
        _distributor = distributor_;
        _distributionBps = bps;
        emit DistributionSet(distributor_, bps);
    }

    /// @notice The executor updates the DAO's ERC-4824 metadata URI.
    function setDaoURI(string calldata daoURI_) external onlyExecutor {
        _daoURIChanged = true;
        _daoURI = daoURI_;
        emit DAOURIUpdate(address(this), daoURI_);
    }

    /// @notice ERC-4824: the DAO's metadata URI.
    function daoURI() external view returns (string memory) {
        return _daoURIChanged ? _daoURI : _args().daoURI;
    }

    /// @notice The DAO's executor: its timelock, or its Safe when it is governed off-chain.
    function executor() public view returns (address) {
        Args memory a = _args();
        return a.info.mode() == IDAORegistry.GovernanceMode.OffChain ? a.safe : a.timelock;
    }

    /// @notice Where revenue goes and which share of each income after the fee.
    function distribution() public view returns (address distributor, uint16 bps) {
        if (_distributionChanged) return (_distributor, _distributionBps);
        Args memory a = _args();
        return (a.distributor, a.info.distributionBps());
    }

    /// @notice The DAORegistry.
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @notice The DAO's registry record, as created (its id is in the `DAORegistered` event).
    function daoRecord() external view returns (IDAORegistry.DAO memory) {
        Args memory a = _args();
        return
            IDAORegistry.DAO({
                treasury: address(this),
                token: a.token,
                governor: a.governor,
                timelock: a.timelock,
                safe: a.safe,
                module: a.module,
                creator: a.creator,
                parentId: a.info.parentId(),
                version: a.info.version(),
                mode: a.info.mode(),
                templateId: a.templateId
            });
    }

    function _args() private view returns (Args memory) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (Args));
    }

    function _receiveETH() private {
        if (msg.value == 0) revert ChildTreasuryZeroInput();
        uint256 fee = (msg.value * _registry.protocolFeeBps()) / BPS;
        if (fee > 0) ITreasury(_registry.mainTreasury()).depositETH{value: fee}(ITreasury.IncomeSource.ProtocolFee);
        emit IncomeReceived(address(0), msg.sender, msg.value, fee, 0);
    }
}
