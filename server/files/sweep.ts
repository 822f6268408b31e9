// The file sweep: removes what crashes and abandoned uploads leave on disk, safe to run at any time on
// any instance. Boot runs it before listening; the jobs module runs it periodically (files.sweep).
//   tmp/NODE/   the temporary files of dead nodes; of this node, those no upload in progress owns;
//   files/      files that neither a resource_file row nor a pending row of a live node references;
//   file_pending rows of dead nodes.
// The database never points at a missing file: a file is moved before its row is committed, and removed
// only once nothing references it.
import fs from 'node:fs';
import path from 'node:path';
import { Services } from '../core/context';
import { nodeLiveness, pruneNodes } from '../nodes/registry';
import { deletePendingOfDeadNodes, referencedKeys } from './sweep-queries';

export interface SweepResult {
  tempRemoved: number;
  orphansRemoved: number;
}

/** Keys checked per query. */
const BATCH = 500;

async function entriesOf(dir: string): Promise<fs.Dirent[]> {
  return fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
}

async function countFiles(dir: string): Promise<number> {
  const entries = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}

/** Temporary files: a folder per node, removed whole when its node is not alive. */
async function sweepTemp(services: Services, entries: fs.Dirent[], alive: Set<string>): Promise<number> {
  let removed = 0;
  for (const entry of entries) {
    const full = path.join(services.files.tempRoot, entry.name);
    if (entry.name === services.files.nodeId) {
      removed += await sweepOwnTemp(services, full);
    } else if (!entry.isDirectory() || !alive.has(entry.name)) {
      // A dead node's folder, or a loose file of the layout before per-node folders.
      removed += entry.isDirectory() ? await countFiles(full) : 1;
      await fs.promises.rm(full, { recursive: true, force: true });
    }
  }
  return removed;
}

async function sweepOwnTemp(services: Services, dir: string): Promise<number> {
  let removed = 0;
  for (const entry of await entriesOf(dir)) {
    const full = path.join(dir, entry.name);
    if (services.files.owns(full)) continue;
    await fs.promises.rm(full, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/** Every key under files/ (KEY = xx/UUID, as FileStore.keep makes them), in batches. */
async function* storedKeys(filesDir: string): AsyncGenerator<string[]> {
  let batch: string[] = [];
  for (const top of await entriesOf(filesDir)) {
    const inner = top.isDirectory() ? (await entriesOf(path.join(filesDir, top.name))).filter((e) => e.isFile()).map((e) => `${top.name}/${e.name}`) : [top.name];
    for (const key of inner) {
      batch.push(key);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

async function sweepStored(services: Services, deadNodes: string[]): Promise<number> {
  let removed = 0;
  for await (const keys of storedKeys(services.files.filesDir)) {
    const referenced = await referencedKeys(services.db, keys, deadNodes);
    for (const key of keys.filter((k) => !referenced.has(k))) {
      await fs.promises.rm(services.files.pathOf(key), { force: true });
      removed += 1;
    }
  }
  return removed;
}

export async function sweepFiles(services: Services): Promise<SweepResult> {
  // tmp/ is listed before the registry is read: a node makes its folder only once registered, so a
  // listed folder whose node has no row in the later read belongs to a node that is gone.
  const tempEntries = await entriesOf(services.files.tempRoot);
  // Dead is for good; a node that dies after this read is swept next time, one that starts is alive.
  const nodes = await nodeLiveness(services.db);
  const tempRemoved = await sweepTemp(services, tempEntries, nodes.alive);
  const orphansRemoved = await sweepStored(services, nodes.dead);
  await deletePendingOfDeadNodes(services.db, nodes.dead);
  await pruneNodes(services.db);
  return { tempRemoved, orphansRemoved };
}
