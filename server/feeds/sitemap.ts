// /sitemap.xml, streamed: a single urlset, or, above the page size, an index of /sitemap-N.xml files.
import { NextFunction, Request, Response } from 'express';
import { Services } from '../core/context';
import { NotFound } from '../core/errors';
import { Segment, SitemapUrl, segments, totalCount } from './sitemap-segments';
import { xmlEscape } from './xml';

export interface FeedsOptions {
  /** URLs per sitemap file: above it /sitemap.xml becomes an index of /sitemap-N.xml. At most 50,000. */
  sitemapPageSize?: number;
  /** Rows read from the database per query while streaming a sitemap. */
  sitemapBatchSize?: number;
}

export const SITEMAP_MAX_URLS = 50_000;
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** Writes, waiting for the client when its buffer is full; false once the client has gone. */
async function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  return !res.destroyed;
}

function urlXml(url: SitemapUrl): string {
  return `<url><loc>${xmlEscape(url.loc)}</loc>${url.lastmod ? `<lastmod>${url.lastmod}</lastmod>` : ''}</url>\n`;
}

function startXml(res: Response): void {
  res.status(200).set('Content-Type', 'application/xml; charset=utf-8');
}

/** The URLs with global positions [start, end), streamed batch by batch. */
async function streamUrlset(res: Response, parts: Segment[], start: number, end: number): Promise<void> {
  startXml(res);
  if (!(await write(res, `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}">\n`))) return;
  let base = 0;
  for (const part of parts) {
    const from = Math.max(start, base);
    const to = Math.min(end, base + part.count);
    if (from < to) {
      for await (const urls of part.read(from - base, to - from)) {
        if (!(await write(res, urls.map(urlXml).join('')))) return;
      }
    }
    base += part.count;
  }
  res.end('</urlset>\n');
}

function sitemapSize(options: FeedsOptions): { pageSize: number; batch: number } {
  const clamp = (value: number | undefined, fallback: number, max: number) =>
    Number.isInteger(value) && (value as number) >= 1 ? Math.min(value as number, max) : fallback;
  return { pageSize: clamp(options.sitemapPageSize, SITEMAP_MAX_URLS, SITEMAP_MAX_URLS), batch: clamp(options.sitemapBatchSize, 1000, 10_000) };
}

/** Errors once the XML has started cannot become an error page: the response is cut instead. */
function streamed(handler: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (!res.headersSent) return next(error);
      console.error(error);
      res.destroy();
    }
  };
}

/** /sitemap.xml: the urlset itself, or the index of the sitemap files. */
export function sitemap(services: Services, options: FeedsOptions) {
  const { pageSize, batch } = sitemapSize(options);
  return streamed(async (_req, res) => {
    const parts = await segments(services, batch);
    const total = totalCount(parts);
    if (total <= pageSize) return streamUrlset(res, parts, 0, pageSize);
    const site = services.config.siteUrl;
    const files = Math.ceil(total / pageSize);
    const entries = Array.from({ length: files }, (_, i) => `<sitemap><loc>${xmlEscape(`${site}/sitemap-${i + 1}.xml`)}</loc></sitemap>\n`);
    startXml(res);
    res.send(`<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NS}">\n${entries.join('')}</sitemapindex>\n`);
  });
}

/** /sitemap-N.xml: the Nth slice of the URLs, when /sitemap.xml is an index. */
export function sitemapFile(services: Services, options: FeedsOptions) {
  const { pageSize, batch } = sitemapSize(options);
  return streamed(async (req, res) => {
    const raw = String(req.params.n);
    const n = /^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : 0;
    const parts = await segments(services, batch);
    const total = totalCount(parts);
    // Only an index names these files: with a single sitemap there are none.
    if (total <= pageSize || n < 1 || n > Math.ceil(total / pageSize)) throw new NotFound(`Sitemap non trovata: ${raw.slice(0, 20)}`);
    await streamUrlset(res, parts, (n - 1) * pageSize, n * pageSize);
  });
}
