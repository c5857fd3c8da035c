// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {DonationVault} from "../../../contracts/templates/donation/DonationVault.sol";
import {TemplateMockERC20} from "../../mocks/templates/TemplateMockERC20.sol";
import {TemplateFeeOnTransferERC20} from "../../mocks/templates/TemplateFeeOnTransferERC20.sol";
import {TemplateIncomeTreasury} from "../../mocks/templates/TemplateIncomeTreasury.sol";

/// @dev Drives a DonationVault clone with several donors (token and ETH donations, delegations, rate changes by the
/// executor, stray transfers and sweeps, donations while the treasury rejects incomes, time warps) and keeps ghost
/// values mirroring what the vault must report. The treasury is a mock recording every income paid into it.
contract DonationVaultHandler is Test {
    DonationVault public immutable vault;
    address public immutable executor;
    TemplateIncomeTreasury public immutable treasury;

    /// @dev address(0) (ETH), two plain tokens and a fee-on-transfer token.
    address[] internal _assets;
    address[] internal _actors;
    mapping(address asset => bool) public isFeeToken;

    // ---- unit ghosts ----
    mapping(address account => uint256) public ghostUnits;
    uint256 public ghostTotalUnits;
    /// @dev Times an account's units were seen lower than before (must stay 0).
    uint256 public ghostUnitsDecreased;
    mapping(address account => uint256) internal _lastSeenUnits;

    // ---- donation ghosts ----
    mapping(address donor => mapping(address asset => uint256)) public ghostDonatedBy;
    mapping(address asset => uint256) public ghostDonated;
    /// @dev What left the vault for the treasury (donations and sweeps), measured on the vault's side.
    mapping(address asset => uint256) public ghostForwarded;
    mapping(address asset => uint256) public ghostStray;
    /// @dev Successful donations and sweeps: each must be exactly one income of the treasury.
    uint256 public ghostForwards;
    /// @dev Calls after which the vault still held something (must stay 0).
    uint256 public ghostCallsLeavingBalance;
    /// @dev Outcomes that contradict the rules (must stay 0). Counted rather than reverted: reverts of handler calls
    /// are ignored by the invariant runner.
    uint256 public ghostViolations;

    constructor(
        DonationVault vault_,
        address executor_,
        TemplateIncomeTreasury treasury_,
        TemplateMockERC20 a,
        TemplateMockERC20 b,
        TemplateFeeOnTransferERC20 f
    ) {
        vault = vault_;
        executor = executor_;
        treasury = treasury_;
        _assets.push(address(0));
        _assets.push(address(a));
        _assets.push(address(b));
        _assets.push(address(f));
        isFeeToken[address(f)] = true;
        _actors.push(address(0xA11CE));
        _actors.push(address(0xB0B));
        _actors.push(address(0xCA201));
        _actors.push(address(0xDA7E));
    }

    function assets() external view returns (address[] memory) {
        return _assets;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    // ---------------------------------------------------------------------------------------------------------
    // actions
    // ---------------------------------------------------------------------------------------------------------

    function donate(uint256 actorSeed, uint256 assetSeed, uint256 amount) external {
        address donor = _actors[actorSeed % _actors.length];
        address asset = _assets[1 + (assetSeed % (_assets.length - 1))];
        amount = bound(amount, 1, 1e30);
        TemplateMockERC20(asset).mint(donor, amount);
        uint256 rate = vault.unitsPerToken(asset);
        uint256 treasuryBefore = IERC20(asset).balanceOf(address(treasury));
        uint256 vaultBefore = IERC20(asset).balanceOf(address(vault));
        uint256 incomesBefore = treasury.incomeCount();
        vm.startPrank(donor);
        IERC20(asset).approve(address(vault), amount);
        try vault.donate(IERC20(asset), amount) returns (uint256 units) {
            uint256 received = amount - (isFeeToken[asset] ? TemplateFeeOnTransferERC20(asset).feeOf(amount) : 0);
            _check(rate > 0);
            _check(units == (received * rate) / 1e18);
            _recordUnits(donor, units);
            ghostDonatedBy[donor][asset] += received;
            ghostDonated[asset] += received;
            _recordForward(asset, vaultBefore + received, incomesBefore);
            if (!isFeeToken[asset]) {
                _check(IERC20(asset).balanceOf(address(treasury)) - treasuryBefore == vaultBefore + received);
            }
        } catch {
            _check(rate == 0);
        }
        vm.stopPrank();
        _afterCall();
    }

    function donateETH(uint256 actorSeed, uint256 amount) external {
        address donor = _actors[actorSeed % _actors.length];
        amount = bound(amount, 1, 1e24);
        vm.deal(donor, amount);
        uint256 rate = vault.unitsPerToken(address(0));
        uint256 vaultBefore = address(vault).balance;
        uint256 incomesBefore = treasury.incomeCount();
        vm.prank(donor);
        try vault.donateETH{value: amount}() returns (uint256 units) {
            _check(rate > 0);
            _check(units == (amount * rate) / 1e18);
            _recordUnits(donor, units);
            ghostDonatedBy[donor][address(0)] += amount;
            ghostDonated[address(0)] += amount;
            _recordForward(address(0), vaultBefore + amount, incomesBefore);
        } catch {
            _check(rate == 0);
        }
        _afterCall();
    }

    function delegate(uint256 actorSeed, uint256 toSeed) external {
        address account = _actors[actorSeed % _actors.length];
        // Mostly to a donor, sometimes to nobody.
        address to = toSeed % 5 == 4 ? address(0) : _actors[toSeed % _actors.length];
        vm.prank(account);
        vault.delegate(to);
        _afterCall();
    }

    function setAllowedToken(uint256 assetSeed, uint256 rate) external {
        address asset = _assets[assetSeed % _assets.length];
        // Mostly a rate between 1e12 and 1e24, sometimes 0 (disallowed).
        rate = rate % 6 == 0 ? 0 : bound(rate, 1e12, 1e24);
        vm.prank(executor);
        vault.setAllowedToken(asset, rate);
        _afterCall();
    }

    /// @dev Someone sends `amount` straight to the vault (not a donation), then someone sweeps it.
    function strayAndSweep(uint256 assetSeed, uint256 amount, uint256 actorSeed) external {
        address asset = _assets[assetSeed % _assets.length];
        amount = bound(amount, 1, 1e24);
        if (asset == address(0)) vm.deal(address(vault), address(vault).balance + amount);
        else TemplateMockERC20(asset).mint(address(vault), amount);
        ghostStray[asset] += amount;
        uint256 held = asset == address(0) ? address(vault).balance : IERC20(asset).balanceOf(address(vault));
        uint256 incomesBefore = treasury.incomeCount();
        vm.prank(_actors[actorSeed % _actors.length]);
        vault.sweep(asset);
        _recordForward(asset, held, incomesBefore);
        _afterCall();
    }

    /// @dev While the treasury rejects incomes, a donation of any asset reverts and changes nothing: the donor keeps
    /// its funds, no units, no donation, no income, and the vault holds nothing.
    function donateWhileTreasuryRejects(uint256 actorSeed, uint256 assetSeed, uint256 amount) external {
        address donor = _actors[actorSeed % _actors.length];
        address asset = _assets[assetSeed % _assets.length];
        amount = bound(amount, 1, 1e24);
        uint256 unitsBefore = vault.totalUnits();
        uint256 donatedBefore = vault.totalDonated(asset);
        uint256 incomesBefore = treasury.incomeCount();
        treasury.setMode(TemplateIncomeTreasury.Mode.Reject);
        bool ok;
        if (asset == address(0)) {
            vm.deal(donor, amount);
            vm.prank(donor);
            try vault.donateETH{value: amount}() {
                ok = true;
            } catch {}
            _check(donor.balance == amount);
        } else {
            TemplateMockERC20(asset).mint(donor, amount);
            uint256 donorBefore = IERC20(asset).balanceOf(donor);
            vm.startPrank(donor);
            IERC20(asset).approve(address(vault), amount);
            try vault.donate(IERC20(asset), amount) {
                ok = true;
            } catch {}
            vm.stopPrank();
            _check(IERC20(asset).balanceOf(donor) == donorBefore);
        }
        treasury.setMode(TemplateIncomeTreasury.Mode.Pull);
        _check(!ok);
        _check(vault.totalUnits() == unitsBefore);
        _check(vault.totalDonated(asset) == donatedBefore);
        _check(treasury.incomeCount() == incomesBefore);
        _afterCall();
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    // ---------------------------------------------------------------------------------------------------------
    // internals
    // ---------------------------------------------------------------------------------------------------------

    function _check(bool ok) private {
        if (!ok) ghostViolations++;
    }

    /// @dev A successful forward of `amount` of `asset` must have been exactly one income of the treasury, paid in
    /// by the vault and announced with exactly that amount.
    function _recordForward(address asset, uint256 amount, uint256 incomesBefore) private {
        ghostForwarded[asset] += amount;
        ghostForwards++;
        _check(treasury.incomeCount() == incomesBefore + 1);
        TemplateIncomeTreasury.Income memory inc = treasury.lastIncome();
        _check(inc.token == asset && inc.from == address(vault) && inc.amount == amount);
    }

    function _recordUnits(address donor, uint256 units) private {
        ghostUnits[donor] += units;
        ghostTotalUnits += units;
    }

    /// @dev After every call: no account's units went down, and the vault holds nothing, nor any allowance to the
    /// treasury.
    function _afterCall() private {
        for (uint256 i = 0; i < _actors.length; i++) {
            uint256 units = vault.unitsOf(_actors[i]);
            if (units < _lastSeenUnits[_actors[i]]) ghostUnitsDecreased++;
            _lastSeenUnits[_actors[i]] = units;
        }
        for (uint256 i = 0; i < _assets.length; i++) {
            address asset = _assets[i];
            uint256 held = asset == address(0) ? address(vault).balance : IERC20(asset).balanceOf(address(vault));
            if (held != 0) ghostCallsLeavingBalance++;
            if (asset != address(0) && IERC20(asset).allowance(address(vault), address(treasury)) != 0) {
                ghostCallsLeavingBalance++;
            }
        }
    }
}
