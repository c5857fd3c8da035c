export { type Artifact, readArtifact } from "./artifacts.ts";
export { type DeployClients, type DeployedContract, deployArtifact, send } from "./clients.ts";
export { type DeployCommandOptions, type DeployIO, parseSalt, runDeploy } from "./command.ts";
export { type DeployConfig, defaultConfig, parseDeployConfig, type VestingConfig } from "./config.ts";
export { deployDemoUSD } from "./demo.ts";
export {
  CREATE2_PROXY_CODE,
  CREATE2_PROXY_DEPLOYMENT,
  create2Address,
  create3Address,
  DETERMINISTIC_DEPLOYMENT_PROXY,
  ensureCreate2Proxy,
  SAFE_SINGLETON_FACTORY,
} from "./deterministic.ts";
export {
  FACTORY_CONTRACTS,
  type FactoryContractName,
  planFactoryStack,
  TEMPLATES,
  type TemplateName,
} from "./factory.ts";
export { DeployInputError, decryptKeystore, parseDeployerKey } from "./keys.ts";
export {
  DEFAULT_SALT,
  type DeployOptions,
  deploymentId,
  deployProtocol,
  expectedCode,
  PROTOCOL_CONTRACTS,
  type PredictedDeployment,
  type ProtocolContractName,
  type ProtocolDeployment,
  planProtocol,
  predictProtocol,
  type ResolvedDeployConfig,
  TIMELOCK_ROLES,
  verifyDeployment,
  writeDeployment,
} from "./protocol.ts";
export {
  createSafe,
  ensureSafeInfrastructure,
  predictSafe,
  type SafeInfrastructure,
  safeInfrastructurePlan,
} from "./safe.ts";
export { DeployStepError, DeployStopped, formatStep, type StepEvent, type StepStatus } from "./steps.ts";
export { type CodeCheck, checkCode, compareCode, type ExpectedCode } from "./verify.ts";
