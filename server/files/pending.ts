// file_pending rows (entities.ts): written before a file moves into files/, deleted by the transaction
// that inserts its resource_file row. Between the two, the row of a live node protects the file from
// the sweep; after a crash, the row of a dead node lets the sweep remove it.
import { DataSource, EntityManager } from 'typeorm';
import { nowIso } from '../db/columns';
import { serializedWrite } from '../db/transaction';
import { FilePendingEntity } from './entities';

/** Its own small committed write, before the move: a crash after the move still leaves this trace. */
export async function recordPending(db: DataSource, key: string, nodeId: string): Promise<void> {
  await serializedWrite(db, (writer) => writer.getRepository(FilePendingEntity).insert({ key, nodeId, created: nowIso() }));
}

/** In the transaction that inserts the file's resource_file row: from its commit on, that row protects the file. */
export async function settlePending(manager: EntityManager, key: string): Promise<void> {
  await manager.getRepository(FilePendingEntity).delete({ key });
}

/** The file was removed or never moved: its row goes too. */
export async function forgetPending(db: DataSource, key: string): Promise<void> {
  await serializedWrite(db, (writer) => writer.getRepository(FilePendingEntity).delete({ key }));
}
