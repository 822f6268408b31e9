// Putting a resource's load in the queue, in the transaction that writes the resource: one pending load
// per resource (the job key), the resource_load row marked pending with the editor's corrections kept.
import { EntityManager } from 'typeorm';
import { ActionContext } from '../core/context';
import { ResourceEntity, ResourceFileEntity } from '../catalogue/entities';
import { ValidationError } from '../core/errors';
import { inTransaction } from '../db/transaction';
import { enqueueJob } from '../jobs/enqueue';
import { runJobNow } from '../jobs/run-now';
import { LOAD_JOB } from './job';
import { linkHostAllowed } from './link';
import { loadRow, markPending } from './state';

/** Formats whose uploads become DataStore tables (resource.format, as resolved from the file's name). */
export const LOADABLE_FORMATS = new Set(['CSV', 'TSV', 'JSON', 'XLSX', 'GEOJSON']);

export interface ScheduledLoad {
  resourceId: string;
  jobId: string;
  /** Small enough to load before the call returns. */
  inline: boolean;
}

export function isLoadable(resource: ResourceEntity): boolean {
  return resource.urlType === 'upload' && !!resource.currentFileId && LOADABLE_FORMATS.has(resource.format.toUpperCase());
}

/** A link (not an upload) to a table on a host whose links load into the DataStore (link.ts). */
export function isLoadableLink(resource: ResourceEntity, hosts: string[]): boolean {
  return resource.urlType !== 'upload' && LOADABLE_FORMATS.has(resource.format.toUpperCase()) && linkHostAllowed(resource.url, hosts);
}

export type LinkState = Pick<ResourceEntity, 'url' | 'format' | 'urlType'>;

/** What decides a link's load, taken before a write changes the resource in place. */
export const linkStateOf = (resource: ResourceEntity | undefined): LinkState | null =>
  (resource ? { url: resource.url, format: resource.format, urlType: resource.urlType } : null);

/** A link is loaded when it is new or points elsewhere (or at another format) than before. */
function linkChanged(resource: ResourceEntity, before: LinkState | null): boolean {
  return !before || before.url !== resource.url || before.format !== resource.format || before.urlType !== resource.urlType;
}

/**
 * Queues the load of a linked table on an allowed host (link.ts) when the link is new or changed, in
 * the transaction that writes the resource; the job fetches it, never the request.
 */
export async function scheduleLinkLoad(m: EntityManager, hosts: string[], resource: ResourceEntity, before: LinkState | null): Promise<void> {
  if (isLoadableLink(resource, hosts) && linkChanged(resource, before)) await scheduleLoad(m, resource, Infinity, 0);
}

export async function scheduleLoad(m: EntityManager, resource: ResourceEntity, size: number, inlineMaxBytes: number): Promise<ScheduledLoad> {
  const job = await enqueueJob(m, { type: LOAD_JOB, data: { resourceId: resource.id }, key: `${LOAD_JOB}:${resource.id}`, title: `Caricamento nel DataStore della risorsa ${resource.id}` });
  await markPending(m, resource.id, resource.currentFileId, job.id);
  return { resourceId: resource.id, jobId: job.id, inline: size <= inlineMaxBytes };
}

const INLINE_WAIT_MS = 60_000;
const TERMINAL = new Set(['success', 'failure', 'error']);

/**
 * Runs a small file's load now, in this request; if a runner took the job first, waits (bounded) for it
 * to end, so that the upload call returns with the load done either way.
 */
export async function runInlineLoad(ctx: ActionContext, load: ScheduledLoad): Promise<void> {
  if (!load.inline) return;
  if (await runJobNow(ctx, load.jobId)) return;
  const until = Date.now() + INLINE_WAIT_MS;
  while (Date.now() < until) {
    const row = await loadRow(ctx.services.db, load.resourceId);
    if (!row || TERMINAL.has(row.status)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Loads the resource's current file again (after a dictionary change, or on request): queued, and run now if small. */
export async function reloadResource(ctx: ActionContext, resourceId: string): Promise<void> {
  const load = await inTransaction(ctx.services.db, async (m) => {
    const resource = await m.getRepository(ResourceEntity).findOneBy({ id: resourceId });
    const link = !!resource && isLoadableLink(resource, ctx.services.config.ingestUrlHosts);
    if (!resource || (!isLoadable(resource) && !link)) {
      throw ValidationError.field('resource_id', 'La risorsa non ha un file CSV, TSV, JSON o XLSX caricato da leggere nel DataStore');
    }
    // A linked file is fetched by the job, never in the request.
    if (link) return scheduleLoad(m, resource, Infinity, ctx.services.config.ingestInlineMaxBytes);
    const file = await m.getRepository(ResourceFileEntity).findOneByOrFail({ id: resource.currentFileId! });
    return scheduleLoad(m, resource, file.size, ctx.services.config.ingestInlineMaxBytes);
  });
  await runInlineLoad(ctx, load);
}
