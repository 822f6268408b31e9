// The SHACL test support can pass AND fail: a conforming example passes every shape set,
// broken copies of it and a real ckanext-dcatapit export do not.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writer } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { ALL_SHAPE_SETS, ShapeSet, describeViolations, validateRdf, violationsOf } from '../support/shacl';

const EXAMPLES = path.join(__dirname, '..', 'fixtures', 'dcat-examples');
const example = readFileSync(path.join(EXAMPLES, 'firenze-dcatapit-example.ttl'), 'utf8');
const DATASET = 'https://opendata.example.it/c_d612/dataset/popolazione-residente';
const DCT = 'http://purl.org/dc/terms/';

/** example.ttl without one exact line. */
function without(line: string): string {
  expect(example).toContain(line);
  return example.replace(line, '');
}

function rdfXmlToNTriples(xml: string, baseIRI: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format: 'N-Triples' });
    const parser = new RdfXmlParser({ baseIRI });
    parser.on('data', (quad) => writer.addQuad(quad));
    parser.on('error', reject);
    parser.on('end', () => writer.end((err, nt) => (err ? reject(err) : resolve(nt))));
    parser.end(xml);
  });
}

const setsWith = (results: { set?: ShapeSet }[]) => [...new Set(results.map((r) => r.set))].sort();

test('the Firenze example has zero violations against every shape set', async () => {
  let started = performance.now();
  await validateRdf(example, 'dcat-ap-3.0.1');
  const one = performance.now() - started;
  started = performance.now();
  const violations = await violationsOf(example);
  const all = performance.now() - started;
  console.log(`SHACL: one set (dcat-ap-3.0.1) ${one.toFixed(0)} ms; all ${ALL_SHAPE_SETS.length} sets in one worker ${all.toFixed(0)} ms`);
  expect(violations).toEqual([]);
});

test('a dataset without dct:title violates every set that requires a title', async () => {
  const violations = await violationsOf(without('  dct:title "Popolazione residente per quartiere"@it ;\n'));
  expect(setsWith(violations)).toEqual(['dcat-ap-2.1.1-base', 'dcat-ap-3.0.1', 'dcat-ap-3.0.1-base', 'dcat-ap_it']);
  for (const v of violations) expect([v.focusNode, v.path]).toEqual([DATASET, `${DCT}title`]);
});

test('an untyped frequency violates the class-range sets', async () => {
  const violations = await violationsOf(without('eufreq:ANNUAL a dct:Frequency .\n'));
  expect(setsWith(violations)).toEqual(['dcat-ap-2.1.1-range', 'dcat-ap-3.0.1', 'dcat-ap-3.0.1-range']);
  for (const v of violations) {
    expect([v.focusNode, v.path, v.value]).toEqual(
      [DATASET, `${DCT}accrualPeriodicity`, 'http://publications.europa.eu/resource/authority/frequency/ANNUAL']);
  }
});

test('the real ckanext-dcatapit export (dati.unibo.it) has many DCAT-AP 3.0.1 violations', async () => {
  const xml = readFileSync(path.join(EXAMPLES, 'ckanext-dcatapit_catalog_dati_unibo.rdf'), 'utf8');
  const nt = await rdfXmlToNTriples(xml, 'http://dati.unibo.it/');
  const violations = await violationsOf(nt, ['dcat-ap-3.0.1']);
  console.log(`dati.unibo.it export: ${nt.split('\n').filter(Boolean).length} triples, ` +
    `${violations.length} DCAT-AP 3.0.1 violations; first ones:\n${describeViolations(violations.slice(0, 5))}`);
  expect(violations.length).toBeGreaterThan(100);
  expect(violations.every((v) => v.severity === 'Violation' && v.set === 'dcat-ap-3.0.1')).toBe(true);
});
