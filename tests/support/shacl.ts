// Validate RDF against the DCAT-AP / DCAT-AP_IT SHACL shapes copied in tests/fixtures/shapes.
// rdf-validate-shacl is ESM-only, so validation runs in a child Node process (shacl-worker.mjs).
import { execFile } from 'node:child_process';
import path from 'node:path';

export type ShapeSet =
  | 'dcat-ap-3.0.1' | 'dcat-ap-3.0.1-base' | 'dcat-ap-3.0.1-range'
  | 'dcat-ap-2.1.1-base' | 'dcat-ap-2.1.1-range' | 'dcat-ap_it';

export interface ShaclResult {
  severity: string; // 'Violation' | 'Warning' | 'Info'
  focusNode: string;
  path: string;
  message: string;
  sourceShape: string;
  value: string;
  set?: ShapeSet; // set by violationsOf
}

const SHAPES = path.join(__dirname, '..', 'fixtures', 'shapes');
const WORKER = path.join(__dirname, 'shacl-worker.mjs');

const SHAPE_FILES: Record<ShapeSet, string[]> = {
  'dcat-ap-3.0.1': ['dcat-ap-SHACL.ttl'],
  'dcat-ap-3.0.1-base': ['html-shapes.ttl'],
  'dcat-ap-3.0.1-range': ['html-range.ttl'],
  'dcat-ap-2.1.1-base': ['dcat-ap_2.1.1_shacl_shapes.ttl'],
  'dcat-ap-2.1.1-range': ['dcat-ap_2.1.1_shacl_range.ttl'],
  'dcat-ap_it': ['dcat-ap_it-min.shapes.ttl'],
};
const filesOf = (set: ShapeSet) => SHAPE_FILES[set].map((f) => path.join(SHAPES, f));

export const ALL_SHAPE_SETS = Object.keys(SHAPE_FILES) as ShapeSet[];

interface Report { conforms: boolean; results: ShaclResult[] }

function runWorker<T>(input: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [WORKER], { maxBuffer: 512 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`shacl-worker failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout) as T);
    });
    child.stdin!.on('error', () => {}); // a worker that dies early is reported by the callback
    child.stdin!.end(JSON.stringify(input));
  });
}

/** Every result (violations, warnings, infos) of one shape set. */
export async function validateRdf(data: string, set: ShapeSet): Promise<ShaclResult[]> {
  const report = await runWorker<Report>({ data, shapeFiles: filesOf(set) });
  return report.results.map((r) => ({ ...r, set }));
}

/** Only sh:Violation results, over every set given (one worker run: the data is parsed once). */
export async function violationsOf(data: string, sets: ShapeSet[] = ALL_SHAPE_SETS): Promise<ShaclResult[]> {
  const input = { data, sets: Object.fromEntries(sets.map((s) => [s, filesOf(s)])) };
  const out = await runWorker<{ sets: Record<string, Report> }>(input);
  return sets.flatMap((set) =>
    out.sets[set].results.filter((r) => r.severity === 'Violation').map((r) => ({ ...r, set })),
  );
}

const PREFIXES: [string, string][] = [
  ['dcat:', 'http://www.w3.org/ns/dcat#'], ['dct:', 'http://purl.org/dc/terms/'],
  ['foaf:', 'http://xmlns.com/foaf/0.1/'], ['skos:', 'http://www.w3.org/2004/02/skos/core#'],
  ['vcard:', 'http://www.w3.org/2006/vcard/ns#'], ['rdf:', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  ['dcat-ap-3.0.1:', 'https://semiceu.github.io/DCAT-AP/releases/3.0.1#'],
];
const short = (text: string) => PREFIXES.reduce((s, [prefix, ns]) => s.replaceAll(ns, prefix), text);

/** One line per result, for failing expect messages. */
export function describeViolations(results: ShaclResult[]): string {
  if (results.length === 0) return 'no SHACL results';
  const lines = results.map((r) =>
    `${r.set ? `[${r.set}] ` : ''}${r.severity} ${short(r.focusNode)} ${short(r.path) || '(node)'}` +
    `${r.value ? ` = ${short(r.value)}` : ''}: ${short(r.message)} (shape ${short(r.sourceShape)})`,
  );
  return `${results.length} SHACL result(s):\n${lines.join('\n')}`;
}
