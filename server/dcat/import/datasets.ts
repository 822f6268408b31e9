// DCAT-AP_IT / DCAT-AP 2–3 quads → catalogo package_create input dicts (CKAN core field names plus
// those of ckanext-dcatapit). Pure: no database, no action, no network. Never throws on odd data:
// whatever is missing or unusable becomes a short Italian warning on the dataset it concerns.
//
// The parts: parse.ts (text → quads), graph.ts (quads → index), dataset.ts (one dataset, from
// identifiers.ts, agents.ts, themes.ts, codes.ts, temporal-spatial.ts, references.ts,
// distributions.ts, licences.ts), this file (which datasets a document has).
import type { Quad } from '@rdfjs/types';
import { importDataset, type DocumentContext, type ImportedDataset } from './dataset';
import { Graph, NS } from './graph';
import { DatasetNames } from './identifiers';
import { compare, isNode } from './values';

export type { ImportedDataset } from './dataset';
export { slugify } from './identifiers';
export { guessRdfFormat, parseRdf } from './parse';

const { rdf, dcat, dcatapit } = NS;

/** Dataset → the catalogue listing it (dcat:dataset), the first one found. */
function cataloguesByDataset(g: Graph): Map<string, string> {
  const catalogues = new Map<string, string>();
  for (const c of g.subjectsWith(`${dcat}dataset`)) {
    for (const d of g.objects(c, `${dcat}dataset`)) if (isNode(d) && !catalogues.has(d.value)) catalogues.set(d.value, c);
  }
  return catalogues;
}

/** Typed datasets, and those only listed by a catalogue but described; by IRI, blank nodes last. */
function datasetSubjects(g: Graph, catalogues: Map<string, string>): string[] {
  const typed = [...g.subjectsWith(`${rdf}type`, `${dcat}Dataset`), ...g.subjectsWith(`${rdf}type`, `${dcatapit}Dataset`)];
  const listed = [...catalogues.keys()].filter((d) => g.has(d));
  // The same order whatever the serialisation: blank node labels differ between parsers, IRIs do not.
  const isBlank = (k: string): boolean => k.startsWith('_:');
  return [...new Set([...typed, ...listed])]
    .sort((a, b) => (isBlank(a) || isBlank(b) ? Number(isBlank(a)) - Number(isBlank(b)) : compare(a, b)));
}

/** Every dcat:Dataset (or dcatapit:Dataset) in the quads, mapped to a catalogo package_create input. */
export function datasetsFromQuads(quads: Quad[]): ImportedDataset[] {
  const g = new Graph(quads);
  const catalogues = cataloguesByDataset(g);
  const doc: DocumentContext = { g, names: new DatasetNames(), catalogueOf: (d) => catalogues.get(d) };
  return datasetSubjects(g, catalogues).map((uri) => {
    try {
      return importDataset(doc, uri);
    } catch (err) {
      // A bug here must not cost the other datasets of the harvest.
      return { uri, input: {}, organization: null, warnings: [`dataset ${uri}: non importabile (${(err as Error).message})`] };
    }
  });
}
