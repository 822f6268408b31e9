// One harvest job, as the background job `harvest.run` runs it: gather the source's records page by
// page, apply each (records.ts) in its own small transactions, mark deleted what the source no longer
// lists, then write the job's counts. A record's fault stays with its object; a source that cannot be
// read ends the job with the reason. A resumed job skips the objects it already handled.
import { ActionContext } from '../core/context';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { JobCancelled, JobInterrupted } from '../jobs/errors';
import { JobReport } from '../jobs/registry';
import { siteUser } from '../seed/site-user';
import { ckanRecords, ckanRemoteIds } from './ckan';
import { dcatRecords } from './dcat';
import { HarvestJobEntity, HarvestObjectEntity, HarvestSourceEntity } from './entities';
import { GuardOptions } from '../net/fetch';
import { applyRecord, deleteMissing, describeError, HarvestRecord, HarvestTarget } from './records';
import { organizationOf } from './sources';
import { filterTerms, HarvestConfig, readHarvestConfig } from './config';

const MAX_KEPT_ERRORS = 500;

async function lastCompleteJob(ctx: ActionContext, sourceId: string, exceptId: string): Promise<HarvestJobEntity | null> {
  const jobs = await ctx.services.db.getRepository(HarvestJobEntity).find({ where: { sourceId, status: 'Finished' }, order: { created: 'DESC' }, take: 5 });
  return jobs.find((job) => job.id !== exceptId && !job.gatherErrors?.length) ?? null;
}

/** The organization that owns the harvested datasets: the config's `owner_org`, else the source's. */
async function ownerOrgFor(ctx: ActionContext, source: HarvestSourceEntity, config: HarvestConfig): Promise<string> {
  return config.ownerOrg ? (await organizationOf(ctx.services.db.manager, config.ownerOrg, 'config')).id : source.ownerOrg;
}

/**
 * ckanext-harvest's guard ("No datasets found at CKAN"): a source that now lists nothing, while this
 * source has harvested datasets, is taken for a broken source, not for one whose every dataset was
 * deleted. The job ends with the reason and nothing is deleted; a source really emptied is detached or
 * deleted by its administrator.
 */
async function emptyListingError(ctx: ActionContext, sourceId: string, listing: Set<string>): Promise<string | null> {
  if (listing.size) return null;
  const harvested = await ctx.services.db.getRepository(HarvestObjectEntity).countBy({ sourceId, current: true, state: 'active' });
  return harvested ? `La fonte non elenca alcun dataset: nessuno dei ${harvested} dataset raccolti è stato cancellato (una fonte guasta o vuota per errore non cancella il catalogo)` : null;
}

/**
 * Where the next incremental run of a CKAN source starts: the newest remote metadata_modified seen, but
 * never past a record that failed, so that it is read (and tried) again next time.
 */
class Watermark {
  private oldestFailed: string | null = null;

  constructor(private newest: string | null) {}

  see(modified: string, failed: boolean): void {
    if (!modified) return;
    if (!this.newest || modified > this.newest) this.newest = modified;
    if (failed && (!this.oldestFailed || modified < this.oldestFailed)) this.oldestFailed = modified;
  }

  get value(): string | null {
    return this.oldestFailed && (!this.newest || this.oldestFailed < this.newest) ? this.oldestFailed : this.newest;
  }
}

interface Gathering {
  records: AsyncIterable<HarvestRecord>;
  /** Every guid the source lists now, once the records are read (for deletions). */
  listing: () => Promise<Set<string>>;
}

function gatherer(source: HarvestSourceEntity, since: string | null, guard: GuardOptions, config: HarvestConfig): Gathering {
  if (source.sourceType === 'ckan') {
    const gather = { sourceUrl: source.url, guard, filters: filterTerms(config) };
    return { records: ckanRecords(gather, since), listing: () => ckanRemoteIds(gather) };
  }
  const seen = new Set<string>();
  async function* tracked(): AsyncGenerator<HarvestRecord> {
    for await (const record of dcatRecords(source.url, guard)) {
      seen.add(record.guid);
      yield record;
    }
  }
  return { records: tracked(), listing: async () => seen };
}

async function finish(ctx: ActionContext, job: HarvestJobEntity, gatherErrors: string[], harvestedUntil: string | null): Promise<Record<string, number>> {
  const objects = ctx.services.db.getRepository(HarvestObjectEntity);
  const count = (lastAction: HarvestObjectEntity['lastAction']) => objects.countBy({ lastJobId: job.id, lastAction });
  const [added, updated, deleted, errored] = await Promise.all([count('added'), count('updated'), count('deleted'), count('errored')]);
  const failed = await objects.find({ where: { lastJobId: job.id, lastAction: 'errored' }, take: MAX_KEPT_ERRORS, order: { guid: 'ASC' } });
  const objectErrors = failed.map((o) => ({ guid: o.guid, message: o.error ?? '' }));
  await inTransaction(ctx.services.db, (m) => m.getRepository(HarvestJobEntity).update({ id: job.id }, {
    status: 'Finished', finished: nowIso(), added, updated, deleted, errored, gatherErrors, objectErrors: objectErrors as never, harvestedUntil,
  }));
  return { added, updated, deleted, errored };
}

/** The outbound guard of a source's requests, with its api_key for its own address only. */
function guardFor(ctx: ActionContext, source: HarvestSourceEntity, config: HarvestConfig): GuardOptions {
  const guard: GuardOptions = { allowPrivate: ctx.services.config.harvestAllowPrivate };
  if (config.apiKey) guard.authorization = { origin: new URL(source.url).origin, value: config.apiKey };
  return guard;
}

export async function runHarvestJob(baseCtx: ActionContext, harvestJobId: string, report: JobReport): Promise<Record<string, unknown>> {
  const jobs = baseCtx.services.db.getRepository(HarvestJobEntity);
  const job = await jobs.findOneBy({ id: harvestJobId });
  if (!job || job.status === 'Finished') return { skipped: true };
  const source = await baseCtx.services.db.getRepository(HarvestSourceEntity).findOneByOrFail({ id: job.sourceId });
  const ctx: ActionContext = { services: baseCtx.services, user: await siteUser(baseCtx.services), harvesting: true };
  await inTransaction(ctx.services.db, (m) => m.getRepository(HarvestJobEntity).update({ id: job.id }, { status: 'Running', gatherStarted: job.gatherStarted ?? nowIso() }));
  const previous = await lastCompleteJob(ctx, source.id, job.id);
  let since: string | null = null;
  let watermark = new Watermark(null);
  try {
    const config = readHarvestConfig(source.config);
    const guard = guardFor(ctx, source, config);
    since = source.sourceType === 'ckan' && !config.forceAll ? previous?.harvestedUntil ?? null : null;
    watermark = new Watermark(since);
    const target: HarvestTarget = { sourceId: source.id, jobId: job.id, ownerOrg: await ownerOrgFor(ctx, source, config), config };
    const gathering = gatherer(source, since, guard, config);
    let done = 0;
    for await (const record of gathering.records) {
      const outcome = await applyRecord(ctx, target, record);
      if (source.sourceType === 'ckan') watermark.see(record.hash, outcome === 'errored');
      done += 1;
      await report.progress(done, null, `${done} dataset letti`);
    }
    const listing = await gathering.listing();
    const unsafe = await emptyListingError(ctx, source.id, listing);
    if (unsafe) return finish(ctx, job, [unsafe], previous?.harvestedUntil ?? null);
    await deleteMissing(ctx, target, listing, () => report.checkpoint());
  } catch (err) {
    if (err instanceof JobInterrupted) throw err;
    if (err instanceof JobCancelled) {
      await finish(ctx, job, ['Raccolta annullata su richiesta'], previous?.harvestedUntil ?? null);
      throw err;
    }
    return finish(ctx, job, [`Raccolta non riuscita: ${describeError(err)}`], previous?.harvestedUntil ?? null);
  }
  return finish(ctx, job, [], watermark.value);
}
