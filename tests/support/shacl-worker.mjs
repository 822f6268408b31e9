// SHACL validation in a child process: rdf-validate-shacl is ESM-only, jest runs CommonJS.
// stdin:  { "data": "<Turtle or N-Triples>", "shapeFiles": ["/abs/shapes.ttl", ...] }
//    or:  { "data": "...", "sets": { "<label>": ["/abs/shapes.ttl", ...], ... } }  (several sets, one data parse)
// stdout: { conforms, results: [{ severity, focusNode, path, message, sourceShape, value }] }
//    or:  { "sets": { "<label>": { conforms, results } } }
import { readFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { DataFactory, Parser } from 'n3';
import factory from '@rdfjs/dataset';
import SHACLValidator from 'rdf-validate-shacl';

const SH = 'http://www.w3.org/ns/shacl#';
const parse = (turtle) => factory.dataset(new Parser().parse(turtle));
const show = (term) => (!term ? '' : term.termType === 'BlankNode' ? `_:${term.value}` : term.value);

// Many shapes (dcat-ap-SHACL.ttl) have no sh:message: say which constraint failed instead,
// e.g. sh:ClassConstraintComponent -> "sh:class http://purl.org/dc/terms/Frequency".
function messageOf(r, shapes) {
  if (r.message.length) return r.message.map((m) => m.value).join(' | ');
  const name = show(r.sourceConstraintComponent).replace(SH, '').replace(/ConstraintComponent$/, '');
  const param = name.charAt(0).toLowerCase() + name.slice(1);
  const values = [...shapes.match(r.sourceShape, DataFactory.namedNode(SH + param))].map((q) => show(q.object));
  return `sh:${param} ${values.join(', ')}`.trim();
}

async function validate(data, shapeFiles) {
  const shapes = factory.dataset(shapeFiles.flatMap((file) => new Parser().parse(readFileSync(file, 'utf8'))));
  // Never fetch owl:imports: every import resolves to an empty graph.
  const validator = new SHACLValidator(shapes, { importGraph: () => factory.dataset() });
  const report = await validator.validate(data);
  return {
    conforms: report.conforms,
    results: report.results.map((r) => ({
      severity: show(r.severity).replace(SH, ''),
      focusNode: show(r.focusNode),
      path: show(r.path),
      message: messageOf(r, shapes),
      sourceShape: show(r.sourceShape),
      value: show(r.value),
    })),
  };
}

const input = JSON.parse(await text(process.stdin));
const data = parse(input.data);
let output;
if (input.sets) {
  output = { sets: {} };
  for (const [label, files] of Object.entries(input.sets)) output.sets[label] = await validate(data, files);
} else {
  output = await validate(data, input.shapeFiles);
}
process.stdout.write(JSON.stringify(output));
