// Turns a parsed q/fq tree (solr-syntax.ts) into one SQL condition on the package table `p`, with
// named parameters: never a value spliced into SQL. The same SQL runs on SQLite and PostgreSQL.
import { QueryNode, QuerySyntaxError } from './solr-syntax';
import { isRealDate } from '../core/dates';
import { isJsonField, jsonFieldCondition, prefixOf } from './field-filters';
import { likeEscaped } from './like';

const DATE_FIELDS = new Set(['metadata_modified', 'metadata_created']);
const COLUMN_FIELDS = new Set(['owner_org', 'license_id', 'name', 'id', 'state', 'identifier']);

export { likeEscaped } from './like';

function likePattern(word: string): string {
  return `%${likeEscaped(word)}%`;
}

/** A Solr date bound as our stored timestamps print (UTC, no zone, microseconds): NOW, NOW-7DAYS, ISO. */
export function dateBound(value: string): string {
  const relative = /^NOW(?:([+-])(\d+)(DAYS?|HOURS?|MINUTES?))?(?:\/DAY)?$/.exec(value);
  let when: Date;
  if (relative) {
    const unit = { D: 86_400_000, H: 3_600_000, M: 60_000 }[relative[3]?.[0] as 'D' | 'H' | 'M'] ?? 0;
    when = new Date(Date.now() + (relative[1] === '-' ? -1 : 1) * Number(relative[2] ?? 0) * unit);
  } else {
    when = /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?Z?$/.test(value) ? new Date(/T/.test(value) && !value.endsWith('Z') ? `${value}Z` : value) : new Date(NaN);
  }
  // A day that does not exist (2024-02-30) is an error, not the day Date would roll it over to.
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (day && !isRealDate(Number(day[1]), Number(day[2]), Number(day[3]))) when = new Date(NaN);
  if (Number.isNaN(when.getTime())) throw new QuerySyntaxError(`data non valida: "${value}" (usa per esempio 2024-05-01T00:00:00Z o NOW-7DAYS)`);
  return when.toISOString().replace('Z', '000');
}

/** How a free-text word becomes a condition on `p` (search-index.ts: the full-text index); `param` makes a placeholder. */
export type TextCondition = (value: string, param: (value: unknown) => string) => string;

export class SqlFilter {
  readonly params: Record<string, unknown> = {};
  private count = 0;
  /** Without one, words match with LIKE (the DCAT feeds' filters). */
  constructor(private readonly textCondition?: TextCondition) {}

  private param(value: unknown): string {
    this.count += 1;
    const name = `f${this.count}`;
    this.params[name] = value;
    return `:${name}`;
  }

  compile(node: QueryNode): string {
    switch (node.kind) {
      case 'all':
        return '1 = 1';
      case 'and':
      case 'or':
        if (node.children.length === 0) return '1 = 1';
        return `(${node.children.map((c) => this.compile(c)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `NOT ${this.compile(node.child)}`;
      case 'range':
        return this.range(node.field, node.from, node.to);
      case 'term':
        return node.value === '*' ? this.present(node.field) : this.term(node.field, node.value);
    }
  }

  private range(field: string, from: string | null, to: string | null): string {
    if (!DATE_FIELDS.has(field)) throw new QuerySyntaxError(`gli intervalli valgono solo per metadata_modified e metadata_created, non per ${field}`);
    const parts = [from ? `p.${field} >= ${this.param(dateBound(from))}` : '', to ? `p.${field} <= ${this.param(dateBound(to))}` : ''];
    const sql = parts.filter(Boolean).join(' AND ');
    return sql ? `(${sql})` : '1 = 1';
  }

  private freeText(value: string): string {
    if (this.textCondition) return this.textCondition(value, (v) => this.param(v));
    const p = this.param(likePattern(value));
    const columns = ['p.title', 'p.name', 'p.notes'].map((c) => `LOWER(${c}) LIKE ${p} ESCAPE '\\'`);
    columns.push(`EXISTS (SELECT 1 FROM package_tag t WHERE t.package_id = p.id AND LOWER(t.tag) LIKE ${p} ESCAPE '\\')`);
    return `(${columns.join(' OR ')})`;
  }

  private term(field: string, value: string): string {
    if (isJsonField(field)) return jsonFieldCondition(field, value, (v) => this.param(v));
    const prefix = prefixOf(value);
    if (prefix !== null) return this.prefixTerm(field, prefix);
    switch (field) {
      case '':
      case 'text':
        return this.freeText(value);
      case 'title':
      case 'notes':
        return `LOWER(p.${field}) LIKE ${this.param(likePattern(value))} ESCAPE '\\'`;
      case 'organization':
        return `EXISTS (SELECT 1 FROM "group" o WHERE o.id = p.owner_org AND o.name = ${this.param(value)})`;
      case 'tags':
        return `EXISTS (SELECT 1 FROM package_tag t WHERE t.package_id = p.id AND t.tag = ${this.param(value)})`;
      case 'groups':
        return `EXISTS (SELECT 1 FROM package_group pg JOIN "group" g ON g.id = pg.group_id WHERE pg.package_id = p.id AND g.name = ${this.param(value)})`;
      case 'res_format':
        return `EXISTS (SELECT 1 FROM resource r WHERE r.package_id = p.id AND r.state = 'active' AND UPPER(r.format) = UPPER(${this.param(value)}))`;
      case 'capacity':
        return `p.private = ${this.param(value === 'private')}`;
      case 'dataset_type':
      case 'type':
        return `p.type = ${this.param(value)}`;
      case 'metadata_modified':
      case 'metadata_created':
        return this.range(field, value, value);
      default:
        // The column name comes from a fixed list, never from the request.
        if (!COLUMN_FIELDS.has(field)) throw new QuerySyntaxError(`campo non filtrabile: ${field}`);
        return `p.${field} = ${this.param(value)}`;
    }
  }

  /** field:foo* — a value starting with foo (in a text field, a word starting with it, as Solr's text fields match). */
  private prefixTerm(field: string, prefix: string): string {
    // Text fields match words anywhere (LIKE %word%), so the start of a word too.
    if (['', 'text', 'title', 'notes'].includes(field)) return this.term(field, prefix);
    const like = (column: string) => `LOWER(${column}) LIKE ${this.param(`${likeEscaped(prefix)}%`)} ESCAPE '\\'`;
    switch (field) {
      case 'organization':
        return `EXISTS (SELECT 1 FROM "group" o WHERE o.id = p.owner_org AND ${like('o.name')})`;
      case 'tags':
        return `EXISTS (SELECT 1 FROM package_tag t WHERE t.package_id = p.id AND ${like('t.tag')})`;
      case 'groups':
        return `EXISTS (SELECT 1 FROM package_group pg JOIN "group" g ON g.id = pg.group_id WHERE pg.package_id = p.id AND ${like('g.name')})`;
      case 'res_format':
        return `EXISTS (SELECT 1 FROM resource r WHERE r.package_id = p.id AND r.state = 'active' AND ${like('r.format')})`;
      default:
        // The column name comes from a fixed list, never from the request.
        if (!COLUMN_FIELDS.has(field)) throw new QuerySyntaxError(`il carattere * vale solo alla fine di un valore di campi di testo, non per ${field}`);
        return like(`p.${field}`);
    }
  }

  /** field:* — the field has a value. */
  private present(field: string): string {
    switch (field) {
      case 'tags':
        return 'EXISTS (SELECT 1 FROM package_tag t WHERE t.package_id = p.id)';
      case 'groups':
        return 'EXISTS (SELECT 1 FROM package_group pg WHERE pg.package_id = p.id)';
      case 'res_format':
        return "EXISTS (SELECT 1 FROM resource r WHERE r.package_id = p.id AND r.state = 'active' AND r.format <> '')";
      default:
        return '1 = 1';
    }
  }
}
