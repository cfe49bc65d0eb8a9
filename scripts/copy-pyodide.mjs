// Copies the pinned Pyodide runtime from node_modules into public/pyodide so the app serves it
// from its own origin: nothing is fetched from a CDN at run time. Runs as npm's postinstall.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', 'pyodide');
const target = join(root, 'public', 'pyodide');

if (!existsSync(source)) {
  console.error('copy-pyodide: node_modules/pyodide is missing; run npm install first');
  process.exit(1);
}
// The runtime proper: the loader, the wasm, the standard library and the lock file.
// Type declarations and the package's own metadata are not needed by the page.
const wanted = (name) =>
  /\.(mjs|js|wasm|zip|json|map)$/.test(name) && !name.endsWith('.d.ts') && name !== 'package.json';

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
let copied = 0;
for (const name of readdirSync(source)) {
  if (!wanted(name)) continue;
  cpSync(join(source, name), join(target, name));
  copied += 1;
}
console.log(`copy-pyodide: ${copied} files into public/pyodide`);
