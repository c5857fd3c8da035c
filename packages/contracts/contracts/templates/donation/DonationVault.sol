// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IDonationVault} from "./IDonationVault.sol";
import {IIncomeReceiver} from "./IIncomeReceiver.sol";

/**
 * @title DonationVault
 * @notice The donation template's vault (see {IDonationVault}). Deployed once as an implementation and used through
 * EIP-1167 clones that the factory initializes in their creation transaction.
 * @dev Supporter units are OpenZeppelin `VotesUpgradeable` voting units with a timestamp clock: each delegate's votes
 * and the total are `Checkpoints.Trace208` traces, so `getPastVotes` and `getPastTotalSupply` are exact and
 * O(log n). Units are minted on donation and never moved or burnt: there is no transfer, and donations are final.
 * The EIP-712 domain of `delegateBySig` is ("AIDAO DonationVault", "1", chain id, the clone's own address).
 * The vault never keeps funds: a donation is forwarded to the treasury in the same call as one income of the
 * treasury ({IIncomeReceiver}), so the treasury charges its protocol fee on it: ERC20 with `forceApprove(treasury,
 * amount)` then `deposit(token, amount)`, which must pull exactly that amount; ETH with `depositETH{value: amount}()`.
 * Stray balances are forwarded the same way, with the next donation of their token or by anyone's `sweep`. A
 * treasury that reverts (or is not a contract) makes the donation revert: nothing is credited and nothing is lost.
 * All entry points that move funds are `nonReentrant`, and every state change precedes the calls to the treasury.
 *
 * Invariant: unitsOf(a) never decreases, for every account a (donations are final; units are never burnt).
 * Invariant: totalUnits() (the latest total checkpoint) == the sum of unitsOf(all donors), and the sum of getVotes
 * over all delegates <= it (equal unless a donor delegated to address(0)).
 * Invariant: after every call the vault holds no balance of any allowed token, nor ETH (all forwarded), and no
 * allowance to the treasury (each forward's allowance is consumed by the treasury's pull, or the call reverts).
 * Invariant: every forward is exactly one income of the treasury: deposit(token, amount) (or depositETH with value
 * amount), where amount is the whole balance the vault held, i.e. what it received plus any stray balance.
 * Invariant: totalDonated(t) == the sum of donatedBy(all donors, t).
 */
contract DonationVault is IDonationVault, VotesUpgradeable, ReentrancyGuardTransient {
    using EnumerableSet for EnumerableSet.AddressSet;
    using SafeERC20 for IERC20;

    /// @notice The denominator of rates: units = received * unitsPerToken / UNITS_SCALE.
    uint256 public constant UNITS_SCALE = 1e18;

    address private _executor;
    address private _treasury;
    EnumerableSet.AddressSet private _allowed;
    mapping(address token => uint256) private _unitsPerToken;
    mapping(address donor => mapping(address token => uint256)) private _donatedBy;
    mapping(address token => uint256) private _totalDonated;
    mapping(address account => uint256) private _units;

    modifier onlyExecutor() {
        if (msg.sender != _executor) revert DonationVaultNotExecutor(msg.sender);
        _;
    }

    /// @dev The implementation is never used directly: only its clones are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IDonationVault
    function initialize(
        address executor_,
        address treasury_,
        address[] calldata allowedTokens_,
        uint256[] calldata unitsPerToken_
    ) external initializer {
        if (executor_ == address(0) || treasury_ == address(0)) revert DonationVaultZeroAddress();
        if (allowedTokens_.length != unitsPerToken_.length) {
            revert DonationVaultLengthMismatch(allowedTokens_.length, unitsPerToken_.length);
        }
        __EIP712_init("AIDAO DonationVault", "1");
        _executor = executor_;
        _treasury = treasury_;
        for (uint256 i = 0; i < allowedTokens_.length; i++) {
            address token = allowedTokens_[i];
            if (unitsPerToken_[i] == 0) revert DonationVaultZeroRate(token);
            if (_allowed.contains(token)) revert DonationVaultDuplicateToken(token);
            _setAllowedToken(token, unitsPerToken_[i]);
        }
    }

    // ---------------------------------------------------------------- donations

    /// @inheritdoc IDonationVault
    function donate(IERC20 token, uint256 amount) external nonReentrant returns (uint256 units) {
        if (address(token) == address(0)) revert DonationVaultZeroAddress();
        if (amount == 0) revert DonationVaultZeroAmount();
        uint256 rate = _requireAllowed(address(token));
        // Credit what actually arrived, so fee-on-transfer tokens give units on their real amount.
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        // Nothing arrived (a token that took all of it as a fee): no donation, and no empty income for the treasury.
        if (received == 0) revert DonationVaultZeroAmount();
        units = _credit(msg.sender, address(token), received, rate);
        // Everything the vault holds goes on (received, plus any stray balance): it never keeps funds.
        _forward(address(token), token.balanceOf(address(this)));
        emit Donated(msg.sender, address(token), received, units);
    }

    /// @inheritdoc IDonationVault
    function donateETH() external payable nonReentrant returns (uint256 units) {
        if (msg.value == 0) revert DonationVaultZeroAmount();
        uint256 rate = _requireAllowed(address(0));
        units = _credit(msg.sender, address(0), msg.value, rate);
        _forward(address(0), address(this).balance);
        emit Donated(msg.sender, address(0), msg.value, units);
    }

    /// @inheritdoc IDonationVault
    function sweep(address token) external nonReentrant {
        uint256 amount = token == address(0) ? address(this).balance : IERC20(token).balanceOf(address(this));
        if (amount == 0) revert DonationVaultZeroAmount();
        _forward(token, amount);
        emit Swept(token, msg.sender, amount);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IDonationVault
    function setAllowedToken(address token, uint256 unitsPerToken_) external onlyExecutor {
        _setAllowedToken(token, unitsPerToken_);
    }

    // ---------------------------------------------------------------- IVotes clock (ERC-6372)

    /// @notice The clock of the checkpoints: unix seconds.
    function clock() public view override(IERC6372, VotesUpgradeable) returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 description of the clock.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(IERC6372, VotesUpgradeable) returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDonationVault
    function executor() external view returns (address) {
        return _executor;
    }

    /// @inheritdoc IDonationVault
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IDonationVault
    function unitsPerToken(address token) external view returns (uint256) {
        return _unitsPerToken[token];
    }

    /// @inheritdoc IDonationVault
    function allowedTokens() external view returns (address[] memory) {
        return _allowed.values();
    }

    /// @inheritdoc IDonationVault
    function donatedBy(address donor, address token) external view returns (uint256) {
        return _donatedBy[donor][token];
    }

    /// @inheritdoc IDonationVault
    function totalDonated(address token) external view returns (uint256) {
        return _totalDonated[token];
    }

    /// @inheritdoc IDonationVault
    function unitsOf(address account) external view returns (uint256) {
        return _units[account];
    }

    /// @inheritdoc IDonationVault
    function totalUnits() external view returns (uint256) {
        return _getTotalSupply();
    }

    // ---------------------------------------------------------------- internals

    /// @dev Records the donation and mints `received * rate / UNITS_SCALE` units to `donor` (rounded down).
    function _credit(address donor, address token, uint256 received, uint256 rate) private returns (uint256 units) {
        _donatedBy[donor][token] += received;
        _totalDonated[token] += received;
        units = Math.mulDiv(received, rate, UNITS_SCALE);
        // A donor without a delegate delegates to itself first, so its units count as votes at once.
        if (delegates(donor) == address(0)) _delegate(donor, donor);
        if (units > 0) {
            _units[donor] += units;
            _transferVotingUnits(address(0), donor, units);
        }
    }

    /// @dev Pays the vault's whole balance `amount` of `token` (address(0): ETH) into the treasury as one income, so
    /// the treasury charges its protocol fee on it. The treasury must pull the whole approved amount: the vault keeps
    /// neither a balance nor an allowance, or the call reverts (with {DonationVaultIncomeNotPulled}).
    function _forward(address token, uint256 amount) private {
        IIncomeReceiver receiver = IIncomeReceiver(_treasury);
        if (token == address(0)) {
            receiver.depositETH{value: amount}();
            return;
        }
        IERC20(token).forceApprove(address(receiver), amount);
        receiver.deposit(IERC20(token), amount);
        uint256 left = IERC20(token).balanceOf(address(this));
        uint256 allowance = IERC20(token).allowance(address(this), address(receiver));
        if (left != 0 || allowance != 0) revert DonationVaultIncomeNotPulled(token, left, allowance);
    }

    function _requireAllowed(address token) private view returns (uint256 rate) {
        rate = _unitsPerToken[token];
        if (rate == 0) revert DonationVaultTokenNotAllowed(token);
    }

    function _setAllowedToken(address token, uint256 rate) private {
        uint256 old = _unitsPerToken[token];
        _unitsPerToken[token] = rate;
        if (rate == 0) _allowed.remove(token);
        else _allowed.add(token);
        emit AllowedTokenSet(token, old, rate);
    }

    /// @dev The voting units `account` delegates: its supporter units.
    function _getVotingUnits(address account) internal view override returns (uint256) {
        return _units[account];
    }
}
