// The files every site is asked for at its root: /robots.txt (pointing at the sitemap of server/feeds)
// and /favicon.ico (the SVG icon is an asset, linked from the layout).
import { Request, Response, Router } from 'express';
import { Services } from '../core/context';
import { faviconIco } from './favicon-ico';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Public pages are open to crawlers; forms, accounts and the API are not (CKAN's own robots.txt keeps
 * robots off /api/ too): a crawler following links into package_search or the dumps only costs the
 * database. The API's documentation and this portal's developer page stay open.
 */
export function robotsText(siteUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Allow: /api/docs',
    'Disallow: /api/',
    'Disallow: /user/',
    'Disallow: /dataset/new',
    'Disallow: /dataset/edit/',
    'Disallow: /dataset/delete/',
    'Disallow: /dataset/*/resource/new',
    'Disallow: /dataset/*/resource/*/edit',
    'Disallow: /datastore/dump/',
    'Disallow: /harvest',
    '',
    `Sitemap: ${siteUrl.replace(/\/+$/, '')}/sitemap.xml`,
    '',
  ].join('\n');
}

export function siteFiles(services: Services): Router {
  const router = Router();
  router.get('/robots.txt', (_req: Request, res: Response) => {
    res.type('text/plain; charset=utf-8').set('Cache-Control', `public, max-age=${DAY_SECONDS}`).send(robotsText(services.config.siteUrl));
  });
  router.get('/favicon.ico', (_req: Request, res: Response) => {
    res.type('image/x-icon').set('Cache-Control', `public, max-age=${7 * DAY_SECONDS}`).send(faviconIco());
  });
  return router;
}
