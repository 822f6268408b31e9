// The id of a new dataset, organization or group. A sysadmin may choose it, as in CKAN (its schemas:
// empty_if_not_sysadmin): that is how `ckanapi load` copies a catalogue with its ids, so that datasets
// still find their organization by id. Anyone else's id is ignored, as CKAN ignores it.
import { randomUUID } from 'node:crypto';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ActionContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { ResourceEntity } from './entities';

/** Plain ids only: UUIDs, or the letters, digits, dashes and underscores other catalogues use. */
const CHOSEN_ID = /^[A-Za-z0-9_-]{1,100}$/;

export async function newIdFor<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, ctx: ActionContext, requested: unknown): Promise<string> {
  if (!ctx.user?.sysadmin || typeof requested !== 'string' || requested === '') return randomUUID();
  if (!CHOSEN_ID.test(requested)) throw ValidationError.field('id', 'Id non valido: usa lettere, cifre, trattini o trattini bassi (al massimo 100)');
  if (await manager.getRepository(target).findOneBy({ id: requested } as never)) throw ValidationError.field('id', 'Questo id è già in uso');
  return requested;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The id of a new resource: the one a sysadmin gives when it is a UUID no resource has (CKAN's
 * uuid_validator and resource_id_does_not_exist), so that `ckanapi load` keeps resource ids too; else a
 * new one. An id taken is not an error: a client sending back a removed resource simply gets a new one.
 */
export async function newResourceId(manager: EntityManager, actor: { sysadmin: boolean }, requested: unknown): Promise<string> {
  if (!actor.sysadmin || typeof requested !== 'string' || !UUID.test(requested)) return randomUUID();
  const taken = await manager.getRepository(ResourceEntity).existsBy({ id: requested.toLowerCase() });
  return taken ? randomUUID() : requested.toLowerCase();
}
