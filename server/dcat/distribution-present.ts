// The DCAT-AP_IT distribution fields as resource_show returns them, with what the portal derives.
import type { PackageEntity, ResourceEntity } from '../catalogue/entities';
import { isWebUrl } from './field-parsers';
import { mediaTypeOf } from './formats';
import { StoredDistributionDcat } from './distribution-fields';

export function resourcePageUrl(siteUrl: string, pkg: { name: string }, resourceId: string): string {
  return `${siteUrl}/dataset/${encodeURIComponent(pkg.name)}/resource/${resourceId}`;
}

export interface EffectiveDistribution {
  license_id: string;
  language: string[];
  access_url: string;
  download_url: string;
  byte_size: number | null;
  checksum: string;
  media_type: string;
}

/**
 * Uploads are downloaded from the portal; a link is a download when it points at a file of a known
 * format (its format came from its name), otherwise a page reached through access_url.
 */
export function effectiveDistribution(resource: ResourceEntity, pkg: PackageEntity, given: string, siteUrl: string): EffectiveDistribution {
  const stored = (resource.dcat ?? {}) as StoredDistributionDcat;
  // A url that is not a web address (CKAN takes free text) is never published as an access or download URL.
  const url = resource.urlType === 'upload' || isWebUrl(given, true) ? given : '';
  const isFileLink = resource.urlType === 'upload' || (!!url && resource.format !== 'HTML');
  const downloadUrl = stored.download_url || (isFileLink ? url : '');
  return {
    license_id: stored.license_id || pkg.licenseId,
    language: stored.language ?? [],
    access_url: stored.access_url || (downloadUrl ? resourcePageUrl(siteUrl, pkg, resource.id) : url || resourcePageUrl(siteUrl, pkg, resource.id)),
    download_url: downloadUrl,
    byte_size: resource.size,
    checksum: resource.hash ? (resource.urlType === 'upload' ? `sha256:${resource.hash}` : resource.hash) : '',
    media_type: resource.mimetype || mediaTypeOf(resource.format),
  };
}

export function distributionDcatDict(resource: ResourceEntity, pkg: PackageEntity, url: string, siteUrl: string): Record<string, unknown> {
  const effective = effectiveDistribution(resource, pkg, url, siteUrl);
  return { ...effective, language: effective.language.length > 1 ? `{${effective.language.join(',')}}` : effective.language[0] ?? '' };
}
