// Entities → the dicts CKAN's API returns (field names and shapes are CKAN's).
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DatasetKey, presentedOnce } from './dataset-cache';
import { LoadedDataset, loadDatasets, loadDatasetsByKeys } from './dataset-loader';
import { GroupEntity, PackageEntity, ResourceEntity, ResourceFileEntity } from './entities';
import { findLicense } from './licenses';
import { datasetDcatDict, effectiveDcat, organizationAgent, storedDcatOf } from '../dcat/dataset-fields';
import { distributionDcatDict } from '../dcat/distribution-present';
import { datasetQuality } from '../dcat/quality';

export type Dict = Record<string, any>;

/**
 * A tag's id, as CKAN gives each tag one: tags are stored by name here, so the id is a name-based UUID
 * (version 5 layout over SHA-1), the same for the same name on every dataset and every call.
 */
export function tagId(name: string): string {
  const hex = createHash('sha1').update(`catalogo:tag:${name}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function organizationDict(org: GroupEntity, extra: Dict = {}): Dict {
  return {
    id: org.id,
    name: org.name,
    title: org.title,
    display_name: org.title || org.name,
    description: org.description,
    type: org.isOrganization ? 'organization' : 'group',
    is_organization: org.isOrganization,
    identifier: org.identifier,
    email: org.email,
    url: org.url,
    image_url: org.imageUrl,
    image_display_url: org.imageUrl,
    created: org.created,
    state: org.state,
    approval_status: 'approved',
    // A theme's group (catalogue/themes.ts) says which EU data theme it is: pages label it in their language.
    ...(org.isOrganization ? {} : { theme: org.theme || null }),
    ...extra,
  };
}

export function downloadUrl(siteUrl: string, packageName: string, resourceId: string, filename: string): string {
  return `${siteUrl}/dataset/${encodeURIComponent(packageName)}/resource/${resourceId}/download/${encodeURIComponent(filename)}`;
}

export function resourceDict(resource: ResourceEntity, pkg: PackageEntity, siteUrl: string, versions?: ResourceFileEntity[]): Dict {
  const url = resource.urlType === 'upload' ? downloadUrl(siteUrl, pkg.name, resource.id, resource.url) : resource.url;
  const dict: Dict = {
    ...(resource.extras ?? {}),
    id: resource.id,
    package_id: resource.packageId,
    url,
    url_type: resource.urlType || null,
    name: resource.name,
    description: resource.description,
    format: resource.format,
    mimetype: resource.mimetype || null,
    mimetype_inner: null,
    size: resource.size,
    hash: resource.hash,
    created: resource.created,
    last_modified: resource.lastModified,
    metadata_modified: resource.metadataModified,
    position: resource.position,
    state: resource.state,
    cache_url: null,
    cache_last_updated: null,
    datastore_active: resource.datastoreActive === true,
    resource_type: null,
    ...distributionDcatDict(resource, pkg, url, siteUrl),
  };
  if (versions) {
    dict.file_versions = versions
      .filter((v) => v.id !== resource.currentFileId)
      .map((v) => ({
        id: v.id,
        filename: v.filename,
        size: v.size,
        hash: `sha256:${v.sha256}`,
        mimetype: v.mimetype,
        created: v.created,
        url: `${siteUrl}/dataset/${encodeURIComponent(pkg.name)}/resource/${resource.id}/version/${v.id}/download/${encodeURIComponent(v.filename)}`,
      }));
  }
  return dict;
}

/** Presents many packages with a fixed number of queries, whatever their count. */
export async function packageDicts(db: EntityManager, pkgs: PackageEntity[], siteUrl: string): Promise<Dict[]> {
  return (await loadDatasets(db, pkgs)).map((loaded) => packageDict(loaded, siteUrl));
}

/** package_search's results: the page as (id, metadata_modified), presented from the cache where it can. */
export async function packageDictsByKeys(db: EntityManager, keys: DatasetKey[], siteUrl: string): Promise<Dict[]> {
  return (await loadDatasetsByKeys(db, keys)).map((loaded) => packageDict(loaded, siteUrl));
}

export async function packageDictOf(db: EntityManager, pkg: PackageEntity, siteUrl: string): Promise<Dict> {
  const [dict] = await packageDicts(db, [pkg], siteUrl);
  return dict;
}

/** package_show's dict of a loaded dataset; made once per cached state of it (frozen then: copy to change). */
export function packageDict(loaded: LoadedDataset, siteUrl: string): Dict {
  return presentedOnce(loaded.cached, `ckan ${siteUrl}`, () => {
    const dict = corePackageDict(loaded, siteUrl);
    // The score reads the finished dict (effective DCAT values, resources), so it comes last.
    dict.dcat_quality = datasetQuality(dict);
    return dict;
  });
}

function corePackageDict(related: LoadedDataset, siteUrl: string): Dict {
  const { pkg } = related;
  const license = findLicense(pkg.licenseId);
  return {
    id: pkg.id,
    name: pkg.name,
    title: pkg.title,
    type: pkg.type,
    notes: pkg.notes,
    url: pkg.url,
    version: pkg.version,
    author: pkg.author,
    author_email: pkg.authorEmail,
    maintainer: pkg.maintainer,
    maintainer_email: pkg.maintainerEmail,
    license_id: pkg.licenseId,
    license_title: license?.title ?? pkg.licenseId,
    license_url: license?.url ?? '',
    isopen: license?.od_conformance === 'approved',
    private: pkg.private,
    state: pkg.state,
    owner_org: pkg.ownerOrg,
    creator_user_id: pkg.creatorUserId,
    metadata_created: pkg.metadataCreated,
    metadata_modified: pkg.metadataModified,
    organization: related.org ? organizationDict(related.org) : null,
    num_resources: related.resources.length,
    num_tags: related.tags.length,
    resources: related.resources.map((r) => resourceDict(r, pkg, siteUrl)),
    tags: related.tags.map((name) => ({ id: tagId(name), name, display_name: name, state: 'active', vocabulary_id: null })),
    groups: related.groups.map((g) => ({
      id: g.id,
      name: g.name,
      title: g.title,
      display_name: g.title || g.name,
      description: g.description,
      image_display_url: g.imageUrl,
    })),
    extras: pkg.extras ?? [],
    identifier: pkg.identifier ?? '',
    ...datasetDcatDict(effectiveDcat(storedDcatOf(pkg.dcat), pkg, organizationAgent(related.org))),
    relationships_as_object: [],
    relationships_as_subject: [],
  };
}
