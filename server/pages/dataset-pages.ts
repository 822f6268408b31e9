// Reading datasets: the list (dataset-search.ts), one dataset with its resources, its activity.
import { Request, Response, Router } from 'express';
import { runAction } from '../core/actions';
import { Services } from '../core/context';
import { groupLabelByName } from './theme-labels';
import { findLicense } from '../catalogue/licenses';
import { translatedText } from '../catalogue/liberal-input';
import type { PackageForView } from '../catalogue/package-page-actions';
import { capitalised, codeLabel, subthemeLabel } from '../dcat/form-choices';
import { datasetQuality, DatasetQuality } from '../dcat/quality';
import { DcatAgent, DcatDatasetRecord } from '../dcat/record';
import { jsonForScript, schemaOrgDataset } from '../dcat/schema-org';
import { datasetExtras } from './dataset-extras';
import { datasetSearchPage } from './dataset-search';
import { fieldAnchor } from './form-errors';
import { tableSize } from './resource-actions';
import { Lang, licenceTitle } from '../i18n';
import { renderMarkdown } from './markdown';
import { shownResourceName } from './resource-name';
import { actionContext, canEditDataset, localHref, page, renderPage, t } from './page';

export function datasetCrumbs(req: Request, dataset: Record<string, any>, more: { label: string; href?: string }[] = []) {
  return [
    { label: t(req, 'nav.datasets'), href: '/dataset' },
    more.length ? { label: dataset.title || dataset.name, href: `/dataset/${encodeURIComponent(dataset.name)}` } : { label: dataset.title || dataset.name },
    ...more,
  ];
}

/** The note for fields left to placeholders, or null when the editor chose both. */
export function defaultsNote(req: Request, theme: boolean, frequency: boolean): string | null {
  if (theme && frequency) return t(req, 'dcat.defaults.both');
  if (theme) return t(req, 'dcat.defaults.theme');
  if (frequency) return t(req, 'dcat.defaults.frequency');
  return null;
}

/** The RDF serialisations of a dataset's DCAT-AP_IT record (server/dcat/routes.ts), for <head> and the page. */
export const RDF_FORMATS = [
  { ext: 'ttl', label: 'Turtle', type: 'text/turtle' },
  { ext: 'rdf', label: 'RDF/XML', type: 'application/rdf+xml' },
  { ext: 'jsonld', label: 'JSON-LD', type: 'application/ld+json' },
  { ext: 'nt', label: 'N-Triples', type: 'application/n-triples' },
];

/** Built once: a formatter costs more to make than a page costs to render. */
const LONG_DATES: Record<Lang, Intl.DateTimeFormat> = {
  it: new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** "2024-05-01" (or a date-time) as a long date in the page's language; the day as written, whatever the zone. */
function longDate(value: string | null, lang: Lang): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return LONG_DATES[lang === 'en' ? 'en' : 'it'].format(day);
}

const agentView = (agent: DcatAgent) => ({ name: agent.name, identifier: agent.identifier !== agent.name ? agent.identifier : '' });

/** What the "Metadati" section shows: the DCAT-AP_IT record with labels in the page's language. */
function metadataView(req: Request, record: DcatDatasetRecord, defaults: string[]) {
  const lang: Lang = req.lang ?? 'it';
  const date = (value: string | null) => (value ? { iso: value, text: longDate(value, lang) } : null);
  const temporal = record.temporal;
  const start = longDate(temporal?.start ?? null, lang);
  const end = longDate(temporal?.end ?? null, lang);
  return {
    identifier: record.identifier,
    themes: record.themes.map((theme) => ({
      label: codeLabel('data-theme', theme.theme, lang),
      subthemes: theme.subthemes.map((uri) => subthemeLabel(uri, lang)),
    })),
    themePlaceholder: defaults.includes('theme'),
    frequency: capitalised(codeLabel('frequency', record.frequency, lang)),
    frequencyPlaceholder: defaults.includes('frequency'),
    publisher: agentView(record.publisher),
    holder: record.rightsHolder.name === record.publisher.name && record.rightsHolder.identifier === record.publisher.identifier
      ? null : agentView(record.rightsHolder),
    creators: record.creators.map(agentView),
    issued: date(record.issued),
    modified: date(record.modified),
    languages: record.languages.map((code) => capitalised(codeLabel('language', code, lang))),
    temporal: temporal
      ? start && end ? t(req, 'dataset.metadata.temporal.range', { start, end })
        : start ? t(req, 'dataset.metadata.temporal.from', { start }) : t(req, 'dataset.metadata.temporal.until', { end })
      : '',
    spatial: record.spatial
      ? { label: record.spatial.placeCode ? codeLabel('place', record.spatial.placeCode, lang) : '', geonamesUrl: record.spatial.geonamesUrl }
      : null,
    conformsTo: record.conformsTo.map((s) => ({ label: s.title || s.identifier || s.uri || '', uri: s.uri })),
    isVersionOf: record.isVersionOf,
    contact: record.contact,
  };
}

/** Score, dimensions (with a bar's width) and improvements of dcat_quality, labelled for the page. */
function qualityView(req: Request, dataset: Record<string, any>, quality: DatasetQuality, canEdit: boolean) {
  const editHref = `/dataset/edit/${encodeURIComponent(dataset.name)}`;
  // Only the dataset's own fields have a box in the dataset form; resources are edited one by one.
  const inForm = new Set(['tag_string', 'theme', 'frequency', 'geographical_name', 'temporal_start', 'notes', 'contact_email',
    'publisher_name', 'holder_name', 'issued', 'modified', 'license_id']);
  return {
    ...quality,
    ratingLabel: t(req, `quality.rating.${quality.rating}`),
    dimensions: quality.dimensions.map((d) => ({
      ...d, label: t(req, `quality.dimension.${d.id}`), percent: d.max ? Math.round((d.score / d.max) * 100) : 0,
    })),
    improvements: quality.improvements.map((i) => {
      const addResource = i.field === 'resources' && !dataset.num_resources;
      return {
        ...i,
        href: !canEdit ? null : inForm.has(i.field) ? `${editHref}${fieldAnchor(i.field)}`
          : addResource ? `/dataset/${encodeURIComponent(dataset.name)}/resource/new` : null,
        linkLabel: t(req, addResource ? 'dataset.add_resource' : 'dataset.edit'),
      };
    }),
  };
}

function showDataset(services: Services) {
  return page(async (req: Request, res: Response) => {
    const ctx = actionContext(services, req);
    const view = await runAction<PackageForView>('package_show_for_view', ctx, { id: String(req.params.name) });
    const { dataset, record, published, harvestedFrom } = view;
    const lang: Lang = req.lang ?? 'it';
    // A harvested dataset is edited at its source (server/harvest/guard.ts): no edit buttons here.
    const canEdit = !harvestedFrom && await canEditDataset(services, req, dataset);
    const defaults: string[] = dataset.dcatapit_defaults ?? [];
    const name = encodeURIComponent(dataset.name);
    // The RDF exists only for what the DCAT catalogue publishes (server/dcat/routes.ts).
    const rdf = published ? RDF_FORMATS.map((f) => ({ ...f, href: `/dataset/${name}.${f.ext}` })) : [];
    renderPage(req, res, 'dataset/read', {
      ...await datasetExtras(services, req, view, rdf),
      shownGroups: (dataset.groups ?? []).map((g: { name: string; display_name?: string; title?: string }) => ({ name: g.name, label: groupLabelByName(req, g.name, g.display_name || g.title || g.name) })),
      title: translatedText(dataset, 'title', lang) || dataset.name,
      breadcrumbs: datasetCrumbs(req, dataset),
      dataset,
      resources: await Promise.all((dataset.resources as any[]).map(async (r) => ({
        ...r,
        shownName: shownResourceName(req, r),
        table: await tableSize(ctx, r, lang),
        href: localHref(services, r.url),
        formatLabel: r.format ? codeLabel('file-type', r.format, lang) : '',
        licenceTitle: r.license_id ? licenceTitle(lang, r.license_id, findLicense(r.license_id)?.title) : '',
        licenceUrl: r.license_id ? findLicense(r.license_id)?.url ?? '' : '',
      }))),
      notesHtml: renderMarkdown(translatedText(dataset, 'notes', lang)),
      harvestedFrom,
      canEdit,
      metadata: metadataView(req, record, defaults),
      // package_show's dcat_quality speaks Italian (the API's language): the page's own language here.
      quality: qualityView(req, dataset, lang === 'it' ? dataset.dcat_quality as DatasetQuality : datasetQuality(dataset, lang), canEdit),
      defaultsNote: canEdit ? defaultsNote(req, defaults.includes('theme'), defaults.includes('frequency')) : null,
      rdfAlternates: rdf.map((f) => ({ ...f, title: t(req, 'dataset.metadata.rdf.title', { format: f.label }) })),
      schemaOrgJson: jsonForScript(schemaOrgDataset(record, lang, { name: services.config.catalog.title, url: `${services.config.siteUrl}/` })),
    });
  });
}

export function datasetPages(services: Services): Router {
  const router = Router();
  router.get('/dataset', datasetSearchPage(services));
  router.get('/dataset/:name', showDataset(services));
  return router;
}
