// Ready-to-copy calls for a resource's DataStore table: datastore_search (with a filter on a real
// column and value of the table), datastore_search_sql, and the dumps at CKAN's URL.
import { SearchField } from './resource-actions';

/** A shell word in single quotes: whatever the column or value, the command stays one argument. */
export const shellWord = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The first column and value of the first row that make a readable filter (a short scalar). */
function filterExample(fields: SearchField[], firstRow: Record<string, unknown> | undefined): Record<string, unknown> | null {
  for (const field of fields) {
    const value = firstRow?.[field.id];
    if ((typeof value === 'string' && value.length > 0 && value.length <= 40) || typeof value === 'number') return { [field.id]: value };
  }
  return null;
}

export function apiBoxView(siteUrl: string, resourceId: string, fields: SearchField[], firstRow: Record<string, unknown> | undefined) {
  const site = siteUrl.replace(/\/+$/, '');
  const filters = filterExample(fields, firstRow);
  const search = `${site}/api/3/action/datastore_search`;
  const sql = `SELECT * FROM "${resourceId}" LIMIT 5`;
  const dump = `${site}/datastore/dump/${resourceId}`;
  return {
    search: `curl ${shellWord(`${search}?resource_id=${resourceId}&limit=5`)}`,
    filter: filters ? `curl ${shellWord(`${search}?resource_id=${resourceId}&filters=${encodeURIComponent(JSON.stringify(filters))}`)}` : null,
    filterJson: filters ? JSON.stringify(filters) : null,
    sql: `curl ${shellWord(`${site}/api/3/action/datastore_search_sql`)} --get --data-urlencode ${shellWord(`sql=${sql}`)}`,
    dumps: {
      csv: `${dump}?format=csv`, csvBom: `${dump}?format=csv&bom=true`, json: `${dump}?format=json`,
      tsv: `${dump}?format=tsv`, xml: `${dump}?format=xml`,
    },
  };
}
