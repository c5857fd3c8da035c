import { type Address, keccak256, toHex, zeroAddress } from "viem";
import type { SafeInfrastructure } from "./safe.ts";
import type { ContractPlanner, ContractStep } from "./steps.ts";

/** The templates shipped with the protocol, by id (keccak256 of the name). */
export const TEMPLATES = {
  "revenue-sharing": keccak256(toHex("revenue-sharing")),
  donation: keccak256(toHex("donation")),
  grant: keccak256(toHex("grant")),
  consortium: keccak256(toHex("consortium")),
  venture: keccak256(toHex("venture")),
} as const;
export type TemplateName = keyof typeof TEMPLATES;

/** The factory stack's contracts, by the name the deployment file records them under. */
export const FACTORY_CONTRACTS = [
  "DAORegistry",
  "ChildTreasuryImpl",
  "ChildGovernorImpl",
  "ChildTimelockImpl",
  "RevenueShareTokenImpl",
  "RevenueSharingSetup",
  "DonationVaultImpl",
  "DonationSetup",
  "GrantProgramImpl",
  "GrantSetup",
  "ConsortiumImpl",
  "ConsortiumSetup",
  "VentureFundImpl",
  "VentureReceiptsImpl",
  "VentureGovernorImpl",
  "VentureSetup",
  "TemplateRegistry",
  "AIDAOFactory",
  "ModelRegistry",
] as const;
export type FactoryContractName = (typeof FACTORY_CONTRACTS)[number];

/** What the factory stack needs from the core protocol. */
export type FactoryInputs = {
  timelock: Address;
  treasury: Address;
  token: Address;
  governor: Address;
  /** The staking whose holders hold the other side of every venture vote. */
  staking: Address;
  safe: Address;
  protocolFeeBps: number;
  metadataBaseURI: string;
  /** Recorded as the main DAO's creator. */
  deployer: Address;
};

/**
 * The steps that deploy the DAO registry (with the main DAO as id 1), the locked implementations, the template
 * setups, the template registry (approving version 1 of every shipped template), the factory and the model registry,
 * in that order. The registry must know the factory and the factory the registry: the factory goes through CREATE3,
 * so its address is known before the registry exists.
 */
export function planFactoryStack(
  plan: ContractPlanner,
  safe: SafeInfrastructure,
  inputs: FactoryInputs,
): Record<FactoryContractName, ContractStep> {
  const out = {} as Record<FactoryContractName, ContractStep>;
  out.DAORegistry = plan.create2("DAORegistry", "DAORegistry", [
    inputs.timelock,
    {
      treasury: inputs.treasury,
      token: inputs.token,
      governor: inputs.governor,
      timelock: inputs.timelock,
      safe: inputs.safe,
      module: zeroAddress,
      creator: inputs.deployer,
      parentId: 0n,
      version: 0,
      mode: 0,
      templateId: keccak256(toHex("aidao-main")),
    },
    inputs.protocolFeeBps,
    plan.create3Address("AIDAOFactory", "AIDAOFactory"),
  ]);
  const registry = out.DAORegistry.address;
  out.ChildTreasuryImpl = plan.create2("ChildTreasuryImpl", "ChildTreasury", [registry]);
  out.ChildGovernorImpl = plan.create2("ChildGovernorImpl", "ChildGovernor");
  out.ChildTimelockImpl = plan.create2("ChildTimelockImpl", "ChildTimelock");
  out.RevenueShareTokenImpl = plan.create2("RevenueShareTokenImpl", "RevenueShareToken");
  out.RevenueSharingSetup = plan.create2("RevenueSharingSetup", "RevenueSharingSetup", [
    registry,
    out.RevenueShareTokenImpl.address,
  ]);
  out.DonationVaultImpl = plan.create2("DonationVaultImpl", "DonationVault");
  out.DonationSetup = plan.create2("DonationSetup", "DonationSetup", [registry, out.DonationVaultImpl.address]);
  out.GrantProgramImpl = plan.create2("GrantProgramImpl", "GrantProgram");
  out.GrantSetup = plan.create2("GrantSetup", "GrantSetup", [
    registry,
    out.GrantProgramImpl.address,
    out.RevenueShareTokenImpl.address,
  ]);
  out.ConsortiumImpl = plan.create2("ConsortiumImpl", "Consortium");
  out.ConsortiumSetup = plan.create2("ConsortiumSetup", "ConsortiumSetup", [registry, out.ConsortiumImpl.address]);
  out.VentureFundImpl = plan.create2("VentureFundImpl", "VentureFund");
  out.VentureReceiptsImpl = plan.create2("VentureReceiptsImpl", "VentureReceipts");
  out.VentureGovernorImpl = plan.create2("VentureGovernorImpl", "VentureGovernor");
  out.VentureSetup = plan.create2("VentureSetup", "VentureSetup", [
    registry,
    out.VentureFundImpl.address,
    out.VentureReceiptsImpl.address,
    out.VentureGovernorImpl.address,
    inputs.staking,
  ]);
  const meta = (name: string) => `${inputs.metadataBaseURI}${name}/1.json`;
  out.TemplateRegistry = plan.create2("TemplateRegistry", "TemplateRegistry", [
    inputs.timelock,
    [
      {
        templateId: TEMPLATES["revenue-sharing"],
        setup: out.RevenueSharingSetup.address,
        metadataURI: meta("revenue-sharing"),
      },
      { templateId: TEMPLATES.donation, setup: out.DonationSetup.address, metadataURI: meta("donation") },
      { templateId: TEMPLATES.grant, setup: out.GrantSetup.address, metadataURI: meta("grant") },
      { templateId: TEMPLATES.consortium, setup: out.ConsortiumSetup.address, metadataURI: meta("consortium") },
      { templateId: TEMPLATES.venture, setup: out.VentureSetup.address, metadataURI: meta("venture") },
    ],
  ]);
  out.AIDAOFactory = plan.create3("AIDAOFactory", "AIDAOFactory", [
    registry,
    out.TemplateRegistry.address,
    {
      treasury: out.ChildTreasuryImpl.address,
      governor: out.ChildGovernorImpl.address,
      timelock: out.ChildTimelockImpl.address,
    },
    {
      proxyFactory: safe.safeProxyFactoryAddress,
      singleton: safe.safeSingletonAddress,
      fallbackHandler: safe.fallbackHandlerAddress,
    },
  ]);
  out.ModelRegistry = plan.create2("ModelRegistry", "ModelRegistry", [registry]);
  return out;
}
