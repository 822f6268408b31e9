// Jobs survive a kill -9 of the server: the compiled server runs a slow job (a test-only type,
// preloaded with `node --require`), is killed mid-job, starts again, and the job is resumed and
// finished, or failed with the reason when it has no attempts left. SIGTERM gives a running job back.
// With CATALOGO_JOBS=off the server runs none, and `npm run worker` (scripts/worker.ts) runs them.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { enqueue } from '../../server/jobs/enqueue';
import { JobEntity } from '../../server/jobs/entities';
import { defineJob, registerJobs } from '../../server/jobs/registry';
import { runAction } from '../../server/core/actions';
import { compiledEntry, compiledRoot } from '../support/compiled';
import { sysadminContext } from '../support/factories';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { envOf } from '../cli/support';
import { jobRow, waitFor } from './support';

const PRELOAD = path.join(__dirname, 'fixtures', 'slow-job.js');
const PATIENCE = 60_000;

interface Child {
  pid: number;
  process: ChildProcess;
  output(): string;
  exited: Promise<number | string | null>;
}

let cat: TestCatalogue;
let serverEntry = '';
let workerEntry = '';
const children: Child[] = [];

beforeAll(async () => {
  serverEntry = compiledEntry('server/main');
  workerEntry = compiledEntry('scripts/worker');
  cat = await startCatalogue();
  // Known here too, so that enqueue accepts it; it only ever runs in the children.
  registerJobs([defineJob({ type: 'test.slow', title: 'Lavoro lento di prova', run: async () => { throw new Error('solo nei processi figli'); } })]);
}, 120_000);
afterAll(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await child.exited;
  }
  await cat?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function launch(entry: string, env: Record<string, string> = {}): Promise<Child> {
  const child = spawn(process.execPath, ['--require', PRELOAD, entry], {
    env: { PATH: process.env.PATH ?? '', ...envOf(cat), PORT: String(await freePort()), CATALOGO_TEST_DIST: path.join(compiledRoot(), 'dist'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const launched: Child = { pid: child.pid!, process: child, output: () => output, exited };
  children.push(launched);
  return launched;
}

/** Waits for the job to satisfy `check`, failing early (with what it printed) if `child` dies. */
function untilJob(child: Child, id: string, what: string, check: (job: JobEntity) => boolean): Promise<JobEntity> {
  return waitFor(what, async () => {
    if (child.process.exitCode !== null) throw new Error(`the process ended (${child.process.exitCode}): ${child.output()}`);
    const job = await jobRow(cat, id);
    return check(job) ? job : null;
  }, PATIENCE);
}

async function slowJob(name: string, maxAttempts: number): Promise<{ id: string; log: string }> {
  const log = path.join(cat.dataDir, `${name}.log`);
  const job = await enqueue(cat.services.db, { type: 'test.slow', data: { steps: 25, stepMs: 100, log }, maxAttempts });
  return { id: job.id, log };
}

const midway = (job: JobEntity) => job.status === 'running' && (job.progress?.done ?? 0) >= 2;
const starts = (log: string) => fs.readFileSync(log, 'utf8').trim().split('\n');

// The tests follow one another: each takes over the server that the one before left running, to spare
// a start (the slowest part of these tests).
describe(`jobs and the server process (${databaseKind})`, () => {
  let server: Child;

  it('resume after a kill -9 of the server, from their saved progress, and finish', async () => {
    const job = await slowJob('resume', 3);
    const first = await launch(serverEntry);
    await untilJob(first, job.id, 'the job to be midway', midway);
    first.process.kill('SIGKILL');
    await first.exited;
    expect(await jobRow(cat, job.id)).toMatchObject({ status: 'running', leaseOwner: expect.stringContaining(`:${first.pid}:`) });
    server = await launch(serverEntry);
    const done = await untilJob(server, job.id, 'the job to finish', (row) => row.status === 'finished');
    expect(done).toMatchObject({ attempts: 2, result: { pid: server.pid, steps: 25 }, progress: { done: 25, total: 25 } });
    expect(starts(job.log)).toEqual([`start ${first.pid} 1 0`, expect.stringMatching(new RegExp(`^start ${server.pid} 2 [1-9]\\d*$`))]);
  }, 120_000);

  it('fail with the reason after a kill -9 when they have no attempt left', async () => {
    const job = await slowJob('fail', 1);
    const killed = server;
    await untilJob(killed, job.id, 'the job to be midway', midway);
    killed.process.kill('SIGKILL');
    await killed.exited;
    server = await launch(serverEntry);
    const failed = await untilJob(server, job.id, 'the job to fail', (row) => row.status === 'failed');
    expect(failed.error).toBe('Non riuscito: il processo che eseguiva il lavoro si è interrotto (tentativo 1 di 1); tentativi esauriti');
    expect(starts(job.log)).toEqual([`start ${killed.pid} 1 0`]);
  }, 120_000);

  it('are given back, not lost, when the server stops on SIGTERM', async () => {
    const job = await slowJob('sigterm', 3);
    await untilJob(server, job.id, 'the job to be midway', midway);
    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(await jobRow(cat, job.id)).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null });
  }, 120_000);

  it('run in `npm run worker` when the server runs none (CATALOGO_JOBS=off)', async () => {
    await runAction('job_clear', await sysadminContext(cat), {}); // the job given back above is not the point here
    const idle = await launch(serverEntry, { CATALOGO_JOBS: 'off' });
    await waitFor('the server to listen', async () => idle.output().includes('in ascolto'), PATIENCE);
    const log = path.join(cat.dataDir, 'worker.log');
    const job = await enqueue(cat.services.db, { type: 'test.slow', data: { steps: 3, stepMs: 10, log } });
    const worker = await launch(workerEntry);
    const done = await untilJob(worker, job.id, 'the worker to run the job', (row) => row.status === 'finished');
    expect(done.result).toEqual({ pid: worker.pid, steps: 3 });
    expect(starts(log)).toEqual([`start ${worker.pid} 1 0`]);
    worker.process.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    idle.process.kill('SIGTERM');
    expect(await idle.exited).toBe(0);
  }, 120_000);
});
