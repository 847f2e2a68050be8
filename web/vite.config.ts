// Builds the dashboard into web/dist, which the Worker serves as static assets (see wrangler.toml).
// In `vite dev` the API surfaces are proxied to a local `wrangler dev` on :8787.
import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const api = "http://localhost:8787";

export default defineConfig({
  root,
  plugins: [react(), tailwindcss()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      "/console/api": api,
      "/v1": api,
      // The WebApp API; a pattern, so the dashboard's own /api-docs page is not proxied.
      "^/api/": api,
      "/health": api,
      "/openapi.json": api,
    },
  },
});
