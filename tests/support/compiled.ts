// The project compiled to JavaScript, for tests that run the real executables as child processes
// (the server, the CLI, the worker). Built once per version of the sources, outside the checkout (a
// test must not write into it), in a folder named after a hash of the sources: test files running in
// parallel share one build, and a change to any source makes a new one.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
/** What the compiled code reads at run time, relative to the project root: linked, not copied. */
const RUNTIME_FOLDERS = ['views', 'schemas', 'datasets', 'node_modules', 'package.json'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  const files = [...sourceFiles(path.join(root, 'server')), ...sourceFiles(path.join(root, 'scripts'))].sort();
  for (const file of [...files, path.join(root, 'tsconfig.json'), path.join(root, 'tsconfig.build.json')]) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The folder that plays the project root for the compiled code: dist/ inside, the runtime folders
 * linked beside it, as in a checkout after `npm run build`.
 */
export function compiledRoot(): string {
  const target = path.join(os.tmpdir(), `catalogo-build-${sourcesHash()}`);
  if (fs.existsSync(path.join(target, 'dist', 'server', 'main.js'))) return target;
  const building = `${target}.${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(building, { recursive: true });
  execFileSync(process.execPath, [
    require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', path.join(building, 'dist'),
  ], { cwd: root, stdio: 'pipe' });
  for (const name of RUNTIME_FOLDERS) fs.symlinkSync(path.join(root, name), path.join(building, name));
  try {
    fs.renameSync(building, target);
  } catch {
    // Another test file finished the same build first: use it, drop ours.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return target;
}

/** The compiled entry point, e.g. compiledEntry('server/main') or compiledEntry('scripts/cli'). */
export function compiledEntry(name: string): string {
  return path.join(compiledRoot(), 'dist', `${name}.js`);
}
