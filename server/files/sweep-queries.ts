// The sweep's SQL, written out because each check must be one statement (one snapshot): a UNION of the
// two tables that protect a file, and a delete that reads the node table in the same breath.
import { DataSource } from 'typeorm';
import { positional } from '../db/params';
import { serializedWrite } from '../db/transaction';

/** `count` placeholders (numbered by positional() on PostgreSQL). */
function placeholders(count: number): string {
  return Array(count).fill('?').join(', ');
}

/**
 * The keys among `keys` that a resource_file row, or a pending row of a node not known to be dead,
 * references. One query for both: a transaction that swaps the pending row for the resource_file row
 * between two separate checks would otherwise make the file look unreferenced.
 */
export async function referencedKeys(db: DataSource, keys: string[], deadNodes: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const n = keys.length;
  const notDead = deadNodes.length ? ` AND p."node_id" NOT IN (${placeholders(deadNodes.length)})` : '';
  const rows: { key: string }[] = await db.query(positional(db,
    `SELECT f."storage_key" AS "key" FROM "resource_file" f WHERE f."storage_key" IN (${placeholders(n)})
     UNION
     SELECT p."key" AS "key" FROM "file_pending" p JOIN "node" n ON n."id" = p."node_id"
     WHERE p."key" IN (${placeholders(n)})${notDead}`),
    [...keys, ...keys, ...deadNodes],
  );
  return new Set(rows.map((row) => row.key));
}

/** Pending rows of dead nodes, and of nodes no longer registered (stopped, or pruned). */
export async function deletePendingOfDeadNodes(db: DataSource, deadNodes: string[]): Promise<void> {
  const dead = deadNodes.length ? `"node_id" IN (${placeholders(deadNodes.length)}) OR ` : '';
  await serializedWrite(db, (writer) => writer.query(positional(db, `DELETE FROM "file_pending" WHERE ${dead}"node_id" NOT IN (SELECT "id" FROM "node")`), deadNodes));
}
