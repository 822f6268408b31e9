// Who may reach a resource's table: whoever may see its dataset reads it (a resource they may not see
// is not found), whoever may edit the dataset writes it. The same rules as resource_show and
// resource_update (server/catalogue).
import { CAN_EDIT_DATASETS, requireLogin, requireOrgCapacity } from '../auth/policies';
import { ActionContext } from '../core/context';
import { ActionError, NotFound, ValidationError } from '../core/errors';
import { PackageEntity, ResourceEntity } from '../catalogue/entities';
import { findResource } from '../catalogue/lookup';
import { visiblePackage } from '../catalogue/visibility';
import { TableMeta } from './metadata';

export interface VisibleResource {
  resource: ResourceEntity;
  pkg: PackageEntity;
}

export async function visibleResource(ctx: ActionContext, resourceId: string): Promise<VisibleResource> {
  const resource = await findResource(ctx.services.db.manager, resourceId);
  const pkg = await visiblePackage(ctx, resource.packageId).catch(() => {
    throw new NotFound(`Risorsa non trovata: ${resourceId}`);
  });
  return { resource, pkg };
}

export async function editableResource(ctx: ActionContext, resourceId: string): Promise<VisibleResource> {
  requireLogin(ctx);
  const found = await visibleResource(ctx, resourceId);
  await requireOrgCapacity(ctx, found.pkg.ownerOrg, CAN_EDIT_DATASETS, 'Puoi modificare i dati solo delle risorse dei dataset delle tue organizzazioni (come editor o amministratore)');
  return found;
}

/** The resource's table, or NotFound as CKAN answers for a resource without one. */
export async function requireTable(ctx: ActionContext, resourceId: string): Promise<TableMeta> {
  const meta = await ctx.services.datastore.tableInfo(resourceId);
  if (!meta) throw new NotFound(`La risorsa "${resourceId}" non ha dati nel DataStore`);
  return meta;
}

/** CKAN's read-only rule: only a DataStore resource (url_type "datastore") is written without `force`. */
export function requireWritable(resource: ResourceEntity, force: boolean | undefined): void {
  if (!force && resource.urlType !== 'datastore') {
    throw ValidationError.field('read-only', 'Risorsa in sola lettura: i suoi dati vengono dal file caricato. Passa "force": true per modificarli comunque');
  }
}

/** A database's refusal of a value (a type, a duplicate key) as a 409 naming the parameter, never a 500. */
export async function refusedAsValidation<T>(parameter: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ActionError) throw error;
    const { code, message } = error as { code?: string; message?: string };
    const fromDatabase = typeof code === 'string' && (/^(22|23|42804|42883|2201)/.test(code) || code.startsWith('SQLITE_'));
    if (!fromDatabase) throw error;
    const duplicate = code === '23505' || /UNIQUE constraint/.test(String(message));
    throw ValidationError.field(parameter, duplicate ? 'Chiave duplicata: un record con la stessa chiave primaria esiste già' : `Valore non accettato dal database: ${String(message).split('\n')[0]}`);
  }
}
