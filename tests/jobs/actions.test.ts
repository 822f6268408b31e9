// CKAN's job actions through the API: sysadmins only; CKAN's dict (id, title, created, queue) with our
// fields; job_list in the order jobs will run; job_cancel and job_clear leave running jobs to finish.
import { inTransaction } from '../../server/db/transaction';
import { JobEntity } from '../../server/jobs/entities';
import { callAction, getAction } from '../support/factories';
import { databaseKind, startCatalogue, TestCatalogue } from '../support/harness';
import { buildWorld, Role, ROLES, tokenOf, World } from '../api/world';
import { idleJob, jobRow, newQueue, testJob } from './support';

let cat: TestCatalogue;
let world: World;
let sysadmin: string;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  sysadmin = world.users.sysadmin.token;
});
afterAll(async () => cat.close());

async function markRunning(id: string): Promise<void> {
  await inTransaction(cat.services.db, (m) => m.update(JobEntity, { id }, { status: 'running', attempts: 1, leaseOwner: 'server@altrove:1:beef' }));
}

describe(`job actions (${databaseKind})`, () => {
  it.each(ROLES.filter((role) => role !== 'sysadmin'))('are refused to %s with 403', async (role) => {
    const id = await idleJob(cat);
    for (const [name, input] of [['job_list', {}], ['job_show', { id }], ['job_cancel', { id }], ['job_clear', { queues: ['default'] }]] as const) {
      const res = await callAction(cat, name, input, tokenOf(world, role as Role));
      expect({ name, status: res.status, type: res.body.error?.__type }).toEqual({ name, status: 403, type: 'Authorization Error' });
    }
    expect((await jobRow(cat, id)).status).toBe('queued');
  });

  it('job_show answers CKAN\'s dict, with type, status, progress, attempts and error', async () => {
    const queue = newQueue();
    const id = (await testJob(cat, { type: 'test.echo', queue, title: 'Carica i dati', data: { risorsa: 'r1' } })).id;
    const res = await getAction(cat, 'job_show', { id }, sysadmin);
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({
      id, title: 'Carica i dati', created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), queue,
      type: 'test.echo', status: 'queued', progress: null, attempts: 0, max_attempts: 3,
      run_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), started: null, finished: null,
      updated: expect.any(String), cancel_requested: false, error: null, result: null, data: { risorsa: 'r1' },
    });
  });

  it('job_show of an unknown job is 404', async () => {
    const res = await getAction(cat, 'job_show', { id: 'nessuno' }, sysadmin);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ __type: 'Not Found Error', message: 'Non trovato: Lavoro non trovato: nessuno' });
  });

  it('job_list lists pending jobs in the order they will run, by queue, as ids, or by status', async () => {
    const queue = newQueue();
    const later = await testJob(cat, { type: 'test.echo', queue, runAt: new Date(Date.now() + 60_000) });
    const first = await testJob(cat, { type: 'test.echo', queue });
    const running = await testJob(cat, { type: 'test.echo', queue, runAt: new Date(Date.now() - 60_000) });
    await markRunning(running.id);
    const other = await idleJob(cat);
    const list = (await getAction(cat, 'job_list', { queues: queue }, sysadmin)).body.result;
    expect(list.map((job: { id: string }) => job.id)).toEqual([running.id, first.id, later.id]);
    expect(list.map((job: { status: string }) => job.status)).toEqual(['running', 'queued', 'queued']);
    const all = (await callAction(cat, 'job_list', {}, sysadmin)).body.result.map((job: { id: string }) => job.id);
    expect(all).toEqual(expect.arrayContaining([first.id, other]));
    expect((await callAction(cat, 'job_list', { queues: [queue], ids_only: true, limit: 2 }, sysadmin)).body.result).toEqual([running.id, first.id]);
    expect((await callAction(cat, 'job_list', { queues: [queue], status: ['running'] }, sysadmin)).body.result.map((job: { id: string }) => job.id)).toEqual([running.id]);
  });

  it('job_cancel cancels a queued job, asks a running one to stop, and refuses an ended one', async () => {
    const queued = await idleJob(cat);
    expect((await callAction(cat, 'job_cancel', { id: queued }, sysadmin)).body).toMatchObject({ success: true, result: null });
    expect(await jobRow(cat, queued)).toMatchObject({ status: 'cancelled' });
    const running = await idleJob(cat);
    await markRunning(running);
    await callAction(cat, 'job_cancel', { id: running }, sysadmin);
    expect(await jobRow(cat, running)).toMatchObject({ status: 'running', cancelRequested: true });
    const ended = await idleJob(cat);
    await inTransaction(cat.services.db, (m) => m.update(JobEntity, { id: ended }, { status: 'finished' }));
    const refused = await callAction(cat, 'job_cancel', { id: ended }, sysadmin);
    expect(refused.status).toBe(409);
    expect(refused.body.error.id).toEqual(["Il lavoro è già concluso (completato): non c'è niente da annullare"]);
    expect((await callAction(cat, 'job_cancel', { id: 'nessuno' }, sysadmin)).status).toBe(404);
  });

  it('job_clear cancels the queued jobs of the queues named, not the running ones, and answers the queues', async () => {
    const [a, b, untouched] = [newQueue(), newQueue(), newQueue()];
    const inA = await testJob(cat, { type: 'test.echo', queue: a });
    const runningInA = await testJob(cat, { type: 'test.echo', queue: a });
    await markRunning(runningInA.id);
    const inB = await testJob(cat, { type: 'test.echo', queue: b });
    const kept = await testJob(cat, { type: 'test.echo', queue: untouched });
    const res = await callAction(cat, 'job_clear', { queues: [b, a] }, sysadmin);
    expect(res.body.result).toEqual([a, b].sort());
    expect((await jobRow(cat, inA.id)).status).toBe('cancelled');
    expect((await jobRow(cat, inB.id)).status).toBe('cancelled');
    expect(await jobRow(cat, runningInA.id)).toMatchObject({ status: 'running', cancelRequested: false });
    expect((await jobRow(cat, kept.id)).status).toBe('queued');
  });

  it('job_clear without queues clears every queue that has waiting jobs', async () => {
    const queue = newQueue();
    const job = await testJob(cat, { type: 'test.echo', queue });
    const res = await callAction(cat, 'job_clear', {}, sysadmin);
    expect(res.body.result).toContain(queue);
    expect((await jobRow(cat, job.id)).status).toBe('cancelled');
    expect((await callAction(cat, 'job_list', {}, sysadmin)).body.result.filter((j: { status: string }) => j.status === 'queued')).toEqual([]);
  });

  it('reject bad input with 409 naming the field', async () => {
    const res = await callAction(cat, 'job_list', { status: ['finito'] }, sysadmin);
    expect(res.status).toBe(409);
    expect(res.body.error['status.0']).toEqual([expect.stringContaining('Valore non ammesso')]);
    expect((await callAction(cat, 'job_show', {}, sysadmin)).body.error.id).toEqual(expect.any(Array));
  });
});
