// A JSON file as a table: an array of objects, or an object holding one such array (under data,
// records, results, features, or its only array). Parsed in memory, so bounded in size
// (INGEST_LIMITS.maxJsonBytes); columns are the union of the objects' keys in first-seen order.
import { readFile, stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { DetectedEncoding } from './encoding';
import { INGEST_LIMITS, IngestError } from './errors';
import { RawRecord } from './source';
import { Cell } from './values';

const RECORD_KEYS = ['data', 'records', 'results', 'features', 'items', 'rows'];

const notTabular = (detail: string, detailEn: string) => new IngestError('json-not-tabular',
  `Il JSON non è una tabella: ${detail}. Serve un elenco di oggetti ([{...}, {...}]) o un oggetto che ne contenga uno (per esempio sotto "data" o "records").`,
  `The JSON is not a table: ${detailEn}. It needs a list of objects ([{...}, {...}]) or an object holding one (e.g. under "data" or "records").`);

function recordsOf(document: unknown): { records: unknown[]; path: string | null } {
  if (Array.isArray(document)) return { records: document, path: null };
  if (document === null || typeof document !== 'object') throw notTabular('contiene un solo valore', 'it holds a single value');
  const object = document as Record<string, unknown>;
  for (const key of RECORD_KEYS) if (Array.isArray(object[key])) return { records: object[key] as unknown[], path: key };
  const arrays = Object.keys(object).filter((key) => Array.isArray(object[key]));
  if (arrays.length === 1) return { records: object[arrays[0]] as unknown[], path: arrays[0] };
  throw notTabular(arrays.length === 0 ? 'nessun elenco di record' : 'più elenchi e nessuno si chiama data o records',
    arrays.length === 0 ? 'no list of records' : 'several lists and none named data or records');
}

/** GeoJSON features keep their geometry as a JSON column beside their properties. */
function flatten(record: Record<string, unknown>): Record<string, unknown> {
  if (record.type === 'Feature' && record.properties && typeof record.properties === 'object') {
    return { ...(record.properties as Record<string, unknown>), geometry: record.geometry ?? null };
  }
  return record;
}

export interface JsonTable {
  labels: string[];
  recordsPath: string | null;
  records: AsyncGenerator<RawRecord>;
}

export async function openJson(path: string, encoding: DetectedEncoding): Promise<JsonTable> {
  const { size } = await stat(path);
  if (size > INGEST_LIMITS.maxJsonBytes) {
    const mb = INGEST_LIMITS.maxJsonBytes / 1024 / 1024;
    throw new IngestError('json-too-large', `Il JSON supera ${mb} MB: per file così grandi pubblicare un CSV.`, `The JSON exceeds ${mb} MB: publish a CSV for files this large.`);
  }
  const bytes = await readFile(path);
  let document: unknown;
  try {
    document = JSON.parse(encoding.encoding === 'utf-8' ? bytes.toString('utf8').replace(/^\uFEFF/, '') : iconv.decode(bytes, 'windows-1252'));
  } catch (error) {
    throw new IngestError('invalid-json', `Il JSON non è valido: ${(error as Error).message}.`, `The JSON is invalid: ${(error as Error).message}.`);
  }
  const { records, path: recordsPath } = recordsOf(document);
  if (records.length === 0) throw notTabular('l\'elenco è vuoto', 'the list is empty');
  const rows = records.map((record, index) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) throw notTabular(`l'elemento ${index + 1} non è un oggetto`, `item ${index + 1} is not an object`);
    return flatten(record as Record<string, unknown>);
  });
  const labels = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  async function* generate(): AsyncGenerator<RawRecord> {
    for (let index = 0; index < rows.length; index += 1) {
      yield { cells: labels.map((label) => (rows[index][label] ?? null) as Cell), line: index + 1 };
    }
  }
  return { labels, recordsPath, records: generate() };
}
