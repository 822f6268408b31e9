// Everything the resource page shows about the data inside the file: the load's progress and report,
// the preview table, the dictionary with its profile, the API box. Each part comes from an action and
// is left out when that action is missing or has nothing for this resource.
import 'express-session';
import { Request } from 'express';
import { Services } from '../core/context';
import { apiBoxView } from './resource-api-box';
import { optionalAction } from './resource-actions';
import { columnProfiles, dictionaryView } from './resource-dictionary';
import { previewView } from './resource-preview';
import { LoadCause, loadFlash, reportView, Validation } from './resource-report';
import { actionContext, t } from './page';

declare module 'express-session' {
  interface SessionData {
    /** The resource this editor just uploaded a file to (or corrected the dictionary of): its page announces the load's outcome. */
    loadAnnouncement?: { resourceId: string; cause: LoadCause };
  }
}

/** After an editor's upload or dictionary correction: the resource page will say how the load went (a flash message). */
export function announceLoad(req: Request, resourceId: string, cause: LoadCause): void {
  if (req.session) req.session.loadAnnouncement = { resourceId, cause };
}

/** The upload announcement, kept in the session until the load has an outcome to announce. */
function takeFlash(req: Request, resourceId: string, validation: Validation | null) {
  const announcement = req.session?.loadAnnouncement;
  if (!announcement || announcement.resourceId !== resourceId) return null;
  const running = validation?.status === 'pending' || validation?.status === 'running';
  if (!running) delete req.session.loadAnnouncement;
  return loadFlash(req, validation, announcement.cause);
}

/** How often the page's script asks for the load's progress while it runs. */
const POLL_MILLISECONDS = 1500;

export async function resourceDataView(services: Services, req: Request, dataset: Record<string, any>, resource: Record<string, any>, base: string) {
  const ctx = actionContext(services, req);
  const validation = await optionalAction<Validation>('resource_validation_show', ctx, { id: resource.id });
  const preview = await previewView(req, ctx, resource, base);
  const profiles = preview ? await columnProfiles(ctx, resource.id, preview.fields, `${dataset.metadata_modified ?? ''}|${preview.total}`) : null;
  const report = validation ? reportView(req, validation) : null;
  return {
    report,
    poll: report?.running ? {
      url: `/api/3/action/resource_validation_show?id=${encodeURIComponent(resource.id)}`,
      interval: POLL_MILLISECONDS,
      // The script fills these in as the page did: the same words, from the same strings.
      rowsPercent: t(req, 'progress.rows_percent'),
      rows: t(req, 'progress.rows'),
    } : null,
    refreshHref: base,
    flash: takeFlash(req, resource.id, validation),
    preview,
    dictionary: preview ? dictionaryView(req, preview.fields, profiles) : null,
    api: preview ? apiBoxView(services.config.siteUrl, resource.id, preview.fields, preview.firstRecord) : null,
  };
}
