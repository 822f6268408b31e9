// dct:temporal (a period: DCAT, schema.org, DCAT-AP_IT or OWL-Time dates) and dct:spatial (an EU place
// of server/dcat/vocabularies.ts and/or a GeoNames URL) → ckanext-dcatapit's temporal and geographical fields.
import { vocabulary } from '../vocabularies';
import { normalizeDate } from './dates';
import { Graph, NS, type Node } from './graph';
import { EU_AUTHORITY, isNode, lastSegment, type Warn } from './values';

const { dct, dcat, dcatapit, schema, locn, time } = NS;
const EU_PLACE = `${EU_AUTHORITY}place/`;
const GEONAMES = /^https?:\/\/(?:www\.|sws\.)?geonames\.org\/\d+/i;

/** An OWL-Time instant's date (time:hasBeginning / time:hasEnd). */
function instant(g: Graph, period: string, edge: 'Beginning' | 'End'): string {
  const node = g.objects(period, `${time}has${edge}`).find(isNode);
  return node ? g.text(node.value, `${time}inXSDDate`, `${time}inXSDDateTime`, `${time}inXSDDateTimeStamp`) : '';
}

export function temporalOf(g: Graph, uri: string, warn: Warn): { start: string; end: string } {
  const periods = g.objects(uri, `${dct}temporal`);
  if (periods.length > 1) warn('più di un dct:temporal, uso il primo');
  const p = periods[0];
  if (!p) return { start: '', end: '' };
  if (p.kind === 'literal') {
    warn(`dct:temporal è un testo, non un periodo: "${p.value.trim()}"`);
    return { start: '', end: '' };
  }
  const start = g.text(p.value, `${dcat}startDate`, `${schema}startDate`, `${dcatapit}startDate`) || instant(g, p.value, 'Beginning');
  const end = g.text(p.value, `${dcat}endDate`, `${schema}endDate`, `${dcatapit}endDate`) || instant(g, p.value, 'End');
  if (!start && !end) warn(g.has(p.value) ? 'dct:temporal senza data di inizio né di fine' : `dct:temporal ${p.value} non descritto nel documento`);
  return { start: normalizeDate(start, 'inizio di dct:temporal', warn, 'start'), end: normalizeDate(end, 'fine di dct:temporal', warn, 'end') };
}

/** The values a dct:spatial node may carry a place in: its IRI, its identifiers, its names. */
function spatialValues(g: Graph, n: Node): string[] {
  if (n.kind === 'literal') return [n.value.trim()];
  const described = g.objects(n.value, `${dcatapit}geographicalIdentifier`, `${locn}geographicalName`, `${dct}identifier`);
  return [...(n.kind === 'iri' ? [n.value] : []), ...described.map((v) => v.value)].map((v) => v.trim());
}

type Place = { kind: 'place' | 'geonames' | 'unknown'; value: string } | null;

/** An EU place IRI or bare code (known to the place vocabulary), or a GeoNames URL. */
function placeIn(raw: string): Place {
  const euCode = raw.startsWith(EU_PLACE) || raw.startsWith(EU_PLACE.replace('http:', 'https:')) ? lastSegment(raw)
    : /^[A-Z]{3}(_[A-Z0-9]{2,})?$/.test(raw) ? raw : '';
  if (euCode) {
    const term = vocabulary('place').byCode(euCode);
    return term ? { kind: 'place', value: term.code } : { kind: 'unknown', value: euCode.toUpperCase() };
  }
  return GEONAMES.test(raw) ? { kind: 'geonames', value: raw } : null;
}

function warnUnplaced(g: Graph, n: Node, warn: Warn): void {
  const what = n.kind === 'literal' ? `"${n.value.trim()}"` : n.kind === 'iri' ? n.value : 'nodo anonimo';
  const onlyGeometry = n.kind !== 'literal' && g.objects(n.value, `${locn}geometry`).length > 0;
  warn(`dct:spatial ${what} senza luogo EU né GeoNames${onlyGeometry ? ' (solo geometria, ignorata)' : g.has(n.value) ? '' : ', non descritto nel documento'}`);
}

export function spatialOf(g: Graph, uri: string, warn: Warn): { place: string; geonames: string } {
  const found = { place: [] as string[], geonames: [] as string[] };
  for (const n of g.objects(uri, `${dct}spatial`)) {
    const places = spatialValues(g, n).map(placeIn);
    for (const p of places) {
      if (p?.kind === 'unknown') warn(`dct:spatial: luogo EU ${p.value} non presente nel vocabolario dei luoghi, ignorato`);
      else if (p && !found[p.kind].includes(p.value)) found[p.kind].push(p.value);
    }
    if (!places.some(Boolean)) warnUnplaced(g, n, warn);
  }
  const [place, geonames] = [found.place.sort(), found.geonames.sort()];
  if (place.length > 1) warn(`più di un luogo EU (${place.join(', ')}), uso ${place[0]}`);
  if (geonames.length > 1) warn(`più di un luogo GeoNames, uso ${geonames[0]}`);
  return { place: place[0] ?? '', geonames: geonames[0] ?? '' };
}
