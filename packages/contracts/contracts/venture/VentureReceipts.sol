// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/**
 * @title VentureReceipts
 * @notice The ERC-721 receipts of a venture fund: one per deposit, recording its round, token, amount and value at
 * deposit. A receipt carries its rights with it: its value is voting weight (delegatable, from the next checkpoint on)
 * and its unclaimed earnings are paid to whoever holds it. Metadata is built on-chain.
 * @dev Voting units are OpenZeppelin `VotesUpgradeable` units with a timestamp clock (the same clock as AIDAO staking,
 * so the venture governor reads both sides at one snapshot): a holder's units are the Σ value of the receipts it
 * holds, moved with each transfer. Only the fund mints; receipts are never burnt.
 *
 * Invariant: unitsOf(a) == Σ value of the receipts a holds, for every account a.
 * Invariant: getTotalSupply() == Σ value of all live receipts.
 */
contract VentureReceipts is ERC721Upgradeable, VotesUpgradeable {
    using Strings for uint256;

    /// @notice What a receipt records. The deposit's time is its Deposited event's block.
    struct Receipt {
        address token;
        uint32 roundId;
        uint128 amount; // credited, in the token's smallest units (at most 2^104 - 1)
        uint128 value; // at deposit, in value units, 18 decimals (at most 2^104 - 1)
    }

    /// @dev A receipt in one storage slot: the token by its index in `_tokens`.
    struct Packed {
        uint16 tokenIndex;
        uint32 roundId;
        uint104 amount;
        uint104 value;
    }

    address private _fund;
    uint256 private _lastId;
    mapping(uint256 receiptId => Packed) private _receipts;
    mapping(address account => uint256) private _units;
    address[] private _tokens;
    mapping(address token => uint256) private _tokenIndexPlusOne;

    /// @notice Thrown when the name or symbol is empty or has a character JSON would need escaped.
    error VentureReceiptsInvalidName(string value);

    /// @notice Thrown when anyone but the fund mints.
    error VentureReceiptsNotFund(address caller);

    /// @dev The implementation is never used directly: only its clones are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Called once by the venture setup when the DAO is created.
    function initialize(string calldata name_, string calldata symbol_, address fund_) external initializer {
        // Both go verbatim into the JSON metadata: quotes, backslashes or control characters would break or forge it.
        _requirePlain(name_);
        _requirePlain(symbol_);
        __ERC721_init(name_, symbol_);
        __EIP712_init(name_, "1");
        _fund = fund_;
    }

    /// @notice Mints the receipt of a deposit to `to` and returns its id (ids start at 1). Only the fund.
    /// @dev Uses the safe mint: a contract receiver must accept it, and may call back (the fund is non-reentrant).
    function mint(address to, Receipt calldata r) external returns (uint256 receiptId) {
        if (msg.sender != _fund) revert VentureReceiptsNotFund(msg.sender);
        receiptId = ++_lastId;
        _receipts[receiptId] = Packed({
            tokenIndex: _indexOf(r.token),
            roundId: r.roundId,
            amount: SafeCast.toUint104(r.amount),
            value: SafeCast.toUint104(r.value)
        });
        _safeMint(to, receiptId);
    }

    /// @notice The receipt `receiptId` records (reverts for one that does not exist).
    function receipt(uint256 receiptId) external view returns (Receipt memory) {
        _requireOwned(receiptId);
        return _unpack(_receipts[receiptId]);
    }

    /// @notice The holder of `receiptId` and the value it carries (one call for the fund's claims).
    function holderAndValue(uint256 receiptId) external view returns (address holder, uint32 roundId, uint256 value) {
        holder = _requireOwned(receiptId);
        Packed storage r = _receipts[receiptId];
        return (holder, r.roundId, r.value);
    }

    /// @notice Whether `spender` may act for `receiptId` (its holder, or approved by it).
    function isAuthorized(address spender, uint256 receiptId) external view returns (bool) {
        return _isAuthorized(_requireOwned(receiptId), spender, receiptId);
    }

    /// @notice The Σ value of the receipts `account` holds (its voting units, whoever it delegates them to).
    function unitsOf(address account) external view returns (uint256) {
        return _units[account];
    }

    /// @notice How many receipts were ever minted (the last id).
    function minted() external view returns (uint256) {
        return _lastId;
    }

    /// @notice The fund that mints these receipts.
    function fund() external view returns (address) {
        return _fund;
    }

    // The metadata is JSON and SVG inside string literals: single quotes avoid escaping every double quote (prettier
    // formats them so), hence solhint's quotes rule is off from here to after _image.
    // solhint-disable quotes

    /// @notice The receipt's metadata as a data URI: JSON with its round, token, amount and value, and an SVG image.
    function tokenURI(uint256 receiptId) public view override returns (string memory) {
        _requireOwned(receiptId);
        Receipt memory r = _unpack(_receipts[receiptId]);
        string memory id = receiptId.toString();
        string memory round = uint256(r.roundId).toString();
        string memory json = string.concat(
            '{"name":"',
            name(),
            " #",
            id,
            '","description":"A deposit in round ',
            round,
            " of this venture fund: it carries the deposit's votes and its share of the round's earnings.\",",
            _attributes(r),
            ',"image":"data:image/svg+xml;base64,',
            Base64.encode(bytes(_image(id, round, r.value))),
            '"}'
        );
        return string.concat("data:application/json;base64,", Base64.encode(bytes(json)));
    }

    /// @inheritdoc VotesUpgradeable
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @inheritdoc VotesUpgradeable
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @dev Moves the receipt's value with it: the holder's units and, through delegation, votes.
    function _update(address to, uint256 receiptId, address auth) internal override returns (address from) {
        from = super._update(to, receiptId, auth);
        uint256 value = _receipts[receiptId].value;
        if (from != address(0)) _units[from] -= value;
        if (to != address(0)) _units[to] += value;
        _transferVotingUnits(from, to, value);
    }

    /// @dev The index of `token` in `_tokens`, adding it the first time (a fund accepts a handful of tokens).
    function _indexOf(address token) private returns (uint16) {
        uint256 plusOne = _tokenIndexPlusOne[token];
        if (plusOne == 0) {
            _tokens.push(token);
            plusOne = _tokens.length;
            _tokenIndexPlusOne[token] = plusOne;
        }
        return SafeCast.toUint16(plusOne - 1);
    }

    function _unpack(Packed storage p) private view returns (Receipt memory) {
        return Receipt({token: _tokens[p.tokenIndex], roundId: p.roundId, amount: p.amount, value: p.value});
    }

    function _getVotingUnits(address account) internal view override returns (uint256) {
        return _units[account];
    }

    function _attributes(Receipt memory r) private pure returns (string memory) {
        return
            string.concat(
                '"attributes":[{"trait_type":"round","value":',
                uint256(r.roundId).toString(),
                '},{"trait_type":"token","value":"',
                Strings.toHexString(r.token),
                '"},{"trait_type":"amount","value":"',
                uint256(r.amount).toString(),
                '"},{"trait_type":"value","value":"',
                uint256(r.value).toString(),
                '"}]'
            );
    }

    function _image(string memory id, string memory round, uint256 value) private pure returns (string memory) {
        return
            string.concat(
                '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" ',
                'fill="#0f172a"/><text x="16" y="40" fill="#e2e8f0" font-family="monospace" font-size="18">',
                "AIDAO venture receipt #",
                id,
                '</text><text x="16" y="80" fill="#94a3b8" font-family="monospace" font-size="14">round ',
                round,
                '</text><text x="16" y="110" fill="#94a3b8" font-family="monospace" font-size="14">value ',
                _decimal(value),
                "</text></svg>"
            );
    }

    // solhint-enable quotes

    function _requirePlain(string calldata value) private pure {
        bytes calldata b = bytes(value);
        if (b.length == 0) revert VentureReceiptsInvalidName(value);
        for (uint256 i; i < b.length; ++i) {
            if (b[i] == 0x22 || b[i] == 0x5c || uint8(b[i]) < 0x20) revert VentureReceiptsInvalidName(value);
        }
    }

    /// @dev `value` (18 decimals) as a decimal string with two decimals, for the image.
    function _decimal(uint256 value) private pure returns (string memory) {
        uint256 cents = (value / 1e16) % 100;
        return string.concat((value / 1e18).toString(), cents < 10 ? ".0" : ".", cents.toString());
    }
}
