// Creating and changing resources: shared by the resource_* actions and by package_create/update.
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../core/context';
import { ValidationError } from '../core/errors';
import { nowIso } from '../db/columns';
import { formatFromFile, mediaTypeOf } from '../dcat/formats';
import { settlePending } from '../files/pending';
import { UploadedFile } from '../files/store';
import { PackageEntity, ResourceEntity, ResourceFileEntity } from './entities';
import { insertRows } from './insert-rows';
import { Dict, downloadUrl } from './present';
import { textOf } from '../core/text';
import { FieldErrors } from '../core/errors';
import { readDistributionDcat, resolveFormat, sizeAndChecksum, StoredDistributionDcat, withoutEchoes } from '../dcat/distribution-fields';
import { effectiveDistribution } from '../dcat/distribution-present';

/** Fields stored in their own columns; anything else a client sends is kept in `extras`. */
const COLUMNS = new Set([
  'id', 'package_id', 'url', 'url_type', 'name', 'description', 'format', 'mimetype', 'size', 'hash', 'created',
  'last_modified', 'metadata_modified', 'position', 'state', 'cache_url', 'cache_last_updated', 'datastore_active',
  'resource_type', 'mimetype_inner', 'upload', 'clear_upload', 'file_versions',
  // DCAT-AP_IT distribution fields (server/dcat/distribution-fields.ts)
  'license_id', 'language', 'access_url', 'download_url', 'byte_size', 'checksum', 'media_type',
]);

/** A file already moved into the store, waiting to be attached to its resource. */
export interface StoredUpload {
  upload: UploadedFile;
  key: string;
}


function customFields(input: Dict): Record<string, unknown> | null {
  const extras = Object.fromEntries(Object.entries(input).filter(([k]) => !COLUMNS.has(k)));
  return Object.keys(extras).length ? extras : null;
}

/** True when a client sends back, unchanged, the download URL we gave it for an uploaded file. */
function keepsUpload(existing: ResourceEntity | undefined, input: Dict, pkg: PackageEntity, siteUrl: string): boolean {
  if (!existing || existing.urlType !== 'upload') return false;
  if (input.url === undefined || input.url_type === 'upload') return true;
  const url = textOf(input.url);
  return url === existing.url || url === downloadUrl(siteUrl, pkg.name, existing.id, existing.url) || url.endsWith(`/resource/${existing.id}/download/${encodeURIComponent(existing.url)}`);
}

/** What resource_show gave for `existing` before this change: the values a client may send back. */
function shownBefore(existing: ResourceEntity, datasetBefore: PackageEntity, siteUrl: string) {
  const url = existing.urlType === 'upload' ? downloadUrl(siteUrl, datasetBefore.name, existing.id, existing.url) : existing.url;
  return { values: { ...effectiveDistribution(existing, datasetBefore, url, siteUrl) }, stored: (existing.dcat ?? {}) as StoredDistributionDcat };
}

export async function saveResource(
  manager: EntityManager,
  args: {
    pkg: PackageEntity; input: Dict; existing?: ResourceEntity; position: number; stored?: StoredUpload; actor: Actor; siteUrl: string; field?: string;
    /** The dataset as it was before this change (package_update may rename it or change its licence). */
    datasetBefore?: { name: string; licenseId: string };
  },
): Promise<ResourceEntity> {
  const { pkg, input, existing, stored, actor } = args;
  const now = nowIso();
  const url = textOf(input.url);
  if (url && !stored && !keepsUpload(existing, input, pkg, args.siteUrl) && !/^(https?|ftp):\/\/\S+$/i.test(url)) {
    throw ValidationError.field(args.field ?? 'url', 'Indirizzo non valido: deve iniziare con http://, https:// o ftp://');
  }
  const prefix = args.field ? args.field.replace(/url$/, '') : '';
  const errors: FieldErrors = {};
  const dcat = withoutEchoes(readDistributionDcat(input, prefix, errors), {
    id: existing?.id ?? null, url, datasetLicenseId: pkg.licenseId,
  }, existing ? shownBefore(existing, { ...pkg, ...args.datasetBefore } as PackageEntity, args.siteUrl) : undefined);
  const mediaType = textOf(input.media_type ?? input.mimetype);
  const kept = !stored && keepsUpload(existing, input, pkg, args.siteUrl);
  const format = kept && input.format === undefined
    ? existing!.format
    : resolveFormat(textOf(input.format), {
      filename: stored ? stored.upload.filename : kept ? existing!.url : url,
      mimetype: mediaType || (stored ? stored.upload.mimetype : kept ? existing!.mimetype : ''),
      isUpload: !!stored || kept,
    }, `${prefix}format`, errors);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const resource = existing ?? Object.assign(new ResourceEntity(), { id: randomUUID(), packageId: pkg.id, created: now });
  resource.dcat = Object.keys(dcat).length ? dcat as Record<string, unknown> : null;
  resource.format = format;
  resource.name = textOf(input.name);
  resource.description = textOf(input.description);
  resource.position = args.position;
  resource.state = 'active';
  resource.extras = customFields(input);
  resource.metadataModified = now;
  if (stored) {
    const file = Object.assign(new ResourceFileEntity(), {
      id: randomUUID(), resourceId: resource.id, storageKey: stored.key, filename: stored.upload.filename,
      size: stored.upload.size, sha256: stored.upload.sha256, mimetype: '', charset: stored.upload.charset, uploadedBy: actor.id, created: now,
    });
    // The file's own extension first: browsers send a generic type for anything they do not know.
    const byName = mediaTypeOf(formatFromFile(file.filename, '') ?? '');
    const sentType = stored.upload.mimetype && stored.upload.mimetype !== 'application/octet-stream' ? stored.upload.mimetype : '';
    file.mimetype = byName || sentType || 'application/octet-stream';
    resource.urlType = 'upload';
    resource.url = file.filename;
    resource.size = file.size;
    resource.hash = file.sha256;
    resource.mimetype = mediaType || file.mimetype;
    resource.currentFileId = file.id;
    resource.lastModified = now;
    await manager.getRepository(ResourceEntity).save(resource);
    await manager.getRepository(ResourceFileEntity).insert(file);
    await settlePending(manager, stored.key); // from this commit on, the row protects the file
    return resource;
  }
  if (kept) {
    resource.mimetype = input.mimetype === undefined && input.media_type === undefined ? resource.mimetype : mediaType;
  } else {
    // A link: the previous file, if any, stays in the resource's history.
    resource.urlType = '';
    resource.url = url;
    resource.currentFileId = null;
    resource.mimetype = mediaType || mediaTypeOf(format);
    // A size the client states about a link: kept only if it is a plausible byte count.
    const stated = sizeAndChecksum(input);
    const size = Number(stated.size);
    resource.size = stated.size !== null && stated.size !== '' && Number.isSafeInteger(size) && size >= 0 ? size : null;
    resource.hash = textOf(stated.hash);
    resource.lastModified = existing ? now : null;
  }
  // A new resource is one INSERT; an existing one is read and updated as before.
  if (existing) await manager.getRepository(ResourceEntity).save(resource);
  else await insertRows(manager, ResourceEntity, resource);
  return resource;
}
