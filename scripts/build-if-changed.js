#!/usr/bin/env node
// Runs before `npm start`, `npm run cli` and `npm run worker`: compiles the TypeScript only when a
// source changed since the last build, so that a CLI call costs a second and not a full build.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const sources = ['server', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest modification time under `target` (a file or a folder), in milliseconds. */
function newestChange(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}

function builtAt() {
  try {
    return fs.statSync(stamp).mtimeMs;
  } catch {
    return -1;
  }
}

const changed = Math.max(...sources.map((source) => newestChange(path.join(root, source))));
if (changed < builtAt() && !process.argv.includes('--force')) process.exit(0);

const startedAt = Date.now();
const tsc = require.resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
if (result.status !== 0) process.exit(result.status ?? 1);
fs.mkdirSync(path.dirname(stamp), { recursive: true });
// The stamp carries the time the build started: a source saved during the build is built next time.
fs.writeFileSync(stamp, '');
fs.utimesSync(stamp, new Date(startedAt), new Date(startedAt));
