// The DataStore: one table per resource, named by the resource's id, kept apart from the catalogue's
// tables (its own SQLite file, or the schema `datastore` on PostgreSQL). Other modules use it through
// `services.datastore`: the loader (server/ingest) with beginLoad, the datastore_* actions with the rest.
import { NotFound, ValidationError } from '../core/errors';
import { Backend, DATASTORE_SCHEMA, openBackend } from './backend';
import { checkedFields, checkedPrimaryKey } from './fields';
import { beginTableLoad, loadTableOwner } from './load';
import { deleteMeta, ensureMetadataTable, readMeta, TableMeta, writeMeta } from './metadata';
import { quoteIdent } from './sql';
import { DatastoreField, FieldInfo, TableLoad } from './types';

export type { TableMeta } from './metadata';

/** Limits of datastore_search and datastore_search_sql (CKAN: ckan.datastore.search.rows_max). */
export const ROWS_MAX = 32000;

/** The process that fills load tables (this node, server/nodes): registered before a table is made. */
export interface LoadOwner {
  readonly id: string;
  register(): Promise<void>;
}

export class DatastoreStore {
  /** The time limit of datastore_search_sql, in milliseconds. */
  sqlTimeoutMs = 10_000;

  private constructor(readonly backend: Backend, private readonly owner: LoadOwner) {}

  static async open(options: { dataDir: string; databaseUrl: string | null; owner: LoadOwner }): Promise<DatastoreStore> {
    const backend = await openBackend(options);
    await ensureMetadataTable(backend);
    return new DatastoreStore(backend, options.owner);
  }

  get dialect(): Backend['dialect'] {
    return this.backend.dialect;
  }

  /**
   * Starts loading a whole new table for the resource: rows go into a table of their own, which
   * replaces the resource's table (if any) on commit; abort drops it and leaves the old one.
   */
  async beginLoad(resourceId: string, fields: DatastoreField[], opts: { primaryKey?: string[] } = {}): Promise<TableLoad> {
    const checked = checkedFields(fields);
    if (checked.length === 0) throw ValidationError.field('fields', 'La tabella deve avere almeno un campo');
    // Registered first: a sweep drops the load tables of nodes it does not know alive.
    await this.owner.register();
    return beginTableLoad(this.backend, resourceId, checked, checkedPrimaryKey(checked, opts.primaryKey), this.owner.id);
  }

  /** The tables of loads not finished (each load's own, until it commits or aborts), with their owner node. */
  async loadTables(): Promise<{ table: string; owner: string | null }[]> {
    const sql = this.dialect === 'postgres'
      ? `SELECT tablename AS name FROM pg_tables WHERE schemaname = '${DATASTORE_SCHEMA}'`
      : `SELECT name FROM sqlite_master WHERE type = 'table'`;
    const rows = await this.backend.all<{ name: string }>(sql);
    return rows.flatMap(({ name }) => {
      const owned = loadTableOwner(name);
      return owned ? [{ table: name, owner: owned.owner }] : [];
    });
  }

  /**
   * Drops the load tables that no live node fills (their process died mid-load); answers their names.
   * `alive`: the ids of the live nodes (nodes/registry.ts nodeLiveness).
   */
  async sweepUnfinishedLoads(alive: Set<string>): Promise<string[]> {
    const dead = (await this.loadTables()).filter((t) => !t.owner || !alive.has(t.owner)).map((t) => t.table);
    for (const table of dead) await this.backend.write((tx) => tx.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`));
    return dead;
  }

  /** The resource's table as recorded: fields (with their info), primary key and row count; null without one. */
  tableInfo(resourceId: string): Promise<TableMeta | null> {
    return readMeta(this.backend, this.dialect, resourceId);
  }

  /** Drops the resource's table; answers whether there was one. */
  async dropTable(resourceId: string): Promise<boolean> {
    return this.backend.write(async (tx) => {
      const existed = await readMeta(tx, this.dialect, resourceId);
      await tx.run(`DROP TABLE IF EXISTS ${quoteIdent(resourceId)}`);
      await deleteMeta(tx, this.dialect, resourceId);
      return !!existed;
    });
  }

  /** Replaces the data dictionary's `info` of the named fields, without touching the rows. */
  async setFieldInfo(resourceId: string, infoById: Record<string, FieldInfo>): Promise<TableMeta> {
    return this.backend.write(async (tx) => {
      const meta = await readMeta(tx, this.dialect, resourceId);
      if (!meta) throw new NotFound(`La risorsa ${resourceId} non ha una tabella nel DataStore`);
      for (const id of Object.keys(infoById)) {
        if (!meta.fields.some((f) => f.id === id)) throw ValidationError.field('fields', `Campo sconosciuto: "${id}" non è una colonna di questa tabella`);
      }
      const fields = meta.fields.map((f) => (infoById[f.id] ? { ...f, info: infoById[f.id] } : f));
      const updated = { ...meta, fields };
      await writeMeta(tx, this.dialect, resourceId, updated);
      return updated;
    });
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}
