import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { loadConfig } from "./config.ts";
import "./styles.css";

const root = createRoot(document.getElementById("root") as HTMLElement);
// viem's and the app's figures are bigints; JSON and React DevTools need them as strings.
(BigInt.prototype as unknown as { toJSON(): string }).toJSON = function (this: bigint) {
  return this.toString();
};
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: Error) =>
    root.render(
      <main className="card">
        <h1>AIDAO cannot start</h1>
        <p role="alert">The server did not describe the chain: {error.message}.</p>
        <p>Is the AIDAO server running (npm start)?</p>
      </main>,
    ),
);
