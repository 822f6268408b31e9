// Who changed what and when: one dataset's history (/dataset/activity/NAME) and the whole site's
// (/activity), newest first, with CKAN's "newer / older" links over offset and limit.
import { Request, Response, Router } from 'express';
import { packageChanges } from '../activity/changes';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { activityLabel, changeSentences } from './activity-changes';
import { datasetChanges } from './dataset-changes';
import { datasetCrumbs } from './dataset-pages';
import { actionContext, page, renderPage, t } from './page';
import { offsetParam } from './pagination';

const PAGE_SIZE = 20;

/** The changes shown in a history row; the rest are on the activity's own page. */
const SHOWN_CHANGES = 5;

function paging(urlAt: (offset: number) => string, offset: number, hasOlder: boolean) {
  if (!hasOlder && offset === 0) return null;
  return {
    newer: offset > 0 ? urlAt(Math.max(0, offset - PAGE_SIZE)) : null,
    older: hasOlder ? urlAt(offset + PAGE_SIZE) : null,
  };
}

/**
 * What a change of a dataset did, against the activity before it (the next row, newest first): the
 * first sentences, how many more, or "details not available" when either version was not kept.
 */
function changeSummary(req: Request, activity: any, previous: any) {
  if (activity.activity_type !== 'changed package') return {};
  const [before, after] = [previous?.data?.package, activity.data?.package];
  if (!before || !after) return { unavailable: true };
  const sentences = changeSentences(req.lang ?? 'it', packageChanges(before, after));
  const hidden = sentences.length - SHOWN_CHANGES;
  const more = hidden === 1 ? t(req, 'change.more.one') : hidden > 1 ? t(req, 'change.more.many', { count: hidden }) : '';
  return { compared: true, changes: sentences.slice(0, SHOWN_CHANGES), moreChanges: more };
}

/** One row more than shown tells whether an "older" page exists without counting them all. */
async function activityPage(
  req: Request, list: (offset: number, limit: number) => Promise<any[]>, urlAt: (offset: number) => string, oneDataset = false,
) {
  const offset = offsetParam(req.query.offset);
  const rows = await list(offset, PAGE_SIZE + 1);
  const shown = rows.slice(0, PAGE_SIZE);
  // Newest first: a dataset whose latest change here is its deletion gets no link (it would be a 404).
  const latestType = new Map<string, string>();
  for (const a of shown) if (!latestType.has(a.object_id)) latestType.set(a.object_id, a.activity_type);
  const activities = shown.map((a, index) => {
    const pkg = a.data?.package ?? {};
    const gone = latestType.get(a.object_id) === 'deleted package';
    return {
      ...a,
      label: activityLabel(req.lang ?? 'it', a.activity_type),
      datasetTitle: pkg.title || pkg.name || '',
      datasetHref: !gone && pkg.name ? `/dataset/${encodeURIComponent(pkg.name)}` : null,
      // One dataset's rows follow each other, so the next row is the version before this one.
      ...(oneDataset ? changeSummary(req, a, rows[index + 1]) : {}),
      changesHref: a.activity_type === 'changed package' ? `/dataset/changes/${encodeURIComponent(a.id)}` : null,
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
      (at) => (at > 0 ? `${base}?offset=${at}` : base), true);
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
  router.get('/dataset/changes/:id', datasetChanges(services));
  return router;
}
