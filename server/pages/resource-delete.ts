// Deleting a resource: a confirmation page (GET) and the POST that calls resource_delete.
// A link cannot delete anything: only the confirmed form, with its CSRF token, does.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { datasetCrumbs } from './dataset-pages';
import { actionContext, page, renderPage, requireEditor, t } from './page';
import { datasetAndResource } from './resource-pages';
import { setFlash } from './flash';
import { shownResourceName } from './resource-name';

function confirmPage(services: Services) {
  return page(async (req: Request, res: Response) => {
    const { dataset, resource } = await datasetAndResource(services, req);
    await requireEditor(services, req, dataset);
    const name = shownResourceName(req, resource);
    const base = `/dataset/${encodeURIComponent(dataset.name)}/resource/${resource.id}`;
    renderPage(req, res, 'resource/delete', {
      title: t(req, 'resource.delete.title'), form: true,
      warning: t(req, 'resource.delete.warning', { name }),
      action: `${base}/delete`, cancelHref: base,
      breadcrumbs: datasetCrumbs(req, dataset, [{ label: name, href: base }, { label: t(req, 'resource.delete') }]),
    });
  });
}

function deleteResource(services: Services) {
  return page(async (req: Request, res: Response) => {
    const { dataset, resource } = await datasetAndResource(services, req);
    // resource_delete's own rule decides who may delete: the page adds no second opinion.
    await runAction('resource_delete', actionContext(services, req), { id: resource.id });
    setFlash(req, 'success', t(req, 'flash.resource_deleted', { name: shownResourceName(req, resource) }));
    res.redirect(303, `/dataset/${encodeURIComponent(dataset.name)}`);
  });
}

export function resourceDeletePages(services: Services): Router {
  const router = Router();
  router.get('/dataset/:name/resource/:id/delete', confirmPage(services));
  router.post('/dataset/:name/resource/:id/delete', deleteResource(services));
  return router;
}
