// What names a dataset: dct:identifier, the catalogo name (slug) derived from it, adms:identifier.
import { agent } from './agents';
import { Graph, NS } from './graph';
import { compare, lastSegment, trimEnd, type Warn } from './values';

const { dct, adms, skos, rdf } = NS;
const PLACEHOLDERS = new Set(['n/a', 'na', 'n.a.', 'n.d.', 'nd', '-', '--', 'null', 'none', 'nessuno']);

/** Lowercase a-z0-9-_ only, 2–100 characters; '' when nothing usable is left. */
export function slugify(text: string): string {
  const dashed = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-_]+/, '');
  // Trailing "-" and "_" trimmed by a loop: /[-_]+$/ is quadratic on a long run of them.
  const slug = trimEnd(trimEnd(dashed, '-_').slice(0, 100), '-_');
  return slug.length >= 2 ? slug : '';
}

/** The (first) dct:identifier; '' with a warning when there is none. */
export function identifierOf(g: Graph, uri: string, warn: Warn): string {
  const identifiers = g.objects(uri, `${dct}identifier`).map((n) => n.value.trim()).filter(Boolean);
  const identifier = identifiers[0] ?? '';
  if (!identifier) warn('manca dct:identifier');
  else if (identifiers.length > 1) warn(`più di un dct:identifier, uso "${identifier}"`);
  return identifier;
}

/** The names already given in one document: two datasets must not get the same one. */
export class DatasetNames {
  private readonly used = new Set<string>();

  /**
   * From the identifier ("ipaCode:name", as catalogo and ckanext-dcatapit write it, gives the name
   * back), else the title, else the IRI; made unique within the document.
   */
  claim(uri: string, identifier: string, title: string, publisherIdentifier: string, warn: Warn): string {
    let name = this.candidates(uri, identifier, title, publisherIdentifier).find(Boolean) ?? fallbackName(uri);
    if (this.used.has(name)) {
      const base = name.slice(0, 95);
      let i = 2;
      while (this.used.has(`${base}-${i}`)) i++;
      warn(`nome "${name}" già usato da un altro dataset del documento, uso "${base}-${i}"`);
      name = `${base}-${i}`;
    }
    this.used.add(name);
    return name;
  }

  private candidates(uri: string, identifier: string, title: string, publisherIdentifier: string): string[] {
    const candidates: string[] = [];
    if (identifier) {
      const prefix = publisherIdentifier ? `${publisherIdentifier}:` : '';
      const rest = prefix && identifier.startsWith(prefix) ? identifier.slice(prefix.length) : '';
      if (rest && /^[a-z0-9_-]{2,100}$/.test(rest)) candidates.push(rest);
      candidates.push(slugify(identifier));
    }
    return [...candidates, slugify(title), slugify(lastSegment(uri))];
  }
}

function fallbackName(uri: string): string {
  let hash = 0;
  for (const c of uri) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `dataset-${hash.toString(36)}`;
}

/** adms:identifier as ckanext-dcatapit's alternate_identifier list (placeholders such as "N/A" dropped). */
export function alternateIdentifiersOf(g: Graph, uri: string, warn: Warn): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const n of g.objects(uri, `${adms}identifier`)) {
    const value = n.kind === 'literal' ? n.value.trim() : g.text(n.value, `${skos}notation`, `${dct}identifier`, `${rdf}value`);
    if (!value || PLACEHOLDERS.has(value.toLowerCase())) {
      warn(`adms:identifier vuoto o segnaposto${value ? ` ("${value}")` : ''}, scartato`);
      continue;
    }
    const entry: Record<string, unknown> = { identifier: value };
    const creator = n.kind === 'literal' ? undefined : g.objects(n.value, `${dct}creator`)[0];
    const by = creator ? agent(g, creator, 'agente di adms:identifier', warn) : null;
    if (by) entry.agent = { agent_name: by.name, agent_identifier: by.identifier };
    out.push(entry);
  }
  return out.sort((a, b) => compare(String(a.identifier), String(b.identifier)));
}
