// Files above CATALOGO_INGEST_INLINE_MB load in the background, run by a job runner, with their
// progress recorded; a file above the upload limit is refused before any load, the others untouched.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { getAction } from '../support/factories';
import { buildWorld, seedDataset, uploadTo, World } from '../api/world';
import { JobRunner, startJobRunner } from '../../server/jobs/runner';
import { JobEntity } from '../../server/jobs/entities';
import { ResourceLoadEntity } from '../../server/ingest/entities';
import { inTransaction } from '../../server/db/transaction';
import os from 'node:os';

let cat: TestCatalogue;
let world: World;
let runner: JobRunner | null = null;
beforeAll(async () => {
  cat = await startCatalogue({ CATALOGO_INGEST_INLINE_MB: '0.001', CATALOGO_MAX_UPLOAD_MB: '1' });
  world = await buildWorld(cat);
});
afterAll(async () => {
  await runner?.stop();
  await cat.close();
});

const state = async (id: string) => (await getAction(cat, 'resource_validation_show', { id })).body.result;

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a load in the background', () => {
  it('waits as pending, then a runner loads it and records its progress', async () => {
    const lines = ['id;comune;importo'];
    for (let i = 1; i <= 20000; i += 1) lines.push(`${i};Comune ${i % 273};${i},25`);
    const dataset = await seedDataset(cat, world.orgA.name);
    const res = await uploadTo(cat, 'resource_create', { package_id: dataset.id }, { content: Buffer.from(lines.join('\n') + '\n'), filename: 'pagamenti.csv' }, world.users.editor.token);
    expect(res.status).toBe(200);
    const id = res.body.result.id;
    expect(res.body.result.datastore_active).toBe(false);
    expect((await state(id)).status).toBe('pending');
    runner = startJobRunner(cat.services, { role: 'test', pollMs: 20, types: ['datastore.load'] });
    await until(async () => ['success', 'failure', 'error'].includes((await state(id)).status));
    const done = await state(id);
    expect(done).toMatchObject({ status: 'success', rows: 20000, columns: 3, progress: { rows_read: 20000, percent: 100 }, encoding: 'utf-8', delimiter: ';' });
    expect(done.dictionary.fields.map((field: any) => field.type)).toEqual(['integer', 'string', 'number']);
    const job = await cat.services.db.getRepository(JobEntity).findOneByOrFail({ id: done.job_id });
    expect(job).toMatchObject({ status: 'finished', progress: { done: 20000, message: '20000 righe lette (100%)' } });
    expect((await getAction(cat, 'resource_show', { id })).body.result.datastore_active).toBe(true);
  });

  it('a load whose process died is taken back and loaded again from the start', async () => {
    await runner?.stop();
    runner = null;
    const dataset = await seedDataset(cat, world.orgA.name);
    const res = await uploadTo(cat, 'resource_create', { package_id: dataset.id }, { content: Buffer.from(`a;b\n${Array.from({ length: 200 }, (_, i) => `${i};riga ${i}`).join('\n')}\n`), filename: 'ripresa.csv' }, world.users.editor.token);
    const id = res.body.result.id;
    const jobId = (await state(id)).job_id;
    expect((await state(id)).status).toBe('pending');
    // As if a process (long gone: pid 999999) had claimed it and died mid-load.
    await inTransaction(cat.services.db, (m) => m.getRepository(JobEntity).update({ id: jobId }, { status: 'running', attempts: 1, leaseOwner: `server@${os.hostname()}:999999:abcd1234`, leaseExpires: '2999-01-01T00:00:00.000000' }));
    await inTransaction(cat.services.db, (m) => m.getRepository(ResourceLoadEntity).update({ resourceId: id }, { status: 'running', rowsRead: 1 }));
    runner = startJobRunner(cat.services, { role: 'test', pollMs: 20, types: ['datastore.load'] });
    await until(async () => (await state(id)).status === 'success');
    expect(await state(id)).toMatchObject({ rows: 200, progress: { rows_read: 200, percent: 100 } });
    expect(await cat.services.db.getRepository(JobEntity).findOneByOrFail({ id: jobId })).toMatchObject({ status: 'finished', attempts: 2 });
  });

  it('a file over the upload limit is refused (413) and no load is queued', async () => {
    const dataset = await seedDataset(cat, world.orgA.name);
    const before = await cat.services.db.getRepository(JobEntity).countBy({ type: 'datastore.load' });
    const res = await uploadTo(cat, 'resource_create', { package_id: dataset.id }, { content: Buffer.alloc(1024 * 1024 + 10, 'a'), filename: 'enorme.csv' }, world.users.editor.token);
    expect(res.status).toBe(413);
    expect(await cat.services.db.getRepository(JobEntity).countBy({ type: 'datastore.load' })).toBe(before);
  });
});
