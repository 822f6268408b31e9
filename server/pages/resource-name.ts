// What a resource is called on the pages. Its name; for an upload sent without one (the API leaves the
// name empty, as CKAN's does), the name of its file; "Risorsa senza nome" only for a link without a name.
import { Request } from 'express';
import { t } from './page';

/** The last segment of a download URL, decoded: the file's name as it was uploaded (cleaned). */
function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url, 'http://x').pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
}

export function shownResourceName(req: Request, resource: { name?: string | null; url?: string | null; url_type?: string | null }): string {
  if (resource.name) return resource.name;
  const file = resource.url_type === 'upload' && resource.url ? fileNameOf(resource.url) : '';
  return file || t(req, 'resource.unnamed');
}
