// The file sweep on crafted leftovers: what dead nodes left (temporary folders, files moved but never
// committed) goes; what live nodes are doing and what rows reference stays. And the registry's liveness.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ResourceFileEntity } from '../../server/catalogue/entities';
import { FilePendingEntity } from '../../server/files/entities';
import { sweepFiles } from '../../server/files/sweep';
import { NodeEntity } from '../../server/nodes/entities';
import { isNodeAlive, STALE_MS, thisHost } from '../../server/nodes/registry';
import { uploadTo } from '../api/world';
import { filesUnder } from './raw-http';
import { catalogueWithDataset } from './setup';
import { writerOf } from '../../server/db/transaction';

const setup = catalogueWithDataset();
const HOUR = 60 * 60 * 1000;
/** A process id that was running a moment ago and is not any more. */
const exitedPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const stored = (key: string) => path.join(setup.cat.dataDir, 'files', key);

function node(fields: Partial<NodeEntity>): NodeEntity {
  return { id: randomUUID(), hostname: thisHost(), pid: process.ppid, role: 'server', started: '2025-01-01T00:00:00.000000', heartbeat: Date.now(), ...fields };
}

describe('isNodeAlive', () => {
  it('tells a live node from a dead one', () => {
    const now = Date.now();
    const table: [string, Partial<NodeEntity>, boolean][] = [
      ['fresh heartbeat, this host, process running', {}, true],
      ['fresh heartbeat, this host, process gone (kill -9)', { pid: exitedPid() }, false],
      ['stale heartbeat, this host, process running', { heartbeat: now - STALE_MS - 1000 }, false],
      ['fresh heartbeat, another host', { hostname: 'altro-server', pid: exitedPid() }, true],
      ['stale heartbeat, another host', { hostname: 'altro-server', heartbeat: now - STALE_MS - 1000 }, false],
      ['our own pid under an id that is not ours (an earlier process with the same pid)', { pid: process.pid }, false],
    ];
    for (const [label, fields, alive] of table) expect({ label, alive: isNodeAlive(node(fields), now) }).toEqual({ label, alive });
  });

  it('counts this process\'s registered node as alive', async () => {
    await setup.cat.services.node.register();
    const own = await setup.cat.services.db.getRepository(NodeEntity).findOneByOrFail({ id: setup.cat.services.node.id });
    expect(isNodeAlive(own)).toBe(true);
  });
});

describe('the sweep', () => {
  const put = (file: string, content = 'x') => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  };
  const tmp = (...parts: string[]) => path.join(setup.cat.dataDir, 'tmp', ...parts);
  const newKey = () => { const id = randomUUID(); return `${id.slice(0, 2)}/${id}`; };
  const saveNode = (row: NodeEntity) => writerOf(setup.cat.services.db).getRepository(NodeEntity).insert(row);
  const pending = (key: string, nodeId: string) => writerOf(setup.cat.services.db).getRepository(FilePendingEntity).insert({ key, nodeId, created: '2025-01-01T00:00:00.000000' });

  it('removes what dead nodes left and keeps what live nodes and rows hold', async () => {
    const { cat, world, ds } = setup;
    const committed = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('a;b\n'), filename: 'tenuto.csv' }, world.users.editor.token);
    expect(committed.status).toBe(200);
    const dead = node({ pid: exitedPid() });
    const live = node({});
    const staleElsewhere = node({ hostname: 'altro-server', heartbeat: Date.now() - HOUR });
    const freshElsewhere = node({ hostname: 'altro-server', pid: 1 });
    const longDead = node({ pid: exitedPid(), heartbeat: Date.now() - 48 * HOUR });
    for (const row of [dead, live, staleElsewhere, freshElsewhere, longDead]) await saveNode(row);
    const keys = { dead: newKey(), live: newKey(), staleElsewhere: newKey(), freshElsewhere: newKey(), unregistered: newKey(), orphan: newKey() };
    await pending(keys.dead, dead.id);
    await pending(keys.live, live.id);
    await pending(keys.staleElsewhere, staleElsewhere.id);
    await pending(keys.freshElsewhere, freshElsewhere.id);
    await pending(keys.unregistered, randomUUID());
    for (const key of Object.values(keys)) put(stored(key));
    put(tmp(dead.id, 'a')); put(tmp(dead.id, 'b'));
    put(tmp(staleElsewhere.id, 'c'));
    put(tmp(live.id, 'in-corso')); put(tmp(freshElsewhere.id, 'in-corso'));
    put(tmp('vecchio-formato'));
    put(tmp(cat.services.files.nodeId, 'abbandonato'));
    const inProgress = await cat.services.files.receive(Readable.from([Buffer.from('in corso')]), 'x.csv', 'text/csv');

    expect(await cat.services.db.getRepository(NodeEntity).countBy({ id: longDead.id })).toBe(1);
    expect(await sweepFiles(cat.services)).toEqual({ tempRemoved: 5, orphansRemoved: 4 });

    const rows = await cat.services.db.getRepository(ResourceFileEntity).find();
    expect(filesUnder(path.join(cat.dataDir, 'files')).sort()).toEqual([...rows.map((r) => r.storageKey), keys.live, keys.freshElsewhere].sort());
    expect(filesUnder(tmp()).sort()).toEqual([`${live.id}/in-corso`, `${freshElsewhere.id}/in-corso`, path.relative(tmp(), inProgress.tempPath)].sort());
    const left = await cat.services.db.getRepository(FilePendingEntity).find();
    expect(left.map((p) => p.key).sort()).toEqual([keys.live, keys.freshElsewhere].sort());
    expect(await cat.services.db.getRepository(NodeEntity).countBy({ id: longDead.id })).toBe(0);
    await cat.services.files.discard(inProgress);
  });

  it('finds nothing to do on a tidy store', async () => {
    await writerOf(setup.cat.services.db).getRepository(FilePendingEntity).clear();
    for (const key of filesUnder(path.join(setup.cat.dataDir, 'files'))) {
      if (!(await setup.cat.services.db.getRepository(ResourceFileEntity).countBy({ storageKey: key }))) fs.rmSync(stored(key));
    }
    fs.rmSync(tmp(), { recursive: true, force: true });
    expect(await sweepFiles(setup.cat.services)).toEqual({ tempRemoved: 0, orphansRemoved: 0 });
  });
});

describe('uploads and the sweep together', () => {
  it('leave no pending row behind, after a success or a refused write', async () => {
    const { cat, world, ds } = setup;
    const before = filesUnder(path.join(cat.dataDir, 'files'));
    const keep = jest.spyOn(cat.services.files, 'keep');
    const refused = await uploadTo(cat, 'resource_create', { package_id: ds.id, access_url: 'non-un-indirizzo' }, { content: Buffer.from('x\n'), filename: 'x.csv' }, world.users.editor.token);
    expect(refused.status).toBe(409);
    expect(keep).toHaveBeenCalledTimes(1); // refused after the move into files/, inside the transaction
    keep.mockRestore();
    expect(filesUnder(path.join(cat.dataDir, 'files'))).toEqual(before);
    const ok = await uploadTo(cat, 'resource_create', { package_id: ds.id }, { content: Buffer.from('x\n'), filename: 'x.csv' }, world.users.editor.token);
    expect(ok.status).toBe(200);
    expect(await cat.services.db.getRepository(FilePendingEntity).count()).toBe(0);
  });

  it('never lose a committed file when the sweep runs while uploads are being kept', async () => {
    const { cat, world, ds } = setup;
    // Widen the moment between the move into files/ and the commit of its row, so that sweeps land in it.
    const keep = cat.services.files.keep.bind(cat.services.files);
    const slowKeep = jest.spyOn(cat.services.files, 'keep').mockImplementation(async (upload) => {
      const key = await keep(upload);
      await new Promise((resolve) => setTimeout(resolve, 40));
      return key;
    });
    let sweeping = true;
    const sweeps = (async () => {
      let runs = 0;
      while (sweeping || runs === 0) {
        await sweepFiles(cat.services);
        runs += 1;
      }
      return runs;
    })();
    const uploads = await Promise.all(Array.from({ length: 24 }, (_, i) => uploadTo(cat, 'resource_create', { package_id: ds.id, name: `parallelo ${i}` },
      { content: Buffer.from(`n;valore\n${i};${'x'.repeat(i * 100)}\n`), filename: `p${i}.csv` }, world.users.editor.token)));
    sweeping = false;
    slowKeep.mockRestore();
    expect(await sweeps).toBeGreaterThan(0);
    expect(uploads.map((u) => u.status)).toEqual(uploads.map(() => 200));
    for (const row of await cat.services.db.getRepository(ResourceFileEntity).find()) {
      expect({ key: row.storageKey, exists: fs.existsSync(stored(row.storageKey)) }).toEqual({ key: row.storageKey, exists: true });
    }
  });
});
