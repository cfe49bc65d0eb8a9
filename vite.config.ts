import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Cross-origin isolation: with these two headers the page gets `crossOriginIsolated === true`,
 * which unlocks SharedArrayBuffer, which is how Stop interrupts a running Python program without
 * killing the worker. Every resource the app loads is same-origin, so require-corp costs nothing.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The Content-Security-Policy of the built app. Only the app's own origin is allowed.
 * - 'wasm-unsafe-eval': Pyodide compiles CPython's WebAssembly; nothing uses JS eval.
 * - style-src 'unsafe-inline': Monaco writes <style> elements and style attributes at run time.
 * - font/img data:: Monaco's codicon font and small images may be inlined by the bundler.
 * - worker-src 'self': the Pyodide worker and Monaco's editor worker are same-origin modules.
 * - connect-src blob:: without cross-origin isolation, Stop revokes a blob URL the Python worker
 *   polls (src/runtime/stop-poll.ts); refusing blob: there makes Stop terminate the worker and
 *   lose the partial trace. Blob URLs are made by the app's own code only.
 * It is served as a header by `vite preview` (so it also covers the workers, which do not inherit
 * a document's <meta> policy) and injected as a <meta> into the built HTML for static hosts.
 * The dev server gets neither: React's hot-reload preamble is an inline script.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'loopscope-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

/**
 * The app's main chunk (src/mount.tsx) is imported dynamically by boot.ts, so that the Python
 * worker starts before it is fetched and run. Left alone, the browser would only learn of the chunk
 * once the entry and boot modules had arrived and run; these links in the HTML let it download
 * (with its imports and its stylesheet) alongside the entry. The first-stage editor is part of
 * that chunk, so this is on the path to "editor interactive" (docs/performance.md).
 */
function preloadAppChunk(): Plugin {
  let base = '/';
  return {
    name: 'loopscope-preload-app-chunk',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {});
        const mount = chunks.find(
          (c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/mount.tsx'),
        );
        if (!mount || mount.type !== 'chunk') return;
        const loaded = new Set([ctx.chunk?.fileName, ...(ctx.chunk?.imports ?? [])]);
        const scripts = [mount.fileName, ...mount.imports].filter((f) => !loaded.has(f));
        const styles = [...(mount.viteMetadata?.importedCss ?? [])];
        return [
          ...scripts.map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
            injectTo: 'head' as const,
          })),
          // Nothing is drawn before the app mounts, so a stylesheet here delays nothing.
          ...styles.map((file) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `${base}${file}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), cspMeta(), preloadAppChunk()],
  resolve: {
    // monaco-editor's package exports hide its ESM tree behind `./*` -> `./esm/vs/*.js`, which
    // cannot address its CSS. The slim build imports individual modules by their real path.
    alias: [
      {
        find: /^monaco-editor\/esm\/vs\/(.*)$/,
        replacement: `${fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url))}$1`,
      },
    ],
  },
  // Pyodide is loaded at run time from /pyodide/ (copied there by scripts/copy-pyodide.mjs);
  // pre-bundling would rewrite its module and break its relative loading of the wasm.
  // Monaco is left unbundled in dev as well: the optimizer would pre-bundle its editor worker
  // (imported with ?worker) as a plain module and lose the worker wrapper.
  optimizeDeps: { exclude: ['pyodide', 'monaco-editor'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: { main: 'index.html', embed: 'embed.html' },
    },
  },
  server: { port: 5173, strictPort: true, headers: isolationHeaders },
  preview: {
    port: 5173,
    strictPort: true,
    headers: { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicy },
  },
});
