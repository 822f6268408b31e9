// A DCAT RDF source, as ckanext-dcat's RDF harvester reads one: any serialisation (by content type,
// else by the URL's extension), pages followed through hydra:next / hydra:nextPage (ckanext-dcat's
// ?page=N links), each dcat:Dataset mapped by the importer (server/dcat/import/). A dataset is known by
// its URI, or by its dct:identifier when it is a blank node.
import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { datasetsFromQuads, guessRdfFormat, ImportedDataset, parseRdf } from '../dcat/import/datasets';
import { FetchRefused, GuardOptions, guardedFetch } from '../net/fetch';
import { HarvestRecord, withRemoteIdentifier } from './records';

const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const MAX_PAGES = 1000;
const RDF_ACCEPT = 'text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, application/n-triples;q=0.7, */*;q=0.1';

/** The next page's URL named in a document, if any. */
export function nextPageOf(quads: Quad[], base: string): string | null {
  const next = quads.find((q) => q.predicate.value === `${HYDRA}next` || q.predicate.value === `${HYDRA}nextPage`);
  if (!next) return null;
  try {
    return new URL(next.object.value, base).toString();
  } catch {
    return null;
  }
}

export function dcatRecord(dataset: ImportedDataset): HarvestRecord {
  const identifier = typeof dataset.input.identifier === 'string' ? dataset.input.identifier : '';
  const guid = dataset.uri.startsWith('_:') ? (identifier ? `identifier:${identifier}` : '') : dataset.uri;
  if (!guid) return { guid: `senza-identita:${String(dataset.input.title ?? '?')}`, hash: '', input: null, error: 'dataset senza URI né dct:identifier' };
  if (!dataset.input.name) return { guid, hash: '', input: null, error: dataset.warnings.join('; ') || 'dataset non importabile' };
  const hash = createHash('sha256').update(JSON.stringify(dataset.input)).digest('hex');
  return { guid, hash, input: dataset.uri.startsWith('_:') ? dataset.input : withRemoteIdentifier(dataset.input, dataset.uri) };
}

/** Parses one fetched document into quads; a document that is not RDF fails the source. */
export async function fetchRdf(url: string, guard: GuardOptions): Promise<{ quads: Quad[]; url: string }> {
  const doc = await guardedFetch(url, { accept: RDF_ACCEPT, ...guard });
  if (doc.status < 200 || doc.status >= 300) throw new FetchRefused(`${url} ha risposto ${doc.status}`);
  const format = guessRdfFormat(doc.contentType, doc.url) ?? 'turtle';
  try {
    return { quads: await parseRdf(doc.body, format, doc.url), url: doc.url };
  } catch (err) {
    throw new FetchRefused(`${doc.url}: ${(err as Error).message}`);
  }
}

/** Every dataset of every page, as records. */
export async function* dcatRecords(sourceUrl: string, guard: GuardOptions): AsyncGenerator<HarvestRecord> {
  const seen = new Set<string>();
  let next: string | null = sourceUrl;
  for (let page = 0; next && page < MAX_PAGES && !seen.has(next); page += 1) {
    seen.add(next);
    const { quads, url } = await fetchRdf(next, guard);
    for (const dataset of datasetsFromQuads(quads)) yield dcatRecord(dataset);
    next = nextPageOf(quads, url);
  }
}
