import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The server (npm start: 127.0.0.1:8787) serves the built app; `vite` alone proxies its API while developing the UI.
const server = process.env.AIDAO_SERVER_URL ?? "http://127.0.0.1:8787";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/api": server, "/v1": server } },
  build: { outDir: "dist", manifest: true, chunkSizeWarningLimit: 1_000 },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"], setupFiles: ["src/testing/setup.ts"] },
});
