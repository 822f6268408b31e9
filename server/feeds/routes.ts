// Atom feeds of recently changed datasets, at CKAN's URLs (/feeds/dataset.atom, /feeds/organization/NAME.atom),
// and /sitemap.xml. Everything here is what an anonymous visitor may see: see atom.ts and sitemap.ts.
import { Router } from 'express';
import { Services } from '../core/context';
import { organizationFeed, siteFeed } from './atom';
import { FeedsOptions, sitemap, sitemapFile } from './sitemap';

export type { FeedsOptions } from './sitemap';

export function feedsRouter(services: Services, options: FeedsOptions = {}): Router {
  const router = Router();
  router.get('/feeds/dataset.atom', siteFeed(services));
  router.get('/feeds/organization/:name.atom', organizationFeed(services));
  router.get('/sitemap.xml', sitemap(services, options));
  router.get('/sitemap-:n.xml', sitemapFile(services, options));
  return router;
}
