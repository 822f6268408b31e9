// The four streaming RDF writers: each one parses back (n3, rdfxml-streaming-parser, jsonld.toRDF) to the
// same graph, up to blank node labels; special characters, odd predicates and back-pressure.
import { createServer, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { DataFactory, Parser } from 'n3';
import type { Quad } from 'n3';
import { n3Serializer } from '../../server/dcat/rdf/n3-serializer';
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

  test('RDF/XML refuses a predicate it cannot write at all', async () => {
    const s = namedNode(`${EX}x`);
    await expect(serialise('rdfxml', [[quad(s, namedNode('http://example.org/p/123'), literal('a'))]]))
      .rejects.toThrow(/NCName/);
    await expect(serialise('rdfxml', [[quad(s, namedNode('http://example.org/p\u000B/abc'), literal('a'))]]))
      .rejects.toThrow(/XML 1.0/);
  });

  describe('characters XML 1.0 cannot carry (a U+000B pasted from Word into the notes)', () => {
    // Every kind: C0 controls, U+FFFE/U+FFFF, lone surrogates (high and low); a valid pair stays.
    const BAD = ['\u0001', '\u0008', '\u000B', '\u000C', '\u000E', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF'];
    const dirty = `a${BAD.join('b')}c 🇮🇹\tend`;
    const clean = 'abbbbbbbbbc 🇮🇹\tend';
    const s = namedNode(`${EX}dataset/ctrl`);
    const batch = (text = dirty): Quad[] => [
      quad(s, namedNode(`${PREFIXES.dct}description`), literal(text, 'it')),
      quad(s, namedNode(`${PREFIXES.dct}title`), literal(text)),
      quad(s, namedNode(`${PREFIXES.dcat}keyword`), literal(text, namedNode('http://example.org/dt'))),
    ];
    const bell = quad(s, namedNode(`${PREFIXES.rdfs}comment`), literal('bell\u0007'));

    test('RDF/XML drops them from literals: the document is written whole and parses', async () => {
      const xml = await serialise('rdfxml', [batch(), [bell]]);
      expect(xml.trimEnd().endsWith('</rdf:RDF>')).toBe(true);
      const back = await parseBack(xml, 'rdfxml');
      const expected = [...batch(clean), quad(s, bell.predicate, literal('bell'))];
      expect(await canonical(back)).toEqual(await canonical(expected));
    });

    test('RDF/XML percent-encodes them in IRIs instead of throwing', async () => {
      const odd = namedNode(`${EX}a\u000Bb\uFFFEc`);
      const xml = await serialise('rdfxml', [[quad(odd, namedNode(`${PREFIXES.dct}relation`), odd)]]);
      const back = await parseBack(xml, 'rdfxml');
      expect(back.map((q) => [q.subject.value, q.object.value])).toEqual([[`${EX}a%0Bb%EF%BF%BEc`, `${EX}a%0Bb%EF%BF%BEc`]]);
    });

    test('JSON-LD escapes them: the literals come back whole', async () => {
      const back = await parseBack(await serialise('jsonld', [batch(), [bell]]), 'jsonld');
      expect(back).toHaveLength(4);
      expect(await canonical(back)).toEqual(await canonical([...batch(), bell]));
      expect(back.filter((q) => q.object.value === dirty)).toHaveLength(3);
    });

    // A lone surrogate is no Unicode character: UTF-8 cannot carry it, so it comes back as U+FFFD.
    test.each(['turtle', 'ntriples'] as RdfFormat[])('%s keeps them (a lone surrogate becomes U+FFFD)', async (format) => {
      const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
      expect(n3Serializer(format === 'turtle' ? 'Turtle' : 'N-Triples', PREFIXES).batch(batch())).not.toMatch(lone);
      const text = await serialise(format, [batch(), [bell]]);
      const back = await parseBack(text, format);
      const kept = dirty.replace(/\uD800|\uDFFF/g, '\uFFFD');
      expect(await canonical(back)).toEqual(await canonical([...batch(kept), bell]));
      expect(back.filter((q) => q.object.value === kept)).toHaveLength(3);
    });
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

  test('write() settles when the stream is destroyed while it waits for drain (a client that went away)', async () => {
    const out = new Writable({ highWaterMark: 8, write(_chunk, _enc, _done) { /* never done: the socket is full */ } });
    const writer = createRdfWriter('ntriples', out);
    const big = [quad(namedNode(`${EX}d/1`), namedNode(`${PREFIXES.dct}title`), literal('x'.repeat(100)))];
    const pending = writer.write(big); // over the highWaterMark: waits for 'drain', which never comes
    await new Promise((r) => setImmediate(r));
    out.destroy(); // 'close' only: no 'drain', no 'error'
    await expect(pending).rejects.toThrow(/chiuso/);
    // once closed, every further call fails at once instead of writing into a dead stream
    await expect(writer.write(big)).rejects.toThrow(/chiuso/);
    await expect(writer.end()).rejects.toThrow(/chiuso/);
  }, 2000);

  test('an HTTP client that disconnects while the response is full: write() rejects, the handler ends', async () => {
    let response: ServerResponse | undefined;
    let handler: Promise<number> | undefined;
    const server = createServer((_req, res) => {
      response = res;
      const writer = createRdfWriter('ntriples', res);
      const batch = [quad(namedNode(`${EX}d`), namedNode(`${PREFIXES.dct}description`), literal('x'.repeat(64 * 1024)))];
      handler = (async () => {
        let batches = 0;
        // A feed writes until the writer says the client is gone.
        try { for (;;) { await writer.write(batch); batches++; } } catch { return batches; }
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
      client.pause(); // reads nothing: the socket buffers fill up
      client.write('GET /catalog.nt HTTP/1.1\r\nHost: localhost\r\n\r\n');
      for (let i = 0; i < 400 && !response?.writableNeedDrain; i++) await new Promise((r) => setTimeout(r, 5));
      expect(response?.writableNeedDrain).toBe(true);
      client.destroy(); // the response emits 'close', and no 'drain'
      // Raced with a timer so that a hang fails here and the server is still closed below.
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<string>((resolve) => { timer = setTimeout(() => resolve('hung'), 3000); });
      const outcome = await Promise.race([handler!, hung]);
      clearTimeout(timer);
      expect(outcome).toBeGreaterThan(0);
      expect(response!.destroyed).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 5000);

  test('write() refuses a stream already ended or destroyed, without writing', async () => {
    const ended = new PassThrough();
    ended.resume();
    ended.end();
    await expect(createRdfWriter('turtle', ended).write([])).rejects.toThrow(/chiuso/);
    const destroyed = new PassThrough();
    destroyed.destroy();
    const write = jest.spyOn(destroyed, 'write');
    await expect(createRdfWriter('turtle', destroyed).write([])).rejects.toThrow(/chiuso/);
    expect(write).not.toHaveBeenCalled();
  }, 2000);

  test('end() settles when the stream closes before finishing (a ServerResponse emits no finish then)', async () => {
    const out = new Writable({ highWaterMark: 1 << 20, write(_chunk, _enc, _done) { /* never done */ } });
    const writer = createRdfWriter('jsonld', out);
    await writer.write([quad(namedNode(`${EX}a`), namedNode(`${PREFIXES.dct}title`), literal('a'))]);
    const ending = writer.end();
    await new Promise((r) => setImmediate(r));
    out.destroy();
    await expect(ending).rejects.toThrow();
  }, 2000);
});
