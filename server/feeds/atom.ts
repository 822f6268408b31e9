// Atom feeds of recently changed datasets, at CKAN's URLs. They read package_search with an anonymous
// context: public, active datasets only, newest metadata_modified first, one entry per dataset.
//
// The XML is written by hand rather than with `feed`: feed@4 emits entry titles and summaries as
// type="html" CDATA, so a dataset titled "<b>" would become markup in feed readers, and it passes
// characters XML forbids (U+0001...) through.
import { Request, Response } from 'express';
import { runAction } from '../core/actions';
import { ActionContext, Services } from '../core/context';
import { BadRequest, NotFound, ValidationError } from '../core/errors';
import { translate } from '../i18n';
import { isoTimestamp, plainText, trimText, xmlEscape } from './xml';

export const FEED_PAGE_SIZE = 20;
/** ?page= beyond this is refused: 10,000 entries back is far enough for a feed reader. */
export const MAX_FEED_PAGE = 500;

const anonymous = (services: Services): ActionContext => ({ services, user: null });

interface FeedSpec {
  title: string;
  /** Path of this feed, without ?page. */
  path: string;
  /** The HTML page the feed mirrors. */
  alternate: string;
  fq?: string;
}

/** ?page=N: absent is 1; anything but an integer in 1..MAX_FEED_PAGE is refused (as CKAN does). */
export function feedPage(raw: unknown): number | null {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) return null;
  const page = Number(raw);
  return page >= 1 && page <= MAX_FEED_PAGE ? page : null;
}

function link(rel: string, href: string, type?: string): string {
  return `  <link rel="${rel}"${type ? ` type="${type}"` : ''} href="${xmlEscape(href)}"/>\n`;
}

function entryXml(site: string, dataset: Record<string, any>): string {
  const updated = isoTimestamp(dataset.metadata_modified) ?? new Date(0).toISOString();
  const published = isoTimestamp(dataset.metadata_created);
  const summary = trimText(plainText(dataset.notes));
  const org = dataset.organization as { name: string; display_name: string } | null;
  return [
    '  <entry>\n',
    `    <id>${xmlEscape(`${site}/dataset/${dataset.id}`)}</id>\n`,
    `    <title type="text">${xmlEscape(dataset.title || dataset.name)}</title>\n`,
    `    <link rel="alternate" type="text/html" href="${xmlEscape(`${site}/dataset/${encodeURIComponent(dataset.name)}`)}"/>\n`,
    `    <updated>${updated}</updated>\n`,
    published ? `    <published>${published}</published>\n` : '',
    org ? `    <author><name>${xmlEscape(org.display_name || org.name)}</name><uri>${xmlEscape(`${site}/organization/${encodeURIComponent(org.name)}`)}</uri></author>\n` : '',
    summary ? `    <summary type="text">${xmlEscape(summary)}</summary>\n` : '',
    '  </entry>\n',
  ].join('');
}

async function sendFeed(services: Services, req: Request, res: Response, spec: FeedSpec): Promise<void> {
  const page = feedPage(req.query.page);
  // Errors go to the app's error handler, which answers with the site's error page.
  if (page === null) throw new BadRequest(`pagina non valida (da 1 a ${MAX_FEED_PAGE})`);
  const site = services.config.siteUrl;
  const result = await runAction<{ count: number; results: Record<string, any>[] }>('package_search', anonymous(services), {
    ...(spec.fq ? { fq: spec.fq } : {}),
    sort: 'metadata_modified desc', rows: FEED_PAGE_SIZE, start: (page - 1) * FEED_PAGE_SIZE,
  });
  const feedUrl = `${site}${spec.path}`;
  const pageUrl = (n: number) => (n === 1 ? feedUrl : `${feedUrl}?page=${n}`);
  const lastPage = Math.min(MAX_FEED_PAGE, Math.max(1, Math.ceil(result.count / FEED_PAGE_SIZE)));
  const newest = result.results.map((d) => isoTimestamp(d.metadata_modified)).filter((d): d is string => !!d).sort().pop();
  const siteName = translate('it', 'site.name');
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="it">\n',
    `  <id>${xmlEscape(feedUrl)}</id>\n`,
    `  <title type="text">${xmlEscape(spec.title)}</title>\n`,
    `  <updated>${newest ?? new Date().toISOString()}</updated>\n`,
    `  <author><name>${xmlEscape(siteName)}</name><uri>${xmlEscape(`${site}/`)}</uri></author>\n`,
    `  <generator>catalogo</generator>\n`,
    link('self', pageUrl(page), 'application/atom+xml'),
    link('alternate', spec.alternate, 'text/html'),
    link('first', pageUrl(1), 'application/atom+xml'),
    page > 1 ? link('previous', pageUrl(Math.min(page - 1, lastPage)), 'application/atom+xml') : '',
    page < lastPage ? link('next', pageUrl(page + 1), 'application/atom+xml') : '',
    link('last', pageUrl(lastPage), 'application/atom+xml'),
    ...result.results.map((dataset) => entryXml(site, dataset)),
    '</feed>\n',
  ].join('');
  res.status(200).set('Content-Type', 'application/atom+xml; charset=utf-8').send(xml);
}

/** /feeds/dataset.atom: every public dataset. */
export function siteFeed(services: Services) {
  return async (req: Request, res: Response) => {
    await sendFeed(services, req, res, {
      title: `${translate('it', 'home.recent')} · ${translate('it', 'site.name')}`,
      path: '/feeds/dataset.atom',
      alternate: `${services.config.siteUrl}/dataset`,
    });
  };
}

/** /feeds/organization/NAME.atom: one organization's public datasets. */
export function organizationFeed(services: Services) {
  return async (req: Request, res: Response) => {
    let org: { id: string; name: string; display_name: string };
    try {
      org = await runAction('organization_show', anonymous(services), { id: String(req.params.name), include_datasets: false, include_users: false });
    } catch (error) {
      // A name that cannot exist (too long, a NUL) is as unknown as one that does not.
      if (error instanceof NotFound || error instanceof ValidationError || error instanceof BadRequest) {
        throw new NotFound(`Organizzazione non trovata: ${String(req.params.name).slice(0, 100)}`);
      }
      throw error;
    }
    const name = encodeURIComponent(org.name);
    await sendFeed(services, req, res, {
      title: `${translate('it', 'home.recent')} · ${org.display_name}`,
      path: `/feeds/organization/${name}.atom`,
      alternate: `${services.config.siteUrl}/organization/${name}`,
      fq: `owner_org:"${org.id}"`,
    });
  };
}
