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
import { organizationOf, parseSourceConfig } from './sources';

const MAX_KEPT_ERRORS = 500;

async function lastCompleteJob(ctx: ActionContext, sourceId: string, exceptId: string): Promise<HarvestJobEntity | null> {
  const jobs = await ctx.services.db.getRepository(HarvestJobEntity).find({ where: { sourceId, status: 'Finished' }, order: { created: 'DESC' }, take: 5 });
  return jobs.find((job) => job.id !== exceptId && !job.gatherErrors?.length) ?? null;
}

/** The organization that owns the harvested datasets: the config's `owner_org`, else the source's. */
async function ownerOrgFor(ctx: ActionContext, source: HarvestSourceEntity): Promise<string> {
  const config = parseSourceConfig(source.config);
  return config.owner_org ? (await organizationOf(ctx.services.db.manager, config.owner_org, 'config')).id : source.ownerOrg;
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

function gatherer(source: HarvestSourceEntity, since: string | null, guard: GuardOptions): Gathering {
  if (source.sourceType === 'ckan') return { records: ckanRecords(source.url, since, guard), listing: () => ckanRemoteIds(source.url, guard) };
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

export async function runHarvestJob(baseCtx: ActionContext, harvestJobId: string, report: JobReport): Promise<Record<string, unknown>> {
  const jobs = baseCtx.services.db.getRepository(HarvestJobEntity);
  const job = await jobs.findOneBy({ id: harvestJobId });
  if (!job || job.status === 'Finished') return { skipped: true };
  const source = await baseCtx.services.db.getRepository(HarvestSourceEntity).findOneByOrFail({ id: job.sourceId });
  const ctx: ActionContext = { services: baseCtx.services, user: await siteUser(baseCtx.services), harvesting: true };
  await inTransaction(ctx.services.db, (m) => m.getRepository(HarvestJobEntity).update({ id: job.id }, { status: 'Running', gatherStarted: job.gatherStarted ?? nowIso() }));
  const guard: GuardOptions = { allowPrivate: ctx.services.config.harvestAllowPrivate };
  const previous = await lastCompleteJob(ctx, source.id, job.id);
  const since = source.sourceType === 'ckan' ? previous?.harvestedUntil ?? null : null;
  const watermark = new Watermark(since);
  try {
    const target: HarvestTarget = {
      sourceId: source.id, jobId: job.id, ownerOrg: await ownerOrgFor(ctx, source), remoteOrgs: parseSourceConfig(source.config).remote_orgs === true,
    };
    const gathering = gatherer(source, since, guard);
    let done = 0;
    for await (const record of gathering.records) {
      const outcome = await applyRecord(ctx, target, record);
      if (source.sourceType === 'ckan') watermark.see(record.hash, outcome === 'errored');
      done += 1;
      await report.progress(done, null, `${done} dataset letti`);
    }
    await deleteMissing(ctx, target, await gathering.listing(), () => report.checkpoint());
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
