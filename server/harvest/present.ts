// Harvest sources and jobs as ckanext-harvest's API shows them.
import { HarvestJobEntity, HarvestSourceEntity } from './entities';

export type Dict = Record<string, unknown>;

/** harvest_job_show: status, ckanext-harvest's `stats` and the errors of the job and its objects. */
export function presentJob(job: HarvestJobEntity): Dict {
  return {
    id: job.id, source_id: job.sourceId, harvest_source_id: job.sourceId, status: job.status,
    created: job.created, gather_started: job.gatherStarted, finished: job.finished,
    stats: { added: job.added, updated: job.updated, deleted: job.deleted, errored: job.errored },
    gather_errors: (job.gatherErrors ?? []).map((message) => ({ message })),
    object_errors: job.objectErrors ?? [],
  };
}

/** harvest_source_show: the source, its config as the JSON text it was given, and its status. */
export function presentSource(source: HarvestSourceEntity, status: { lastJob: HarvestJobEntity | null; jobCount: number; totalDatasets: number }): Dict {
  return {
    id: source.id, name: source.name, title: source.title, notes: source.description, url: source.url,
    source_type: source.sourceType, frequency: source.frequency, config: source.config, owner_org: source.ownerOrg,
    active: source.active, state: source.state, type: 'harvest', metadata_created: source.created, next_run: source.nextRun,
    status: {
      job_count: status.jobCount, total_datasets: status.totalDatasets,
      last_job: status.lastJob ? presentJob(status.lastJob) : null,
    },
  };
}
