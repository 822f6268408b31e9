// DCAT-AP_IT distribution fields. format, media type, size and checksum live in the resource's own
// columns (format, mimetype, size, hash: CKAN's names); licence, languages and the two URLs in resource.dcat.
import { FieldErrors } from '../core/errors';
import { textOf } from '../core/text';
import { normalizeLicenseId } from '../catalogue/licenses';
import { httpUrl, languageCodes } from './field-parsers';
import { formatFromFile, normalizeFormat } from './formats';

/** Fields resource_show fills in with derived values when the editor gave none. */
export const DISTRIBUTION_DERIVED_FIELDS = ['license_id', 'language', 'access_url', 'download_url', 'byte_size', 'checksum', 'media_type'];

export interface StoredDistributionDcat {
  license_id?: string;
  language?: string[];
  access_url?: string;
  download_url?: string;
}

export function readDistributionDcat(input: Record<string, unknown>, prefix: string, errors: FieldErrors): StoredDistributionDcat {
  const stored: StoredDistributionDcat = {};
  // Any licence is kept, as CKAN keeps it; the feeds publish one outside the list as AgID's unknown licence.
  const licenseId = normalizeLicenseId(textOf(input.license_id));
  if (licenseId) stored.license_id = licenseId;
  const languages = languageCodes(input.language, `${prefix}language`, errors);
  if (languages.length) stored.language = languages;
  const accessUrl = httpUrl(input.access_url, `${prefix}access_url`, errors);
  if (accessUrl) stored.access_url = accessUrl;
  const downloadUrl = httpUrl(input.download_url, `${prefix}download_url`, errors);
  if (downloadUrl) stored.download_url = downloadUrl;
  return stored;
}

/**
 * resource_show returns derived values (the download link, the resource page, the dataset's licence);
 * a client sending them back has not chosen them, and storing them would freeze links that change when
 * the dataset is renamed or the file replaced. A value is an echo when it equals what the portal derives
 * now (`resource`) or what it showed before this change (`shown`: the resource's effective values, for
 * the fields the editor had not set).
 */
export function withoutEchoes(
  stored: StoredDistributionDcat,
  resource: { id: string | null; url: string; datasetLicenseId: string },
  shown?: { values: Record<string, unknown>; stored: StoredDistributionDcat },
): StoredDistributionDcat {
  const result = { ...stored };
  const ownPage = resource.id ? new RegExp(`/dataset/[^/]+/resource/${resource.id}$`) : null;
  const ownDownload = resource.id ? `/resource/${resource.id}/download/` : null;
  if (result.download_url && (result.download_url === resource.url || (ownDownload && result.download_url.includes(ownDownload)))) delete result.download_url;
  if (result.access_url && (result.access_url === resource.url || ownPage?.test(result.access_url))) delete result.access_url;
  if (result.license_id === resource.datasetLicenseId) delete result.license_id;
  for (const key of ['download_url', 'access_url', 'license_id'] as const) {
    if (shown && !shown.stored[key] && result[key] === shown.values[key]) delete result[key];
  }
  return result;
}

/**
 * The format of a resource: the EU file-type code of the one given (any spelling CKAN clients use),
 * else the file's or link's extension and media type; uploads of an unknown kind are "OCTET" (a byte
 * stream). A format outside the vocabulary is kept as given and one nobody can tell stays empty, as
 * CKAN keeps them: the feeds then publish the EU placeholder (publishedFormat) and the quality score
 * asks for a real one.
 */
export function resolveFormat(given: string, source: { filename: string; mimetype: string; isUpload: boolean }): string {
  if (given.trim()) return normalizeFormat(given) ?? given.trim().slice(0, 100);
  return formatFromFile(source.filename, source.mimetype) ?? (source.isUpload ? 'OCTET' : '');
}

/** byte_size and checksum are CKAN's size and hash under their DCAT names. */
export function sizeAndChecksum(input: Record<string, unknown>): { size: unknown; hash: unknown } {
  return { size: input.byte_size ?? input.size, hash: input.checksum ?? input.hash };
}
