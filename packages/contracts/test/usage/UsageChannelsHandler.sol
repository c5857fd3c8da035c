// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IUsageChannels} from "../../contracts/usage/IUsageChannels.sol";
import {UsageChannels} from "../../contracts/usage/UsageChannels.sol";
import {IModelRegistry} from "../../contracts/registry/IModelRegistry.sol";
import {UsageCheats} from "../mocks/usage/UsageCheats.sol";
import {IUsageMintable} from "../mocks/usage/UsageWorld.sol";

/// @dev Drives UsageChannels with several customers opening channels on several endpoints (two DAOs, the main DAO,
/// a plain and a fee-on-transfer token), random top-ups by anyone, extensions, batches of vouchers (some above the
/// deposit, some stale, some repeated), reclaims, credit withdrawals, direct donations and time warps, and keeps
/// ghost sums of what went in and out, per token.
contract UsageChannelsHandler is Test {
    UsageCheats internal constant cheats = UsageCheats(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant GRACE_WARP_MAX = 20 days;

    UsageChannels public immutable channels;
    IModelRegistry public immutable models;
    uint256 public immutable grace;

    uint256[] internal _endpoints;
    address[] internal _tokens;
    uint256[] internal _customerKeys;
    address[] internal _contributors;
    address[] internal _daoSide;

    bytes32[] internal _ids;
    mapping(bytes32 id => uint256) public keyOf;
    mapping(bytes32 id => bool) public closed;
    /// @dev What the channel must have redeemed: max over its redemptions of min(voucher, deposit at the time).
    mapping(bytes32 id => uint256) public expectedRedeemed;
    mapping(bytes32 id => uint256) public highestSigned; // the highest cumulativeAmount signed for the channel

    mapping(address token => uint256) public ghostDeposited; // credited to channels (open + top-ups)
    mapping(address token => uint256) public ghostPaid; // Σ Redeemed.paid
    mapping(address token => uint256) public ghostToDAO; // Σ RevenueSplit.toDAO
    mapping(address token => uint256) public ghostToContributors; // Σ RevenueSplit.toContributors
    mapping(address token => uint256) public ghostSplitTotal; // Σ RevenueSplit.total
    mapping(address token => uint256) public ghostRefunded; // Σ reclaim refunds
    mapping(address token => uint256) public ghostWithdrawn; // Σ credits withdrawn
    mapping(address token => uint256) public ghostDonated; // sent to the contract outside any function
    uint256 public ghostReturnedTotalMismatches; // batches whose returned total != Σ Redeemed.paid
    uint256 public calls;

    constructor(
        UsageChannels channels_,
        uint256[] memory endpoints_,
        address[] memory tokens_,
        uint256[] memory customerKeys_,
        address[] memory contributors_,
        address[] memory daoSide_
    ) {
        channels = channels_;
        (models, ) = channels_.registries();
        grace = channels_.GRACE();
        _endpoints = endpoints_;
        _tokens = tokens_;
        _customerKeys = customerKeys_;
        _contributors = contributors_;
        _daoSide = daoSide_;
    }

    // ------------------------------------------------------------------------------------------------ actions

    function open(uint256 customerSeed, uint256 endpointSeed, uint256 amount, uint256 duration) external {
        calls++;
        uint256 pk = _customerKeys[customerSeed % _customerKeys.length];
        address customer = vm.addr(pk);
        uint256 endpointId = _endpoints[endpointSeed % _endpoints.length];
        address token = models.endpoint(endpointId).paymentToken;
        amount = bound(amount, 1, 1e24);
        uint64 expiresAt = uint64(block.timestamp + bound(duration, 1, 30 days));
        IUsageMintable(token).mint(customer, amount);
        vm.startPrank(customer);
        IERC20(token).approve(address(channels), amount);
        bytes32 id = channels.open(endpointId, amount, expiresAt);
        vm.stopPrank();
        _ids.push(id);
        keyOf[id] = pk;
        ghostDeposited[token] += channels.channel(id).deposit;
    }

    function topUp(uint256 idSeed, uint256 payerSeed, uint256 amount) external {
        calls++;
        (bytes32 id, bool found) = _pick(idSeed);
        if (!found) return;
        IUsageChannels.Channel memory c = channels.channel(id);
        amount = bound(amount, 1, 1e24);
        address payer = address(uint160(uint256(keccak256(abi.encode("payer", payerSeed % 4)))));
        IUsageMintable(c.token).mint(payer, amount);
        vm.startPrank(payer);
        IERC20(c.token).approve(address(channels), amount);
        channels.topUp(id, amount);
        vm.stopPrank();
        ghostDeposited[c.token] += channels.channel(id).deposit - c.deposit;
    }

    function extend(uint256 idSeed, uint256 delta) external {
        calls++;
        (bytes32 id, bool found) = _pick(idSeed);
        if (!found) return;
        IUsageChannels.Channel memory c = channels.channel(id);
        vm.prank(c.customer);
        channels.extend(id, uint64(c.expiresAt + bound(delta, 1, 10 days)));
    }

    /// @dev A batch of up to four vouchers of random channels still in their redemption window: amounts around what
    /// is redeemed and deposited (stale, exact, above the deposit), claims below, at or above the voucher, channels
    /// possibly repeated.
    function redeem(
        uint256[4] calldata idSeeds,
        uint256[4] calldata amountSeeds,
        uint256[4] calldata claimSeeds,
        uint256 sizeSeed
    ) external {
        calls++;
        uint256 size = bound(sizeSeed, 1, 4);
        IUsageChannels.Redemption[] memory b = new IUsageChannels.Redemption[](size);
        uint256 n;
        for (uint256 i; i < size; ++i) {
            (bytes32 id, bool found) = _pick(idSeeds[i]);
            if (!found) continue;
            IUsageChannels.Channel memory c = channels.channel(id);
            if (block.timestamp > uint256(c.expiresAt) + grace) continue; // closed for redemption
            uint256 amount = bound(amountSeeds[i], 0, (uint256(c.deposit) * 3) / 2 + 1);
            bytes32 digest = channels.voucherDigest(id, c.token, c.recipient, amount);
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf[id], digest);
            uint256 claim = bound(claimSeeds[i], 0, amount + 1);
            b[n++] = IUsageChannels.Redemption(id, amount, claim, abi.encodePacked(r, s, v));
            if (amount > highestSigned[id]) highestSigned[id] = amount;
            uint256 capped = claim < amount ? claim : amount;
            if (c.deposit < capped) capped = c.deposit;
            if (capped > expectedRedeemed[id]) expectedRedeemed[id] = capped;
        }
        if (n == 0) return;
        assembly ("memory-safe") {
            mstore(b, n)
        }

        cheats.recordLogs();
        uint256 total = channels.redeem(b);
        UsageCheats.Log[] memory logs = cheats.getRecordedLogs();
        uint256 sumPaid;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(channels)) continue;
            bytes32 topic = logs[i].topics[0];
            if (topic == IUsageChannels.Redeemed.selector) {
                (, uint256 paid) = abi.decode(logs[i].data, (uint256, uint256));
                ghostPaid[channels.channel(logs[i].topics[1]).token] += paid;
                sumPaid += paid;
            } else if (topic == IUsageChannels.RevenueSplit.selector) {
                address token = address(uint160(uint256(logs[i].topics[2])));
                (uint256 splitTotal, uint256 toContributors, uint256 toDAO) = abi.decode(
                    logs[i].data,
                    (uint256, uint256, uint256)
                );
                ghostSplitTotal[token] += splitTotal;
                ghostToContributors[token] += toContributors;
                ghostToDAO[token] += toDAO;
            }
        }
        if (sumPaid != total) ghostReturnedTotalMismatches++;
    }

    function reclaim(uint256 idSeed) external {
        calls++;
        (bytes32 id, bool found) = _pick(idSeed);
        if (!found) return;
        IUsageChannels.Channel memory c = channels.channel(id);
        if (block.timestamp <= uint256(c.expiresAt) + grace) return; // not yet
        uint256 refund = channels.reclaim(id);
        ghostRefunded[c.token] += refund;
        closed[id] = true;
    }

    function withdrawCredits(uint256 accountSeed, uint256 tokenSeed) external {
        calls++;
        address account = _contributors[accountSeed % _contributors.length];
        address token = _tokens[tokenSeed % _tokens.length];
        if (channels.credits(account, token) == 0) return;
        vm.prank(account);
        ghostWithdrawn[token] += channels.withdrawCredits(token);
    }

    function donate(uint256 tokenSeed, uint256 amount) external {
        calls++;
        address token = _tokens[tokenSeed % _tokens.length];
        amount = bound(amount, 1, 1e20);
        uint256 before = IERC20(token).balanceOf(address(channels));
        IUsageMintable(token).mint(address(this), amount);
        IERC20(token).transfer(address(channels), amount);
        ghostDonated[token] += IERC20(token).balanceOf(address(channels)) - before;
    }

    function warp(uint256 seconds_) external {
        calls++;
        vm.warp(block.timestamp + bound(seconds_, 1, GRACE_WARP_MAX));
    }

    // ------------------------------------------------------------------------------------------------ views

    function ids() external view returns (bytes32[] memory) {
        return _ids;
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    function contributors() external view returns (address[] memory) {
        return _contributors;
    }

    function daoSide() external view returns (address[] memory) {
        return _daoSide;
    }

    /// @dev An open channel picked from `seed` (the first open one from there), if any.
    function _pick(uint256 seed) internal view returns (bytes32 id, bool found) {
        uint256 count = _ids.length;
        for (uint256 k; k < count; ++k) {
            id = _ids[(seed + k) % count];
            if (!closed[id]) return (id, true);
        }
        return (bytes32(0), false);
    }
}
