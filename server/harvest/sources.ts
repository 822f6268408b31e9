// Harvest sources: their input checks, their organization's admins, their jobs' creation and schedule.
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { CAN_MANAGE_ORG, requireLogin, requireOrgCapacity } from '../auth/policies';
import { GroupEntity } from '../catalogue/entities';
import { ActionContext } from '../core/context';
import { NotFound, ValidationError } from '../core/errors';
import { isoAt, nowIso } from '../db/columns';
import { enqueueJob } from '../jobs/enqueue';
import { JobEntity } from '../jobs/entities';
import { HarvestFrequency, HarvestJobEntity, HarvestObjectEntity, HarvestSourceEntity } from './entities';
import { Dict, presentSource } from './present';

export const HARVEST_JOB_TYPE = 'harvest.run';
export const HARVEST_QUEUE = 'harvest';
export const MANAGE_DENIED = "Solo gli amministratori dell'organizzazione della fonte (o di sistema) possono gestire le fonti di raccolta";

const DAY = 24 * 60 * 60 * 1000;
const INTERVALS: Record<HarvestFrequency, number | null> = {
  MANUAL: null, HOURLY: DAY / 24, DAILY: DAY, WEEKLY: 7 * DAY, BIWEEKLY: 14 * DAY, MONTHLY: 30 * DAY,
};

/** When a source of this frequency is due next, from `now`; null for MANUAL. */
export function nextRunAfter(frequency: HarvestFrequency, now: number): string | null {
  const interval = INTERVALS[frequency];
  return interval === null ? null : isoAt(now + interval);
}

/** ckanext-harvest's config: a JSON object's text ('' or absent: none). Anything else is a field error. */
export function parseSourceConfig(text: string | undefined | null): Dict {
  if (!text || !text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw ValidationError.field('config', `La configurazione non è JSON valido: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw ValidationError.field('config', 'La configurazione deve essere un oggetto JSON, per esempio {"owner_org": "ente"}');
  return value as Dict;
}

/** An active organization by id or name; a missing one is a field error on `field`. */
export async function organizationOf(manager: EntityManager, key: unknown, field = 'owner_org'): Promise<GroupEntity> {
  const name = typeof key === 'string' ? key : '';
  if (!name) throw ValidationError.field(field, "Scegli l'organizzazione");
  const rows = await manager.getRepository(GroupEntity).find({ where: [{ id: name, isOrganization: true }, { name, isOrganization: true }], take: 2 });
  const org = rows.find((g) => g.id === name) ?? rows[0];
  if (!org || org.state !== 'active') throw ValidationError.field(field, `Organizzazione inesistente: ${name}`);
  return org;
}

export async function findSource(manager: EntityManager, key: unknown): Promise<HarvestSourceEntity> {
  const id = String(key ?? '');
  const rows = id ? await manager.getRepository(HarvestSourceEntity).find({ where: [{ id }, { name: id }], take: 2 }) : [];
  const source = rows.find((s) => s.id === id) ?? rows[0];
  if (!source || source.state === 'deleted') throw new NotFound(`Fonte di raccolta non trovata: ${id}`);
  return source;
}

/** Sysadmins, and the admins of the source's organization. */
export async function requireSourceManager(ctx: ActionContext, orgId: string): Promise<void> {
  requireLogin(ctx);
  await requireOrgCapacity(ctx, orgId, CAN_MANAGE_ORG, MANAGE_DENIED);
}

export async function sourceDict(manager: EntityManager, source: HarvestSourceEntity): Promise<Dict> {
  const jobs = manager.getRepository(HarvestJobEntity);
  const [lastJob, jobCount, totalDatasets] = await Promise.all([
    jobs.findOne({ where: { sourceId: source.id }, order: { created: 'DESC', id: 'DESC' } }),
    jobs.countBy({ sourceId: source.id }),
    manager.getRepository(HarvestObjectEntity).countBy({ sourceId: source.id, current: true, state: 'active' }),
  ]);
  return presentSource(source, { lastJob, jobCount, totalDatasets });
}

/** A new harvest job for the source and the background job that runs it; refused while one is pending. */
const jobKey = (sourceId: string) => `harvest:${sourceId}`;

export async function createHarvestJob(manager: EntityManager, source: HarvestSourceEntity): Promise<HarvestJobEntity> {
  const pending = await manager.getRepository(HarvestJobEntity).findOneBy({ sourceId: source.id, status: In(['New', 'Running']) });
  // A job whose background job ended without closing it (it failed every attempt, or was cancelled) is over.
  if (pending && !(await manager.getRepository(JobEntity).existsBy({ uniqueKey: jobKey(source.id) }))) {
    await manager.getRepository(HarvestJobEntity).update({ id: pending.id }, { status: 'Finished', finished: nowIso(), gatherErrors: ['Raccolta interrotta: il lavoro in background non è andato a buon fine (vedi job_list)'] });
  } else if (pending) throw ValidationError.field('source_id', `C'è già una raccolta in corso o in attesa per questa fonte (${pending.id})`);
  const job = Object.assign(new HarvestJobEntity(), {
    id: randomUUID(), sourceId: source.id, status: 'New', added: 0, updated: 0, deleted: 0, errored: 0, created: nowIso(),
    gatherStarted: null, finished: null, gatherErrors: null, objectErrors: null, harvestedUntil: null,
  });
  await manager.getRepository(HarvestJobEntity).insert(job as never);
  await enqueueJob(manager, {
    type: HARVEST_JOB_TYPE, queue: HARVEST_QUEUE, key: jobKey(source.id), data: { harvestJobId: job.id },
    title: `Raccolta dalla fonte ${source.title || source.name}`,
  });
  return job;
}
