// Reading datasets: the list (dataset-search.ts), one dataset with its resources, its activity.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { datasetSearchPage } from './dataset-search';
import { renderMarkdown } from './markdown';
import { actionContext, canEditDataset, localHref, page, renderPage, t } from './page';

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

export function datasetPages(services: Services): Router {
  const router = Router();
  router.get('/dataset', datasetSearchPage(services));
  router.get('/dataset/:name', showDataset(services));
  return router;
}
