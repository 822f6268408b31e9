// The resources' part of a dataset's change: added, removed, renamed, described, reformatted, and
// a link or an uploaded file replaced (which file replaced which, with their sizes).
import { Change, Dict, Location, ResourceRef, valueChange } from './change-types';

/**
 * Fields the portal computes or that follow another change (the URL of an upload follows the dataset's
 * name; checksum and size follow the file): shown through the changes they come from, or not at all.
 */
const NOT_COMPARED = new Set([
  'id', 'package_id', 'url', 'url_type', 'name', 'description', 'format', 'mimetype', 'mimetype_inner', 'size', 'hash',
  'created', 'last_modified', 'metadata_modified', 'position', 'state', 'cache_url', 'cache_last_updated',
  'datastore_active', 'resource_type', 'access_url', 'download_url', 'byte_size', 'checksum', 'media_type', 'file_versions',
]);

/** The last segment of an upload's download URL, decoded: the name the file was uploaded with. */
function uploadedFileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url, 'http://x').pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
}

function isUpload(resource: Dict): boolean {
  return resource.url_type === 'upload';
}

function refOf(resource: Dict): ResourceRef {
  return { id: String(resource.id), name: String(resource.name ?? ''), file: isUpload(resource) ? uploadedFileName(String(resource.url ?? '')) : '' };
}

function locationOf(resource: Dict): Location {
  const url = String(resource.url ?? '');
  return isUpload(resource) ? { url, file: uploadedFileName(url), size: resource.size ?? null } : { url };
}

/** A new file (another checksum or name) or another link; an upload's URL alone changes with the dataset's name. */
function locationChange(before: Dict, after: Dict, resource: ResourceRef): Change[] {
  if (!isUpload(before) && !isUpload(after)) return valueChange('resource_url', before.url, after.url, { resource });
  const [old, now] = [locationOf(before), locationOf(after)];
  const sameFile = isUpload(before) && isUpload(after) && before.hash === after.hash && old.file === now.file;
  return sameFile ? [] : [{ type: 'new_file', method: 'change', resource, old, new: now }];
}

/**
 * Fields beyond CKAN's own (DCAT-AP_IT distribution fields, extras). The licence follows the dataset's
 * when the editor chose none, so it counts only when it is not the dataset's on both sides.
 */
function fieldChanges(before: Dict, after: Dict, resource: ResourceRef, licences: [unknown, unknown]): Change[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !NOT_COMPARED.has(k)).sort();
  return keys.flatMap((key) => {
    if (key === 'license_id' && before[key] === licences[0] && after[key] === licences[1]) return [];
    return valueChange('resource_field', before[key], after[key], { field: key, resource });
  });
}

function resourceChanges(before: Dict, after: Dict, licences: [unknown, unknown]): Change[] {
  const resource = refOf(after);
  return [
    ...valueChange('resource_name', before.name, after.name, { resource }),
    ...valueChange('resource_format', before.format, after.format, { resource }),
    ...valueChange('resource_desc', before.description, after.description, { resource }),
    ...locationChange(before, after, resource),
    ...fieldChanges(before, after, resource, licences),
  ];
}

function byId(resources: unknown): Map<string, Dict> {
  return new Map((Array.isArray(resources) ? resources : []).map((r: Dict) => [String(r.id), r]));
}

export function checkResourceChanges(old: Dict, now: Dict): Change[] {
  const [before, after] = [byId(old.resources), byId(now.resources)];
  const licences: [unknown, unknown] = [old.license_id, now.license_id];
  const added = [...after.values()].filter((r) => !before.has(String(r.id)));
  const removed = [...before.values()].filter((r) => !after.has(String(r.id)));
  return [
    ...added.map((r): Change => ({ type: 'new_resource', method: 'add', resource: refOf(r), new: locationOf(r) })),
    ...removed.map((r): Change => ({ type: 'delete_resource', method: 'remove', resource: refOf(r), old: locationOf(r) })),
    ...[...after.values()].filter((r) => before.has(String(r.id)))
      .flatMap((r) => resourceChanges(before.get(String(r.id))!, r, licences)),
  ];
}
