import { type Address, getContractAddress, keccak256, toHex, zeroAddress } from "viem";
import { type DeployClients, type DeployedContract, deployArtifact } from "./clients.ts";
import type { SafeInfrastructure } from "./safe.ts";

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
};

/**
 * Deploys the DAO registry (with the main DAO as id 1), the locked implementations, the template setups, the
 * template registry (approving version 1 of every shipped template), the factory and the model registry. The
 * registry must know the factory and the factory the registry: the factory's address follows from the nonce.
 */
export async function deployFactoryStack(
  clients: DeployClients,
  safe: SafeInfrastructure,
  inputs: FactoryInputs,
): Promise<Record<FactoryContractName, DeployedContract>> {
  const { publicClient, walletClient } = clients;
  const deployer = walletClient.account.address;
  const out = {} as Record<FactoryContractName, DeployedContract>;
  // 1 registry + 3 implementations + 12 template contracts + the template registry come before the factory.
  const nonce = await publicClient.getTransactionCount({ address: deployer, blockTag: "pending" });
  const predictedFactory = getContractAddress({ from: deployer, nonce: BigInt(nonce + 17) });

  out.DAORegistry = await deployArtifact(clients, "DAORegistry", [
    inputs.timelock,
    {
      treasury: inputs.treasury,
      token: inputs.token,
      governor: inputs.governor,
      timelock: inputs.timelock,
      safe: inputs.safe,
      module: zeroAddress,
      creator: deployer,
      parentId: 0n,
      version: 0,
      mode: 0,
      templateId: keccak256(toHex("aidao-main")),
    },
    inputs.protocolFeeBps,
    predictedFactory,
  ]);
  const registry = out.DAORegistry.address;
  out.ChildTreasuryImpl = await deployArtifact(clients, "ChildTreasury", [registry]);
  out.ChildGovernorImpl = await deployArtifact(clients, "ChildGovernor");
  out.ChildTimelockImpl = await deployArtifact(clients, "ChildTimelock");
  out.RevenueShareTokenImpl = await deployArtifact(clients, "RevenueShareToken");
  out.RevenueSharingSetup = await deployArtifact(clients, "RevenueSharingSetup", [
    registry,
    out.RevenueShareTokenImpl.address,
  ]);
  out.DonationVaultImpl = await deployArtifact(clients, "DonationVault");
  out.DonationSetup = await deployArtifact(clients, "DonationSetup", [registry, out.DonationVaultImpl.address]);
  out.GrantProgramImpl = await deployArtifact(clients, "GrantProgram");
  out.GrantSetup = await deployArtifact(clients, "GrantSetup", [
    registry,
    out.GrantProgramImpl.address,
    out.RevenueShareTokenImpl.address,
  ]);
  out.ConsortiumImpl = await deployArtifact(clients, "Consortium");
  out.ConsortiumSetup = await deployArtifact(clients, "ConsortiumSetup", [registry, out.ConsortiumImpl.address]);
  out.VentureFundImpl = await deployArtifact(clients, "VentureFund");
  out.VentureReceiptsImpl = await deployArtifact(clients, "VentureReceipts");
  out.VentureGovernorImpl = await deployArtifact(clients, "VentureGovernor");
  out.VentureSetup = await deployArtifact(clients, "VentureSetup", [
    registry,
    out.VentureFundImpl.address,
    out.VentureReceiptsImpl.address,
    out.VentureGovernorImpl.address,
    inputs.staking,
  ]);
  const meta = (name: string) => `${inputs.metadataBaseURI}${name}/1.json`;
  out.TemplateRegistry = await deployArtifact(clients, "TemplateRegistry", [
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
  out.AIDAOFactory = await deployArtifact(clients, "AIDAOFactory", [
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
  if (out.AIDAOFactory.address.toLowerCase() !== predictedFactory.toLowerCase()) {
    throw new Error(
      `AIDAOFactory landed at ${out.AIDAOFactory.address}, not ${predictedFactory}: another transaction from ${deployer} interleaved; redeploy from a quiet account.`,
    );
  }
  out.ModelRegistry = await deployArtifact(clients, "ModelRegistry", [registry]);
  return out;
}
