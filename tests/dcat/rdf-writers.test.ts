// The four streaming RDF writers: each one parses back (n3, rdfxml-streaming-parser, jsonld.toRDF) to the
// same graph, up to blank node labels; special characters, odd predicates and back-pressure.
import { PassThrough, Writable } from 'node:stream';
import { DataFactory, Parser } from 'n3';
import type { Quad } from 'n3';
import { PREFIXES, xsd } from '../../server/dcat/rdf/namespaces';
import { RDF_FORMATS, RdfFormat, createRdfWriter, rdfFormatForExtension } from '../../server/dcat/rdf/writers';
import { canonical, parseBack, serialise } from '../support/rdf';


const { namedNode, blankNode, literal, quad } = DataFactory;
const FORMATS: RdfFormat[] = ['turtle', 'ntriples', 'rdfxml', 'jsonld'];
const EX = 'https://dati.example.it/';




const special = 'Dati <aperti> & "liberi" d\'Italia: città, perché, über\nseconda riga\r\nterza\ttab ]]> 🇮🇹';

function sampleQuads(): Quad[][] {
  const ds = namedNode(`${EX}dataset/a?x=1&y='2'`);
  const b = blankNode('ds-1_checksum');
  const odd = blankNode('1 label/with:odd chars');
  return [
    [
      quad(ds, namedNode(`${PREFIXES.rdf}type`), namedNode(`${PREFIXES.dcat}Dataset`)),
      quad(ds, namedNode(`${PREFIXES.dct}title`), literal(special, 'it')),
      quad(ds, namedNode(`${PREFIXES.dct}description`), literal(special)),
      quad(ds, namedNode(`${PREFIXES.dct}issued`), literal('2024-01-31', xsd('date'))),
      quad(ds, namedNode(`${PREFIXES.dcat}byteSize`), literal('12345', xsd('nonNegativeInteger'))),
      quad(ds, namedNode(`${PREFIXES.spdx}checksum`), b),
      quad(b, namedNode(`${PREFIXES.spdx}checksumValue`), literal('ab01ff', xsd('hexBinary'))),
      quad(ds, namedNode(`${PREFIXES.dct}title`), literal('', 'en')),
    ],
    [
      // the same subject again in a later batch, and predicates outside the declared prefixes
      quad(ds, namedNode('http://example.org/terms/1st-property'), literal('x')),
      quad(ds, namedNode('http://purl.org/dc/terms/9abc'), literal('y')),
      quad(ds, namedNode('http://example.org/ns#età'), literal('z')),
      quad(ds, namedNode('urn:x-test:p.q'), odd),
      quad(odd, namedNode(`${PREFIXES.rdf}type`), namedNode(`${PREFIXES.foaf}Agent`)),
      quad(odd, namedNode(`${PREFIXES.rdfs}seeAlso`), blankNode('b0')),
      quad(blankNode('b0'), namedNode(`${PREFIXES.rdf}type`), blankNode('b0')),
      quad(ds, namedNode(`${PREFIXES.vcard}hasEmail`), namedNode('mailto:ufficio%20dati@example.it')),
    ],
  ];
}

describe('RDF writers', () => {
  test('formats: MIME types and extensions', () => {
    expect(RDF_FORMATS.turtle).toEqual({ mimeType: 'text/turtle', extensions: ['ttl'] });
    expect(RDF_FORMATS.ntriples).toEqual({ mimeType: 'application/n-triples', extensions: ['nt'] });
    expect(RDF_FORMATS.rdfxml).toEqual({ mimeType: 'application/rdf+xml', extensions: ['rdf', 'xml'] });
    expect(RDF_FORMATS.jsonld).toEqual({ mimeType: 'application/ld+json', extensions: ['jsonld'] });
    expect(rdfFormatForExtension('.xml')).toBe('rdfxml');
    expect(rdfFormatForExtension('TTL')).toBe('turtle');
    expect(rdfFormatForExtension('csv')).toBeNull();
  });

  test('every format parses back to the same graph as the input', async () => {
    const batches = sampleQuads();
    const expected = await canonical(batches.flat());
    for (const format of FORMATS) {
      const text = await serialise(format, batches);
      const back = await parseBack(text, format);
      expect({ format, quads: await canonical(back) }).toEqual({ format, quads: expected });
    }
  });

  test('Turtle declares the prefixes and uses them', async () => {
    const text = await serialise('turtle', sampleQuads());
    expect(text).toContain('@prefix dcat: <http://www.w3.org/ns/dcat#>.');
    expect(text).toContain('a dcat:Dataset');
    expect(text).toContain('"12345"^^xsd:nonNegativeInteger');
  });

  test('RDF/XML: rdf:Description per subject, escaping, predicates that are no prefix:NCName', async () => {
    const xml = await serialise('rdfxml', sampleQuads());
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF')).toBe(true);
    expect(xml).toContain('xmlns:dcat="http://www.w3.org/ns/dcat#"');
    expect(xml).toContain(`rdf:about="https://dati.example.it/dataset/a?x=1&amp;y='2'"`);
    expect(xml).toContain('<dct:title xml:lang="it">Dati &lt;aperti&gt; &amp; "liberi" d\'Italia');
    expect(xml).toContain('seconda riga&#13;\nterza\ttab ]]&gt;');
    expect(xml).toContain('<ns0:st-property xmlns:ns0="http://example.org/terms/1">x</ns0:st-property>');
    expect(xml).toContain('<ns0:abc xmlns:ns0="http://purl.org/dc/terms/9">y</ns0:abc>');
    expect(xml).toContain('<ns0:età xmlns:ns0="http://example.org/ns#">z</ns0:età>');
    expect(xml).toContain('<ns0:p.q xmlns:ns0="urn:x-test:"');
    expect(xml).toContain('rdf:datatype="http://www.w3.org/2001/XMLSchema#hexBinary">ab01ff<');
    expect(xml.match(/<rdf:Description /g)).toHaveLength(5); // the dataset twice (two batches)
    expect(xml.trimEnd().endsWith('</rdf:RDF>')).toBe(true);
  });

  test('RDF/XML refuses what XML cannot carry instead of writing a broken document', async () => {
    const s = namedNode(`${EX}x`);
    await expect(serialise('rdfxml', [[quad(s, namedNode('http://example.org/p/123'), literal('a'))]]))
      .rejects.toThrow(/NCName/);
    await expect(serialise('rdfxml', [[quad(s, namedNode(`${PREFIXES.dct}title`), literal('bell\u0007'))]]))
      .rejects.toThrow(/XML 1.0/);
  });

  test('JSON-LD: one document with @context and one node object per subject', async () => {
    const doc = JSON.parse(await serialise('jsonld', sampleQuads())) as { '@context': Record<string, string>; '@graph': Record<string, unknown>[] };
    expect(doc['@context'].dcat).toBe(PREFIXES.dcat);
    const node = doc['@graph'][0];
    expect(node['@id']).toBe(`${EX}dataset/a?x=1&y='2'`);
    expect(node['@type']).toEqual(['dcat:Dataset']);
    expect(node['dct:issued']).toEqual([{ '@value': '2024-01-31', '@type': 'xsd:date' }]);
    expect(node['dct:title']).toEqual([{ '@value': special, '@language': 'it' }, { '@value': '', '@language': 'en' }]);
  });

  test('empty documents are valid in every format', async () => {
    for (const format of FORMATS) {
      const text = await serialise(format, []);
      expect(await parseBack(text, format)).toEqual([]);
    }
  });

  test('write() waits for drain when the stream is full, and nothing is lost', async () => {
    let written = '';
    let writesWhileFull = 0;
    const out = new Writable({
      highWaterMark: 64,
      write(chunk: Buffer, _enc, done) { written += chunk.toString('utf8'); setTimeout(done, 1); },
    });
    const realWrite = out.write.bind(out);
    out.write = ((chunk: string, ...rest: never[]) => {
      if (out.writableNeedDrain) writesWhileFull++;
      return realWrite(chunk, ...rest);
    }) as typeof out.write;
    const writer = createRdfWriter('ntriples', out);
    const batches: Quad[][] = [];
    for (let i = 0; i < 50; i++) {
      batches.push([quad(namedNode(`${EX}d/${i}`), namedNode(`${PREFIXES.dct}title`), literal(`titolo ${i}`, 'it'))]);
    }
    for (const batch of batches) await writer.write(batch);
    await writer.end();
    expect(writesWhileFull).toBe(0);
    expect(out.writableFinished).toBe(true);
    expect(new Parser({ format: 'N-Triples' }).parse(written)).toHaveLength(50);
    await expect(writer.write([])).rejects.toThrow(/end\(\)/);
  });

  test('end: false leaves the stream open', async () => {
    const out = new PassThrough();
    out.resume();
    const writer = createRdfWriter('turtle', out, { end: false });
    await writer.write([quad(namedNode(`${EX}a`), namedNode(`${PREFIXES.dct}title`), literal('a'))]);
    await writer.end();
    expect(out.writableEnded).toBe(false);
    out.end();
  });
});
