export { VoucherVerifier } from "./gateway/voucherVerifier.ts";
export type { HubLimits } from "./hub/hub.ts";
export { type SpaceSettings, spacesOf } from "./hub/spaces.ts";
export { type ExportedMessage, type Rebuilt, rebuild } from "./hub/verify.ts";
export { type Indexer, type IndexerStatus, startIndexer } from "./indexer/indexer.ts";
export { FaceDetector } from "./models/faceDetection.ts";
export { type RunningServer, type ServerConfig, startServer } from "./server.ts";
