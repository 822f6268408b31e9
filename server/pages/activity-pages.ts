// Who changed what and when: one dataset's history (/dataset/activity/NAME) and the whole site's
// (/activity), newest first, with CKAN's "newer / older" links over offset and limit.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { datasetCrumbs } from './dataset-pages';
import { actionContext, page, renderPage, t } from './page';
import { offsetParam } from './pagination';

const PAGE_SIZE = 20;

function activityLabel(req: Request, type: string): string {
  return ['new package', 'changed package', 'deleted package'].includes(type) ? t(req, `activity.${type}`) : t(req, 'activity.other');
}

function paging(urlAt: (offset: number) => string, offset: number, hasOlder: boolean) {
  if (!hasOlder && offset === 0) return null;
  return {
    newer: offset > 0 ? urlAt(Math.max(0, offset - PAGE_SIZE)) : null,
    older: hasOlder ? urlAt(offset + PAGE_SIZE) : null,
  };
}

/** One row more than shown tells whether an "older" page exists without counting them all. */
async function activityPage(req: Request, list: (offset: number, limit: number) => Promise<any[]>, urlAt: (offset: number) => string) {
  const offset = offsetParam(req.query.offset);
  const rows = await list(offset, PAGE_SIZE + 1);
  const shown = rows.slice(0, PAGE_SIZE);
  // Newest first: a dataset whose latest change here is its deletion gets no link (it would be a 404).
  const latestType = new Map<string, string>();
  for (const a of shown) if (!latestType.has(a.object_id)) latestType.set(a.object_id, a.activity_type);
  const activities = shown.map((a) => {
    const pkg = a.data?.package ?? {};
    const gone = latestType.get(a.object_id) === 'deleted package';
    return {
      ...a,
      label: activityLabel(req, a.activity_type),
      datasetTitle: pkg.title || pkg.name || '',
      datasetHref: !gone && pkg.name ? `/dataset/${encodeURIComponent(pkg.name)}` : null,
    };
  });
  return { activities, paging: paging(urlAt, offset, rows.length > PAGE_SIZE) };
}

function datasetActivity(services: Services) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const dataset = await runAction('package_show', ctx, { id: String(req.params.name) });
    const base = `/dataset/activity/${encodeURIComponent(dataset.name)}`;
    const view = await activityPage(req, (offset, limit) => runAction('package_activity_list', ctx, { id: dataset.id, offset, limit }),
      (at) => (at > 0 ? `${base}?offset=${at}` : base));
    renderPage(req, res, 'dataset/activity', {
      title: `${t(req, 'dataset.activity')}: ${dataset.title || dataset.name}`,
      breadcrumbs: datasetCrumbs(req, dataset, [{ label: t(req, 'dataset.activity') }]),
      dataset,
      ...view,
    });
  });
}

function siteActivity(services: Services) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const view = await activityPage(req, (offset, limit) => runAction('recently_changed_packages_activity_list', ctx, { offset, limit }),
      (at) => (at > 0 ? `/activity?offset=${at}` : '/activity'));
    renderPage(req, res, 'activity/site', { title: t(req, 'activity.site.title'), breadcrumbs: [{ label: t(req, 'activity.site.title') }], ...view });
  });
}

export function activityPages(services: Services): Router {
  const router = Router();
  router.get('/dataset/activity/:name', datasetActivity(services));
  router.get('/activity', siteActivity(services));
  return router;
}
