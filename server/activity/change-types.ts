// What changed between two versions of a dataset, one entry per change, as CKAN's activity plugin
// lists them (ckanext/activity/changes.py: "type" names the kind, "method" add / remove / change).
// Values are left as stored (codes, bytes): the pages put them into words in the reader's language.

export type Dict = Record<string, any>;

export type ChangeType =
  | 'title' | 'name' | 'notes' | 'private' | 'state' | 'org' | 'license'
  | 'field' | 'extra' | 'dcat' | 'tag' | 'theme' | 'subtheme' | 'group'
  | 'new_resource' | 'delete_resource' | 'resource_name' | 'resource_format' | 'resource_desc'
  | 'resource_url' | 'new_file' | 'resource_field';

export type ChangeMethod = 'add' | 'remove' | 'change';

/** A resource as a change names it: its name, or for an upload without one its file's name. */
export interface ResourceRef { id: string; name: string; file: string }

/** The location of a resource's data: a link, or an uploaded file with its name and size. */
export interface Location { url: string; file?: string; size?: number | null }

export interface Change {
  type: ChangeType;
  method: ChangeMethod;
  /** The field, extra key or DCAT field concerned, for the kinds that have several. */
  field?: string;
  old?: unknown;
  new?: unknown;
  resource?: ResourceRef;
}

/** The method that takes a value from `before` to `after`, where empty means absent. */
export function methodOf(before: unknown, after: unknown): ChangeMethod {
  if (isEmpty(before)) return 'add';
  return isEmpty(after) ? 'remove' : 'change';
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Equal as stored values: objects and lists compared by content. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A change of a plain value, or nothing when it stayed the same. */
export function valueChange(type: ChangeType, before: unknown, after: unknown, extra: Partial<Change> = {}): Change[] {
  if (sameValue(before, after)) return [];
  return [{ type, method: methodOf(before, after), ...extra, old: before ?? '', new: after ?? '' }];
}
