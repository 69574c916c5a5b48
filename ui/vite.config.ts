import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The webview loads the built files from ui/dist (tauri.conf.json frontendDist);
// no dev server is involved in plain cargo builds.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Inline assets would need `data:` in more CSP directives; keep them as files.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
