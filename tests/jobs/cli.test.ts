// `cli jobs list|show|cancel|clear`, in-process against a test catalogue's database.
import { inTransaction } from '../../server/db/transaction';
import { JobEntity } from '../../server/jobs/entities';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { cli, envOf } from '../cli/support';
import { jobRow, newQueue, testJob } from './support';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
});
afterAll(async () => cat.close());

describe('the jobs command', () => {
  it('lists the pending jobs of a queue, one a line, as CKAN prints them', async () => {
    const queue = newQueue();
    const job = await testJob(cat, { type: 'test.echo', queue, title: 'Carica i dati' });
    const run = await cli(envOf(cat), 'jobs', 'list', queue);
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual([expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d ${job.id} ${queue} queued test.echo "Carica i dati"$`))]);
    const empty = await cli(envOf(cat), 'jobs', 'list', newQueue());
    expect({ code: empty.code, stdout: empty.stdout, stderr: empty.stderr }).toEqual({ code: 0, stdout: [], stderr: 'Nessun lavoro in attesa o in esecuzione.' });
  });

  it('shows a job, with its attempts, progress and error', async () => {
    const job = await testJob(cat, { type: 'test.echo', queue: newQueue() });
    await inTransaction(cat.services.db, (m) => m.update(JobEntity, { id: job.id }, { attempts: 1, error: 'Tentativo 1 di 3 non riuscito: rete', progress: { done: 2, total: 5, message: 'righe' } }));
    const run = await cli(envOf(cat), 'jobs', 'show', job.id);
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual(expect.arrayContaining([
      `ID:          ${job.id}`, 'Stato:       queued', 'Tentativi:   1 di 3', 'Avanzamento: 2/5 righe', 'Errore:      Tentativo 1 di 3 non riuscito: rete',
    ]));
  });

  it('cancels a job, and lists it with --all', async () => {
    const queue = newQueue();
    const job = await testJob(cat, { type: 'test.echo', queue });
    const run = await cli(envOf(cat), 'jobs', 'cancel', job.id);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: `Lavoro ${job.id} annullato.` });
    expect((await jobRow(cat, job.id)).status).toBe('cancelled');
    expect((await cli(envOf(cat), 'jobs', 'list', queue)).stdout).toEqual([]);
    expect((await cli(envOf(cat), 'jobs', 'list', '--all', queue)).stdout).toEqual([expect.stringContaining(`${job.id} ${queue} cancelled`)]);
  });

  it('clears queues', async () => {
    const [a, b] = [newQueue(), newQueue()];
    const [inA, inB] = [await testJob(cat, { type: 'test.echo', queue: a }), await testJob(cat, { type: 'test.echo', queue: b })];
    const run = await cli(envOf(cat), 'jobs', 'clear', a);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: `Code svuotate: ${a}.` });
    expect((await jobRow(cat, inA.id)).status).toBe('cancelled');
    expect((await jobRow(cat, inB.id)).status).toBe('queued');
  });

  it('refuses a bad command line with exit code 2, and an unknown job with 1', async () => {
    expect((await cli(envOf(cat), 'jobs', 'ferma')).code).toBe(2);
    expect((await cli(envOf(cat), 'jobs', 'show')).code).toBe(2);
    expect((await cli(envOf(cat), 'jobs', 'clear', '--all')).code).toBe(2);
    const missing = await cli(envOf(cat), 'jobs', 'show', 'nessuno');
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 1, stderr: 'Non trovato: Lavoro non trovato: nessuno' });
  });
});
