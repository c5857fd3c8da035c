export { VoucherVerifier } from "./gateway/voucherVerifier.ts";
export { FaceDetector } from "./models/faceDetection.ts";
export { type RunningServer, type ServerConfig, startServer } from "./server.ts";
