// DCAT endpoints, as ckanext-dcat serves them: /catalog.{ttl,rdf,xml,jsonld,nt} and /dataset/NAME.{…},
// plus content negotiation on /catalog and /dataset/NAME (RDF for RDF Accept headers, HTML otherwise).
import { NextFunction, Request, Response, Router } from 'express';
import { packageByIdOrName } from '../catalogue/lookup';
import { ANONYMOUS, canSee, PUBLISHED } from '../catalogue/visibility';
import { Services } from '../core/context';
import { ValidationError } from '../core/errors';
import { writeCatalogPage, writeDataset } from './catalog-stream';
import { countPublished, FeedFilter } from './feed-query';
import { datasetRecords } from './records';
import { RDF_FORMATS, RdfFormat, rdfFormatForExtension } from './rdf/writers';
import { DcatProfile } from './rdf/dataset-quads';

/**
 * ckanext-dcat's profile names. Without one, the feed satisfies DCAT-AP_IT, DCAT-AP 3.0.1 and 2.1.1 at
 * once; the two versioned ones add byte sizes (and, for 3, checksums) as that version types them.
 */
const PROFILES: Record<string, DcatProfile> = {
  it_dcat_ap: 'compatible', dcatapit: 'compatible', euro_dcat_ap: 'compatible',
  euro_dcat_ap_2: 'dcat-ap-2', euro_dcat_ap_3: 'dcat-ap-3',
};
const FORMAT_NAMES: Record<string, RdfFormat> = { turtle: 'turtle', n3: 'turtle', 'json-ld': 'jsonld', xml: 'rdfxml', 'rdf/xml': 'rdfxml', ntriples: 'ntriples', 'n-triples': 'ntriples' };
const MAX_PAGE = 1_000_000;

class FeedRequestError extends Error {}

function single(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new FeedRequestError(`Il parametro ${name} va indicato una sola volta, come testo`);
  return value;
}

/** The same limits package_search's schema sets: a longer query is refused before it reaches SQL. */
function bounded(value: string | undefined, name: string, max: number): string | undefined {
  if (value !== undefined && value.length > max) throw new FeedRequestError(`Il parametro ${name} è troppo lungo: al massimo ${max} caratteri`);
  return value;
}

function formatParameter(req: Request): RdfFormat | null {
  const raw = single(req.query.format, 'format');
  if (raw === undefined) return null;
  const format = rdfFormatForExtension(raw) ?? FORMAT_NAMES[raw.toLowerCase()];
  if (!format) throw new FeedRequestError(`Formato "${raw.slice(0, 30)}" non disponibile: usa ttl, rdf, xml, jsonld o nt`);
  return format;
}

/** The most specific profile asked for: a versioned DCAT-AP one wins over the compatible ones. */
function profileParameter(req: Request): DcatProfile {
  const raw = single(req.query.profiles, 'profiles');
  const names = (raw ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = names.filter((p) => !Object.hasOwn(PROFILES, p));
  if (unknown.length) throw new FeedRequestError(`Profilo sconosciuto: ${unknown[0].slice(0, 40)}. Disponibili: ${Object.keys(PROFILES).join(', ')}`);
  return names.map((p) => PROFILES[p]).find((p) => p !== 'compatible') ?? 'compatible';
}

function pageParameter(req: Request): number {
  const raw = single(req.query.page, 'page');
  if (raw === undefined) return 1;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE) throw new FeedRequestError(`Pagina non valida: "${raw.slice(0, 20)}". Usa un numero da 1 in su`);
  return Number(raw);
}

/** RDF when the client asks for one of our RDF types before HTML; null for HTML. */
function negotiated(req: Request): RdfFormat | null {
  const types = ['text/html', ...Object.values(RDF_FORMATS).map((f) => f.mimeType)];
  const best = req.accepts(types);
  const entry = Object.entries(RDF_FORMATS).find(([, info]) => info.mimeType === best);
  return entry ? (entry[0] as RdfFormat) : null;
}

function startRdf(res: Response, format: RdfFormat): void {
  res.status(200);
  res.setHeader('Content-Type', `${RDF_FORMATS[format].mimeType}; charset=utf-8`);
  res.setHeader('Vary', 'Accept');
  res.setHeader('Access-Control-Allow-Origin', '*');
}

function sendError(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(`${message}\n`);
}

function pageLinks(services: Services, req: Request) {
  return {
    pageUrl(page: number): string {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(req.query)) if (key !== 'page' && typeof value === 'string') params.set(key, value);
      params.set('page', String(page));
      return `${services.config.siteUrl}${req.path}?${params}`;
    },
  };
}

async function serveCatalog(services: Services, req: Request, res: Response, format: RdfFormat): Promise<void> {
  const profile = profileParameter(req);
  const page = pageParameter(req);
  const filter: FeedFilter = {
    q: bounded(single(req.query.q, 'q'), 'q', 1000), fq: bounded(single(req.query.fq, 'fq'), 'fq', 2000),
    modifiedSince: bounded(single(req.query.modified_since, 'modified_since'), 'modified_since', 40),
  };
  const source = { db: services.db.manager, settings: services.config.catalog, siteUrl: services.config.siteUrl };
  // Filters are checked before the status line goes out, so a bad one is a 400 and not a broken 200.
  const total = await countPublished(source.db, filter);
  startRdf(res, format);
  await writeCatalogPage(source, filter, { page, total, links: pageLinks(services, req) }, { format, profile, stream: res });
}

async function serveDataset(services: Services, req: Request, res: Response, idOrName: string, format: RdfFormat): Promise<void> {
  const profile = profileParameter(req);
  const pkg = await packageByIdOrName(services.db.manager, idOrName);
  // Only what the catalogue publishes exists for the feeds: no private, draft or deleted dataset, none without a distribution.
  if (!pkg || !canSee(ANONYMOUS, pkg, PUBLISHED)) return sendError(res, 404, `Dataset non trovato: ${idOrName.slice(0, 100)}`);
  const [record] = await datasetRecords(services.db.manager, [pkg], services.config.siteUrl);
  startRdf(res, format);
  await writeDataset(record, { format, profile, stream: res });
}

function handled(run: (req: Request, res: Response, next: NextFunction) => Promise<void>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await run(req, res, next);
    } catch (error) {
      if (res.headersSent) return void res.destroy(error as Error);
      if (error instanceof FeedRequestError) return sendError(res, 400, error.message);
      if (error instanceof ValidationError) return sendError(res, error.status === 409 ? 400 : error.status, Object.values(error.fields).flat().join(' '));
      next(error);
    }
  };
}

export function dcatRouter(services: Services): Router {
  const router = Router();
  router.get('/catalog{.:ext}', handled(async (req, res) => {
    const ext = req.params.ext as string | undefined;
    const format = ext ? rdfFormatForExtension(ext) : formatParameter(req) ?? negotiated(req);
    if (ext && !format) return sendError(res, 404, `Formato "${ext.slice(0, 20)}" non disponibile: usa ttl, rdf, xml, jsonld o nt`);
    if (!format) {
      res.setHeader('Vary', 'Accept');
      return void res.redirect(303, '/dataset');
    }
    if (!ext && !req.query.format) {
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      res.setHeader('Content-Location', `/catalog.${RDF_FORMATS[format].extensions[0]}${query}`);
    }
    await serveCatalog(services, req, res, format);
  }));
  router.get('/dataset/:file', handled(async (req, res, next) => {
    const file = String(req.params.file);
    const match = /^([a-z0-9_-]{2,100})\.([a-z]{2,6})$/.exec(file);
    if (match && rdfFormatForExtension(match[2])) return serveDataset(services, req, res, match[1], rdfFormatForExtension(match[2])!);
    const format = formatParameter(req) ?? negotiated(req);
    // The page is chosen by the Accept header too: caches must keep HTML and RDF apart.
    res.setHeader('Vary', 'Accept');
    if (!format) return next();
    return serveDataset(services, req, res, file, format);
  }));
  return router;
}
