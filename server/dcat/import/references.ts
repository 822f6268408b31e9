// What a dataset points at besides its data: its page (CKAN's url), keywords, the standards it conforms
// to, the dataset it is a version of.
import { isWebUrl } from '../field-parsers';
import { Graph, NS } from './graph';
import { cleanUrl, compare, type Warn } from './values';

const { dcat, dct, dcatapit, foaf, rdfs } = NS;
const TAG_PATTERN = /^[\p{L}\p{N} _.-]+$/u;

/** dcat:landingPage (also as misspelt by real exports); '' when there is none usable. */
function landingPageOf(g: Graph, uri: string, warn: Warn): string {
  const landing = g.objects(uri, `${dcat}landingPage`);
  const misspelt = landing.length ? [] : g.objects(uri, `${dcat}landindPage`, `${dcat}landingpage`);
  if (misspelt.length) warn('dcat:landingPage scritto male (dcat:landindPage), letto comunque');
  const page = [...landing, ...misspelt][0];
  return page ? cleanUrl(page.value, 'dcat:landingPage', warn) : '';
}

/**
 * CKAN's url: the dataset's foaf:page when it has one, else its dcat:landingPage. ckanext-dcat writes
 * url as dcat:landingPage; catalogo and ckanext-dcatapit write the portal's own dataset page there,
 * catalogo the url as foaf:page (ckanext-dcat(apit) puts its "documentation" pages in foaf:page).
 */
export function sourcePageOf(g: Graph, uri: string, warn: Warn): string {
  const landingPage = landingPageOf(g, uri, warn);
  const page = g.objects(uri, `${foaf}page`).find((n) => n.kind === 'iri');
  return (page && cleanUrl(page.value, 'foaf:page', warn)) || landingPage;
}

/** A keyword as a CKAN tag: 2–100 letters, digits, spaces, - _ . ; '' when nothing usable is left. */
function tagOf(raw: string, warn: Warn): string {
  let tag = raw;
  if (!TAG_PATTERN.test(tag) || tag.length > 100) {
    tag = tag.replace(/[^\p{L}\p{N} _.-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 100).trim();
    if (tag.length >= 2) warn(`parola chiave "${raw}" corretta in "${tag}"`);
  }
  if (tag.length >= 2) return tag;
  warn(`parola chiave "${raw}" scartata: servono da 2 a 100 caratteri tra lettere, cifre, spazi, - _ .`);
  return '';
}

/** dcat:keyword in one language only: Italian and untagged keywords when there are any, else all. */
export function tagsOf(g: Graph, uri: string, warn: Warn): { name: string }[] {
  const all = g.objects(uri, `${dcat}keyword`).filter((n) => n.kind === 'literal' && n.value.trim());
  const italian = all.filter((n) => n.language === '' || n.language === 'it' || n.language.startsWith('it-'));
  const seen = new Set<string>();
  const tags: { name: string }[] = [];
  for (const n of italian.length ? italian : all) {
    const tag = tagOf(n.value.trim(), warn);
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push({ name: tag });
  }
  return tags;
}

/**
 * dct:conformsTo as ckanext-dcatapit's conforms_to list: identifier, title, reference URI. package_create
 * takes only an http(s) reference URI: another IRI (urn:…) stays as the identifier, with a warning.
 */
export function standardsOf(g: Graph, uri: string, warn: Warn): { identifier: string; title: string; uri: string }[] {
  const out: { identifier: string; title: string; uri: string }[] = [];
  for (const n of g.objects(uri, `${dct}conformsTo`)) {
    if (n.kind === 'literal') {
      if (n.value.trim()) out.push({ identifier: n.value.trim(), title: '', uri: '' });
      continue;
    }
    const reference = n.kind === 'iri' ? n.value.trim() : g.objects(n.value, `${dcatapit}referenceDocumentation`).map((r) => r.value.trim())[0] ?? '';
    const identifier = g.text(n.value, `${dct}identifier`) || reference;
    const webReference = reference && isWebUrl(reference) ? reference : '';
    if (reference && !webReference) warn(`dct:conformsTo: riferimento ${reference} non http(s), tenuto solo come identificativo`);
    if (identifier) out.push({ identifier, title: g.text(n.value, `${dct}title`, `${rdfs}label`), uri: webReference });
  }
  return out.sort((a, b) => compare(a.identifier, b.identifier) || compare(a.uri, b.uri));
}

/** dct:isVersionOf: the IRI of the dataset this one is a version of; '' (with a warning) when not http(s). */
export function isVersionOf(g: Graph, uri: string, warn: Warn): string {
  const node = g.objects(uri, `${dct}isVersionOf`)[0];
  const value = node && node.kind !== 'blank' ? node.value.trim() : '';
  if (!value || isWebUrl(value)) return value;
  warn(`dct:isVersionOf ${value} non è un indirizzo http(s), ignorato`);
  return '';
}
