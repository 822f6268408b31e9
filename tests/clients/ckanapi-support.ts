// Running ckanapi 4.11 (../shared/clients/ckanapi) against a portal served on a free port, for the
// tests/clients/ckanapi*.test.ts files. Outside CI they are skipped with a message when ckanapi or its
// Debian packages are missing; in CI they must run.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadDemo } from '../../server/seed/demo';
import { makeUser, TestUser } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';

const run = promisify(execFile);
/** `shared/clients/ckanapi` beside the checkout, or beside one of its parent folders (a CI clone may sit deeper). */
function findCkanapi(): string {
  const root = path.resolve(__dirname, '../..');
  let dir = path.dirname(root);
  for (;;) {
    const candidate = path.join(dir, 'shared', 'clients', 'ckanapi');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(path.dirname(root), 'shared', 'clients', 'ckanapi');
    dir = path.dirname(dir);
  }
}

const ckanapiHome = process.env.CATALOGO_CKANAPI_DIR || findCkanapi();
const python = '/usr/bin/python3';

function missing(): string | null {
  if (!fs.existsSync(path.join(ckanapiHome, 'bin', 'ckanapi'))) return `ckanapi non trovato in ${ckanapiHome}`;
  const imports = spawnSync(python, ['-c', 'import requests, docopt, simplejson, slugify'], { encoding: 'utf8' });
  if (imports.status !== 0) return 'mancano i pacchetti Debian di ckanapi: apt-get install python3-requests python3-docopt python3-simplejson python3-slugify';
  return null;
}

export const absent = missing();
if (absent && process.env.CI !== 'true') console.warn(`Test di ckanapi saltati: ${absent}`);
export const describeWithCkanapi = absent && process.env.CI !== 'true' ? describe.skip : describe;

export interface Served {
  cat: TestCatalogue;
  url: string;
  admin: TestUser;
  close(): Promise<void>;
}

export async function serve(withDemo: boolean): Promise<Served> {
  const cat = await startCatalogue();
  if (withDemo) await loadDemo(cat.services);
  const admin = await makeUser(cat, { sysadmin: true });
  const server = http.createServer(cat.app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    cat, admin, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await cat.close();
    },
  };
}

/** Runs ckanapi (asynchronously: the portal answering it runs in this process). */
export async function ckanapi(...args: string[]): Promise<string> {
  const env = { ...process.env, PATH: `${path.join(ckanapiHome, 'bin')}:${process.env.PATH}`, PYTHONDONTWRITEBYTECODE: '1' };
  const { stdout, stderr } = await run(path.join(ckanapiHome, 'bin', 'ckanapi'), args, { env, maxBuffer: 64 * 1024 * 1024 });
  return stdout + stderr;
}

export const jsonLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));


/** Runs ckanapi expecting it to fail: its exit code and what it printed (a Python traceback ends with the error). */
export async function failingCkanapi(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const output = await ckanapi(...args);
    throw new Error(`ckanapi non è fallito: ${output}`);
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
