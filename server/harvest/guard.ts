// Harvested datasets belong to their source: only the harvester writes them, until they are detached
// (harvest_dataset_detach, or the source deleted). The catalogue's write rules ask here.
import { EntityManager } from 'typeorm';
import { ActionContext } from '../core/context';
import { NotAuthorized } from '../core/errors';
import { HarvestObjectEntity, HarvestSourceEntity } from './entities';

export interface HarvestOrigin {
  sourceId: string;
  sourceName: string;
  sourceTitle: string;
  sourceUrl: string;
  guid: string;
}

/** Where a dataset was harvested from, while harvesting owns it; null for a local (or detached) one. */
export async function harvestOriginOf(manager: EntityManager, packageId: string): Promise<HarvestOrigin | null> {
  const object = await manager.getRepository(HarvestObjectEntity).findOneBy({ packageId, current: true });
  if (!object) return null;
  const source = await manager.getRepository(HarvestSourceEntity).findOneBy({ id: object.sourceId });
  if (!source) return null;
  return { sourceId: source.id, sourceName: source.name, sourceTitle: source.title || source.name, sourceUrl: source.url, guid: object.guid };
}

/** Refuses a local change to a harvested dataset (the harvester's own writes pass). */
export async function refuseIfHarvested(ctx: ActionContext, packageId: string): Promise<void> {
  if (ctx.harvesting) return;
  const origin = await harvestOriginOf(ctx.services.db.manager, packageId);
  if (!origin) return;
  throw new NotAuthorized(`Questo dataset è raccolto dalla fonte «${origin.sourceTitle}» (${origin.sourceUrl}): si modifica alla fonte, e la prossima raccolta sovrascriverebbe le modifiche fatte qui. Per modificarlo in questo portale, staccalo prima dalla fonte (harvest_dataset_detach).`);
}
