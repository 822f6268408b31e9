// The registry of job types, like the actions': a job type is a plain object with a name (`type`), a
// title and a `run` function; one without `run` cannot be defined. Periodic jobs also say how often
// (`every`): every runner keeps one instance of them pending, shared by all the app instances.
import { ActionContext } from '../core/context';
import { JobProgress } from './entities';

/** What a running job is told about itself. */
export interface JobRun<D = Record<string, unknown>> {
  id: string;
  type: string;
  title: string;
  data: D;
  /** 1 on the first try; a retry or a job resumed after a crash has a higher number. */
  attempt: number;
  maxAttempts: number;
  /** The progress the last attempt saved: a resumed job may skip what is already done. */
  progress: JobProgress | null;
}

/**
 * What a job reports through, and where it stops. Every call is a checkpoint: it lets the event loop
 * breathe, and it throws when the job was cancelled or its runner is stopping, so the job ends there.
 */
export interface JobReport {
  /** Saves the progress (throttled) and is a checkpoint. */
  progress(done: number, total?: number | null, message?: string): Promise<void>;
  /** A checkpoint without news. */
  checkpoint(): Promise<void>;
  /** True once an administrator asked to cancel the job: a handler may stop cleanly and return. */
  cancelled(): boolean;
}

export interface JobDefinition<D = any, R = unknown> {
  /** Dotted name, e.g. "files.sweep" or "datastore.load". */
  type: string;
  /** Shown in job_list, in Italian. */
  title: string;
  run: (ctx: ActionContext, job: JobRun<D>, report: JobReport) => Promise<R>;
  /** Queue name (default "default"): a runner may serve some queues only. */
  queue?: string;
  /** Tries before the job is marked failed (default 3). */
  maxAttempts?: number;
  /** Periodic jobs: milliseconds between the end of a run and the next one. */
  every?: number;
}

const registry = new Map<string, JobDefinition>();

export const DEFAULT_QUEUE = 'default';
export const DEFAULT_MAX_ATTEMPTS = 3;

export function defineJob<D, R>(definition: JobDefinition<D, R>): JobDefinition<D, R> {
  if (typeof definition.run !== 'function') throw new Error(`job ${definition.type} has no run function`);
  if (!/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/.test(definition.type)) throw new Error(`job type "${definition.type}" is not a dotted lower-case name`);
  if (definition.every !== undefined && !(definition.every > 0)) throw new Error(`job ${definition.type}: every must be a positive number of milliseconds`);
  return definition;
}

export function registerJobs(definitions: JobDefinition[]): void {
  for (const definition of definitions) {
    if (registry.has(definition.type)) throw new Error(`job ${definition.type} registered twice`);
    registry.set(definition.type, defineJob(definition));
  }
}

export function getJobType(type: string): JobDefinition | undefined {
  return registry.get(type);
}

export function jobTypes(): string[] {
  return [...registry.keys()].sort();
}

export function periodicJobs(): JobDefinition[] {
  return [...registry.values()].filter((definition) => definition.every !== undefined);
}

/** The key that keeps one instance of a periodic job pending. */
export function periodicKey(type: string): string {
  return `periodic:${type}`;
}
