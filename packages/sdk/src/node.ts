export { loadDeployment } from "./loadDeployment.ts";
