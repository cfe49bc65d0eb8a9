/**
 * The engine's Python files read from disk, for Node (the CLI and the tests). The page's worker
 * gets the same texts bundled by Vite (`import.meta.glob('../python/**\/*.py')`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** src/python on disk. */
export const PYTHON_DIR = fileURLToPath(new URL('../python', import.meta.url));

/** Every .py under src/python, keyed by its path relative to it ('loopscope/_runner.py'). */
export function pythonFiles(root: string = PYTHON_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__pycache__') walk(full);
      } else if (entry.name.endsWith('.py')) {
        files[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
      }
    }
  };
  walk(root);
  return files;
}
