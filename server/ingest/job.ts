// The job `datastore.load`: reads the resource's current file (or its linked file, fetched: link.ts)
// and loads it into its DataStore table, recording status, progress, report and dictionary in
// resource_load. A file that is no table ends the load as `failure` (the job itself finishes: retrying
// cannot help); anything else is `error` and the job retries. A run after a restart starts the file again: the previous table stays until commit.
import { Services } from '../core/context';
import { nowIso } from '../db/columns';
import { JobCancelled, JobInterrupted } from '../jobs/errors';
import { defineJob, JobReport } from '../jobs/registry';
import { ResourceEntity, ResourceFileEntity } from '../catalogue/entities';
import { setDatastoreActive } from '../catalogue/datastore-flag';
import { ResourceLoadEntity } from './entities';
import { IngestError } from './errors';
import { downloadLinked, linkHostAllowed } from './link';
import { loadFile } from './load';
import { formatOf } from './open';
import { loadRow, updateLoad } from './state';
import { TableFormat } from './source';

export const LOAD_JOB = 'datastore.load';
const MAX_FILE_CHANGES = 3;
const PROGRESS_WRITE_MS = 1000;

/** What to load: an uploaded file, or a linked one on an allowed host (fetched by the job, link.ts). */
interface Target { resource: ResourceEntity; file: ResourceFileEntity | null; url: string | null; format: TableFormat }

class NothingToLoad extends IngestError {}

/** What a resource's load reads: its current file, or its address; a new one means the load must run again. */
function versionOf(resource: ResourceEntity): string | null {
  return resource.urlType === 'upload' ? resource.currentFileId : resource.url;
}

async function currentTarget(services: Services, resourceId: string): Promise<Target> {
  const resource = await services.db.getRepository(ResourceEntity).findOneBy({ id: resourceId });
  if (!resource || resource.state !== 'active') throw new NothingToLoad('unsupported-format', 'La risorsa non esiste più.', 'The resource no longer exists.');
  if (resource.urlType !== 'upload') return linkedTarget(services, resource);
  const file = resource.currentFileId ? await services.db.getRepository(ResourceFileEntity).findOneBy({ id: resource.currentFileId }) : null;
  if (!file) throw new NothingToLoad('unsupported-format', 'La risorsa non ha un file caricato da leggere.', 'The resource has no uploaded file to read.');
  return { resource, file, url: null, format: targetFormat(resource, file.filename) };
}

function linkedTarget(services: Services, resource: ResourceEntity): Target {
  if (!linkHostAllowed(resource.url, services.config.ingestUrlHosts)) {
    throw new NothingToLoad('unsupported-format', 'La risorsa collega un indirizzo il cui host non è tra quelli da caricare nel DataStore (CATALOGO_INGEST_URL_HOSTS).',
      'The resource links an address whose host is not among those loaded into the DataStore (CATALOGO_INGEST_URL_HOSTS).');
  }
  return { resource, file: null, url: resource.url, format: targetFormat(resource, new URL(resource.url).pathname) };
}

function targetFormat(resource: ResourceEntity, name: string): TableFormat {
  const format = formatOf(resource.format) ?? formatOf(name);
  if (!format) throw new NothingToLoad('unsupported-format', `Il formato ${resource.format || 'sconosciuto'} non si carica nel DataStore: servono CSV, TSV, JSON o XLSX.`, `The format ${resource.format || 'unknown'} does not load into the DataStore: CSV, TSV, JSON or XLSX are needed.`);
  return format;
}

function progressWriter(services: Services, resourceId: string, report: JobReport) {
  let lastWrite = 0;
  return async (rows: number, bytesRead: number, size: number) => {
    const percent = size > 0 ? Math.min(100, Math.floor((bytesRead / size) * 100)) : 100;
    if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) {
      lastWrite = Date.now();
      await updateLoad(services.db, resourceId, { rowsRead: rows, percent });
    }
    await report.progress(rows, null, `${rows} righe lette (${percent}%)`);
  };
}

async function loadOnce(services: Services, target: Target, jobId: string, report: JobReport) {
  const id = target.resource.id;
  const overrides = (await loadRow(services.db, id))?.overrides ?? {};
  await updateLoad(services.db, id, { status: 'running', fileId: target.file?.id ?? null, jobId, format: target.format, started: nowIso(), rowsRead: 0, percent: 0, error: null, errorEn: null });
  const load = (path: string) => loadFile({ store: services.datastore, resourceId: id, path, format: target.format, overrides, onProgress: progressWriter(services, id, report) });
  const { outcome, source } = target.file
    ? { outcome: await load(services.files.pathOf(target.file.storageKey)), source: undefined }
    : await services.files.withTempFile(async (path) => {
      const fetched = await downloadLinked(services.config, target.url!, path);
      return { outcome: await load(path), source: fetched };
    });
  const { report: validation, schema } = outcome.analysis;
  if (source) validation.read.source = source;
  // The flag before the status: a client that reads `success` must find the resource datastore_active.
  await setDatastoreActive(services, id, true);
  await updateLoad(services.db, id, {
    status: 'success', rows: outcome.rows, columns: schema.fields.length, rowsRead: validation.read.rows, percent: 100,
    encoding: validation.read.encoding, delimiter: validation.read.delimiter, report: validation, dictionary: schema, finished: nowIso(),
  });
  return { status: 'success', rows: outcome.rows, passes: outcome.passes };
}

export async function runLoad(services: Services, resourceId: string, jobId: string, report: JobReport): Promise<Record<string, unknown>> {
  try {
    for (let change = 0; ; change += 1) {
      const target = await currentTarget(services, resourceId);
      const result = await loadOnce(services, target, jobId, report);
      // A new file uploaded (or address set) while this one loaded: its own job found this one pending, so load it here.
      const now = await services.db.getRepository(ResourceEntity).findOneBy({ id: resourceId });
      if (!now || versionOf(now) === versionOf(target.resource) || change + 1 >= MAX_FILE_CHANGES) return result;
    }
  } catch (error) {
    if (error instanceof IngestError) {
      const report = (error.report ?? null) as ResourceLoadEntity['report'];
      await updateLoad(services.db, resourceId, { status: 'failure', error: error.message, errorEn: error.messageEn, report, finished: nowIso() });
      return { status: 'failure', reason: error.code };
    }
    if (error instanceof JobInterrupted) await updateLoad(services.db, resourceId, { status: 'pending' });
    else {
      const message = error instanceof JobCancelled ? 'Caricamento annullato.' : `Errore interno durante il caricamento: ${(error as Error).message}`;
      await updateLoad(services.db, resourceId, { status: 'error', error: message, errorEn: null, finished: nowIso() });
    }
    throw error;
  }
}

export const datastoreLoadJob = defineJob<{ resourceId: string }, Record<string, unknown>>({
  type: LOAD_JOB,
  title: 'Caricamento di un file nel DataStore',
  maxAttempts: 3,
  run: (ctx, job, report) => runLoad(ctx.services, job.data.resourceId, job.id, report),
});
