// HTML pages, Italian first, at CKAN's URLs. Every read and write goes through runAction; errors
// become pages here: NotFound → 404, NotAuthorized → 403 (or login), ValidationError → the form again.
import express, { NextFunction, Request, Response, Router } from 'express';
import { Services } from '../core/context';
import { BadRequest, NotAuthorized, NotFound, ValidationError } from '../core/errors';
import { activityPages } from './activity-pages';
import { csrfProtection, isCsrfError } from './csrf';
import { datasetFormPages } from './dataset-forms';
import { datasetPages } from './dataset-pages';
import { developersPage } from './developers-page';
import { harvestPages } from './harvest-pages';
import { homePage } from './home';
import { chooseLanguage, detectLanguage } from '../i18n';
import { organizationPages } from './organization-pages';
import { loginRedirect, renderPage, t } from './page';
import { resourceDeletePages } from './resource-delete';
import { resourcePages } from './resource-pages';
import { resourceReadPages } from './resource-read';
import { siteFiles } from './site-files';
import { userPages } from './user-pages';

export function pagesRouter(services: Services): Router {
  const router = Router();
  router.use(siteFiles(services));
  router.use(chooseLanguage);
  // Multipart bodies are left alone here: the resource forms stream them to the file store.
  router.use(express.urlencoded({ extended: false, limit: '1mb' }));
  router.use(csrfProtection);
  router.get('/', homePage(services));
  router.use(userPages(services));
  router.use(datasetFormPages(services));
  router.use(resourcePages(services));
  router.use(resourceReadPages(services));
  router.use(resourceDeletePages(services));
  router.use(activityPages(services));
  router.use(datasetPages(services));
  router.use(organizationPages(services));
  router.use(developersPage(services));
  router.use(harvestPages(services));
  router.use((req: Request, res: Response) => renderErrorPage(req, res, 404, null));
  router.use(pageErrors);
  return router;
}

function pageErrors(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (isCsrfError(error)) return renderErrorPage(req, res, 403, error);
  if (error instanceof NotAuthorized) {
    if (!req.actor && req.method === 'GET') return loginRedirect(req, res);
    return renderErrorPage(req, res, 403, error);
  }
  if (error instanceof NotFound) return renderErrorPage(req, res, 404, error);
  // Bad input that reached no form (a hand-edited URL): a 400 page, never a 500.
  if (error instanceof ValidationError || error instanceof BadRequest) return renderErrorPage(req, res, 400, error);
  next(error);
}

const KNOWN_STATUSES = new Set([400, 403, 404, 429, 500]);

export function renderErrorPage(req: Request, res: Response, status: number, _error: unknown): void {
  req.lang ??= detectLanguage(req);
  const key = KNOWN_STATUSES.has(status) ? status : status >= 500 ? 500 : 400;
  try {
    renderPage(req, res, 'error/error', {
      title: t(req, `error.${key}.title`),
      text: t(req, `error.${key}.text`),
      status,
    }, status);
  } catch (renderError) {
    // The error page itself failed (a broken template): plain text rather than nothing.
    console.error(renderError);
    if (!res.headersSent) res.status(status).type('text/plain').send(t(req, `error.${key}.title`));
  }
}
