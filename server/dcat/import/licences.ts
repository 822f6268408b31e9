// dct:license → catalogo licence ids. The URIs are recognised by server/catalogue/licenses.ts, from
// the same table the feeds write them with; here are the RDF shapes exports give a licence in (an
// IRI, a literal, a node of the publisher's own that points at a known licence) and the choice of
// the dataset's licence, which DCAT has only on distributions.
import { findLicense, licenceIdForUri } from '../../catalogue/licenses';
import { Graph, NS, type Node } from './graph';
import type { Warn } from './values';

const { dct, dcatapit, foaf, owl, skos, rdfs } = NS;
const UNSPECIFIED = 'notspecified';

function unrecognised(what: string, warn: Warn): string {
  warn(`licenza non riconosciuta: ${what}, uso "${UNSPECIFIED}"`);
  return UNSPECIFIED;
}

/** The licence id of a dct:license value; "notspecified" (with a warning) when there is none or it is unknown. */
export function licenceOf(g: Graph, node: Node | undefined, warn: Warn): string {
  if (!node) {
    warn(`manca dct:license, licenza "${UNSPECIFIED}"`);
    return UNSPECIFIED;
  }
  if (node.kind === 'literal') {
    const text = node.value.trim();
    return licenceIdForUri(text) ?? (findLicense(text) ? text : unrecognised(`"${text}"`, warn));
  }
  const own = node.kind === 'iri' ? licenceIdForUri(node.value) : null;
  if (own) return own;
  // A licence IRI of the publisher's own, or an anonymous node: what it says it is may help.
  const seeAlso = g.objects(node.value, `${dcatapit}referenceDoc`, `${foaf}homepage`, `${owl}sameAs`, `${skos}exactMatch`, `${rdfs}seeAlso`);
  const known = seeAlso.map((c) => licenceIdForUri(c.value.trim())).find(Boolean);
  if (known) return known;
  const label = g.text(node.value, `${foaf}name`, `${dct}title`, `${rdfs}label`);
  return unrecognised(node.kind === 'iri' ? node.value : label ? `"${label}"` : '(nodo anonimo)', warn);
}

/** The dataset's licence: its distributions' (the first known one), else the dataset's own dct:license. */
export function datasetLicenceOf(g: Graph, resources: Record<string, unknown>[], datasetLicence: Node | undefined, warn: Warn): string {
  const known = [...new Set(resources.map((r) => String(r.license_id)))].filter((id) => id !== UNSPECIFIED);
  if (known.length > 1) warn(`le risorse hanno licenze diverse (${known.join(', ')}), per il dataset uso ${known[0]}`);
  if (known.length) return known[0];
  if (!resources.length && datasetLicence) return licenceOf(g, datasetLicence, warn);
  return UNSPECIFIED;
}
