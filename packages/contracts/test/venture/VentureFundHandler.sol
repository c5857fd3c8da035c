// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IVentureFund} from "../../contracts/venture/IVentureFund.sol";
import {VentureFund} from "../../contracts/venture/VentureFund.sol";
import {VentureReceiptsHarness} from "../mocks/venture/VentureReceiptsHarness.sol";
import {VentureMockSwap} from "../mocks/venture/VentureMockSwap.sol";

interface IMintableERC20 is IERC20 {
    function mint(address to, uint256 amount) external;
}

/// @dev Drives one venture fund through rounds opened by governance, deposits by several actors in three tokens (18
/// decimals, 6 decimals, and one taking a 1% fee on transfer) at prices governance moves, fundings and direct
/// donations, investments into an AI DAO that gives its token back, executions (swaps, and swaps that try to spend a
/// token they do not name), distributions, claims by anyone, receipt transfers, delegations and time warps. Ghosts
/// mirror the cap table and the claims; counters record any call that did what it must not (they stay 0).
contract VentureFundHandler is Test {
    uint256 internal constant SCALE = 1e27;
    uint256 internal constant MAX_ROUNDS = 5;

    VentureFund public immutable fund;
    VentureReceiptsHarness public immutable receipts;
    VentureMockSwap public immutable swap;
    address public immutable gov;
    address public immutable daoExec;
    uint256 public immutable daoId;

    address[] internal _actors;
    address[] internal _depositTokens; // accepted, with a governance price
    address[] internal _tokens; // the deposit tokens and the AI DAO's token

    // ---- ghosts ----
    mapping(uint256 roundId => uint256) public ghostRaised;
    mapping(uint256 receiptId => uint256) public ghostValue;
    mapping(uint256 roundId => mapping(address token => uint256)) public ghostClaimed;
    mapping(uint256 roundId => mapping(address token => uint256)) public ghostDistributed;

    // ---- what succeeded, to see the run reached every path ----
    mapping(bytes32 action => uint256) public calls;

    // ---- failures recorded when they happen (must stay 0) ----
    /// @dev A deposit credited other than what arrived, or valued other than received × price.
    uint256 public ghostWrongDeposits;
    /// @dev A deposit accepted beyond its round's cap, after its close, or not refused although it should have been.
    uint256 public ghostDepositsWrongfullyAccepted;
    /// @dev A claim that paid other than floor(value·acc/SCALE) minus what the receipt had claimed, or paid someone
    /// other than its holder.
    uint256 public ghostWrongPayouts;
    /// @dev An execution that lowered a token it did not name and still succeeded.
    uint256 public ghostForeignSpendsAccepted;
    /// @dev A distribution, investment or execution in a state that forbids it that succeeded.
    uint256 public ghostWrongStateAccepted;

    /// @dev Receives everything wired in setUp: a handler whose constructor makes external calls is not fuzzed.
    constructor(
        VentureFund fund_,
        VentureReceiptsHarness receipts_,
        VentureMockSwap swap_,
        address gov_,
        address daoExec_,
        uint256 daoId_,
        address[] memory actors_,
        address[] memory depositTokens_,
        address[] memory tokens_
    ) {
        fund = fund_;
        receipts = receipts_;
        swap = swap_;
        gov = gov_;
        daoExec = daoExec_;
        daoId = daoId_;
        _actors = actors_;
        _depositTokens = depositTokens_;
        _tokens = tokens_;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    // ---------------------------------------------------------------------------------------------------------
    // governance
    // ---------------------------------------------------------------------------------------------------------

    function openRound(uint256 cap, uint256 closeIn, uint256 lockFor) external {
        if (fund.roundCount() >= MAX_ROUNDS) return;
        cap = bound(cap, 1e18, 1e24);
        uint64 closesAt = uint64(block.timestamp + bound(closeIn, 1, 10 days));
        uint64 unlocksAt = uint64(closesAt + bound(lockFor, 0, 10 days));
        vm.prank(gov);
        fund.openRound(uint128(cap), closesAt, unlocksAt);
    }

    function setPrice(uint256 tokenSeed, uint256 price) external {
        address token = _depositTokens[tokenSeed % _depositTokens.length];
        vm.prank(gov);
        fund.setPrice(token, bound(price, 1e15, 1e21));
    }

    function invest(uint256 roundSeed, uint256 tokenSeed, uint256 amount, uint256 receiveAmount) external {
        uint256 rid = _round(roundSeed);
        if (rid == 0) return;
        address payToken = _depositTokens[tokenSeed % _depositTokens.length];
        IVentureFund.RoundState s = fund.roundState(rid);
        uint256 held = fund.book(rid, payToken).held;
        if (held == 0) return;
        amount = bound(amount, 1, held);
        receiveAmount = bound(receiveAmount, 0, 1e24);
        address receiveToken = receiveAmount == 0 ? address(0) : _tokens[_tokens.length - 1];
        if (receiveAmount != 0) {
            IMintableERC20(receiveToken).mint(daoExec, receiveAmount);
            vm.prank(daoExec);
            IERC20(receiveToken).approve(address(fund), receiveAmount);
        }
        vm.prank(gov);
        try
            fund.invest(
                rid,
                IVentureFund.Investment({
                    daoId: daoId,
                    payToken: payToken,
                    amount: amount,
                    receiveToken: receiveToken,
                    receiveAmount: receiveAmount,
                    terms: "terms"
                })
            )
        {
            calls["invest"]++;
            if (s == IVentureFund.RoundState.Open || s == IVentureFund.RoundState.Distributing) {
                ghostWrongStateAccepted++;
            }
        } catch {}
    }

    /// @dev Swaps some of what a round holds of one token into another, naming both.
    function execute(uint256 roundSeed, uint256 inSeed, uint256 outSeed, uint256 amountIn, uint256 amountOut) external {
        uint256 rid = _round(roundSeed);
        if (rid == 0) return;
        address tokenIn = _tokens[inSeed % _tokens.length];
        address tokenOut = _tokens[outSeed % _tokens.length];
        uint256 held = fund.book(rid, tokenIn).held;
        amountIn = bound(amountIn, 0, held);
        amountOut = bound(amountOut, 0, 1e24);
        IVentureFund.RoundState s = fund.roundState(rid);
        address[] memory named = new address[](2);
        (named[0], named[1]) = (tokenIn, tokenOut);
        vm.prank(gov);
        try fund.execute(rid, _swapCalls(tokenIn, amountIn, tokenOut, amountOut), named) {
            calls["execute"]++;
            if (s == IVentureFund.RoundState.Open) ghostWrongStateAccepted++;
        } catch {}
    }

    /// @dev An execution that spends a token it does not name: it must revert if any round books that token (a
    /// token no round books, e.g. one only ever transferred straight to the fund, is nobody's and is not watched).
    function executeForeign(uint256 roundSeed, uint256 inSeed, uint256 amountIn) external {
        uint256 rid = _round(roundSeed);
        if (rid == 0) return;
        address tokenIn = _tokens[inSeed % _tokens.length];
        address tokenOut = _tokens[(inSeed + 1) % _tokens.length];
        uint256 balance = IERC20(tokenIn).balanceOf(address(fund));
        if (balance == 0) return;
        amountIn = bound(amountIn, 1, balance);
        address[] memory named = new address[](1);
        named[0] = tokenOut;
        bool watched = _isBooked(tokenIn);
        vm.prank(gov);
        try fund.execute(rid, _swapCalls(tokenIn, amountIn, tokenOut, 1e18), named) {
            if (watched) ghostForeignSpendsAccepted++;
        } catch {}
    }

    // ---------------------------------------------------------------------------------------------------------
    // investors and anyone
    // ---------------------------------------------------------------------------------------------------------

    function deposit(uint256 actorSeed, uint256 roundSeed, uint256 tokenSeed, uint256 amount, bool overshoot) external {
        uint256 rid = _openRound(roundSeed); // an open round if there is one (else one that must refuse)
        if (rid == 0) return;
        address actor = _actor(actorSeed);
        address token = _depositTokens[tokenSeed % _depositTokens.length];
        IVentureFund.Round memory r = fund.round(rid);
        IVentureFund.TokenConfig memory c = fund.tokenConfig(token);
        // Mostly within what the cap leaves (at the fee-less quote); sometimes anything, to cross the cap.
        uint256 fits = Math.mulDiv(r.cap - r.raised, 10 ** c.decimals, c.price);
        amount = bound(amount, 1, overshoot ? 1e26 : Math.max(fits, 1));
        IMintableERC20(token).mint(actor, amount);
        vm.startPrank(actor);
        IERC20(token).approve(address(fund), amount);
        uint256 before = IERC20(token).balanceOf(address(fund));
        try fund.deposit(rid, token, amount, 0) returns (uint256 id) {
            vm.stopPrank();
            calls["deposit"]++;
            uint256 received = IERC20(token).balanceOf(address(fund)) - before;
            uint256 value = receipts.receipt(id).value;
            if (receipts.receipt(id).amount != received) ghostWrongDeposits++;
            if (value != Math.mulDiv(received, c.price, 10 ** c.decimals)) ghostWrongDeposits++;
            if (block.timestamp >= r.closesAt || r.raised + value > r.cap) ghostDepositsWrongfullyAccepted++;
            ghostRaised[rid] += value;
            ghostValue[id] = value;
        } catch {
            vm.stopPrank();
        }
    }

    function fundRound(uint256 actorSeed, uint256 roundSeed, uint256 tokenSeed, uint256 amount) external {
        uint256 rid = _round(roundSeed);
        if (rid == 0) return;
        address actor = _actor(actorSeed);
        address token = _tokens[tokenSeed % _tokens.length];
        amount = bound(amount, 1, 1e24);
        IMintableERC20(token).mint(actor, amount);
        vm.startPrank(actor);
        IERC20(token).approve(address(fund), amount);
        try fund.fund(rid, token, amount) {
            calls["fund"]++;
        } catch {}
        vm.stopPrank();
    }

    /// @dev A transfer straight to the fund: nobody's earnings, it only adds to the balance.
    function donate(uint256 tokenSeed, uint256 amount) external {
        IMintableERC20(_tokens[tokenSeed % _tokens.length]).mint(address(fund), bound(amount, 1, 1e24));
    }

    function distribute(uint256 roundSeed, uint256 tokenSeed, bool anyRound) external {
        // Mostly a distributing round and a token it holds (else most calls would just revert).
        uint256 rid = anyRound ? _round(roundSeed) : _distributingRound(roundSeed);
        if (rid == 0) return;
        address token = _tokens[tokenSeed % _tokens.length];
        for (uint256 i = 0; i < _tokens.length && fund.book(rid, token).held == 0; i++) {
            token = _tokens[(tokenSeed + i) % _tokens.length];
        }
        IVentureFund.RoundState s = fund.roundState(rid);
        try fund.distribute(rid, token) returns (uint256 amount) {
            if (amount != 0) calls["distribute"]++;
            if (s != IVentureFund.RoundState.Distributing) ghostWrongStateAccepted++;
            ghostDistributed[rid][token] += amount;
        } catch {}
    }

    /// @dev Claims for up to three receipts from the seeded one on (mostly of distributing rounds, else most calls
    /// would just revert), each by a random caller.
    function claim(uint256 callerSeed, uint256 receiptSeed, bool anyReceipt) external {
        uint256 minted = receipts.minted();
        if (minted == 0) return;
        uint256 id = 1 + (receiptSeed % minted);
        for (uint256 k = 0; k < 3 && k < minted; k++) {
            for (uint256 i = 0; !anyReceipt && i < minted && !_distributing(_roundOf(id)); i++) {
                id = 1 + (id % minted);
            }
            _claim(_actor(callerSeed + k), id);
            id = 1 + (id % minted);
        }
    }

    function _claim(address caller, uint256 id) internal {
        (uint256[] memory expected, uint256[] memory sent) = _owed(id);
        uint256 callerBefore = IERC20(_tokens[0]).balanceOf(caller);
        vm.prank(caller);
        try fund.claim(id, _tokens) returns (uint256[] memory paid) {
            calls["claim"]++;
            uint256 rid = _roundOf(id);
            for (uint256 i = 0; i < _tokens.length; i++) {
                sent[i] -= IERC20(_tokens[i]).balanceOf(address(fund));
                if (paid[i] != expected[i] || sent[i] != paid[i]) ghostWrongPayouts++;
                ghostClaimed[rid][_tokens[i]] += paid[i];
            }
            if (caller != receipts.ownerOf(id) && IERC20(_tokens[0]).balanceOf(caller) != callerBefore) {
                ghostWrongPayouts++;
            }
        } catch {}
    }

    /// @dev What `receiptId` is owed of each token (floor(value·acc/SCALE) minus what it claimed), and the fund's
    /// balances now.
    function _owed(uint256 receiptId) internal view returns (uint256[] memory expected, uint256[] memory balances) {
        (, uint32 rid, uint256 value) = receipts.holderAndValue(receiptId);
        expected = new uint256[](_tokens.length);
        balances = new uint256[](_tokens.length);
        for (uint256 i = 0; i < _tokens.length; i++) {
            uint256 acc = fund.book(rid, _tokens[i]).acc;
            expected[i] = Math.mulDiv(value, acc, SCALE) - fund.claimed(receiptId, _tokens[i]);
            balances[i] = IERC20(_tokens[i]).balanceOf(address(fund));
        }
    }

    function transferReceipt(uint256 receiptSeed, uint256 toSeed) external {
        uint256 minted = receipts.minted();
        if (minted == 0) return;
        uint256 id = 1 + (receiptSeed % minted);
        address holder = receipts.ownerOf(id);
        vm.prank(holder);
        receipts.transferFrom(holder, _actor(toSeed), id);
    }

    function delegate(uint256 actorSeed, uint256 toSeed) external {
        vm.prank(_actor(actorSeed));
        receipts.delegate(_actor(toSeed));
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 5 days));
    }

    // ---------------------------------------------------------------------------------------------------------
    // internals
    // ---------------------------------------------------------------------------------------------------------

    function _round(uint256 seed) internal view returns (uint256) {
        uint256 count = fund.roundCount();
        return count == 0 ? 0 : 1 + (seed % count);
    }

    function _distributing(uint256 rid) internal view returns (bool) {
        return fund.roundState(rid) == IVentureFund.RoundState.Distributing;
    }

    function _roundOf(uint256 receiptId) internal view returns (uint256) {
        (, uint32 rid, ) = receipts.holderAndValue(receiptId);
        return rid;
    }

    /// @dev An open round from `seed` on, if any (else any round).
    function _openRound(uint256 seed) internal view returns (uint256) {
        uint256 count = fund.roundCount();
        for (uint256 i = 0; i < count; i++) {
            uint256 rid = 1 + ((seed + i) % count);
            if (fund.roundState(rid) == IVentureFund.RoundState.Open) return rid;
        }
        return _round(seed);
    }

    /// @dev A distributing round with receipts from `seed` on, if any (else any round).
    function _distributingRound(uint256 seed) internal view returns (uint256) {
        uint256 count = fund.roundCount();
        for (uint256 i = 0; i < count; i++) {
            uint256 rid = 1 + ((seed + i) % count);
            if (_distributing(rid) && fund.round(rid).raised != 0) return rid;
        }
        return _round(seed);
    }

    function _isBooked(address token) internal view returns (bool) {
        address[] memory booked = fund.bookedTokens();
        for (uint256 i = 0; i < booked.length; i++) if (booked[i] == token) return true;
        return false;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _swapCalls(
        address tokenIn,
        uint256 amountIn,
        address tokenOut,
        uint256 amountOut
    ) internal view returns (IVentureFund.Call[] memory c) {
        c = new IVentureFund.Call[](2);
        c[0] = IVentureFund.Call(tokenIn, abi.encodeCall(IERC20.approve, (address(swap), amountIn)));
        c[1] = IVentureFund.Call(
            address(swap),
            abi.encodeCall(VentureMockSwap.swap, (tokenIn, amountIn, tokenOut, amountOut))
        );
    }
}
