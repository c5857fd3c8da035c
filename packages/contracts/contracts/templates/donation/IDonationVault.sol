// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title IDonationVault
 * @notice The donation template's vault: donors give allowed tokens (or ETH) to a public-good AI project. Every
 * donation is forwarded to the DAO's treasury in the same call, as an income of the treasury (through its
 * {IIncomeReceiver} `deposit` or `depositETH`, so the treasury charges the protocol fee on donations as on every
 * other income), and the donor receives non-transferable supporter voting units, checkpointed and delegatable
 * (OpenZeppelin IVotes / ERC-5805, timestamp clock), that the DAO's Governor counts. Units carry no revenue rights:
 * nothing is ever paid to donors, and donations are final. `address(0)` stands for ETH wherever a token is named.
 *
 * Units: a donation of `received` base units of `token` gives `received * unitsPerToken(token) / 1e18` units
 * (rounded down), so governance weights tokens of different value and decimals. For example, to give 1e18 units per
 * US dollar: unitsPerToken = 1e18 for an 18-decimal dollar stablecoin, 1e30 for a 6-decimal one (1e6 base units
 * make a dollar), and 3000e18 for ETH at 3000 dollars. A rate change applies to later donations only.
 */
interface IDonationVault is IERC5805 {
    /// @notice Thrown when an address argument is zero where it cannot be.
    error DonationVaultZeroAddress();

    /// @notice Thrown when a donation (or a sweep) of zero is requested, or when none of a donated token arrived.
    error DonationVaultZeroAmount();

    /// @notice Thrown when someone other than the executor calls an executor-only function.
    /// @param caller Who called.
    error DonationVaultNotExecutor(address caller);

    /// @notice Thrown when a donation names a token that is not allowed (its units per token are 0).
    /// @param token The token (address(0) for ETH).
    error DonationVaultTokenNotAllowed(address token);

    /// @notice Thrown when `initialize` gets token and rate lists of different lengths.
    /// @param tokens How many tokens.
    /// @param rates How many rates.
    error DonationVaultLengthMismatch(uint256 tokens, uint256 rates);

    /// @notice Thrown when `initialize` lists a token twice.
    /// @param token The repeated token.
    error DonationVaultDuplicateToken(address token);

    /// @notice Thrown when `initialize` lists a token with a rate of 0 (a token that would not be allowed).
    /// @param token The token.
    error DonationVaultZeroRate(address token);

    /// @notice Thrown when the treasury's `deposit` returned without pulling the whole amount the vault approved, so
    /// the vault would keep a balance or an allowance; the donation (or sweep) reverts and nothing is lost.
    /// @param token The token forwarded.
    /// @param balanceLeft What the vault still holds of it.
    /// @param allowanceLeft What the treasury may still pull of it.
    error DonationVaultIncomeNotPulled(address token, uint256 balanceLeft, uint256 allowanceLeft);

    /// @notice Emitted for every donation, after the units were credited and the funds paid into the treasury.
    /// @param donor Who donated (and received the units).
    /// @param token The token donated (address(0) for ETH).
    /// @param amount The amount received (as measured by balance, so fee-on-transfer tokens are exact).
    /// @param units The supporter units credited.
    event Donated(address indexed donor, address indexed token, uint256 amount, uint256 units);

    /// @notice Emitted when the executor (or `initialize`) sets the rate of `token`; 0 disallows it.
    event AllowedTokenSet(address indexed token, uint256 oldUnitsPerToken, uint256 newUnitsPerToken);

    /// @notice Emitted when a stray balance (sent directly, not donated) was paid into the treasury as an income.
    event Swept(address indexed token, address indexed by, uint256 amount);

    /// @notice Sets up a clone; the factory calls it in the creation transaction, and only once.
    /// @param executor The DAO's governance (its timelock or Safe): the only one who may change allowed tokens.
    /// @param treasury Where every donation is forwarded: the DAO's treasury, which must implement
    /// {IIncomeReceiver} (a `ChildTreasury`). It may have no code yet when the vault is initialized (the factory
    /// creates the treasury after the template's contracts), but donations revert until it does.
    /// @param allowedTokens The tokens donors may give (address(0): ETH), without repetition.
    /// @param unitsPerToken The supporter units per 1e18 base units of each token, each above 0.
    function initialize(
        address executor,
        address treasury,
        address[] calldata allowedTokens,
        uint256[] calldata unitsPerToken
    ) external;

    /// @notice Donates `amount` of the allowed ERC20 `token`, pulled from the caller (who must have approved it),
    /// forwarded to the treasury, and credits supporter units on the amount actually received.
    /// @dev A caller without a delegate delegates to itself, so its units count as votes at once. The vault then
    /// approves the treasury for its whole balance of `token` (the amount received plus any stray balance) and calls
    /// its `deposit(token, thatBalance)`, which must pull all of it (else {DonationVaultIncomeNotPulled}); the
    /// treasury charges its protocol fee on it. Reverts if the treasury reverts.
    /// @return units The supporter units credited.
    function donate(IERC20 token, uint256 amount) external returns (uint256 units);

    /// @notice Donates the attached ETH (if ETH, address(0), is allowed) and credits supporter units.
    /// @dev The vault's whole ETH balance (the donation plus any ETH forced into it) is paid into the treasury with
    /// `depositETH`; reverts if the treasury reverts.
    /// @return units The supporter units credited.
    function donateETH() external payable returns (uint256 units);

    /// @notice The executor sets how many units 1e18 base units of `token` give; 0 disallows the token.
    function setAllowedToken(address token, uint256 unitsPerToken) external;

    /// @notice Forwards to the treasury any balance of `token` (address(0): ETH) the vault holds: tokens or ETH
    /// sent to it directly rather than donated. Anyone may call; it credits no units.
    /// @dev Paid in like a donation (`deposit` after `forceApprove`, or `depositETH`), so it is an income of the
    /// treasury too. Reverts with {DonationVaultZeroAmount} if the vault holds none.
    function sweep(address token) external;

    /// @notice The DAO's governance, which alone may change allowed tokens.
    function executor() external view returns (address);

    /// @notice Where donations are forwarded: the DAO's treasury, through its {IIncomeReceiver} functions.
    function treasury() external view returns (address);

    /// @notice The units 1e18 base units of `token` give (0: not allowed).
    function unitsPerToken(address token) external view returns (uint256);

    /// @notice The tokens currently allowed (address(0): ETH), in no particular order.
    function allowedTokens() external view returns (address[] memory);

    /// @notice What `donor` has donated of `token` in total (amounts received).
    function donatedBy(address donor, address token) external view returns (uint256);

    /// @notice What everyone has donated of `token` in total (amounts received).
    function totalDonated(address token) external view returns (uint256);

    /// @notice The supporter units `account` holds (what it delegates, not what is delegated to it).
    function unitsOf(address account) external view returns (uint256);

    /// @notice The supporter units of everyone.
    function totalUnits() external view returns (uint256);
}
