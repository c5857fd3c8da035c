export { VoucherVerifier } from "./gateway/voucherVerifier.ts";
export type { HubLimits } from "./hub/hub.ts";
export { type SpaceSettings, spacesOf } from "./hub/spaces.ts";
export { type ExportedMessage, type Rebuilt, rebuild } from "./hub/verify.ts";
export { FaceDetector } from "./models/faceDetection.ts";
export { type RunningServer, type ServerConfig, startServer } from "./server.ts";
