// Vite build of the browser viewer: viewer/ → viewer/dist, relative URLs (the server mounts it at `/`
// but a copied folder must work too), and no inline script anywhere, because the server's
// Content-Security-Policy says `script-src 'self'`.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  // The viewer reads a build's files over HTTP at ./data/; nothing is copied in at build time.
  publicDir: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The module-preload polyfill is an inline <script>: CSP would block it.
    modulePreload: { polyfill: false },
    // data: URLs for small assets would be inlined into JS/CSS; keep every asset a file.
    assetsInlineLimit: 0,
    // sigma + graphology + pinyin-pro's dictionary make one chunk of about a megabyte; that is expected.
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    // The viewer imports src/evidence/key.ts from the repository, outside viewer/.
    fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] },
  },
});
