// Turtle and N-Triples, through n3's Writer.
import { DataFactory, Writer as N3Writer } from 'n3';
import type { Quad_Object, Quad_Subject } from './namespaces';
import { safeLabel, TURTLE_LABEL, type Serializer } from './serializer';

// A lone surrogate is no Unicode character: no UTF-8 text can carry it, and RDF strings cannot hold it.
// The output stream would turn it into U+FFFD anyway; done here, the text itself is well-formed.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function n3Serializer(format: 'Turtle' | 'N-Triples', prefixes: Record<string, string>): Serializer {
  let buffer = '';
  const sink = {
    write(chunk: string, _encoding?: string, done?: () => void) { buffer += chunk; done?.(); return true; },
    end(done?: () => void) { done?.(); },
  };
  // The sink looks enough like a stream for n3 (it only calls write and end).
  const writer = new N3Writer(sink as unknown as NodeJS.WritableStream, { format, prefixes });
  const safe = <T extends Quad_Subject | Quad_Object>(term: T): T =>
    term.termType === 'BlankNode' && !TURTLE_LABEL.test(term.value) ? (DataFactory.blankNode(safeLabel(term.value)) as T) : term;
  // Other characters (controls, U+FFFE, U+FFFF) are valid in Turtle and N-Triples: n3 escapes or keeps them.
  const take = () => { const text = buffer.replace(LONE_SURROGATE, '\uFFFD'); buffer = ''; return text; };
  return {
    head: take, // the @prefix block, written by the constructor
    batch(quads) {
      for (const q of quads) {
        const s = safe(q.subject);
        const o = safe(q.object);
        writer.addQuad(s === q.subject && o === q.object ? q : DataFactory.quad(s, q.predicate, o));
      }
      return take();
    },
    tail() {
      writer.end();
      return take();
    },
  };
}
