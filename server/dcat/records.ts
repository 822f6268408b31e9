// Datasets as DCAT records (record.ts), presented from the rows catalogue/dataset-loader.ts loads in
// batches with a fixed number of queries per batch, so the feeds can stream a catalogue of any size.
import { EntityManager } from 'typeorm';
import { presentedOnce } from '../catalogue/dataset-cache';
import { LoadedDataset, loadDatasets } from '../catalogue/dataset-loader';
import { GroupEntity, PackageEntity, ResourceEntity } from '../catalogue/entities';
import { dcatLicence, publishedLicence } from '../catalogue/licenses';
import { downloadUrl } from '../catalogue/present';
import { ANONYMOUS, datasetScope, PUBLISHED } from '../catalogue/visibility';
import { CatalogSettings } from '../config';
import { DcatAgent, DcatCatalogRecord, DcatDatasetRecord, DcatDistributionRecord } from './record';
import { effectiveDcat, EffectiveDcat, organizationAgent, storedDcatOf } from './dataset-fields';
import { effectiveDistribution } from './distribution-present';
import { isWebUrl } from './field-parsers';
import { publishedFormat } from './formats';

export const datasetUri = (siteUrl: string, id: string): string => `${siteUrl}/dataset/${id}`;
export const organizationUri = (siteUrl: string, id: string): string => `${siteUrl}/organization/${id}`;
export const distributionUri = (siteUrl: string, pkgId: string, resId: string): string => `${siteUrl}/dataset/${pkgId}/resource/${resId}`;
export const catalogUri = (siteUrl: string): string => `${siteUrl}/catalog`;

/** The organization itself (with its URI) when the agent is it; otherwise an agent known by name. */
function agent(name: string, identifier: string, org: GroupEntity | undefined, siteUrl: string): DcatAgent {
  const isOrg = !!org && name === (org.title || org.name) && identifier === (org.identifier || org.name);
  return { name, identifier, uri: isOrg ? organizationUri(siteUrl, org!.id) : null };
}

function distributionRecord(resource: ResourceEntity, pkg: PackageEntity, siteUrl: string): DcatDistributionRecord {
  const url = resource.urlType === 'upload' ? downloadUrl(siteUrl, pkg.name, resource.id, resource.url) : resource.url;
  const effective = effectiveDistribution(resource, pkg, url, siteUrl);
  const sha256 = resource.urlType === 'upload' ? resource.hash : /^sha256:([0-9a-f]{64})$/i.exec(resource.hash)?.[1] ?? null;
  return {
    id: resource.id,
    uri: distributionUri(siteUrl, pkg.id, resource.id),
    title: resource.name || `${pkg.title || pkg.name} (${resource.format})`,
    description: resource.description,
    format: publishedFormat(resource.format),
    mediaType: effective.media_type,
    licence: publishedLicence(effective.license_id),
    byteSize: effective.byte_size,
    checksumSha256: sha256 ? sha256.toLowerCase() : null,
    downloadUrl: effective.download_url || null,
    accessUrl: effective.access_url,
    languages: effective.language,
    issued: resource.created,
    modified: resource.lastModified ?? resource.metadataModified,
  };
}

/** The DCAT record of a loaded dataset. */
export function datasetRecord(loaded: LoadedDataset, siteUrl: string): DcatDatasetRecord {
  return presentedOnce(loaded.cached, `dcat ${siteUrl}`, () => freshRecord(loaded, siteUrl));
}

function freshRecord(loaded: LoadedDataset, siteUrl: string): DcatDatasetRecord {
  const { pkg, org, resources, tags } = loaded;
  const e: EffectiveDcat = effectiveDcat(storedDcatOf(pkg.dcat), pkg, organizationAgent(org));
  return {
    id: pkg.id,
    name: pkg.name,
    uri: datasetUri(siteUrl, pkg.id),
    landingPage: `${siteUrl}/dataset/${encodeURIComponent(pkg.name)}`,
    identifier: pkg.identifier ?? pkg.name,
    alternateIdentifiers: e.alternate_identifier.map((a) => ({
      identifier: a.identifier, agent: a.agent ? { name: a.agent.agent_name, identifier: a.agent.agent_identifier } : null,
    })),
    title: pkg.title || pkg.name,
    // CKAN accepts a dataset without a description; dct:description is mandatory: the title stands in.
    description: pkg.notes.trim() ? pkg.notes : pkg.title || pkg.name,
    keywords: tags,
    themes: e.theme,
    frequency: e.frequency,
    publisher: agent(e.publisher_name, e.publisher_identifier, org, siteUrl),
    rightsHolder: agent(e.holder_name, e.holder_identifier, org, siteUrl),
    creators: e.creator.map((c) => ({ name: c.creator_name, identifier: c.creator_identifier, uri: null })),
    issued: e.issued,
    modified: e.modified,
    languages: e.language,
    temporal: e.temporal_start || e.temporal_end ? { start: e.temporal_start || null, end: e.temporal_end || null } : null,
    spatial: e.geographical_name || e.geographical_geonames_url
      ? { placeCode: e.geographical_name || null, geonamesUrl: e.geographical_geonames_url || null } : null,
    conformsTo: e.conforms_to.map((s) => ({ identifier: s.identifier, title: s.title, uri: s.uri || null })),
    isVersionOf: e.is_version_of || null,
    version: pkg.version,
    contact: e.contact_email ? { name: e.contact_name, email: e.contact_email } : null,
    // CKAN's url is free text: only a web address can be published (foaf:page).
    homepageOfSource: isWebUrl(pkg.url) ? pkg.url : null,
    distributions: resources.map((r) => distributionRecord(r, pkg, siteUrl)),
    metadataCreated: pkg.metadataCreated,
    metadataModified: pkg.metadataModified,
  };
}

/** Records for many datasets with the loader's fixed number of queries, whatever their number. */
export async function datasetRecords(db: EntityManager, pkgs: PackageEntity[], siteUrl: string): Promise<DcatDatasetRecord[]> {
  return (await loadDatasets(db, pkgs)).map((loaded) => datasetRecord(loaded, siteUrl));
}

/**
 * The catalogue node: the portal's publisher, issued when its first organization joined, modified with
 * the latest published change (read off IDX_package_published, not by scanning the datasets).
 */
export async function catalogRecord(db: EntityManager, settings: CatalogSettings, siteUrl: string): Promise<DcatCatalogRecord> {
  const published = datasetScope('p', ANONYMOUS, PUBLISHED);
  const latest = await db.getRepository(PackageEntity).createQueryBuilder('p').select('p.metadata_modified', 'modified')
    .where(published.where, published.params)
    .orderBy('p.metadata_modified', 'DESC').limit(1).getRawOne<{ modified: string }>();
  const first = await db.getRepository(GroupEntity).createQueryBuilder('g').select('MIN(g.created)', 'created')
    .where('g.is_organization = :isOrg', { isOrg: true }).getRawOne<{ created: string | null }>();
  const publisherOrg = await db.getRepository(GroupEntity).findOneBy({ identifier: settings.publisherIdentifier, isOrganization: true, state: 'active' });
  const today = new Date().toISOString().slice(0, 10);
  return {
    uri: catalogUri(siteUrl),
    title: { it: settings.title, en: settings.title },
    description: { it: settings.description, en: settings.description },
    homepage: `${siteUrl}/`,
    // When the publisher is one of the portal's organizations, the catalogue points at the same agent node.
    publisher: publisherOrg
      ? { name: publisherOrg.title || publisherOrg.name, identifier: publisherOrg.identifier, uri: organizationUri(siteUrl, publisherOrg.id) }
      : { name: settings.publisherName, identifier: settings.publisherIdentifier, uri: null },
    languages: ['ITA'],
    issued: first?.created?.slice(0, 10) ?? today,
    modified: latest?.modified.slice(0, 10) ?? first?.created?.slice(0, 10) ?? today,
    licence: dcatLicence('CC-BY-4.0'),
    spatial: null,
  };
}
