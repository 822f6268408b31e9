// datastore_create, datastore_upsert, datastore_delete and datastore_info, with CKAN's names, inputs
// and answers (ckanext-datastore's logic/action.py).
import { defineAction, publicAction, runAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { requireLogin } from '../auth/policies';
import { setDatastoreActive } from '../catalogue/datastore-flag';
import { editableResource, refusedAsValidation, requireTable, requireWritable, visibleResource } from './access';
import { checkedFields } from './fields';
import { indexesParam, tableIndexes } from './indexes';
import { jsonParam, listParam } from './query';
import { createOrExtend, DatastoreRecord, deleteRows, upsertRecords, UpsertMethod } from './records';
import { presentFields } from './records-format';
import { columnType } from './sql';

type Dict = Record<string, unknown>;

function resourceIdOf(input: Dict): string {
  const id = input.resource_id ?? input.id;
  if (typeof id !== 'string' || id === '') throw ValidationError.field('resource_id', 'Indica la risorsa (resource_id)');
  return id;
}

function recordsOf(input: Dict): DatastoreRecord[] {
  const records = jsonParam(input.records, 'records') ?? [];
  if (!Array.isArray(records)) throw ValidationError.field('records', 'records è un elenco di oggetti {"campo": valore}');
  return records as DatastoreRecord[];
}

function dumpUrl(ctx: ActionContext, resourceId: string): string {
  return `${ctx.services.config.siteUrl}/datastore/dump/${encodeURIComponent(resourceId)}`;
}

/** datastore_create's `resource`: a new resource of a dataset the caller edits, made by resource_create. */
async function createdResource(ctx: ActionContext, resource: Dict): Promise<string> {
  const { url_type: _ignored, ...fields } = resource;
  // Its url is its CSV dump, hence the default format.
  const created = await runAction<{ id: string }>('resource_create', ctx, { format: 'CSV', ...fields, url: '' });
  await setDatastoreActive(ctx.services, created.id, false, dumpUrl(ctx, created.id));
  return created.id;
}

/** The resource of datastore_upsert and datastore_delete: one the caller edits, writable, with a table. */
async function writableTable(ctx: ActionContext, input: Dict): Promise<string> {
  const resourceId = resourceIdOf(input);
  requireWritable((await editableResource(ctx, resourceId)).resource, input.force === true);
  await requireTable(ctx, resourceId);
  return resourceId;
}

export const datastoreCreate = defineAction({
  name: 'datastore_create', kind: 'write', schema: 'datastore_create.json',
  help: 'Crea la tabella DataStore di una risorsa (o la risorsa stessa, con "resource"), aggiunge campi e inserisce record.',
  auth: async (ctx, input: Dict) => {
    requireLogin(ctx);
    // With `resource`, resource_create checks the dataset when it runs.
    if (!input.resource) await editableResource(ctx, resourceIdOf(input));
  },
  run: async (ctx, input: Dict) => {
    if (input.resource && (input.resource_id || input.id)) throw ValidationError.field('resource', 'Indica resource oppure resource_id, non entrambi');
    const fields = checkedFields((jsonParam(input.fields, 'fields') ?? []) as never);
    const primaryKey = input.primary_key === undefined ? undefined : listParam(input.primary_key);
    const records = recordsOf(input);
    const resourceId = input.resource ? await createdResource(ctx, input.resource as Dict) : resourceIdOf(input);
    if (!input.resource) requireWritable((await editableResource(ctx, resourceId)).resource, input.force === true);
    const existing = await ctx.services.datastore.tableInfo(resourceId);
    if (!existing && fields.length === 0) throw ValidationError.field('fields', 'Per una tabella nuova indica i campi (fields): [{"id": "nome", "type": "text"}]');
    const indexes = input.indexes === undefined ? undefined : indexesParam(input.indexes);
    const meta = await refusedAsValidation('records', createOrExtend(ctx.services.datastore.backend, resourceId, { fields, primaryKey, indexes }, records));
    await setDatastoreActive(ctx.services, resourceId, true);
    const result: Dict = { resource_id: resourceId, fields: presentFields(meta.fields), method: 'insert' };
    if (meta.primaryKey.length) result.primary_key = meta.primaryKey;
    return result;
  },
});

export const datastoreUpsert = defineAction({
  name: 'datastore_upsert', kind: 'write', schema: 'datastore_upsert.json',
  help: 'Inserisce (insert), aggiorna (update) o inserisce e aggiorna (upsert, predefinito) record secondo la chiave primaria.',
  auth: async (ctx, input: Dict) => void (await editableResource(ctx, resourceIdOf(input))),
  run: async (ctx, input: Dict) => {
    const resourceId = await writableTable(ctx, input);
    const method = (input.method ?? 'upsert') as UpsertMethod;
    const records = recordsOf(input);
    await refusedAsValidation('records', upsertRecords(ctx.services.datastore.backend, resourceId, records, method));
    return { resource_id: resourceId, method, records };
  },
});

export const datastoreDelete = defineAction({
  name: 'datastore_delete', kind: 'write', schema: 'datastore_delete.json',
  help: 'Cancella i record che corrispondono ai filtri (filters) o, senza filtri, l\'intera tabella DataStore della risorsa.',
  auth: async (ctx, input: Dict) => void (await editableResource(ctx, resourceIdOf(input))),
  run: async (ctx, input: Dict) => {
    const resourceId = await writableTable(ctx, input);
    const filters = jsonParam(input.filters, 'filters');
    if (filters === undefined || filters === null) {
      await ctx.services.datastore.dropTable(resourceId);
      await setDatastoreActive(ctx.services, resourceId, false);
      return { resource_id: resourceId };
    }
    await refusedAsValidation('filters', deleteRows(ctx.services.datastore.backend, resourceId, filters));
    return { resource_id: resourceId, filters };
  },
});

export const datastoreInfo = defineAction({
  name: 'datastore_info', kind: 'read', schema: 'datastore_info.json', auth: publicAction,
  help: 'Descrive la tabella DataStore di una risorsa: i campi con tipo e dizionario dei dati (info), e il numero di righe.',
  run: async (ctx, input: Dict) => {
    const resourceId = resourceIdOf(input);
    await visibleResource(ctx, resourceId);
    const meta = await requireTable(ctx, resourceId);
    const dialect = ctx.services.datastore.dialect;
    const indexed = new Set([...meta.primaryKey, ...(await tableIndexes(ctx.services.datastore.backend, dialect, resourceId)).flatMap((i) => i.columns)]);
    return {
      meta: { id: resourceId, count: meta.rows, table_type: 'BASE TABLE', aliases: [], primary_key: meta.primaryKey },
      fields: meta.fields.map((f) => ({ ...presentFields([f])[0], schema: { native_type: columnType(dialect, f.type), is_index: indexed.has(f.id) } })),
    };
  },
});

export const datastoreWriteActions = [datastoreCreate, datastoreUpsert, datastoreDelete, datastoreInfo];
