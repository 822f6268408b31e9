// Nothing half-made stays in the DataStore: the tables of loads whose process died are dropped by the
// sweep (datastore.sweep), never those a live node is filling; resources that package_update and
// package_patch leave out of a dataset lose their tables, as resource_delete's do.
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { callAction, getAction, sysadminContext } from '../support/factories';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { NodeEntity } from '../../server/nodes/entities';
import { thisHost } from '../../server/nodes/registry';
import { writerOf } from '../../server/db/transaction';
import { datastoreSweepJob } from '../../server/jobs/maintenance';
import { loadTableName } from '../../server/datastore/load';
import { cityTable, DatastoreWorld, makeWorld } from './support';

let cat: TestCatalogue;
let world: DatastoreWorld;
beforeAll(async () => {
  cat = await startCatalogue();
  world = await makeWorld(cat);
});
afterAll(async () => cat.close());

async function addNode(fields: Partial<NodeEntity>): Promise<string> {
  const row: NodeEntity = { id: randomUUID(), hostname: thisHost(), pid: process.pid, role: 'server', started: '2025-01-01T00:00:00.000000', heartbeat: Date.now(), ...fields };
  await writerOf(cat.services.db).getRepository(NodeEntity).insert(row);
  return row.id;
}

async function createTable(name: string): Promise<void> {
  await cat.services.datastore.backend.write((tx) => tx.run(`CREATE TABLE "${name}" (a text)`));
}

const loadTables = async () => (await cat.services.datastore.loadTables()).map((t) => t.table).sort();

async function sweep(): Promise<Record<string, unknown>> {
  return datastoreSweepJob.run(await sysadminContext(cat), {} as never, {} as never) as Promise<Record<string, unknown>>;
}

describe('the sweep of unfinished loads', () => {
  it('drops the tables of dead processes and of unnamed owners, keeps those of live nodes and this one', async () => {
    const liveElsewhere = await addNode({ hostname: 'altro-server' });
    const dead = await addNode({ pid: spawnSync(process.execPath, ['-e', '']).pid! });
    const unregistered = randomUUID();
    const [live, deadTable, unknownTable, legacy] = [loadTableName(liveElsewhere), loadTableName(dead), loadTableName(unregistered), '_load_0123456789abcdef'];
    for (const name of [live, deadTable, unknownTable, legacy]) await createTable(name);
    // A load of this process, half-filled while the sweep runs.
    const resourceId = randomUUID();
    const ours = await cat.services.datastore.beginLoad(resourceId, [{ id: 'comune', type: 'text' }]);
    await ours.append([['Prato'], ['Lucca']]);
    const kept = await cityTable(cat, world.editor.token, world.publicDataset.id);

    expect(await sweep()).toEqual({ tablesDropped: 3 });
    const left = await loadTables();
    expect(left).toContain(live);
    expect(left.filter((t) => [deadTable, unknownTable, legacy].includes(t))).toEqual([]);
    expect(left).toHaveLength(2);
    // Our load goes on and commits; the resource tables were not touched.
    await ours.append([['Pistoia']]);
    expect(await ours.commit()).toEqual({ rows: 3 });
    expect((await cat.services.datastore.tableInfo(resourceId))?.rows).toBe(3);
    expect((await cat.services.datastore.tableInfo(kept))?.rows).toBe(5);
    expect(await loadTables()).toEqual([live]);
    await cat.services.datastore.dropTable(resourceId);
    await cat.services.datastore.backend.write((tx) => tx.run(`DROP TABLE "${live}"`));
  });
});

describe('resources left out by package_update and package_patch', () => {
  async function datasetWithTwoTables(): Promise<{ name: string; a: string; b: string }> {
    const a = await cityTable(cat, world.editor.token, world.publicDataset.id);
    const b = await cityTable(cat, world.editor.token, world.publicDataset.id);
    return { name: world.publicDataset.name, a, b };
  }

  const resourcesOf = async (name: string) => (await getAction(cat, 'package_show', { id: name })).body.result.resources as { id: string }[];

  it('package_update drops the tables of the resources it deletes, and keeps the others', async () => {
    const { name, a, b } = await datasetWithTwoTables();
    const others = (await resourcesOf(name)).filter((r) => r.id !== b);
    const dataset = (await getAction(cat, 'package_show', { id: name })).body.result;
    const res = await callAction(cat, 'package_update', { ...dataset, resources: others }, world.editor.token);
    expect(res.status).toBe(200);
    expect(await cat.services.datastore.tableInfo(b)).toBeNull();
    expect((await cat.services.datastore.tableInfo(a))?.rows).toBe(5);
  });

  it('package_patch with a shorter list drops theirs too; without a list nothing is dropped', async () => {
    const { name, a, b } = await datasetWithTwoTables();
    expect((await callAction(cat, 'package_patch', { id: name, notes: 'Solo le note' }, world.editor.token)).status).toBe(200);
    expect((await cat.services.datastore.tableInfo(a))?.rows).toBe(5);
    const res = await callAction(cat, 'package_patch', { id: name, resources: (await resourcesOf(name)).filter((r) => r.id !== a) }, world.editor.token);
    expect(res.status).toBe(200);
    expect(await cat.services.datastore.tableInfo(a)).toBeNull();
    expect((await cat.services.datastore.tableInfo(b))?.rows).toBe(5);
  });
});
