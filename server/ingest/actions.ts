// The load's actions: its state and report (resource_validation_show), the editor's corrections to the
// data dictionary (resource_dictionary_update, then a reload), and CKAN's xloader_submit to load again.
import { CAN_EDIT_DATASETS, requireLogin, requireOrgCapacity } from '../auth/policies';
import { findResource } from '../catalogue/lookup';
import { visiblePackage } from '../catalogue/visibility';
import { defineAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { NotFound, ValidationError } from '../core/errors';
import { inTransaction } from '../db/transaction';
import { ResourceLoadEntity } from './entities';
import { CKAN_TYPES, FIELD_TYPES, FieldOverride } from './schema';
import { reloadResource } from './schedule';
import { loadRow } from './state';
import { FieldType } from './values';

/** The resource, if the caller may see its dataset (as resource_show): otherwise not found. */
async function visibleResource(ctx: ActionContext, id: string) {
  const resource = await findResource(ctx.services.db.manager, id);
  const pkg = await visiblePackage(ctx, resource.packageId).catch(() => {
    throw new NotFound(`Risorsa non trovata: ${id}`);
  });
  return { resource, pkg };
}

const editAuth = (key: 'id' | 'resource_id') => async (ctx: ActionContext, input: object) => {
  requireLogin(ctx);
  const { pkg } = await visibleResource(ctx, String((input as Record<string, unknown>)[key]));
  await requireOrgCapacity(ctx, pkg.ownerOrg, CAN_EDIT_DATASETS, 'Puoi modificare il dizionario dei dati solo delle risorse delle tue organizzazioni');
};

function presentLoad(row: ResourceLoadEntity) {
  return {
    resource_id: row.resourceId, status: row.status, job_id: row.jobId, format: row.format, encoding: row.encoding, delimiter: row.delimiter,
    rows: row.rows, columns: row.columns, progress: { rows_read: row.rowsRead, percent: row.percent },
    error: row.error, error_en: row.errorEn, report: row.report, dictionary: row.dictionary, overrides: row.overrides ?? {},
    created: row.created, started: row.started, finished: row.finished, updated: row.updated,
  };
}

async function validationOf(ctx: ActionContext, resourceId: string) {
  const row = await loadRow(ctx.services.db, resourceId);
  if (!row) throw new NotFound(`La risorsa ${resourceId} non ha ancora un caricamento nel DataStore`);
  return presentLoad(row);
}

interface ValidationShowInput { id?: string; resource_id?: string }

/** The resource asked for: `id`, or `resource_id` as ckanext-validation's clients send it. */
function validatedResourceId(input: ValidationShowInput): string {
  const id = input.id ?? input.resource_id;
  if (!id) throw ValidationError.field('id', 'Campo obbligatorio mancante');
  return id;
}

export const resourceValidationShow = defineAction({
  name: 'resource_validation_show', kind: 'read', schema: 'resource_validation_show.json',
  help: 'Lo stato del caricamento di una risorsa nel DataStore (pending, running, success, failure, error), con il rapporto di validazione, il dizionario dei dati e l\'avanzamento.',
  auth: async (ctx, input: ValidationShowInput) => { await visibleResource(ctx, validatedResourceId(input)); },
  run: async (ctx, input: ValidationShowInput) => validationOf(ctx, (await visibleResource(ctx, validatedResourceId(input))).resource.id),
});

/** CKAN's DataStore type names are accepted beside the Table Schema's. */
const TYPE_BY_NAME: Record<string, FieldType> = Object.fromEntries([
  ...FIELD_TYPES.map((type) => [type, type]), ...Object.entries(CKAN_TYPES).map(([type, ckan]) => [ckan, type]),
]);

interface DictionaryInput { id: string; fields: { id: string; type?: string | null; title?: string; description?: string }[] }

function mergedOverrides(row: ResourceLoadEntity, fields: DictionaryInput['fields']): Record<string, FieldOverride> {
  const known = new Set((row.dictionary?.fields ?? []).map((field) => field.name));
  const overrides: Record<string, FieldOverride> = { ...(row.overrides ?? {}) };
  for (const field of fields) {
    if (!known.has(field.id)) throw ValidationError.field('fields', `Colonna sconosciuta: "${field.id}" non è nel dizionario dei dati di questa risorsa`);
    const next: FieldOverride = { ...(overrides[field.id] ?? {}) };
    if (field.type === null || field.type === '') delete next.type;
    else if (field.type !== undefined) next.type = TYPE_BY_NAME[field.type];
    if (field.title !== undefined) next.title = field.title;
    if (field.description !== undefined) next.description = field.description;
    overrides[field.id] = next;
  }
  return overrides;
}

export const resourceDictionaryUpdate = defineAction({
  name: 'resource_dictionary_update', kind: 'write', schema: 'resource_dictionary_update.json', auth: editAuth('id'),
  help: 'Corregge il dizionario dei dati di una risorsa (tipo, titolo, descrizione delle colonne) e la ricarica nel DataStore con quei tipi.',
  run: async (ctx, input: DictionaryInput) => {
    const { resource } = await visibleResource(ctx, input.id);
    const row = await loadRow(ctx.services.db, resource.id);
    if (!row?.dictionary) throw ValidationError.field('id', 'La risorsa non ha ancora un dizionario dei dati: attendere il primo caricamento');
    const overrides = mergedOverrides(row, input.fields);
    await inTransaction(ctx.services.db, (m) => m.getRepository(ResourceLoadEntity).update({ resourceId: resource.id }, { overrides }));
    await reloadResource(ctx, resource.id);
    return validationOf(ctx, resource.id);
  },
});

export const xloaderSubmit = defineAction({
  name: 'xloader_submit', kind: 'write', schema: 'xloader_submit.json', auth: editAuth('resource_id'),
  help: 'Carica di nuovo nel DataStore il file della risorsa (come ckanext-xloader).',
  run: async (ctx, input: { resource_id: string }) => {
    const { resource } = await visibleResource(ctx, input.resource_id);
    await reloadResource(ctx, resource.id);
    return true;
  },
});

export const ingestActions = [resourceValidationShow, resourceDictionaryUpdate, xloaderSubmit];
