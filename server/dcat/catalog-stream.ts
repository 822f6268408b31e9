// Writing DCAT documents: one page of the catalogue (what /catalog.ttl?page=N serves), the whole
// catalogue streamed batch by batch (the CLI export and the benchmark), and one dataset.
import { EntityManager } from 'typeorm';
import { CatalogSettings } from '../config';
import { FeedFilter, publishedBatches, publishedPage } from './feed-query';
import { catalogRecord, datasetRecords } from './records';
import { DcatDatasetRecord } from './record';
import { catalogQuads, createTermRegistry, datasetQuads, DcatProfile, pagingQuads } from './rdf/dataset-quads';
import { dcat, quad, url } from './rdf/namespaces';
import { createRdfWriter, RdfFormat } from './rdf/writers';

/** As ckanext-dcat: 100 datasets a page. */
export const DATASETS_PER_PAGE = 100;

export interface CatalogSource {
  db: EntityManager;
  settings: CatalogSettings;
  siteUrl: string;
}

export interface PageLinks {
  /** URL of page N with the request's other parameters kept. */
  pageUrl(page: number): string;
}

export interface Output {
  format: RdfFormat;
  profile: DcatProfile;
  stream: NodeJS.WritableStream;
}

/** One page; `total` is countPublished's, counted by the caller before the response starts. */
export async function writeCatalogPage(
  source: CatalogSource, filter: FeedFilter, paging: { page: number; total: number; links: PageLinks }, output: Output,
): Promise<void> {
  const { page, total, links } = paging;
  const pkgs = await publishedPage(source.db, filter, page, DATASETS_PER_PAGE);
  const records = await datasetRecords(source.db, pkgs, source.siteUrl);
  const lastPage = Math.max(1, Math.ceil(total / DATASETS_PER_PAGE));
  const terms = createTermRegistry();
  const writer = createRdfWriter(output.format, output.stream);
  await writer.write(catalogQuads(await catalogRecord(source.db, source.settings, source.siteUrl), records.map((r) => r.uri), terms));
  await writer.write(pagingQuads({
    pageUrl: links.pageUrl(page),
    first: links.pageUrl(1),
    last: links.pageUrl(lastPage),
    next: page < lastPage ? links.pageUrl(page + 1) : null,
    previous: page > 1 ? links.pageUrl(Math.min(page - 1, lastPage)) : null,
    totalItems: total,
    itemsPerPage: DATASETS_PER_PAGE,
  }));
  for (const record of records) await writer.write(datasetQuads(record, terms, output.profile));
  await writer.end();
}

/** The whole catalogue, never more than one batch of datasets in memory. */
export async function writeWholeCatalog(source: CatalogSource, filter: FeedFilter, output: Output, batchSize = 500): Promise<number> {
  const terms = createTermRegistry();
  const writer = createRdfWriter(output.format, output.stream);
  const catalog = await catalogRecord(source.db, source.settings, source.siteUrl);
  await writer.write(catalogQuads(catalog, [], terms));
  let count = 0;
  for await (const batch of publishedBatches(source.db, filter, batchSize)) {
    const records = await datasetRecords(source.db, batch, source.siteUrl);
    await writer.write(records.map((r) => quad(url(catalog.uri), dcat('dataset'), url(r.uri))));
    for (const record of records) await writer.write(datasetQuads(record, terms, output.profile));
    count += records.length;
  }
  await writer.end();
  return count;
}

export async function writeDataset(record: DcatDatasetRecord, output: Output): Promise<void> {
  const writer = createRdfWriter(output.format, output.stream);
  await writer.write(datasetQuads(record, createTermRegistry(), output.profile));
  await writer.end();
}
