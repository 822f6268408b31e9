// What the dataset page shows besides the dataset itself: the API box, how to cite it, related datasets.
import { Request } from 'express';
import type { PackageForView } from '../catalogue/package-page-actions';
import { translatedText } from '../catalogue/liberal-input';
import { Services } from '../core/context';
import { Lang, licenceTitle } from '../i18n';
import { datasetApiBoxView, RdfLink } from './dataset-api-box';
import { citationText } from './dataset-citation';
import { actionContext } from './page';
import { relatedDatasets } from './related-datasets';

export async function datasetExtras(services: Services, req: Request, view: PackageForView, rdf: RdfLink[]) {
  const lang: Lang = req.lang ?? 'it';
  const { dataset, record } = view;
  const site = services.config.siteUrl.replace(/\/+$/, '');
  const citation = citationText(lang, {
    publisher: record.publisher.name || dataset.organization?.title || '',
    date: record.issued || String(dataset.metadata_created ?? ''),
    title: translatedText(dataset, 'title', lang) || dataset.name,
    portal: services.config.catalog.title,
    url: `${site}/dataset/${encodeURIComponent(dataset.name)}`,
    licence: licenceTitle(lang, dataset.license_id, String(dataset.license_title || dataset.license_id || '')),
  });
  return {
    datasetApi: datasetApiBoxView(site, dataset.name, dataset.private === true, rdf),
    citation,
    related: await relatedDatasets(actionContext(services, req), dataset, record.themes.map((t) => t.theme)),
  };
}
