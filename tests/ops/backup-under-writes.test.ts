// A backup taken while datasets, resources and uploads keep being written is a consistent snapshot:
// what comes back is the catalogue as it was at one moment, never half of a write.
import { cli, envOf } from '../cli/support';
import { randomUUID } from 'node:crypto';
import { ActivityEntity } from '../../server/activity/entities';
import { inTransaction } from '../../server/db/transaction';
import { callAction, makeOrg, makeUser, TestUser, unique } from '../support/factories';
import { emptyPlace, EmptyPlace, startCatalogue, TestCatalogue } from '../support/harness';
import { download, uploadTo } from '../api/world';
import { archiveFolder, catalogueOn, envOfPlace, sha256 } from './backup-support';

let original: TestCatalogue;
let writer: TestUser;
let org = '';
const archives = archiveFolder();

/**
 * Organization activity enough to make the dump of the first table (activity) take a while, so that
 * the writes land between the dumps of different tables: a dump without one snapshot would show it.
 */
async function fillActivity(organizationId: string, rows: number): Promise<void> {
  const filler: ActivityEntity[] = Array.from({ length: rows }, () => Object.assign(new ActivityEntity(), {
    id: randomUUID(), timestamp: new Date().toISOString(), userId: writer.actor.id, objectId: organizationId,
    ownerOrg: organizationId, activityType: 'changed organization', data: { note: 'x'.repeat(200) },
  }));
  await inTransaction(original.services.db, async (m) => {
    for (let start = 0; start < rows; start += 500) await m.getRepository(ActivityEntity).save(filler.slice(start, start + 500));
  });
}

beforeAll(async () => {
  original = await startCatalogue();
  writer = await makeUser(original, { sysadmin: true });
  const organization = await makeOrg(original);
  org = organization.name;
  await fillActivity(organization.id, 20_000);
}, 60_000);
afterAll(async () => {
  await original?.close();
  archives.remove();
});

/**
 * Two writers, each writing dataset after dataset with an uploaded file and then a replacement, until
 * told to stop; returns the datasets in the order they were made.
 */
function keepWriting(): { stop(): Promise<string[]> } {
  const created: string[] = [];
  let stopping = false;
  const writeUntilStopped = async () => {
    while (!stopping || created.length < 4) {
      const res = await callAction(original, 'package_create', { name: unique('ds'), title: 'Scrittura', notes: 'x', owner_org: org }, writer.token).expect(200);
      created.push(res.body.result.id);
      const file = (n: number) => ({ content: Buffer.from(`valore\n${n}\n${unique('riga')}\n`), filename: 'dati.csv', contentType: 'text/csv' });
      const resource = await uploadTo(original, 'resource_create', { package_id: res.body.result.id }, file(1), writer.token).expect(200);
      await uploadTo(original, 'resource_update', { id: resource.body.result.id }, file(2), writer.token).expect(200);
    }
  };
  const writers = Promise.all([writeUntilStopped(), writeUntilStopped()]);
  return { stop: async () => { stopping = true; await writers; return created; } };
}

/** Rows the restored database holds that a consistent snapshot could never hold. */
async function inconsistencies(restored: TestCatalogue): Promise<unknown[]> {
  const query = (sql: string) => restored.services.db.query(sql);
  return [
    ...await query(`SELECT p.id AS package_without_activity FROM package p
      WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.object_id = p.id)`),
    ...await query(`SELECT a.id AS activity_without_package FROM activity a
      WHERE a.activity_type LIKE '%package' AND NOT EXISTS (SELECT 1 FROM package p WHERE p.id = a.object_id)`),
    ...await query(`SELECT r.id AS resource_without_file FROM resource r
      WHERE r.url_type = 'upload' AND NOT EXISTS (SELECT 1 FROM resource_file f WHERE f.id = r.current_file_id)`),
    ...await query(`SELECT f.id AS file_without_resource FROM resource_file f
      WHERE NOT EXISTS (SELECT 1 FROM resource r WHERE r.id = f.resource_id)`),
    ...await query(`SELECT r.id AS resource_without_package FROM resource r
      WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = r.package_id)`),
  ];
}

describe('a backup taken while writes go on', () => {
  let place: EmptyPlace;
  let restored: TestCatalogue;
  afterAll(async () => {
    await restored?.close();
    await place?.drop();
  });

  it('restores a catalogue as it was at one moment, with every file', async () => {
    const writes = keepWriting();
    const archive = archives.file('durante-le-scritture.tar.gz');
    const backup = await cli(envOf(original), 'backup', archive);
    const created = await writes.stop();
    expect(backup.code).toBe(0);

    place = await emptyPlace();
    expect((await cli(envOfPlace(place), 'restore', archive)).code).toBe(0);
    restored = await catalogueOn(place);
    expect(await inconsistencies(restored)).toEqual([]);

    const back: Array<{ id: string }> = await restored.services.db.query('SELECT id FROM package');
    const ids = new Set(back.map((row) => row.id));
    expect(back.length).toBeLessThanOrEqual(created.length);
    for (const id of created.filter((one) => ids.has(one))) {
      const shown = await callAction(restored, 'package_show', { id }, writer.token).expect(200);
      for (const resource of shown.body.result.resources) {
        const res = await download(restored, resource.url, writer.token);
        expect(res.status).toBe(200);
        expect(sha256(res.body)).toBe(resource.hash);
      }
    }
  }, 60_000);
});
