export { type Artifact, readArtifact } from "./artifacts.ts";
export { type DeployClients, type DeployedContract, deployArtifact, send } from "./clients.ts";
export { type DeployConfig, defaultConfig, parseDeployConfig, type VestingConfig } from "./config.ts";
export { deployDemoUSD } from "./demo.ts";
export {
  deployFactoryStack,
  FACTORY_CONTRACTS,
  type FactoryContractName,
  TEMPLATES,
  type TemplateName,
} from "./factory.ts";
export {
  deployProtocol,
  PROTOCOL_CONTRACTS,
  type ProtocolContractName,
  type ProtocolDeployment,
  TIMELOCK_ROLES,
  writeDeployment,
} from "./protocol.ts";
export { createSafe, ensureSafeInfrastructure, type SafeInfrastructure } from "./safe.ts";
