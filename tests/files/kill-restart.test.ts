// kill -9 during parallel uploads, on the compiled server as a child process: some uploads are half-sent
// (partial files in tmp/), some have moved their file into files/ but not committed its row. After a
// restart nothing of them is left, and every resource_file row's file exists.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ResourceFileEntity } from '../../server/catalogue/entities';
import { FilePendingEntity } from '../../server/files/entities';
import { compiledEntry, compiledRoot } from '../support/compiled';
import { envOf } from '../cli/support';
import { uploadTo } from '../api/world';
import { eventually, filesUnder, multipartBody, postHead, rawRequest } from './raw-http';
import { catalogueWithDataset } from './setup';

const setup = catalogueWithDataset();
let preload = '';
let workDir = '';

// Loaded with `node --require` into the server: every upload stops for good right after its file has moved
// into files/ (with its pending row), before the transaction that would insert its resource_file row.
const HANG_AFTER_KEEP = `
const { FileStore } = require(process.env.TEST_STORE_MODULE);
const keep = FileStore.prototype.keep;
FileStore.prototype.keep = async function (upload) {
  const key = await keep.call(this, upload);
  process.stdout.write('moved ' + key + '\\n');
  return new Promise(() => undefined);
};
`;

beforeAll(() => {
  compiledEntry('server/main'); // builds once per version of the sources (tests/support/compiled.ts)
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-kill-'));
  preload = path.join(workDir, 'hang-after-keep.js');
  fs.writeFileSync(preload, HANG_AFTER_KEEP);
}, 120_000);
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** Starts the compiled server on the test catalogue and waits until it listens. */
async function startServer(extraArgs: string[] = []): Promise<Running> {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', ...envOf(setup.cat), PORT: String(port), TEST_STORE_MODULE: path.join(compiledRoot(), 'dist/server/files/store.js') };
  const child = spawn(process.execPath, [...extraArgs, compiledEntry('server/main')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const listening = await eventually(() => output.includes('in ascolto') || child.exitCode !== null, 60_000);
  if (!listening || child.exitCode !== null) throw new Error(`the server did not start: ${output}`);
  return { child, port, output: () => output };
}

async function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const tmpFiles = () => filesUnder(path.join(setup.cat.dataDir, 'tmp'));
const storedFiles = () => filesUnder(path.join(setup.cat.dataDir, 'files'));

it('leaves no orphan in tmp/ or files/ after a restart, and no row pointing at a missing file', async () => {
  const { cat, world, ds } = setup;
  const done = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('a;b\n1;2\n'), filename: 'prima.csv' }, world.users.editor.token);
  expect(done.status).toBe(200);

  const first = await startServer(['--require', preload]);
  const base = `http://127.0.0.1:${first.port}`;
  // Four uploads sent whole: each hangs once its file is in files/. Four more stop half-way through their body.
  const whole = Array.from({ length: 4 }, (_, i) => request(base).post('/api/3/action/resource_create').set('Authorization', world.users.editor.token)
    .field('package_id', ds.id).attach('upload', Buffer.from(`n;v\n${i};1\n`), `intera-${i}.csv`).then(() => undefined, () => undefined));
  const halves = Array.from({ length: 4 }, () => {
    const body = multipartBody({ package_id: ds.id });
    const exchange = rawRequest(first.port, postHead('/api/3/action/resource_create', body.contentType, body.head.length + 1_000_000 + body.tail.length, { Authorization: world.users.editor.token }));
    exchange.send(Buffer.concat([body.head, Buffer.alloc(50_000, 'b')]));
    return exchange;
  });
  expect(await eventually(() => (first.output().match(/^moved /gm) ?? []).length === 4, 30_000)).toBe(true);
  expect(await eventually(() => tmpFiles().length === 4, 30_000)).toBe(true);
  await killed(first.child);
  for (const half of halves) half.destroy();
  await Promise.all(whole);

  // What the crash left: partial temporary files, and files moved but never committed.
  const rowsBefore = await cat.services.db.getRepository(ResourceFileEntity).find();
  expect(tmpFiles()).toHaveLength(4);
  expect(storedFiles()).toHaveLength(rowsBefore.length + 4);

  const second = await startServer();
  try {
    expect(tmpFiles()).toEqual([]);
    const rows = await cat.services.db.getRepository(ResourceFileEntity).find();
    expect(storedFiles()).toEqual(rows.map((row) => row.storageKey).sort());
    for (const row of rows) expect(fs.existsSync(cat.services.files.pathOf(row.storageKey))).toBe(true);
    expect(await cat.services.db.getRepository(FilePendingEntity).count()).toBe(0);
    expect(second.output()).toContain('rimossi 4 file temporanei e 4 file orfani');
    // The restarted server takes uploads again.
    const again = await request(`http://127.0.0.1:${second.port}`).post('/api/3/action/resource_create').set('Authorization', world.users.editor.token)
      .field('package_id', ds.id).attach('upload', Buffer.from('n;v\n9;9\n'), 'dopo.csv');
    expect(again.status).toBe(200);
  } finally {
    await killed(second.child);
  }
}, 120_000);
