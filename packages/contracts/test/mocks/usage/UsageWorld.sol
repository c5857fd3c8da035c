// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../utils/Vm.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ChildTreasury} from "../../../contracts/factory/ChildTreasury.sol";
import {DAOInfo} from "../../../contracts/factory/DAOInfo.sol";
import {DAORegistry} from "../../../contracts/factory/DAORegistry.sol";
import {IDAORegistry} from "../../../contracts/factory/IDAORegistry.sol";
import {IModelRegistry} from "../../../contracts/registry/IModelRegistry.sol";
import {ModelRegistry} from "../../../contracts/registry/ModelRegistry.sol";
import {EducationFund} from "../../../contracts/treasury/EducationFund.sol";
import {Treasury} from "../../../contracts/treasury/Treasury.sol";
import {IUsageChannels} from "../../../contracts/usage/IUsageChannels.sol";
import {UsageChannels} from "../../../contracts/usage/UsageChannels.sol";
import {FeeOnTransferERC20} from "../FeeOnTransferERC20.sol";
import {MockERC20} from "../MockERC20.sol";
import {UsageCheats} from "./UsageCheats.sol";
import {UsageIncomeTreasury} from "./UsageIncomeTreasury.sol";
import {UsagePermitERC20} from "./UsagePermitERC20.sol";

interface IUsageMintable {
    function mint(address to, uint256 amount) external;
}

/// @dev The protocol around UsageChannels, all real but the tokens and one DAO treasury: a main DAO (id 1) with a
/// real Treasury and EducationFund, an AI DAO (id 2) whose treasury is a real ChildTreasury clone paying a 2% protocol
/// fee, a DAO (id 3) with a simple income-receiving treasury, a real DAORegistry (this contract is its factory) and a
/// real ModelRegistry. Model A (DAO 2) has a value chain of four (one with a zero share) and endpoints in several
/// tokens; model B (main DAO) has two contributors, one shared with A; model C (DAO 3) has none.
abstract contract UsageWorld is Test {
    UsageCheats internal constant cheats = UsageCheats(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 internal constant GRACE = 1 days;
    uint16 internal constant FEE_BPS = 200;
    uint16 internal constant EDU_BPS = 800;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant T0 = 1_700_000_000;
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant VOUCHER_TYPEHASH = keccak256(
        "Voucher(bytes32 channelId,address token,address recipient,uint256 cumulativeAmount)"
    );

    address internal constant MAIN_GOV = address(0x6000);
    address internal constant CHILD_GOV = address(0x7000);
    address internal constant MOCK_GOV = address(0x8000);
    address internal constant DATA = address(0xD47A); // contributes to models A and B
    address internal constant TRAINER = address(0x30DE1);
    address internal constant CODER = address(0xC0DE);
    address internal constant CREDITED = address(0xC2ED); // credited in model A without a share
    address internal constant OPS = address(0x0B5);

    uint16 internal constant A_DATA_BPS = 3_000;
    uint16 internal constant A_TRAINER_BPS = 2_000;
    uint16 internal constant A_CODER_BPS = 333;
    uint16 internal constant B_DATA_BPS = 1_500;
    uint16 internal constant B_OPS_BPS = 500;

    EducationFund internal education;
    Treasury internal mainTreasury;
    DAORegistry internal daos;
    ChildTreasury internal child;
    UsageIncomeTreasury internal simpleTreasury;
    ModelRegistry internal models;
    UsageChannels internal channels;

    MockERC20 internal usd;
    MockERC20 internal eur;
    FeeOnTransferERC20 internal fot;
    UsagePermitERC20 internal pusd;

    uint256 internal modelA;
    uint256 internal modelB;
    uint256 internal modelC;
    uint256 internal epA; // model A, USD
    uint256 internal epAEur; // model A, EUR
    uint256 internal epAFot; // model A, 1% fee-on-transfer token
    uint256 internal epAPermit; // model A, EIP-2612 token
    uint256 internal epAEth; // model A, priced in ETH (address(0)): not payable through a channel
    uint256 internal epAOff; // model A, USD, switched off
    uint256 internal epB; // model B (main DAO), USD
    uint256 internal epC; // model C (DAO 3), USD

    function _deployWorld() internal {
        vm.warp(T0);
        usd = new MockERC20("USD Coin", "USD");
        eur = new MockERC20("Euro Coin", "EUR");
        fot = new FeeOnTransferERC20(100);
        pusd = new UsagePermitERC20();

        education = new EducationFund(address(this));
        mainTreasury = new Treasury(address(this), address(education), EDU_BPS, address(0));
        IDAORegistry.DAO memory main;
        main.treasury = address(mainTreasury);
        main.timelock = MAIN_GOV;
        main.templateId = keccak256("aidao");
        daos = new DAORegistry(address(this), main, FEE_BPS, address(this));

        // DAO 2: a ChildTreasury clone with immutable arguments, as the factory makes it (no distributor).
        ChildTreasury.Args memory args;
        args.timelock = CHILD_GOV;
        args.creator = address(this);
        args.info = DAOInfo.pack(0, 1, 1, IDAORegistry.GovernanceMode.OnChain);
        args.templateId = keccak256("revenue-sharing");
        address impl = address(new ChildTreasury(daos));
        child = ChildTreasury(payable(Clones.cloneWithImmutableArgs(impl, abi.encode(args))));
        assertEq(daos.register(child.daoRecord()), 2, "child DAO id");

        // DAO 3: a simple income-receiving treasury.
        simpleTreasury = new UsageIncomeTreasury(MOCK_GOV);
        assertEq(daos.register(simpleTreasury.daoRecord()), 3, "simple DAO id");

        models = new ModelRegistry(daos);
        channels = new UsageChannels(models, GRACE);

        modelA = _productionModel(2, CHILD_GOV, "tutor-llm");
        modelB = _productionModel(1, MAIN_GOV, "aidao-embed");
        modelC = _productionModel(3, MOCK_GOV, "grader");

        IModelRegistry.Contributor[] memory listA = new IModelRegistry.Contributor[](4);
        listA[0] = _contributor(DATA, IModelRegistry.Role.Data, A_DATA_BPS);
        listA[1] = _contributor(TRAINER, IModelRegistry.Role.Model, A_TRAINER_BPS);
        listA[2] = _contributor(CODER, IModelRegistry.Role.Code, A_CODER_BPS);
        listA[3] = _contributor(CREDITED, IModelRegistry.Role.Other, 0);
        vm.prank(CHILD_GOV);
        models.setContributors(modelA, listA);
        IModelRegistry.Contributor[] memory listB = new IModelRegistry.Contributor[](2);
        listB[0] = _contributor(DATA, IModelRegistry.Role.Data, B_DATA_BPS);
        listB[1] = _contributor(OPS, IModelRegistry.Role.Ops, B_OPS_BPS);
        vm.prank(MAIN_GOV);
        models.setContributors(modelB, listB);

        epA = _endpoint(modelA, CHILD_GOV, address(usd), true);
        epAEur = _endpoint(modelA, CHILD_GOV, address(eur), true);
        epAFot = _endpoint(modelA, CHILD_GOV, address(fot), true);
        epAPermit = _endpoint(modelA, CHILD_GOV, address(pusd), true);
        epAEth = _endpoint(modelA, CHILD_GOV, address(0), true);
        epAOff = _endpoint(modelA, CHILD_GOV, address(usd), false);
        epB = _endpoint(modelB, MAIN_GOV, address(usd), true);
        epC = _endpoint(modelC, MOCK_GOV, address(usd), true);
    }

    // ------------------------------------------------------------------------------------------------ registry

    function _productionModel(uint256 daoId, address gov, string memory name) internal returns (uint256 modelId) {
        vm.startPrank(gov);
        modelId = models.registerModel(daoId, name, "ipfs://card");
        uint256 versionId = models.addVersion(
            modelId,
            IModelRegistry.VersionInput({
                contentHash: keccak256(bytes(name)),
                uri: "ipfs://weights",
                framework: "pytorch-2.4",
                license: "Apache-2.0",
                metricsURI: ""
            })
        );
        models.setStage(modelId, versionId, IModelRegistry.Stage.Staging);
        models.setStage(modelId, versionId, IModelRegistry.Stage.Production);
        vm.stopPrank();
    }

    function _endpoint(uint256 modelId, address gov, address token, bool active) internal returns (uint256) {
        vm.prank(gov);
        return
            models.setEndpoint(
                modelId,
                1,
                IModelRegistry.EndpointInput({
                    url: "https://infer.example/v1",
                    unit: "1k-tokens",
                    paymentToken: token,
                    unitPrice: 1e15,
                    active: active
                })
            );
    }

    function _contributor(
        address account,
        IModelRegistry.Role role,
        uint16 shareBps
    ) internal pure returns (IModelRegistry.Contributor memory) {
        return IModelRegistry.Contributor({account: account, role: role, shareBps: shareBps});
    }

    // ------------------------------------------------------------------------------------------------ channels

    function _mint(address token, address to, uint256 amount) internal {
        IUsageMintable(token).mint(to, amount);
    }

    /// @dev Mints `amount` of the endpoint's token to `customer`, who approves and opens a channel on `target`.
    function _openOn(
        UsageChannels target,
        address customer,
        uint256 endpointId,
        uint256 amount,
        uint64 expiresAt
    ) internal returns (bytes32 id) {
        address token = models.endpoint(endpointId).paymentToken;
        _mint(token, customer, amount);
        vm.startPrank(customer);
        IERC20(token).approve(address(target), amount);
        id = target.open(endpointId, amount, expiresAt);
        vm.stopPrank();
    }

    function _open(address customer, uint256 endpointId, uint256 amount, uint64 expiresAt) internal returns (bytes32) {
        return _openOn(channels, customer, endpointId, amount, expiresAt);
    }

    /// @dev The EIP-712 digest of a voucher, built independently of the contract.
    function _digest(
        address verifyingContract,
        uint256 chainId,
        bytes32 channelId,
        address token,
        address recipient,
        uint256 cumulativeAmount
    ) internal pure returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("AIDAO UsageChannels"), keccak256("1"), chainId, verifyingContract)
        );
        bytes32 structHash = keccak256(abi.encode(VOUCHER_TYPEHASH, channelId, token, recipient, cumulativeAmount));
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _signDigest(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev `pk` signs a voucher for `channelId` of `target` with the channel's own token and recipient.
    function _voucherOn(
        UsageChannels target,
        uint256 pk,
        bytes32 channelId,
        uint256 cumulativeAmount
    ) internal view returns (IUsageChannels.Redemption memory) {
        IUsageChannels.Channel memory c = target.channel(channelId);
        bytes32 digest = _digest(address(target), block.chainid, channelId, c.token, c.recipient, cumulativeAmount);
        return IUsageChannels.Redemption(channelId, cumulativeAmount, cumulativeAmount, _signDigest(pk, digest));
    }

    function _voucher(
        uint256 pk,
        bytes32 channelId,
        uint256 cumulativeAmount
    ) internal view returns (IUsageChannels.Redemption memory) {
        return _voucherOn(channels, pk, channelId, cumulativeAmount);
    }

    function _one(IUsageChannels.Redemption memory r) internal pure returns (IUsageChannels.Redemption[] memory b) {
        b = new IUsageChannels.Redemption[](1);
        b[0] = r;
    }
}
