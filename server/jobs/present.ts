// A job as the API shows it: CKAN's dict (ckan/lib/jobs.py dictize_job: id, title, created, queue),
// then what our jobs add (type, status, progress, attempts, error, result...).
import { JobEntity } from './entities';

/** CKAN prints job times to the second: "2025-01-31T09:00:00". */
function ckanTime(iso: string | null): string | null {
  return iso === null ? null : iso.slice(0, 19);
}

export function presentJob(job: JobEntity) {
  return {
    id: job.id,
    title: job.title,
    created: ckanTime(job.created),
    queue: job.queue,
    type: job.type,
    status: job.status,
    progress: job.progress,
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    run_at: ckanTime(job.runAt),
    started: ckanTime(job.started),
    finished: ckanTime(job.finished),
    updated: ckanTime(job.updated),
    cancel_requested: job.cancelRequested,
    error: job.error,
    result: job.result ?? null,
    data: job.data ?? {},
  };
}

export type JobDict = ReturnType<typeof presentJob>;
