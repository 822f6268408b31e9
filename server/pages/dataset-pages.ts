// Reading datasets: the list (dataset-search.ts), one dataset with its resources, its activity.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { datasetSearchPage } from './dataset-search';
import { renderMarkdown } from './markdown';
import { actionContext, canEditDataset, localHref, page, renderPage, t } from './page';
import { offsetParam } from './pagination';

export function datasetCrumbs(req: Request, dataset: Record<string, any>, more: { label: string; href?: string }[] = []) {
  return [
    { label: t(req, 'nav.datasets'), href: '/dataset' },
    more.length ? { label: dataset.title || dataset.name, href: `/dataset/${encodeURIComponent(dataset.name)}` } : { label: dataset.title || dataset.name },
    ...more,
  ];
}

function showDataset(services: Services) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const dataset = await runAction('package_show', ctx, { id: String(req.params.name) });
    renderPage(req, res, 'dataset/read', {
      title: dataset.title || dataset.name,
      breadcrumbs: datasetCrumbs(req, dataset),
      dataset,
      resources: (dataset.resources as any[]).map((r) => ({ ...r, href: localHref(services, r.url) })),
      notesHtml: renderMarkdown(dataset.notes),
      canEdit: await canEditDataset(services, req, dataset),
    });
  });
}

function activityLabel(req: Request, type: string): string {
  return ['new package', 'changed package', 'deleted package'].includes(type) ? t(req, `activity.${type}`) : t(req, 'activity.other');
}

const ACTIVITY_PAGE_SIZE = 20;

/** CKAN's "newer / older" links over offset and limit: newest first, so "older" moves the offset on. */
function activityPaging(datasetName: string, offset: number, hasOlder: boolean) {
  const url = (at: number) => `/dataset/activity/${encodeURIComponent(datasetName)}${at > 0 ? `?offset=${at}` : ''}`;
  if (!hasOlder && offset === 0) return null;
  return {
    newer: offset > 0 ? url(Math.max(0, offset - ACTIVITY_PAGE_SIZE)) : null,
    older: hasOlder ? url(offset + ACTIVITY_PAGE_SIZE) : null,
  };
}

function showActivity(services: Services) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const dataset = await runAction('package_show', ctx, { id: String(req.params.name) });
    const offset = offsetParam(req.query.offset);
    // One row more than shown: it tells whether an "older" page exists without counting them all.
    const rows = await runAction<any[]>('package_activity_list', ctx, { id: dataset.id, offset, limit: ACTIVITY_PAGE_SIZE + 1 });
    const activities = rows.slice(0, ACTIVITY_PAGE_SIZE);
    renderPage(req, res, 'dataset/activity', {
      title: `${t(req, 'dataset.activity')}: ${dataset.title || dataset.name}`,
      breadcrumbs: datasetCrumbs(req, dataset, [{ label: t(req, 'dataset.activity') }]),
      dataset,
      activities: activities.map((a) => ({ ...a, label: activityLabel(req, a.activity_type) })),
      paging: activityPaging(dataset.name, offset, rows.length > ACTIVITY_PAGE_SIZE),
    });
  });
}

export function datasetPages(services: Services): Router {
  const router = Router();
  router.get('/dataset', datasetSearchPage(services));
  router.get('/dataset/activity/:name', showActivity(services));
  router.get('/dataset/:name', showDataset(services));
  return router;
}
